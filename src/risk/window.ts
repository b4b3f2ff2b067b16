// Sliding-window event counters over integer ns, one per scope: each scope keeps its last `limit` events
// in a ring. "At the limit" means `limit` events happened in (now - window, now], i.e. the oldest of the
// last `limit` events is younger than the window. Exact (no buckets), O(1) per query and per event, no
// allocation after construction. Limit OFF (-1): never full, nothing stored; limit 0: always full.
// The ring holds each event's expiry (its time + the window), and `until[s]` the expiry of the oldest of
// the last `limit` events (the slot at head), kept current by record(): a query is one load and one
// compare, `now < until[s]` (the engine asks six per order; with [oldest, window] pairs it was two loads
// and a subtraction each, ~3 ns more per check in benchRisk). Empty ring slots hold -Infinity (never
// full while fewer than `limit` events were recorded); limit 0: until = +Infinity (always full).
// Exactness: with now, the times and the windows safe integers, `now < t + w` agrees with `now - t < w`
// (a sum of 2^53 or more rounds to 2^53 or more, still above any safe `now`). Per-scope state sits in one
// Int32Array row [base, cap, head].
// The pair methods (strategy scope, account scope) exist because every order touches both: one call
// instead of two keeps the check inside V8's inlining budget.

import { heapAlloc, type Alloc } from './arena.js';

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
  // Fields are `declare`d: see the note on field declarations in engine.ts.
  // Read and written directly by RiskEngine.accept (recordPairs by hand): treat as private elsewhere.
  /** Expiry (time + window) of each recorded event, per row from meta's base. */
  declare readonly ts: Float64Array;
  declare readonly meta: Int32Array;
  /** [s] = expiry of the oldest of the row's last `limit` events: full while now < until[s]. */
  declare readonly until: Float64Array;
  /** [s] = the row's window, ns. */
  declare readonly win: Float64Array;

  /** limits[s] = events allowed per window for scope s (OFF = -1), windows[s] in ns; alloc: see arena.ts. */
  constructor(limits: readonly number[], windows: readonly number[], alloc: Alloc = heapAlloc) {
    const n = limits.length;
    this.meta = alloc.i32(n * ROW);
    this.until = alloc.f64(n);
    this.win = alloc.f64(n);
    this.win.set(windows);
    let total = 0;
    for (let s = 0; s < n; s++) {
      const c = limits[s] >= 0 ? limits[s] : -1;
      this.meta[s * ROW + BASE] = total;
      this.meta[s * ROW + CAP] = c;
      this.until[s] = c === 0 ? Infinity : -Infinity;
      if (c > 0) total += c;
    }
    this.ts = alloc.f64(total).fill(-Infinity);
  }

  /** Ring slots (the ts array's length) of windows with these limits. */
  static slots(limits: readonly number[]): number {
    let total = 0;
    for (const l of limits) if (l > 0) total += l;
    return total;
  }

  /** The same windows and events, in arrays from `alloc`. */
  static copied(w: SlidingWindows, limits: readonly number[], windows: readonly number[], alloc: Alloc): SlidingWindows {
    const c = new SlidingWindows(limits, windows, alloc);
    c.meta.set(w.meta);
    c.until.set(w.until);
    c.win.set(w.win);
    c.ts.set(w.ts);
    return c;
  }

  /** True when one more event at `now` would exceed the scope's limit. */
  full(s: number, now: number): boolean {
    return now < this.until[s];
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
    this.ts[base + h] = now + this.win[s];
    const nh = h + 1 === c ? 0 : h + 1;
    m[r + HEAD] = nh;
    this.until[s] = this.ts[base + nh];
  }

  /**
   * Cold path (new limits on a running engine): windows with these limits and windows holding the events
   * of `old` row by row, each event kept with its own time (its expiry moves with a changed window); a
   * row whose limit shrank keeps its newest events. Exact: the same events as before, judged by the new
   * limit and window.
   */
  static migrated(old: SlidingWindows, limits: readonly number[], windows: readonly number[], alloc: Alloc = heapAlloc): SlidingWindows {
    const w = new SlidingWindows(limits, windows, alloc);
    const n = Math.min(limits.length, old.until.length);
    for (let s = 0; s < n; s++) {
      const r = s * ROW, c = old.meta[r + CAP];
      if (c <= 0) continue;
      const base = old.meta[r + BASE], head = old.meta[r + HEAD], oldWin = old.win[s];
      for (let k = 0; k < c; k++) { // oldest to newest
        const e = old.ts[base + ((head + k) % c)];
        if (e !== -Infinity) w.record(s, e - oldWin);
      }
    }
    return w;
  }

  recordBoth(s1: number, s2: number, now: number): void {
    this.record(s1, now);
    this.record(s2, now);
  }

  /**
   * Records one event in rows s1, s2, s1 + off and s2 + off (an accepted order: both scopes' order and
   * message windows, kept in one instance). RiskEngine.accept has this written out by hand.
   */
  recordPairs(s1: number, s2: number, off: number, now: number): void {
    this.record(s1, now);
    this.record(s2, now);
    this.record(s1 + off, now);
    this.record(s2 + off, now);
  }
}
