// Sliding-window event counters over integer ns, one per scope: each scope keeps the timestamps of its
// last `limit` events in a ring. "At the limit" means `limit` events happened in (now - window, now],
// i.e. the oldest of the last `limit` events is younger than the window. Exact (no buckets), O(1) per
// query and per event, no allocation after construction. Limit OFF (-1): never full, nothing stored;
// limit 0: always full. Empty ring slots hold -Infinity, so "oldest is younger than the window" needs no
// separate count. Per-scope state sits in one Int32Array row [base, cap, head] (one cache line), and the
// query's two operands in one Float64Array pair [oldest, window] kept current by record(): a query is two
// loads, not five (the engine asks six of them per order; ~5 ns per check in benchRisk). Limit OFF: oldest
// -Infinity (never full); limit 0: oldest +Infinity (always full).
// The pair methods (strategy scope, account scope) exist because every order touches both: one call
// instead of two keeps the check inside V8's inlining budget.

// Fields of a row of `meta` (exported for the engine's accept path, which records by hand).
export const W_BASE = 0;
export const W_CAP = 1;
export const W_HEAD = 2;
export const W_ROW = 3;
const BASE = W_BASE;
const CAP = W_CAP;
const HEAD = W_HEAD;
const ROW = W_ROW;

export class SlidingWindows {
  // Read and written directly by RiskEngine.accept (recordPairs by hand): treat as private elsewhere.
  readonly ts: Float64Array;
  readonly meta: Int32Array;
  /** [2 s] = the oldest of the scope's last `limit` events (the slot at head), [2 s + 1] = its window. */
  readonly ow: Float64Array;

  /** limits[s] = events allowed per window for scope s (OFF = -1), windows[s] in ns. */
  constructor(limits: readonly number[], windows: readonly number[]) {
    const n = limits.length;
    this.meta = new Int32Array(n * ROW);
    this.ow = new Float64Array(2 * n);
    let total = 0;
    for (let s = 0; s < n; s++) {
      const c = limits[s] >= 0 ? limits[s] : -1;
      this.meta[s * ROW + BASE] = total;
      this.meta[s * ROW + CAP] = c;
      this.ow[2 * s] = c === 0 ? Infinity : -Infinity;
      this.ow[2 * s + 1] = windows[s];
      if (c > 0) total += c;
    }
    this.ts = new Float64Array(total).fill(-Infinity);
  }

  /** True when one more event at `now` would exceed the scope's limit. */
  full(s: number, now: number): boolean {
    // the oldest of the last c events: -Infinity while fewer than c were recorded
    const ow = this.ow, b = 2 * s;
    return now - ow[b] < ow[b + 1];
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
    const h = m[r + HEAD], base = m[r + BASE];
    this.ts[base + h] = now;
    const nh = h + 1 === c ? 0 : h + 1;
    m[r + HEAD] = nh;
    this.ow[2 * s] = this.ts[base + nh];
  }

  recordBoth(s1: number, s2: number, now: number): void {
    this.record(s1, now);
    this.record(s2, now);
  }

  /**
   * Records one event in rows s1, s2, s1 + off and s2 + off (an accepted order: both scopes' order and
   * message windows, kept in one instance). Written out row by row: the earlier loop over the four rows
   * (its row picked by a conditional chain) cost ~5 ns more per accept in benchRisk.
   */
  recordPairs(s1: number, s2: number, off: number, now: number): void {
    const m = this.meta, ts = this.ts, ow = this.ow;
    let r = 0, c = 0, h = 0, b = 0;
    r = s1 * ROW;
    c = m[r + CAP];
    if (c > 0) {
      h = m[r + HEAD];
      b = m[r + BASE];
      ts[b + h] = now;
      h = h + 1 === c ? 0 : h + 1;
      m[r + HEAD] = h;
      ow[2 * (s1)] = ts[b + h];
    }
    r = s2 * ROW;
    c = m[r + CAP];
    if (c > 0) {
      h = m[r + HEAD];
      b = m[r + BASE];
      ts[b + h] = now;
      h = h + 1 === c ? 0 : h + 1;
      m[r + HEAD] = h;
      ow[2 * (s2)] = ts[b + h];
    }
    r = (s1 + off) * ROW;
    c = m[r + CAP];
    if (c > 0) {
      h = m[r + HEAD];
      b = m[r + BASE];
      ts[b + h] = now;
      h = h + 1 === c ? 0 : h + 1;
      m[r + HEAD] = h;
      ow[2 * (s1 + off)] = ts[b + h];
    }
    r = (s2 + off) * ROW;
    c = m[r + CAP];
    if (c > 0) {
      h = m[r + HEAD];
      b = m[r + BASE];
      ts[b + h] = now;
      h = h + 1 === c ? 0 : h + 1;
      m[r + HEAD] = h;
      ow[2 * (s2 + off)] = ts[b + h];
    }
  }
}
