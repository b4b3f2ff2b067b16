// The benchmark's op stream is valid for the book (benchBooks throws otherwise) and deterministic.
// Timing figures are not asserted here: benchmarks run under `npm run bench`.

import { describe, expect, it } from 'vitest';
import { benchBooks, generateBookOps } from '../../src/book/bench.js';

describe('benchBooks', () => {
  it('runs a clean, deterministic stream and reports a rate', () => {
    const a = benchBooks(20_000, 1);
    const b = benchBooks(20_000, 1);
    expect(a.opsPerSecond).toBeGreaterThan(0);
    expect(a.ops).toBe(20_000);
    expect(a.stateHash).toBe(b.stateHash);
    const s = generateBookOps(20_000);
    const kinds = new Set(s.op);
    expect(kinds.size).toBe(5); // add, delete, cancel, execute, replace all present
  });
});
