// Reconciliation with the venue after a restart or a reconnect (issue 5, item 6). Cold path.
//
// Kernel.reconcile() (a journaled RECON event) asks the venue for the status of every order the OMS
// holds open or in doubt: PendingNew (sent or not: a crash between the journal write and the send leaves
// an order the venue never got), New/PartiallyFilled (fills may have been missed: reports queued at the
// crash die with the process), PendingCancel/PendingReplace (the request may not have left; for a pending
// replace the new clOrdId is asked too). New orders and replaces are refused (OmsReconciling) until every
// answer is in; cancels go through.
// Each answer (a journaled STATUS event) is taken as final: the venue handled everything the previous
// connection delivered before it answered on this one. It is applied as the reports that would have said
// the same, through Kernel.onExec (OMS transition table, risk positions/PnL, the strategy), so every part
// of the state moves together and a replay repeats it exactly:
//   unknown at the venue  PendingNew -> OrderRejected; a working order -> OrderCancelled; a pending
//                         replace's new id -> OrderCancelRejected (the replace never arrived)
//   known                 the pending replace's new id -> OrderReplaced; PendingNew -> OrderAccepted;
//                         cumQty above ours -> one fill of the difference at the price that brings our
//                         notional to avgPx x cumQty; a terminal status -> OrderCancelled / OrderExpired /
//                         OrderDoneForDay / OrderRejected; still working while our cancel or replace is
//                         pending -> OrderCancelRejected (the request never arrived)
// Every difference is reported (Kernel.onDiscrepancy, the audit edge) with the OMS's Discrepancy shape:
// MissingAtVenue, MissingLocally (reported only: we do not know its strategy), QtyMismatch (missed fills
// booked; fills we have that the venue does not are reported only: a fill cannot be undone by a report),
// StatusMismatch. Synthetic reports carry execId 0 (no duplicate check): a venue that re-sends the real
// report after answering would double-count it; FIX venues answer status after their resends.

import { OrderEvent } from '../core/events.js';
import { snapshot, type Discrepancy, type DiscrepancyKind, type VenueOrderStatus } from '../oms/reconcile.js';
import { OrdStatus, isTerminal, type OrdStatusCode } from '../oms/table.js';
import type { Kernel } from './kernel.js';
import { OUT_STATUS } from './outbox.js';

export interface ReconcileState {
  /** clOrdIds asked and not answered yet. */
  pending: Set<number>;
  /** New orders and replaces are refused while true. */
  holding: boolean;
  /** Reconciliations begun. */
  rounds: number;
  /** Differences reported. */
  discrepancies: number;
}

/** Queues a status request for every open or in-doubt order; returns how many. */
export function beginReconcile(k: Kernel): number {
  const o = k.oms.orders;
  const st = k.recon;
  st.pending.clear();
  st.rounds++;
  const ask = (cl: number, s: number): void => {
    st.pending.add(cl);
    k.outbox.push(OUT_STATUS, cl, 0, o.instrument[s], o.side[s], 0, 0, o.orderId[s]);
  };
  // the same in a replay (whose port asks nothing): only the state decides
  for (let s = 0; s < o.capacity; s++) {
    const status = o.status[s];
    if (status === OrdStatus.None || isTerminal(status)) continue;
    if (o.pendClOrdId[s] !== 0) ask(o.pendClOrdId[s], s);
    ask(o.clOrdId[s], s);
  }
  st.holding = st.pending.size > 0;
  return st.pending.size;
}

function report(k: Kernel, kind: DiscrepancyKind, clOrdId: number, s: number, v: VenueOrderStatus): void {
  k.recon.discrepancies++;
  const d: Discrepancy = { kind, clOrdId, local: s >= 0 ? snapshot(k.oms, s) : null, venue: v };
  k.onDiscrepancy(d);
}

