// Sliding-window event counters over integer ns, one per scope: each scope keeps the timestamps of its
// last `limit` events in a ring. "At the limit" means `limit` events happened in (now - window, now],
// i.e. the oldest of the last `limit` events is younger than the window. Exact (no buckets), O(1) per
// query and per event, no allocation after construction. Limit OFF (-1): never full, nothing stored;
// limit 0: always full.
// The pair methods (strategy scope, account scope) exist because every order touches both, and one call
// instead of two keeps the check inside V8's inlining budget (measured: ~20% of the check time).

export class SlidingWindows {
  private readonly ts: Float64Array;
  private readonly base: Int32Array;
  private readonly cap: Int32Array; // -1: off
  private readonly head: Int32Array;
  private readonly count: Int32Array;
  private readonly windowNs: Float64Array;

  /** limits[s] = events allowed per window for scope s (OFF = -1), windows[s] in ns. */
  constructor(limits: readonly number[], windows: readonly number[]) {
    const n = limits.length;
    this.base = new Int32Array(n);
    this.cap = new Int32Array(n);
    this.head = new Int32Array(n);
    this.count = new Int32Array(n);
    this.windowNs = new Float64Array(n);
    let total = 0;
    for (let s = 0; s < n; s++) {
      const c = limits[s] >= 0 ? limits[s] : -1;
      this.base[s] = total;
      this.cap[s] = c;
      this.windowNs[s] = windows[s];
      if (c > 0) total += c;
    }
    this.ts = new Float64Array(total);
  }

  /** True when one more event at `now` would exceed the scope's limit. */
  full(s: number, now: number): boolean {
    const c = this.cap[s];
    if (c < 0 || this.count[s] < c) return false;
    if (c === 0) return true;
    // head points at the oldest of the last c events once the ring is full.
    return now - this.ts[this.base[s] + this.head[s]] < this.windowNs[s];
  }

  /** The first of s1, s2 that is full, or -1. */
  firstFull(s1: number, s2: number, now: number): number {
    if (this.full(s1, now)) return s1;
    if (this.full(s2, now)) return s2;
    return -1;
  }

  record(s: number, now: number): void {
    const c = this.cap[s];
    if (c <= 0) return;
    const h = this.head[s];
    this.ts[this.base[s] + h] = now;
    this.head[s] = h + 1 === c ? 0 : h + 1;
    if (this.count[s] < c) this.count[s]++;
  }

  recordBoth(s1: number, s2: number, now: number): void {
    this.record(s1, now);
    this.record(s2, now);
  }
}
