// The venue port: the one interface between the kernel and wherever orders go (design principle 9's last
// hop). Three implementations share it: the in-process simulator (./sim.ts), a FIX 4.4 session (./fix.ts)
// and the shadow fill model on the live book (./shadow.ts); ./null.ts drops everything (journal replay).
//
// Contract:
// - The kernel calls submit/cancel/replace on its one thread, after risk and the OMS accepted the command.
//   A port never calls back into the kernel synchronously: what the venue says comes back through the
//   VenueEventSink given to attach(), which queues it on the kernel's inbound ring (the kernel drains the
//   ring in order), so a report produced while a command is being sent is handled after the command.
// - Identity: clOrdId (positive safe integer, unique per session) names an order; a replace gives the
//   order a new clOrdId (FIX semantics), and later reports name the new one.
// - Units: kernel instrument ids (dense, the kernel's registry order), prices in integer price units,
//   quantities in lots, times ns since the session epoch. Sides SIDE_BID (buy) / SIDE_ASK (sell).
// - Reports use the OrderEvent catalog (src/core/events.ts) and the OMS ExecReport fields; execId is a
//   positive integer unique per port and session (the OMS drops duplicates by it).

import type { BookView } from '../book/types.js';
import type { Nanos, Px, Qty, Side } from '../core/units.js';

/** Time in force a strategy may ask for. */
export const TimeInForce = {
  Day: 0,
  Gtc: 1,
  /** Immediate or cancel: what does not fill at once is cancelled. */
  Ioc: 3,
} as const;

/** Where a port delivers venue events: the kernel's inbound ring (numbers only, no allocation). */
export interface VenueEventSink {
  execReport(
    event: number, execId: number, clOrdId: number, origClOrdId: number, orderId: number,
    lastQty: Qty, lastPx: Px, fee: number, reason: number, ts: Nanos,
  ): void;
  /**
   * The venue's answer to requestStatus (FIX ExecType I): ordStatus an OrdStatus code (src/oms/table.ts);
   * an order the venue does not know is ordStatus Rejected with orderId 0 and nothing filled. avgPx in
   * price units (may be fractional). Optional so sinks written before reconciliation still type-check.
   */
  orderStatus?(clOrdId: number, orderId: number, ordStatus: number, cumQty: Qty, leavesQty: Qty, avgPx: number, orderQty: Qty, ts: Nanos): void;
}

export interface VenuePort {
  readonly kind: 'sim' | 'fix' | 'shadow' | 'null';
  attach(sink: VenueEventSink): void;
  /** Ports that model fills on the market (shadow) get the kernel's book here, before any event. */
  useBook?(book: BookView): void;
  /** A limit order (the only type strategies send: a marketable limit at the touch stands for a market order). */
  submit(clOrdId: number, instrument: number, side: Side, qty: Qty, px: Px, tif: number, now: Nanos): void;
  cancel(clOrdId: number, origClOrdId: number, instrument: number, side: Side, now: Nanos): void;
  replace(clOrdId: number, origClOrdId: number, instrument: number, side: Side, qty: Qty, px: Px, now: Nanos): void;
  /**
   * Asks the venue for the status of one order (FIX OrderStatusRequest); the answer comes back through the
   * sink's orderStatus. orderId: the venue's id when known, else 0. Ports that cannot ask omit it (the
   * kernel then cannot reconcile their orders).
   */
  requestStatus?(clOrdId: number, orderId: number, instrument: number, side: Side, now: Nanos): void;
  /**
   * Called by the kernel after each market-data event of an instrument (after the book changed); tradePx is
   * the price of a print when the event was one, else NaN. Only the shadow port uses it (fills on the book).
   */
  onMarket(instrument: number, tradePx: Px, tradeQty: Qty, now: Nanos): void;
}
