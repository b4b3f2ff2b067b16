// Sliding-window event counters over integer ns, one per scope: each scope keeps the timestamps of its
// last `limit` events in a ring. "At the limit" means `limit` events happened in (now - window, now],
// i.e. the oldest of the last `limit` events is younger than the window. Exact (no buckets), O(1) per
// query and per event, no allocation after construction. A limit of OFF (-1) or 0 is handled by callers.

export class SlidingWindows {
  private readonly ts: Float64Array;
  private readonly base: Int32Array;
  private readonly cap: Int32Array;
  private readonly head: Int32Array;
  private readonly count: Int32Array;
  private readonly windowNs: Float64Array;

  /** limits[s] = events allowed per window for scope s (<= 0: no ring), windows[s] in ns. */
  constructor(limits: readonly number[], windows: readonly number[]) {
    const n = limits.length;
    this.base = new Int32Array(n);
    this.cap = new Int32Array(n);
    this.head = new Int32Array(n);
    this.count = new Int32Array(n);
    this.windowNs = new Float64Array(n);
    let total = 0;
    for (let s = 0; s < n; s++) {
      const c = limits[s] > 0 ? limits[s] : 0;
      this.base[s] = total;
      this.cap[s] = c;
      this.windowNs[s] = windows[s];
      total += c;
    }
    this.ts = new Float64Array(total);
  }

  /** True when one more event at `now` would exceed the scope's limit. */
  full(s: number, now: number): boolean {
    const c = this.cap[s];
    if (this.count[s] < c) return false;
    if (c === 0) return true; // limit 0: nothing allowed
    // head points at the oldest of the last c events once the ring is full.
    return now - this.ts[this.base[s] + this.head[s]] < this.windowNs[s];
  }

  record(s: number, now: number): void {
    const c = this.cap[s];
    if (c === 0) return;
    this.ts[this.base[s] + this.head[s]] = now;
    this.head[s] = this.head[s] + 1 === c ? 0 : this.head[s] + 1;
    if (this.count[s] < c) this.count[s]++;
  }
}
