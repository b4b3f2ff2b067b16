// IntTable: safe-integer key -> int32 value, open addressing in typed arrays (linear probing,
// backward-shift deletion, so no tombstones). Fixed capacity chosen at construction (load factor <= 1/4: short probe runs keep
// backward-shift deletion cheap):
// the risk engine allocates nothing after construction. Same scheme as src/matching/idtable.ts, which
// risk cannot import (imports flow one way; the two subsystems are siblings).
// Keys: non-negative safe integers. Values >= 0; -1 = absent. Single-threaded.

const EMPTY = -1;

export class IntTable {
  // Fields are `declare`d: see the note on field declarations in engine.ts.
  private declare readonly keys: Float64Array;
  private declare readonly vals: Int32Array;
  private declare readonly mask: number;
  private declare readonly shift: number;
  /** Most entries this table accepts. */
  declare readonly capacity: number;
  size = 0;

  constructor(maxEntries: number) {
    let cap = 16;
    while (cap < maxEntries * 4) cap *= 2;
    this.keys = new Float64Array(cap);
    this.vals = new Int32Array(cap).fill(EMPTY);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.capacity = cap >>> 2;
  }

  /** Fibonacci hashing of the key's low and high 32-bit words. */
  private home(key: number): number {
    const lo = key >>> 0;
    const hi = key > 4294967295 ? (key / 4294967296) | 0 : 0;
    return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  get(key: number): number {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(key);
    for (;;) {
      const v = vals[i];
      if (v === EMPTY) return EMPTY;
      if (keys[i] === key) return v;
      i = (i + 1) & mask;
    }
  }

  /** Overwrites the value of a present key; false when the key is absent. */
  replace(key: number, val: number): boolean {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(key);
    for (;;) {
      if (vals[i] === EMPTY) return false;
      if (keys[i] === key) {
        vals[i] = val;
        return true;
      }
      i = (i + 1) & mask;
    }
  }

  /** Inserts key -> val (the key must be absent); false when the table is full. */
  set(key: number, val: number): boolean {
    if (this.size >= this.capacity) return false;
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(key);
    while (vals[i] !== EMPTY) i = (i + 1) & mask;
    keys[i] = key;
    vals[i] = val;
    this.size++;
    return true;
  }

  /** Removes `key`; returns its value or -1. */
  delete(key: number): number {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(key);
    for (;;) {
      const v = vals[i];
      if (v === EMPTY) return EMPTY;
      if (keys[i] === key) break;
      i = (i + 1) & mask;
    }
    return this.removeAt(i);
  }

  /** The value of `key` (or -1); when it equals `doneVal` the entry is removed, in the same probe. */
  takeIf(key: number, doneVal: number): number {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(key);
    for (;;) {
      const v = vals[i];
      if (v === EMPTY) return EMPTY;
      if (keys[i] === key) return v === doneVal ? this.removeAt(i) : v;
      i = (i + 1) & mask;
    }
  }

  /** Backward-shift deletion of the entry at index i; returns its value. */
  private removeAt(i: number): number {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    const found = vals[i];
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      if (vals[j] === EMPTY) break;
      const h = this.home(keys[j]);
      // Entry j may move into the hole iff its home is not in the cyclic range (hole, j].
      if (hole <= j ? h <= hole || h > j : h <= hole && h > j) {
        keys[hole] = keys[j];
        vals[hole] = vals[j];
        hole = j;
      }
    }
    vals[hole] = EMPTY;
    this.size--;
    return found;
  }
}
