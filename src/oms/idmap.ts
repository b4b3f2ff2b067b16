// IdMap: id (a safe integer) -> pool slot, open addressing in typed arrays, linear probing with
// backward-shift deletion (no tombstones). The same design as src/book/idtable.ts, which measured
// Map<number, number> at 86-150 ns and ~20 allocated bytes per op under steady insert/delete churn
// (deleted entries force rehashes into new tables); here orders are submitted and released all day.
// It allocates only when it doubles. Values are int32 slots >= 0; get() returns -1 when absent.
// Single-threaded.

const TWO32 = 4294967296;

export class IdMap {
  size = 0;
  private mask: number;
  private shift: number;
  private keys: Float64Array;
  private vals: Int32Array;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.keys = new Float64Array(cap);
    this.vals = new Int32Array(cap).fill(-1);
  }

  /** Home cell: both 32-bit halves mixed, then the top bits of a Fibonacci multiply. */
  private home(id: number): number {
    const lo = id >>> 0;
    const hi = (id - lo) / TWO32;
    return Math.imul(lo ^ Math.imul(hi | 0, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  get(id: number): number {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    for (let i = this.home(id); ; i = (i + 1) & mask) {
      const v = vals[i];
      if (v < 0 || keys[i] === id) return v;
    }
  }

  has(id: number): boolean {
    return this.get(id) >= 0;
  }

  /** Stores id -> slot, replacing an existing entry. */
  set(id: number, slot: number): void {
    if ((this.size + 1) * 2 > this.vals.length) this.grow();
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(id);
    for (; vals[i] >= 0; i = (i + 1) & mask) {
      if (keys[i] === id) {
        vals[i] = slot;
        return;
      }
    }
    keys[i] = id;
    vals[i] = slot;
    this.size++;
  }

  /** Removes id; returns whether it was there. */
  delete(id: number): boolean {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(id);
    for (;; i = (i + 1) & mask) {
      if (vals[i] < 0) return false;
      if (keys[i] === id) break;
    }
    // backward shift: pull later entries of the run into the hole unless their home lies
    // cyclically in (hole, j], where moving them would put them before their home
    for (let j = i; ; ) {
      j = (j + 1) & mask;
      if (vals[j] < 0) break;
      const h = this.home(keys[j]);
      if (i <= j ? i < h && h <= j : i < h || h <= j) continue;
      keys[i] = keys[j];
      vals[i] = vals[j];
      i = j;
    }
    vals[i] = -1;
    this.size--;
    return true;
  }

  private grow(): void {
    const ok = this.keys, ov = this.vals;
    this.keys = new Float64Array(ok.length * 2);
    this.vals = new Int32Array(ov.length * 2).fill(-1);
    this.mask = this.vals.length - 1;
    this.shift--;
    this.size = 0;
    for (let i = 0; i < ov.length; i++) if (ov[i] >= 0) this.set(ok[i], ov[i]);
  }
}
