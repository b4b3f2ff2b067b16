// Which part of a LOBSTER-fed book is known exactly.
//
// A LOBSTER message file only reports events that touch the requested L levels at the time. So after
// seeding from an L-level row, what lies beyond the L-th level is invisible: an order added there is
// never reported, and when the book thins and such a level moves into the top L, our book lacks it.
//
// Rule (per side; bids shown, asks mirrored): keep a bound `bidFloor`, our book is exact at every price
// >= bidFloor.
//  - Seed: bidFloor = the seed's L-th bid price if the seed shows L real bid levels, else -Infinity
//    (the whole side is shown, so the whole side is known).
//  - After EVERY applied message: if our book has >= L bid levels, raise bidFloor to our L-th bid price
//    when that is higher. Why: while the region >= bidFloor holds fewer than L levels, every price in it
//    ranks within the top L, so every event there is reported and our region stays exact. Once it holds
//    L levels, a level pushed to rank L+1 stops being reported, so the bound moves up to the L-th level
//    (exact at that moment). The bound only ever tightens; a message changes one level, so checking
//    after each message is enough.
//  - Level i (0-based) of our book is knowable iff it exists and its price is within the bound, or it
//    does not exist and the bound is still infinite (then the side truly has fewer levels: LOBSTER's
//    dummy level).

import type { BookView } from '../../book/types.js';
import { SIDE_ASK, SIDE_BID, type Side } from '../../core/units.js';
import { isEmptyLevel, type LobsterBookRow } from './parse.js';

export class KnownDepth {
  /** Our bids are exact at prices >= bidFloor. */
  bidFloor = -Infinity;
  /** Our asks are exact at prices <= askCeiling. */
  askCeiling = Infinity;

  constructor(
    readonly instrument: number,
    readonly levels: number,
  ) {}

  seed(row: LobsterBookRow): void {
    const L = this.levels;
    const last = L - 1;
    this.bidFloor = row.bidPx.length >= L && !isEmptyLevel(row.bidPx[last], row.bidSz[last]) ? row.bidPx[last] : -Infinity;
    this.askCeiling = row.askPx.length >= L && !isEmptyLevel(row.askPx[last], row.askSz[last]) ? row.askPx[last] : Infinity;
  }

  /** Call after every applied message (e.g. from onRecord). */
  update(view: BookView): void {
    const L = this.levels;
    const inst = this.instrument;
    if (view.depth(inst, SIDE_BID) >= L) {
      const p = view.levelPrice(inst, SIDE_BID, L - 1);
      if (p > this.bidFloor) this.bidFloor = p;
    }
    if (view.depth(inst, SIDE_ASK) >= L) {
      const p = view.levelPrice(inst, SIDE_ASK, L - 1);
      if (p < this.askCeiling) this.askCeiling = p;
    }
  }

  /** Is our level `level` (0 = best) on `side` exactly the true book's level? */
  isLevelKnown(view: BookView, side: Side, level: number): boolean {
    const inst = this.instrument;
    if (level < view.depth(inst, side)) {
      const p = view.levelPrice(inst, side, level);
      return side === SIDE_BID ? p >= this.bidFloor : p <= this.askCeiling;
    }
    return side === SIDE_BID ? this.bidFloor === -Infinity : this.askCeiling === Infinity;
  }

  /** Number of leading levels (from the best) on `side` that are knowable, capped at `levels`. */
  knownLevels(view: BookView, side: Side): number {
    let n = 0;
    while (n < this.levels && this.isLevelKnown(view, side, n)) n++;
    return n;
  }
}
