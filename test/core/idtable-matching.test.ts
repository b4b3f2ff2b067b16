import { expect, test } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { IdTable } from '../../src/core/idtable.js';

test('IdTable agrees with a Map over random inserts/deletes, with growth, clustering and large ids', () => {
  const rng = new Rng(42);
  const t = new IdTable(16);
  const m = new Map<number, number>();
  const keys: number[] = [];
  for (let i = 0; i < 100_000; i++) {
    const u = rng.next();
    if (u < 0.55 || keys.length === 0) {
      // Dense sequential ids, sparse large ids (above 2^32) and multiples of a power of two (clustering).
      const k = u < 0.3 ? i + 1 : u < 0.45 ? 2 ** 40 + rng.int(1 << 20) * 4096 : (rng.int(1 << 16) << 12) >>> 0;
      if (m.has(k)) {
        expect(t.get(k)).toBe(m.get(k));
        continue;
      }
      const v = rng.int(1 << 30);
      t.set(k, v);
      m.set(k, v);
      keys.push(k);
    } else {
      const j = rng.int(keys.length);
      const k = keys[j];
      keys[j] = keys[keys.length - 1];
      keys.pop();
      expect(t.delete(k)).toBe(m.get(k));
      m.delete(k);
      expect(t.has(k)).toBe(false);
    }
    if (i % 1000 === 0) {
      expect(t.size).toBe(m.size);
      for (const k of keys.slice(0, 50)) expect(t.get(k)).toBe(m.get(k));
    }
  }
  for (const [k, v] of m) expect(t.get(k)).toBe(v);
  expect(t.get(-1)).toBe(-1);
  expect(t.get(NaN)).toBe(-1);
  expect(t.delete(123456789)).toBe(-1);
});
