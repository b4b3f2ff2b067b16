// IdTable (open addressing, backward-shift deletion) against a plain Map on seeded random operations,
// including a tiny table where long probe runs and wrap-around are the norm.

import { describe, expect, it } from 'vitest';
import { IdTable } from '../../src/core/idtable.js';
import { Rng } from '../../src/core/rng.js';

function drive(rng: Rng, keyOf: () => number, ops: number, initial: number): { t: IdTable; m: Map<number, number> } {
  const t = new IdTable(initial);
  const m = new Map<number, number>();
  const keys: number[] = [];
  for (let i = 0; i < ops; i++) {
    const u = rng.next();
    if (u < 0.5 || keys.length === 0) {
      const k = keyOf();
      if (!m.has(k)) {
        if (rng.chance(0.5)) {
          expect(t.get(k)).toBe(-1);
          t.set(k, i);
        } else {
          expect(t.insert(k, i)).toBe(true);
        }
        m.set(k, i);
        keys.push(k);
      } else {
        expect(t.insert(k, -7)).toBe(false); // present: unchanged
        expect(t.get(k)).toBe(m.get(k));
      }
    } else if (u < 0.8) {
      const j = rng.int(keys.length);
      const k = keys[j];
      keys[j] = keys[keys.length - 1];
      keys.pop();
      if (rng.chance(0.5)) {
        expect(t.delete(k)).toBe(m.get(k));
      } else {
        const cell = t.cellOf(k);
        expect(t.slotAt(cell)).toBe(m.get(k));
        t.removeCell(cell);
      }
      m.delete(k);
      expect(t.delete(k)).toBe(-1);
    } else {
      const k = rng.chance(0.5) ? keys[rng.int(keys.length)] : keyOf();
      expect(t.get(k)).toBe(m.get(k) ?? -1);
    }
  }
  return { t, m };
}

describe('IdTable', () => {
  it('matches a Map for sequential ids, growing from a tiny table', () => {
    const rng = new Rng(3);
    let next = 0;
    const { t, m } = drive(rng, () => next++, 60_000, 2);
    expect(t.size).toBe(m.size);
    for (const [k, v] of m) expect(t.get(k)).toBe(v);
  });

  it('matches a Map for clustered keys (long probe runs, wrap-around)', () => {
    const rng = new Rng(4);
    // Keys that differ only in their high word collide often in a small table.
    const { t, m } = drive(rng, () => rng.int(64) * 4294967296 + rng.int(4), 30_000, 16);
    expect(t.size).toBe(m.size);
    for (const [k, v] of m) expect(t.get(k)).toBe(v);
  });

  it('matches a Map for large and negative safe integers', () => {
    const rng = new Rng(5);
    const key = (): number => (rng.chance(0.5) ? -1 : 1) * ((rng.u32() & 0x1fffff) * 4294967296 + rng.u32());
    const { t, m } = drive(rng, key, 40_000, 1024);
    expect(t.size).toBe(m.size);
    t.clearAll();
    for (const k of m.keys()) expect(t.get(k)).toBe(-1);
  });
});
