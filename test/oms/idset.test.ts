// IdSet (the execId set) against a plain Set, with sequential, strided, large and random ids.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { IdSet } from '../../src/oms/index.js';

describe('IdSet', () => {
  const patterns: Array<[string, (i: number, r: Rng) => number]> = [
    ['sequential', (i) => i + 1],
    ['strided 1024', (i) => (i + 1) * 1024],
    ['strided 2^20', (i) => (i + 1) * 2 ** 20],
    ['above 2^32', (i) => 2 ** 40 + i * 3],
    ['random safe integers', (_i, r) => 1 + r.u32() * 2 ** 20 + r.u32()],
  ];
  for (const [name, gen] of patterns) {
    it(`agrees with Set<number>: ${name}`, () => {
      const r = new Rng(9);
      const set = new IdSet(8);
      const ref = new Set<number>();
      for (let i = 0; i < 20_000; i++) {
        const id = r.chance(0.1) && i > 0 ? gen(r.int(i), r) : gen(i, r);
        expect(set.add(id)).toBe(!ref.has(id));
        ref.add(id);
      }
      expect(set.size).toBe(ref.size);
      for (let i = 0; i < 25_000; i++) {
        const id = gen(i, r);
        expect(set.has(id)).toBe(ref.has(id));
      }
    });
  }
});