/** Applies one status answer (see the header). */
export function applyStatus(
  k: Kernel, clOrdId: number, orderId: number, ordStatus: number, cumQty: number, leavesQty: number,
  avgPx: number, _orderQty: number, now: number,
): void {
  const st = k.recon;
  if (st.pending.delete(clOrdId) && st.pending.size === 0) st.holding = false;
  const oms = k.oms;
  const o = oms.orders;
  let s = oms.byClOrdId.get(clOrdId);
  if (s < 0 && orderId !== 0) s = oms.byOrderId.get(orderId);
  const unknown = orderId === 0 && ordStatus === OrdStatus.Rejected && cumQty === 0;
  const v: VenueOrderStatus = { clOrdId, orderId, ordStatus: ordStatus as OrdStatusCode, cumQty, leavesQty, avgPx: Math.round(avgPx) };
  if (s < 0 || o.status[s] === OrdStatus.None) {
    if (!unknown) report(k, 'MissingLocally', clOrdId, -1, v);
    return;
  }
  const cur = o.clOrdId[s];
  const status = o.status[s];
  if (isTerminal(status)) return;
  const exec = (event: number, cl: number, orig: number, lastQty: number, lastPx: number): void =>
    k.onExec(event, 0, cl, orig, orderId, lastQty, lastPx, 0, 0, now);
  // the new clOrdId of a pending replace: did the replace reach the venue?
  if (o.pendClOrdId[s] === clOrdId && cur !== clOrdId) {
    if (unknown) {
      report(k, 'StatusMismatch', clOrdId, s, v);
      exec(OrderEvent.OrderCancelRejected, clOrdId, cur, 0, 0);
      return;
    }
    report(k, 'StatusMismatch', clOrdId, s, v);
    exec(OrderEvent.OrderReplaced, clOrdId, cur, 0, 0);
    s = oms.byClOrdId.get(clOrdId);
    if (s < 0) return;
  } else if (unknown) {
    report(k, 'MissingAtVenue', clOrdId, s, v);
    exec(status === OrdStatus.PendingNew ? OrderEvent.OrderRejected : OrderEvent.OrderCancelled, cur, 0, 0, 0);
    return;
  }
  const cl = o.clOrdId[s];
  if (o.status[s] === OrdStatus.PendingNew && ordStatus !== OrdStatus.Rejected) {
    report(k, 'StatusMismatch', cl, s, v);
    exec(OrderEvent.OrderAccepted, cl, 0, 0, 0);
    s = oms.byClOrdId.get(cl);
    if (s < 0) return;
  }
  const dq = cumQty - o.cumQty[s];
  if (dq > 0) {
    report(k, 'QtyMismatch', cl, s, v);
    const px = Math.round((avgPx * cumQty - o.notional[s]) / dq);
    exec(cumQty >= o.orderQty[s] ? OrderEvent.OrderFilled : OrderEvent.OrderPartiallyFilled, cl, 0, dq, px);
    s = oms.byClOrdId.get(cl);
    if (s < 0) return;
  } else if (dq < 0) report(k, 'QtyMismatch', cl, s, v);
  const venueDone = ordStatus === OrdStatus.Cancelled || ordStatus === OrdStatus.Expired || ordStatus === OrdStatus.DoneForDay || ordStatus === OrdStatus.Rejected;
  if (venueDone) {
    report(k, 'StatusMismatch', cl, s, v);
    const ev = ordStatus === OrdStatus.Cancelled ? OrderEvent.OrderCancelled : ordStatus === OrdStatus.Expired ? OrderEvent.OrderExpired
      : ordStatus === OrdStatus.DoneForDay ? OrderEvent.OrderDoneForDay : OrderEvent.OrderRejected;
    exec(ev, cl, 0, 0, 0);
    return;
  }
  // our cancel is pending but the venue still works the order: the request never arrived (a pending
  // replace was settled by the answer for its new clOrdId, asked first)
  if (o.status[s] === OrdStatus.PendingCancel && (ordStatus === OrdStatus.New || ordStatus === OrdStatus.PartiallyFilled)) {
    report(k, 'StatusMismatch', cl, s, v);
    exec(OrderEvent.OrderCancelRejected, cl, cl, 0, 0);
  }
}
