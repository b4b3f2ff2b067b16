// The contract of a matching engine (one instrument): command codes, order attributes, and the output
// sink that a FIX gateway and an ITCH publisher implement. Shared by the fast engine (./engine.ts) and its
// reference twin (./reference.ts), which must emit the same sink calls in the same order for any input.
//
// Units: prices are integers in the instrument's price units (priceScale 10_000 for US equities: 1/10000
// dollar), quantities integer shares, timestamps integer ns since the session epoch, passed in by the
// caller (no clock inside). Fees are integer price units (positive = the participant pays, negative = a
// rebate it receives). Order ids are caller-chosen safe integers, unique among live orders (an id may be
// reused once its order is gone). Owners are integers in [0, 2^31): the account for self-match prevention.
//
// Event sequence (every book-changing outcome reaches the sink; all arguments are numbers, the engine
// allocates nothing to report them):
// - new order, rejected:      onRejected
// - new order, accepted:      onAccepted, then per execution onFill (maker first in FIFO order),
//                             interleaved with onCancelled(SelfMatchMaker) for resting orders removed by
//                             self-match prevention, then exactly one of: onRested (the remainder joins
//                             the book), onCancelled (remainder of an IOC/market order, an unfillable FOK,
//                             a self-match taker cancel), or nothing (fully filled).
// - cancel:                   onCancelled(Requested) or onCancelRejected.
// - replace:                  onReplaced(kept = 1): size reduced in place (same price), nothing else; or
//                             onReplaced(kept = 0): the order left the book, then it matches as a taker
//                             like a new order (fills, self-match cancels) and ends with onRested or
//                             onCancelled or nothing; or onCancelRejected.
// - time passing (any command, or advanceTime): onExpired(reason Gtd) for every GTD order whose expiry
//   is <= now, in (expiry, id) order, BEFORE the command itself is handled.
// - endSession:               onExpired(reason Day) for every DAY order (bids then asks, best level
//                             first, FIFO within a level).
// - setTradingState:          onTradingState.
// An ITCH publisher maps onRested to Add Order, onFill to Order Executed (maker id), onCancelled/onExpired
// with resting = 1 to Order Delete, onReplaced kept = 1 to Order Cancel (newQty < oldQty), kept = 0 to
// Order Delete (followed by an Add Order at onRested, under a fresh order reference), onTradingState to
// Stock Trading Action. A FIX gateway maps them to ExecutionReports / OrderCancelRejects.

import type { Nanos, Px, Qty } from '../core/units.js';

/** Sides, as in src/core/units.ts. */
export const BUY = 0;
export const SELL = 1;

export const OrdType = {
  Limit: 1,
  /** Trades against the book at any price; never rests (time in force FOK = all or nothing, else IOC). */
  Market: 2,
} as const;

export const Tif = {
  /** Rests until endSession(). */
  Day: 0,
  /** Rests until cancelled (survives endSession). */
  Gtc: 1,
  /** Rests until its expiry time (ns, the expireNs argument) is reached. */
  Gtd: 2,
  /** Immediate or cancel: fills what it can, the remainder is cancelled. */
  Ioc: 3,
  /** Fill or kill: fills completely at once or not at all (no fills, no side effects). */
  Fok: 4,
} as const;

/**
 * Order flags (bit set). Self-match prevention mode in bits 1-2, taken from the INCOMING order: when it
 * would trade with a resting order of the same owner, CancelNewest cancels the incoming order's remainder,
 * CancelOldest cancels the resting order and keeps matching, CancelBoth cancels both.
 */
export const Flags = {
  PostOnly: 1,
  SmpCancelNewest: 1 << 1,
  SmpCancelOldest: 2 << 1,
  SmpCancelBoth: 3 << 1,
} as const;
export const FLAGS_MASK = 7;
export const SMP_SHIFT = 1;
export const SMP_NONE = 0;
export const SMP_CANCEL_NEWEST = 1;
export const SMP_CANCEL_OLDEST = 2;
export const SMP_CANCEL_BOTH = 3;

/**
 * Trading state. Halted: new orders and replaces are rejected (MatchHalted), cancels are accepted (as on
 * Nasdaq during a halt). Frozen: every command is rejected, cancels included. Expiries (GTD, endSession)
 * happen in every state: time passes. Resuming (Open) restarts continuous matching at once, no reopening
 * cross; the book cannot be crossed since nothing could be added during the halt.
 */
export const TradingState = {
  Open: 0,
  Halted: 1,
  Frozen: 2,
} as const;

