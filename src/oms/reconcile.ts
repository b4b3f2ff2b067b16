// Reconciliation after a reconnect (cold path). The venue answers an order status request
// (OrderStatusRequest / OrderMassStatusRequest, ExecType=I) for every order; the venue is the authority:
// local state is brought in line and every difference is reported as a Discrepancy.
//   MissingLocally  the venue knows a clOrdId/orderId we do not: reported only (we do not know its
//                   strategy/account, so it is not adopted; the operator or a later rule decides)
//   MissingAtVenue  a locally live order the venue did not report: it is not working. PendingNew
//                   (never reached the venue) becomes Rejected, anything else Cancelled; leaves 0
//   QtyMismatch     cumQty or leavesQty differ: the missed (or phantom) fills are booked as one
//                   correcting fill of (venue cumQty - local cumQty) at the price that makes the
//                   notional equal venue avgPx * venue cumQty, so positions follow; leaves set
//   AvgPxMismatch   same cumQty, but the derived avgPx is more than 1 price unit (the venue's rounding)
//                   off: notional set to avgPx * cumQty, the position's notional corrected by the diff
//   StatusMismatch  OrdStatus differs: the venue's status is forced (this bypasses the table on purpose;
//                   counted in `forced`)
// Discrepancies come in the order of the venue's list, then missing-at-venue orders by clOrdId.

import { SIDE_BID } from '../core/units.js';
import type { Oms } from './oms.js';
import { OrdStatus, isLive, isTerminal } from './table.js';
import type { OrdStatusCode } from './table.js';

export interface VenueOrderStatus {
  clOrdId: number;
  /** The venue's OrderID, 0 when not given. */
  orderId: number;
  ordStatus: OrdStatusCode;
  cumQty: number;
  leavesQty: number;
  /** Average fill price in price units (0 when nothing filled). */
  avgPx: number;
}

export interface OrderSnapshot {
  clOrdId: number;
  orderId: number;
  ordStatus: number;
  cumQty: number;
  leavesQty: number;
  /** Rounded notional / cumQty, 0 when nothing filled. */
  avgPx: number;
}

export type DiscrepancyKind = 'MissingLocally' | 'MissingAtVenue' | 'StatusMismatch' | 'QtyMismatch' | 'AvgPxMismatch';

export interface Discrepancy {
  kind: DiscrepancyKind;
  clOrdId: number;
  /** Local state before the correction (null when missing locally). */
  local: OrderSnapshot | null;
  venue: VenueOrderStatus | null;
}

export interface ReconcileResult {
  discrepancies: Discrepancy[];
  /** Orders whose status was forced to the venue's. */
  forced: number;
}

export function snapshot(oms: Oms, slot: number): OrderSnapshot {
  const o = oms.orders;
  const cum = o.cumQty[slot];
  return {
    clOrdId: o.clOrdId[slot],
    orderId: o.orderId[slot],
    ordStatus: o.status[slot],
    cumQty: cum,
    leavesQty: o.leavesQty[slot],
    avgPx: cum === 0 ? 0 : o.avgPx(slot),
  };
}

/** Books a correction of (dq lots, dn notional) on the order and its position. */
function correct(oms: Oms, s: number, dq: number, dn: number): void {
  const o = oms.orders;
  o.cumQty[s] += dq;
  o.notional[s] += dn;
  oms.positions.addFill(o.posSlot[s], o.side[s] === SIDE_BID, dq, dn);
}

function validStatus(st: number): boolean {
  return Number.isInteger(st) && st > OrdStatus.None && st <= OrdStatus.DoneForDay;
}

export function reconcile(oms: Oms, venue: readonly VenueOrderStatus[]): ReconcileResult {
  const o = oms.orders;
  const out: Discrepancy[] = [];
  const seen = new Set<number>();
  let forced = 0;
  for (const v of venue) {
    let s = oms.byClOrdId.get(v.clOrdId);
    if (s < 0 && v.orderId !== 0) s = oms.byOrderId.get(v.orderId);
    const bad = !validStatus(v.ordStatus) || !Number.isSafeInteger(v.cumQty) || v.cumQty < 0 || !Number.isSafeInteger(v.leavesQty) || v.leavesQty < 0 || !Number.isSafeInteger(v.avgPx) || !Number.isSafeInteger(v.avgPx * v.cumQty);
    if (s < 0 || bad) {
      if (bad) oms.badInput++;
      out.push({ kind: 'MissingLocally', clOrdId: v.clOrdId, local: null, venue: v });
      continue;
    }
    seen.add(s);
    const before = snapshot(oms, s);
    if (v.orderId !== 0 && o.orderId[s] === 0) {
      o.orderId[s] = v.orderId;
      oms.byOrderId.set(v.orderId, s);
    }
    if (v.cumQty !== before.cumQty || v.leavesQty !== before.leavesQty) {
      out.push({ kind: 'QtyMismatch', clOrdId: before.clOrdId, local: before, venue: v });
      const dq = v.cumQty - o.cumQty[s];
      const dn = v.avgPx * v.cumQty - o.notional[s];
      if (dq !== 0 || dn !== 0) correct(oms, s, dq, dn);
      o.leavesQty[s] = v.leavesQty;
      if (isLive(v.ordStatus)) o.orderQty[s] = v.cumQty + v.leavesQty;
      else if (o.orderQty[s] < v.cumQty) o.orderQty[s] = v.cumQty;
    } else if (v.cumQty > 0 && Math.abs(o.avgPx(s) - v.avgPx) > 1) {
      out.push({ kind: 'AvgPxMismatch', clOrdId: before.clOrdId, local: before, venue: v });
      correct(oms, s, 0, v.avgPx * v.cumQty - o.notional[s]);
    }
    if (v.ordStatus !== before.ordStatus) {
      out.push({ kind: 'StatusMismatch', clOrdId: before.clOrdId, local: before, venue: v });
      o.status[s] = v.ordStatus;
      forced++;
      if (v.ordStatus !== OrdStatus.PendingNew) o.acked[s] = 1;
      if (v.ordStatus !== OrdStatus.PendingReplace) oms.dropPending(s);
      if (isTerminal(v.ordStatus)) o.leavesQty[s] = 0;
    }
  }
  const missing: number[] = [];
  for (let s = 0; s < o.capacity; s++) if (isLive(o.status[s]) && !seen.has(s)) missing.push(s);
  missing.sort((a, b) => o.clOrdId[a] - o.clOrdId[b]);
  for (const s of missing) {
    out.push({ kind: 'MissingAtVenue', clOrdId: o.clOrdId[s], local: snapshot(oms, s), venue: null });
    o.status[s] = o.status[s] === OrdStatus.PendingNew ? OrdStatus.Rejected : OrdStatus.Cancelled;
    o.leavesQty[s] = 0;
    oms.dropPending(s);
    forced++;
  }
  oms.reconciled += out.length;
  return { discrepancies: out, forced };
}
