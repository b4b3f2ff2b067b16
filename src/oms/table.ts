// The order lifecycle as ONE transition table (design principle 7): (status, event) -> outcome.
// Statuses follow FIX OrdStatus (tag 39); events are the OrderEvent catalog (src/core/events.ts).
// Every cell is defined; `tableOutcome` is the only way the OMS changes an order's status, so an
// illegal pair is always a counted reject and never a silent overwrite.
//
// Outcomes:
//   a status (>= 0)  the order moves there
//   STAY             legal, status unchanged (e.g. a fill while a cancel is pending)
//   STALE            a benign race: the report is older than what we know (an ack after the first fill,
//                    a cancel ack after the fill that completed the order); ignored and counted
//   WORKING          back to the working status the quantities imply (after a cancel reject or a
//                    replace): Filled if nothing is left, else PartiallyFilled if cumQty > 0, else New if
//                    the venue ever acknowledged the order, else PendingNew
//   ILLEGAL          a counted reject (Reject.OmsIllegalTransition)
//
// Fills: the OMS picks OrderFilled when the fill leaves nothing (cumQty = orderQty), else
// OrderPartiallyFilled. A fill whose outcome is not ILLEGAL (or STALE) is always accounted (cumQty,
// notional, position), whatever the status: a fill is a fact at the venue, also after a cancel.
//
// FIX "Replaced" (OrdStatus 5) is not a resting status in FIX 4.4: an accepted replace is reported as
// ExecType=5 with the order's working OrdStatus; one pool slot holds the whole clOrdId chain.

import { OrderEvent } from '../core/events.js';

export const OrdStatus = {
  None: 0, // a free slot: only OrderSubmitted applies
  PendingNew: 1, // FIX 'A'
  New: 2, // '0'
  PartiallyFilled: 3, // '1'
  Filled: 4, // '2'
  PendingCancel: 5, // '6'
  Cancelled: 6, // '4'
  PendingReplace: 7, // 'E'
  Rejected: 8, // '8'
  Expired: 9, // 'C'
  DoneForDay: 10, // '3'
} as const;
export type OrdStatusCode = (typeof OrdStatus)[keyof typeof OrdStatus];

export const STATUS_COUNT = 11;
export const EVENT_COUNT = 13; // OrderEvent codes 1..12 index columns 1..12; column 0 and 13 unused

/** FIX OrdStatus (tag 39) characters, indexed by OrdStatusCode ('' for None). */
export const FIX_ORD_STATUS = ['', 'A', '0', '1', '2', '6', '4', 'E', '8', 'C', '3'] as const;

export const STAY = -1;
export const STALE = -2;
export const WORKING = -3;
export const ILLEGAL = -4;

// Module-local copies for isTerminal and tableOutcome (hot: every OMS operation): V8 reloads an exported
// binding at every use in optimized code, even in its own module, but folds an unexported const.
// test/oms/local-consts.test.ts checks them against the exported names.
const ST_FILLED = OrdStatus.Filled;
const ST_CANCELLED = OrdStatus.Cancelled;
const ST_REJECTED = OrdStatus.Rejected;
const ST_EXPIRED = OrdStatus.Expired;
const ST_DONE_FOR_DAY = OrdStatus.DoneForDay;
const N_STATUS = STATUS_COUNT;
const N_EVENTS = EVENT_COUNT;
const OUT_ILLEGAL = ILLEGAL;

const statusNames = Object.keys(OrdStatus);
const eventNames = new Map<number, string>(Object.entries(OrderEvent).map(([k, v]) => [v, k]));
export const statusName = (s: number): string => statusNames[s] ?? `Status${s}`;
export const eventName = (e: number): string => eventNames.get(e) ?? `Event${e}`;

/** True for statuses no venue report can leave except by a late fill (Filled, Cancelled, ...). */
export function isTerminal(s: number): boolean {
  return s === ST_FILLED || s === ST_CANCELLED || s === ST_REJECTED || s === ST_EXPIRED || s === ST_DONE_FOR_DAY;
}

/** True for statuses that may still trade at the venue. */
export function isLive(s: number): boolean {
  return s !== OrdStatus.None && !isTerminal(s);
}

const S = OrdStatus;
const E = OrderEvent;
const X = ILLEGAL;

