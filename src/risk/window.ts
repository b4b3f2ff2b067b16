// Sliding-window event counters over integer ns, one per scope: each scope keeps the timestamps of its
// last `limit` events in a ring. "At the limit" means `limit` events happened in (now - window, now],
// i.e. the oldest of the last `limit` events is younger than the window. Exact (no buckets), O(1) per
// query and per event, no allocation after construction. Limit OFF (-1): never full, nothing stored;
// limit 0: always full. Empty ring slots hold -Infinity, so "oldest is younger than the window" needs no
// separate count. Per-scope state sits in one Int32Array row [base, cap, head] (one cache line).
// The pair methods (strategy scope, account scope) exist because every order touches both: one call
// instead of two keeps the check inside V8's inlining budget.

const BASE = 0;
const CAP = 1;
const HEAD = 2;
const ROW = 3;

export class SlidingWindows {
  private readonly ts: Float64Array;
  private readonly meta: Int32Array;
  private readonly windowNs: Float64Array;

  /** limits[s] = events allowed per window for scope s (OFF = -1), windows[s] in ns. */
  constructor(limits: readonly number[], windows: readonly number[]) {
    const n = limits.length;
    this.meta = new Int32Array(n * ROW);
    this.windowNs = new Float64Array(n);
    let total = 0;
    for (let s = 0; s < n; s++) {
      const c = limits[s] >= 0 ? limits[s] : -1;
      this.meta[s * ROW + BASE] = total;
      this.meta[s * ROW + CAP] = c;
      this.windowNs[s] = windows[s];
      if (c > 0) total += c;
    }
    this.ts = new Float64Array(total).fill(-Infinity);
  }

  /** True when one more event at `now` would exceed the scope's limit. */
  full(s: number, now: number): boolean {
    const m = this.meta, r = s * ROW, c = m[r + CAP];
    if (c <= 0) return c === 0;
    // head points at the oldest of the last c events (-Infinity while fewer than c were recorded).
    return now - this.ts[m[r + BASE] + m[r + HEAD]] < this.windowNs[s];
  }

  /** The first of s1, s2 that is full, or -1. */
  firstFull(s1: number, s2: number, now: number): number {
    if (this.full(s1, now)) return s1;
    if (this.full(s2, now)) return s2;
    return -1;
  }

  record(s: number, now: number): void {
    const m = this.meta, r = s * ROW, c = m[r + CAP];
    if (c <= 0) return;
    const h = m[r + HEAD];
    this.ts[m[r + BASE] + h] = now;
    m[r + HEAD] = h + 1 === c ? 0 : h + 1;
  }

  recordBoth(s1: number, s2: number, now: number): void {
    this.record(s1, now);
    this.record(s2, now);
  }

  /**
   * Records one event in rows s1, s2, s1 + off and s2 + off (an accepted order: both scopes' order and
   * message windows, kept in one instance). One copy of the ring update in a loop: small enough for V8 to
   * inline into the engine's accept, where four inlined record() calls did not fit its inlining budget.
   */
  recordPairs(s1: number, s2: number, off: number, now: number): void {
    const m = this.meta, ts = this.ts;
    for (let k = 0, s = s1; k < 4; k++, s = k === 1 ? s2 : k === 2 ? s1 + off : s2 + off) {
      const r = s * ROW, c = m[r + CAP];
      if (c <= 0) continue;
      const h = m[r + HEAD];
      ts[m[r + BASE] + h] = now;
      m[r + HEAD] = h + 1 === c ? 0 : h + 1;
    }
  }
}