export const CancelReason = {
  /** Cancel request. */
  Requested: 1,
  /** Remainder of an IOC or market order. */
  IocRemainder: 2,
  /** A FOK that could not fill completely (nothing traded). */
  FokUnfilled: 3,
  /** The incoming order's remainder, cancelled by self-match prevention (CancelNewest / CancelBoth). */
  SelfMatchTaker: 4,
  /** A resting order cancelled by self-match prevention (CancelOldest / CancelBoth). */
  SelfMatchMaker: 5,
} as const;

export const ExpireReason = {
  Day: 1,
  Gtd: 2,
} as const;

/** Which request a cancel-reject answers. */
export const CancelRejectKind = {
  Cancel: 1,
  Replace: 2,
} as const;

/** Output of the engine. Every method receives integers only; implementations must not retain state from the engine. */
export interface MatchSink {
  /** A new order passed validation (FIX ExecType New). px is 0 for a market order. */
  onAccepted(id: number, owner: number, side: number, ordType: number, tif: number, px: Px, qty: Qty, ts: Nanos): void;
  /** A new order was refused (FIX ExecType Rejected); `code` from src/core/rejects.ts (4000-4999). */
  onRejected(id: number, owner: number, code: number, ts: Nanos): void;
  /**
   * One execution at the maker's price. `makerLeaves`/`takerLeaves` are the sizes left after it (a maker
   * at 0 has left the book). Fees in price units (positive paid, negative rebate); matchId counts from 1.
   */
  onFill(
    makerId: number, makerOwner: number, takerId: number, takerOwner: number, takerSide: number,
    px: Px, qty: Qty, makerLeaves: Qty, takerLeaves: Qty, makerFee: number, takerFee: number,
    matchId: number, ts: Nanos,
  ): void;
  /** The order (or its remainder) joined the book at px with qty (ITCH Add Order). */
  onRested(id: number, owner: number, side: number, px: Px, qty: Qty, ts: Nanos): void;
  /** `qty` was cancelled; `resting` = 1 when the order was on the book (an ITCH delete), else 0. */
  onCancelled(id: number, owner: number, side: number, px: Px, qty: Qty, reason: number, resting: number, ts: Nanos): void;
  /** A cancel or replace was refused (FIX OrderCancelReject); the order is unchanged. */
  onCancelRejected(id: number, kind: number, code: number, ts: Nanos): void;
  /** A replace was applied; kept = 1 when the order kept its queue position (same price, size not increased). */
  onReplaced(id: number, owner: number, side: number, oldPx: Px, oldQty: Qty, newPx: Px, newQty: Qty, kept: number, ts: Nanos): void;
  /** A resting order expired (reason from ExpireReason). */
  onExpired(id: number, owner: number, side: number, px: Px, qty: Qty, reason: number, ts: Nanos): void;
  onTradingState(state: number, ts: Nanos): void;
}

/** The command API both engines implement. Every command returns 0 or a reject code (4000-4999). */
export interface MatchingEngineApi {
  newOrder(
    id: number, owner: number, side: number, ordType: number, tif: number,
    px: Px, qty: Qty, flags: number, expireNs: Nanos, now: Nanos,
  ): number;
  cancel(id: number, now: Nanos): number;
  /** New price and new OPEN (leaves) quantity; a FIX gateway passes OrderQty - CumQty. */
  replace(id: number, px: Px, qty: Qty, now: Nanos): number;
  setTradingState(state: number, now: Nanos): number;
  /** Expires GTD orders due at `now` (every command does this first). */
  advanceTime(now: Nanos): void;
  /** Expires every DAY order; returns how many. */
  endSession(now: Nanos): number;
  /** Canonical hash: state, counters, then per side each level from best with its orders in FIFO order. */
  stateHash(): string;
  /**
   * Visits every resting order: bids then asks, best level first, FIFO within a level (cold path: for a
   * GLIMPSE-style snapshot to a late joiner, or a status report). The visitor must not modify the engine.
   */
  forEachOrder(visit: (id: number, owner: number, side: number, px: Px, qty: Qty, tif: number) => void): void;
  orderCount(): number;
  bestBid(): Px;
  bestAsk(): Px;
  /** Remaining qty of a live order, 0 when unknown. */
  orderQty(id: number): Qty;
  /** Price of a live order, NaN when unknown. */
  orderPrice(id: number): Px;
  /** Side of a live order, -1 when unknown. */
  orderSide(id: number): number;
  /** Number of orders ahead of it at its price, -1 when unknown. */
  queuePosition(id: number): number;
  tradingState(): number;
  /** Executions so far (also the last matchId). */
  fillCount(): number;
  /** Shares executed so far. */
  fillVolume(): number;
}