// Rows: statuses; columns: events in this order.
const COLS = [
  E.OrderSubmitted, E.OrderCancelRequested, E.OrderReplaceRequested, E.OrderAccepted, E.OrderRejected,
  E.OrderPartiallyFilled, E.OrderFilled, E.OrderCancelled, E.OrderCancelRejected, E.OrderReplaced,
  E.OrderExpired, E.OrderDoneForDay,
] as const;

// prettier-ignore
const ROWS: ReadonlyArray<readonly [number, readonly number[]]> = [
  //                     Submit        CxlReq          RplReq            Accepted Rejected      PartFill              Fill       Cancelled    CxlRej   Replaced Expired    DoneForDay
  [S.None,            [S.PendingNew, X,               X,                X,       X,           X,                    X,         X,           X,       X,       X,         X]],
  // cancel while pending new is allowed (FIX permits it; the venue may answer with a reject)
  [S.PendingNew,      [X,            S.PendingCancel, X,                S.New,   S.Rejected,  S.PartiallyFilled,    S.Filled,  S.Cancelled, STALE,   X,       S.Expired, S.DoneForDay]],
  [S.New,             [X,            S.PendingCancel, S.PendingReplace, STAY,    X,           S.PartiallyFilled,    S.Filled,  S.Cancelled, STALE,   X,       S.Expired, S.DoneForDay]],
  // a fill before the ack moved the order on: the late ack is STALE
  [S.PartiallyFilled, [X,            S.PendingCancel, S.PendingReplace, STALE,   X,           STAY,                 S.Filled,  S.Cancelled, STALE,   X,       S.Expired, S.DoneForDay]],
  // a cancel ack/reject or expiry racing the fill that completed the order is STALE; another fill overfills
  [S.Filled,          [X,            X,               X,                STALE,   X,           X,                    X,         STALE,       STALE,   X,       STALE,     STALE]],
  // late fills while the cancel is in flight are accounted; the reject of a cancel sent while the order
  // was still pending new rejects the order itself
  [S.PendingCancel,   [X,            X,               X,                STAY,    S.Rejected,  STAY,                 S.Filled,  S.Cancelled, WORKING, X,       S.Expired, S.DoneForDay]],
  // a fill reported after the cancel ack (delivered out of order) happened at the venue: accounted
  [S.Cancelled,       [X,            X,               X,                STALE,   X,           STAY,                 STAY,      STALE,       STALE,   X,       STALE,     STALE]],
  [S.PendingReplace,  [X,            X,               X,                STAY,    X,           STAY,                 S.Filled,  S.Cancelled, WORKING, WORKING, S.Expired, S.DoneForDay]],
  [S.Rejected,        [X,            X,               X,                X,       STALE,       X,                    X,         X,           STALE,   X,       X,         X]],
  [S.Expired,         [X,            X,               X,                STALE,   X,           STAY,                 STAY,      STALE,       STALE,   X,       STALE,     STALE]],
  [S.DoneForDay,      [X,            X,               X,                STALE,   X,           STAY,                 STAY,      STALE,       STALE,   X,       STALE,     STALE]],
];

/** The table, flat: TABLE[status * EVENT_COUNT + event]. */
const FLAT: Int8Array = (() => {
  const t = new Int8Array(STATUS_COUNT * EVENT_COUNT).fill(ILLEGAL);
  if (ROWS.length !== STATUS_COUNT) throw new Error('order table: one row per status');
  for (const [status, cells] of ROWS) {
    if (cells.length !== COLS.length) throw new Error(`order table: row ${statusName(status)} has ${cells.length} cells`);
    for (let i = 0; i < COLS.length; i++) t[status * EVENT_COUNT + COLS[i]] = cells[i];
  }
  return t;
})();
export const TABLE: Int8Array = FLAT;

/** For the test of the copies above (cold). */
export const TABLE_CONSTS = { ST_FILLED, ST_CANCELLED, ST_REJECTED, ST_EXPIRED, ST_DONE_FOR_DAY, N_STATUS, N_EVENTS, OUT_ILLEGAL, FLAT } as const;

/** The outcome of `event` on an order in `status` (one of the constants above or a status). */
export function tableOutcome(status: number, event: number): number {
  if (status < 0 || status >= N_STATUS || event <= 0 || event >= N_EVENTS) return OUT_ILLEGAL;
  // no `| 0` here: the guard does not check for integers, and a fractional index must stay a miss
  return FLAT[status * N_EVENTS + event];
}

/** The events the table defines, in column order (for exhaustive tests and docs). */
export const TABLE_EVENTS: readonly number[] = COLS;
