// IdTable: order id -> pool slot, an open-addressing hash table in typed arrays (linear probing,
// backward-shift deletion, so no tombstones), used by the fast engine instead of a Map<number, number>.
// Why: on matching-v1 a Map spent ~20% of the engine's time in has/set/get/delete and its periodic
// rehashing (every few hundred inserts once deletions accumulate) made garbage; this table allocates only
// when it doubles (load factor <= 1/2) and its probes are a multiply and a few array reads. The reference
// twin keeps a Map, so the differential test checks this table too.
// Keys: any safe integer (>= 0 in the engine). Values: slots >= 0; -1 = empty. Single-threaded.

const EMPTY = -1;

export class IdTable {
  private keys: Float64Array;
  private vals: Int32Array;
  private mask: number;
  private shift: number;
  size = 0;

  constructor(capacityPow2 = 1 << 12) {
    let cap = 16;
    while (cap < capacityPow2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.vals = new Int32Array(cap).fill(EMPTY);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
  }

  /** Home bucket: Fibonacci hashing of the key's low and high 32-bit words. */
  private home(key: number): number {
    const lo = key >>> 0;
    const hi = key > 4294967295 ? (key / 4294967296) | 0 : 0;
    return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  /** The value stored for `key`, or -1. */
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

  has(key: number): boolean {
    return this.get(key) !== EMPTY;
  }

  /** Inserts key -> val; the key must be absent (the engine checks first). */
  set(key: number, val: number): void {
    if ((this.size + 1) * 2 > this.vals.length) this.grow();
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(key);
    while (vals[i] !== EMPTY) i = (i + 1) & mask;
    keys[i] = key;
    vals[i] = val;
    this.size++;
  }

  /** Removes `key` if present; returns its value or -1. */
  delete(key: number): number {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(key);
    for (;;) {
      const v = vals[i];
      if (v === EMPTY) return EMPTY;
      if (keys[i] === key) break;
      i = (i + 1) & mask;
    }
    const found = vals[i];
    // Backward-shift: move later entries of the probe run into the hole when their home allows it.
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      if (vals[j] === EMPTY) break;
      const h = this.home(keys[j]);
      // Entry j may move to the hole iff its home is not in the cyclic range (hole, j].
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

  private grow(): void {
    const oldKeys = this.keys, oldVals = this.vals;
    const cap = oldVals.length * 2;
    this.keys = new Float64Array(cap);
    this.vals = new Int32Array(cap).fill(EMPTY);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.size = 0;
    for (let i = 0; i < oldVals.length; i++) if (oldVals[i] !== EMPTY) this.set(oldKeys[i], oldVals[i]);
  }
}
