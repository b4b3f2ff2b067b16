// RefTable: engine order id -> ITCH order reference number, an open-addressing hash table in typed arrays
// (linear probing, backward-shift deletion), one per instrument in the ITCH publisher.
// Why not the matching engine's IdTable: its values are Int32 pool slots, while ITCH order references are
// unique per DAY and may pass 2^31 on a busy day; here values are Float64 (any safe integer >= 1).
// Why not a Map: a Map rehashes (allocates) as entries come and go; this table allocates only when it
// doubles (load factor <= 1/2). Keys: safe integers >= 0. Values: safe integers >= 1; 0 means absent.
// Single-threaded.

export class RefTable {
  private keys: Float64Array;
  private vals: Float64Array;
  private mask: number;
  private shift: number;
  size = 0;

  constructor(capacityPow2 = 1 << 10) {
    let cap = 16;
    while (cap < capacityPow2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.vals = new Float64Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
  }

  private home(key: number): number {
    const lo = key >>> 0;
    const hi = key > 4294967295 ? (key / 4294967296) | 0 : 0;
    return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  /** The reference stored for `key`, or 0. */
  get(key: number): number {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(key);
    for (;;) {
      const v = vals[i];
      if (v === 0 || keys[i] === key) return v;
      i = (i + 1) & mask;
    }
  }

  /** Sets key -> val (val >= 1), replacing an existing entry. */
  set(key: number, val: number): void {
    if ((this.size + 1) * 2 > this.vals.length) this.grow();
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(key);
    while (vals[i] !== 0) {
      if (keys[i] === key) {
        vals[i] = val;
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    vals[i] = val;
    this.size++;
  }

  /** Removes `key`; returns its reference or 0 when absent. */
  delete(key: number): number {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(key);
    for (;;) {
      const v = vals[i];
      if (v === 0) return 0;
      if (keys[i] === key) break;
      i = (i + 1) & mask;
    }
    const found = vals[i];
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      if (vals[j] === 0) break;
      const h = this.home(keys[j]);
      // Entry j may move into the hole iff its home is not in the cyclic range (hole, j].
      if (hole <= j ? h <= hole || h > j : h <= hole && h > j) {
        keys[hole] = keys[j];
        vals[hole] = vals[j];
        hole = j;
      }
    }
    vals[hole] = 0;
    this.size--;
    return found;
  }

  private grow(): void {
    const oldKeys = this.keys, oldVals = this.vals;
    const cap = oldVals.length * 2;
    this.keys = new Float64Array(cap);
    this.vals = new Float64Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.size = 0;
    for (let i = 0; i < oldVals.length; i++) if (oldVals[i] !== 0) this.set(oldKeys[i], oldVals[i]);
  }
}
