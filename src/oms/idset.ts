// A set of non-negative safe-integer ids (venue execIds) in an open-addressing table on a Float64Array:
// no allocation per insert (Set<number> boxes ids above 2^31 as heap numbers). Grows by doubling when
// half full (a cold, amortised rehash). Id 0 is reserved for "no id" and never stored. Single-threaded.

export class IdSet {
  private keys: Float64Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.keys = new Float64Array(n);
    this.mask = n - 1;
  }

  private slot(id: number): number {
    // Venue execIds are mostly increasing counters: a hash that keeps neighbouring ids in neighbouring
    // slots (blocks of 128) keeps the probes of a large set in cache (a full-avalanche hash made every
    // lookup a cache miss: 250 -> ~100 ns per report in src/oms/bench.ts at 1M ids), while the shifted
    // terms still spread strided ids (multiples of 2^k) over the table.
    const lo = id | 0;
    return (lo ^ (lo >>> 7) ^ (lo >>> 17) ^ Math.imul(Math.floor(id / 4294967296) | 0, 0x9e3779b1)) & this.mask;
  }

  has(id: number): boolean {
    const k = this.keys;
    for (let i = this.slot(id); ; i = (i + 1) & this.mask) {
      const v = k[i];
      if (v === id) return true;
      if (v === 0) return false;
    }
  }

  /** Adds `id` (> 0); returns false when it was already there. */
  add(id: number): boolean {
    const k = this.keys;
    for (let i = this.slot(id); ; i = (i + 1) & this.mask) {
      const v = k[i];
      if (v === id) return false;
      if (v === 0) {
        k[i] = id;
        if (++this.size * 2 > k.length) this.grow();
        return true;
      }
    }
  }

  clear(): void {
    this.keys.fill(0);
    this.size = 0;
  }

  private grow(): void {
    const old = this.keys;
    this.keys = new Float64Array(old.length * 2);
    this.mask = this.keys.length - 1;
    for (let j = 0; j < old.length; j++) {
      const id = old[j];
      if (id === 0) continue;
      let i = this.slot(id);
      while (this.keys[i] !== 0) i = (i + 1) & this.mask;
      this.keys[i] = id;
    }
  }
}
