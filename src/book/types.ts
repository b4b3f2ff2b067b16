// The contract between feed handlers and order books.
//
// A feed handler decodes its source (ITCH, LOBSTER, Databento MBO/DBN, a venue websocket) and calls
// BookSink methods; it never allocates per message. All numbers are integers: instrument ids are dense
// registry ids (src/core/instruments.ts), prices are in the instrument's price units, sizes in lots,
// timestamps in ns since the session epoch. Order ids must be safe integers (< 2^53); sources whose ids
// can be larger check at the edge and fail loudly.
//
// Books never throw on bad input from a feed: a message about an unknown order, a duplicate add or an
// over-execution is counted (BookStats) and leaves the book consistent.

import type { Nanos, Px, Qty, Side } from '../core/units.js';

export interface BookSink {
  /** A new resting order (joins the back of the FIFO queue at its price). */
  add(instrument: number, orderId: number, side: Side, price: Px, qty: Qty, ts: Nanos): void;
  /** Partial cancel: the order's size shrinks by `qty` (to zero removes it); queue position kept. */
  cancel(orderId: number, qty: Qty, ts: Nanos): void;
  /** Full delete. */
  delete(orderId: number, ts: Nanos): void;
  /** Execution against the resting order at its own price: size shrinks by `qty`, queue position kept. */
  execute(orderId: number, qty: Qty, ts: Nanos): void;
  /** ITCH Order Replace: the old order leaves, a new one (new id, same side) joins the back of the queue. */
  replace(orderId: number, newOrderId: number, price: Px, qty: Qty, ts: Nanos): void;
  /**
   * Modify in place (Databento 'M'): same id. Priority is kept only when the price is unchanged and the
   * size does not increase; otherwise the order moves to the back of the queue at its (new) price.
   * A size of 0 removes the order (as a delete would).
   */
  modify(orderId: number, price: Px, qty: Qty, ts: Nanos): void;
  /** Removes every order of one instrument (Databento 'R', a venue reset). */
  clear(instrument: number, ts: Nanos): void;
  /**
   * Aggregated change at a price level that no known order explains: LOBSTER messages about orders that
   * rested before the file starts, L2 (price-level) feeds, seeding from a snapshot. `dQty`/`dCount` are
   * added to the level's anonymous size/count (never below zero; an emptied level disappears).
   */
  levelDelta(instrument: number, side: Side, price: Px, dQty: Qty, dCount: number, ts: Nanos): void;
  /** Trading status (TradingStatus in src/core/events.ts): halts, pauses, quoting, trading. */
  status(instrument: number, status: number, ts: Nanos): void;
}

/** Read side of a set of L3 books, one per instrument. Levels are numbered from 0 = best. */
export interface BookView {
  /** Number of non-empty price levels on a side. */
  depth(instrument: number, side: Side): number;
  levelPrice(instrument: number, side: Side, level: number): Px;
  levelQty(instrument: number, side: Side, level: number): Qty;
  /** Orders at the level (known orders plus the anonymous count). */
  levelCount(instrument: number, side: Side, level: number): number;
  /** Best bid / ask price, or NaN when that side is empty. */
  bestBid(instrument: number): Px;
  bestAsk(instrument: number): Px;
  tradingStatus(instrument: number): number;
  /** Live orders in the whole set. */
  orderCount(): number;
  /**
   * Digest of the canonical state (src/core/hash.ts StateHasher): for each instrument id from 0 up to the
   * highest id any BookSink call has named: its trading status; then for each side (bid, then ask): the
   * number of levels, and for each level from best: price, qty, count, the anonymous qty, then its known
   * orders in FIFO order (id, qty). Equal books give equal hashes across implementations.
   */
  stateHash(): string;
}

export interface BookStats {
  unknownOrder: number;
  duplicateOrder: number;
  overExecution: number;
  badQty: number;
}

// ---- Additions (L3 books): extra counters and the per-order read side used by feed handlers (the
// price of an executed order) and the backtester's queue model.

/**
 * All counters kept by L3Books and RefBooks. Each rejected or inconsistent feed message bumps exactly
 * one counter. Checks run in a fixed order: instrument, side, price, qty, then order ids (unknown /
 * duplicate); the first failing check is the one counted.
 */
export interface L3BookStats extends BookStats {
  /** A partial cancel larger than the order's remaining size (the order is removed). */
  overCancel: number;
  /** A price that is not a safe integer. */
  badPrice: number;
  /** A side other than SIDE_BID / SIDE_ASK. */
  badSide: number;
  /** An instrument id that is not an integer in [0, maxInstruments). */
  badInstrument: number;
  /** An order id (add, or replace's new id) that is not a safe integer. */
  badOrderId: number;
  /** A levelDelta that would have taken the anonymous size or count below zero (clamped to zero). */
  anonClamped: number;
}

/** Per-order queries on an L3 book set (ids as given to BookSink.add / replace). */
export interface OrderView {
  hasOrder(orderId: number): boolean;
  /** Remaining size, or 0 for an unknown order. */
  orderQty(orderId: number): Qty;
  /** Resting price, or NaN for an unknown order. */
  orderPrice(orderId: number): Px;
  /** SIDE_BID / SIDE_ASK, or -1 for an unknown order. */
  orderSide(orderId: number): number;
  /** Instrument id, or -1 for an unknown order. */
  orderInstrument(orderId: number): number;
  /**
   * Size ahead of the order in its level's FIFO queue: the level's anonymous size (orders that rested
   * before we saw the feed are taken to be ahead of every order we saw arrive) plus the sizes of the
   * known orders before it. NaN for an unknown order.
   */
  queueAhead(orderId: number): Qty;
}

/** The full read side of an L3 book set (L3Books and its reference twin RefBooks). */
export interface L3BookView extends BookView, OrderView {
  readonly stats: L3BookStats;
  /** 1 + the highest instrument id any BookSink call has named (0 before any). */
  instrumentCount(): number;
}

export function newL3BookStats(): L3BookStats {
  return {
    unknownOrder: 0,
    duplicateOrder: 0,
    overExecution: 0,
    badQty: 0,
    overCancel: 0,
    badPrice: 0,
    badSide: 0,
    badInstrument: 0,
    badOrderId: 0,
    anonClamped: 0,
  };
}
