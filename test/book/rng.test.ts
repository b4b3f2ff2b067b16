// Rng (src/core/rng.ts): deterministic per seed, ranges respected, roughly uniform.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';

describe('Rng', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = new Rng(123);
    const b = new Rng(123);
    const c = new Rng(124);
    const sa = Array.from({ length: 50 }, () => a.u32());
    expect(Array.from({ length: 50 }, () => b.u32())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.u32())).not.toEqual(sa);
    expect(a.seed).toBe(123);
  });

  it('keeps next() in [0,1), int(n) in [0,n), range() inclusive, and is roughly uniform', () => {
    const r = new Rng(9);
    const buckets = new Array<number>(10).fill(0);
    let bad = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) bad++;
      buckets[r.int(10)]++;
      const y = r.range(-2, 2);
      if (!(y >= -2 && y <= 2 && Number.isInteger(y))) bad++;
    }
    expect(bad).toBe(0);
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });
});
