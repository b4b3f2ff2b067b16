// The strategy API (issue 5, item 3). A strategy is an object the kernel calls on its one thread, in event
// order; it acts only through its StrategyContext. Templates (./momentum.ts, ./pairs.ts, ...) are built
// from a validated StrategySpec (src/config); a TypeScript module exporting a factory works the same way
// (./load.ts).
//
// Contract:
// - init(ctx) is called once, before any event, with the context the strategy keeps.
// - onBook(inst): the book of an instrument the strategy subscribed to changed (after the kernel applied
//   the feed message; ctx.book shows the new state). onTrade(inst, px, qty, aggressorSide): a print
//   (aggressor SIDE_BID = a buyer lifted the offer); onBook follows for the same message.
// - onTimer(tag): a timer set with ctx.setTimer fired (the kernel's clock reached its due time).
// - onOrderEvent(ev): the venue said something about one of the strategy's orders (after the OMS and the
//   risk engine took it into account, so ctx.position() already includes a fill).
// - Commands: submit returns the clOrdId (> 0) or -code (a Reject code: risk 5xxx, OMS 6xxx); cancel
//   returns 0 or a reject code; replace returns the new clOrdId or -code. A command accepted here has been
//   journaled, checked and handed to the venue port; its outcome arrives as order events later.
// - Time: ctx.now() (the kernel's clock), never the system time. State the strategy keeps must be a
//   function of the events it saw (journal replay rebuilds it); hash() feeds it to the kernel's stateHash.
// - Units: instrument ids are the kernel's (ctx.instrument(symbol)), prices integer price units, qty lots.

import type { BookView } from '../book/types.js';
import type { StateHasher } from '../core/hash.js';
import type { Nanos, Px, Qty, Side } from '../core/units.js';

/** One order event, reused by the kernel (copy what you keep). */
export interface OrderEventView {
  /** OrderEvent code (src/core/events.ts). */
  readonly event: number;
  readonly clOrdId: number;
  /** For OrderReplaced: the clOrdId the order had before. */
  readonly origClOrdId: number;
  readonly instrument: number;
  readonly side: Side;
  readonly lastQty: Qty;
  readonly lastPx: Px;
  readonly leavesQty: Qty;
  readonly cumQty: Qty;
  /** true when the order is done (filled, cancelled, rejected, expired). */
  readonly done: boolean;
  /** Reject / cancel-reject reason (venue code), 0 otherwise. */
  readonly reason: number;
}

export interface StrategyContext {
  readonly strategyId: number;
  readonly book: BookView;
  now(): Nanos;
  /** Kernel id of a symbol (-1 when the kernel does not carry it). */
  instrument(symbol: string): number;
  priceScale(inst: number): number;
  tickSize(inst: number): number;
  submit(inst: number, side: Side, qty: Qty, px: Px, tif: number): number;
  cancel(clOrdId: number): number;
  replace(clOrdId: number, qty: Qty, px: Px): number;
  /** Signed position in lots (bought - sold), fills included as soon as reported. */
  position(inst: number): number;
  /** Average cost of the position, price units (0 when flat). */
  avgCost(inst: number): number;
  /** Realized + unrealized (at the book mid) - fees, in money units (price units x lots). */
  pnl(): number;
  /** Working orders of this strategy. */
  openOrders(): number;
  /** Calls onTimer(tag) once the clock reaches now() + delayNs. */
  setTimer(delayNs: Nanos, tag: number): void;
  /** The instrument's feature vector (src/signal layout), or null when the kernel computes none for it. */
  features(inst: number): Float64Array | null;
}

export interface Strategy {
  readonly name: string;
  /** Symbols whose market data the strategy gets. */
  readonly symbols: readonly string[];
  init(ctx: StrategyContext): void;
  onBook(inst: number): void;
  onTrade(inst: number, px: Px, qty: Qty, aggressorSide: number): void;
  onTimer(tag: number): void;
  onOrderEvent(ev: OrderEventView): void;
  /** Feeds the strategy's state to the kernel's state hash (integers; floats through hashFloat). */
  hash(h: StateHasher): void;
}

/** What a strategy module exports (default export or `createStrategy`): options in, a strategy out. */
export type StrategyFactory = (options: Record<string, unknown>) => Strategy;

/** Hashes a float exactly (its IEEE-754 bits as two 32-bit words). */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
export function hashFloat(h: StateHasher, v: number): void {
  f64[0] = v;
  h.int(u32[0]);
  h.int(u32[1]);
}
