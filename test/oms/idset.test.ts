// IdSet (the execId set) and IdTable (id -> slot, the OMS's order maps) against Set and Map: sequential,
// strided, large, random ids.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { IdTable } from '../../src/core/idtable.js';
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

describe('IdTable as the OMS uses it (put: an upsert)', () => {
  it('agrees with Map<number, number> under random put/delete/get churn', () => {
    const r = new Rng(4);
    const m = new IdTable(4);
    const ref = new Map<number, number>();
    const space = [(x: number) => x, (x: number) => x * 4096, (x: number) => 2 ** 45 + x * 7];
    for (let i = 0; i < 60_000; i++) {
      const id = space[i % 3](r.int(3_000));
      const u = r.next();
      if (u < 0.45) {
        const v = r.int(1 << 20);
        m.put(id, v);
        ref.set(id, v);
      } else if (u < 0.8) {
        expect(m.delete(id) >= 0).toBe(ref.delete(id));
      } else {
        expect(m.get(id)).toBe(ref.get(id) ?? -1);
      }
      expect(m.size).toBe(ref.size);
    }
    for (const [k, v] of ref) expect(m.get(k)).toBe(v);
  });
});
