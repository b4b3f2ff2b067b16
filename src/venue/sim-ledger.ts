// The simulator venue's own record of the orders venue ports sent it (ids >= SIM_ID_BASE): order
// quantity, filled quantity and notional, and how the order ended. It answers the order status requests
// of reconciliation (SimVenuePort.requestStatus) the way a FIX venue answers OrderStatusRequest: from
// the venue's books, not the port's memory, so a port built after a crash (resumeKernel) answers for
// the orders its predecessor sent. One ledger per Venue, created with the first port and shared by
// later ones (it must listen from the first order on). Cold: Maps keyed by (instrument, venue id).

import type { Px, Qty } from '../core/units.js';
import { OrdStatus } from '../oms/table.js';
import { NoopVenueListener, type Venue } from '../sim/venue.js';

export const SIM_ID_BASE = 1_000_000_000_000;

export interface LedgerEntry {
  orderQty: number;
  cumQty: number;
  notional: number;
  /** OrdStatus code once the order ended other than by filling (Cancelled, Expired, Rejected), else 0. */
  ended: number;
}

export class SimOrderLedger extends NoopVenueListener {
  private readonly orders = new Map<number, LedgerEntry>();
  private static readonly byVenue = new WeakMap<Venue, SimOrderLedger>();

  /** The venue's ledger (created and attached on first use). */
  static of(venue: Venue): SimOrderLedger {
    let l = SimOrderLedger.byVenue.get(venue);
    if (l === undefined) {
      l = new SimOrderLedger();
      venue.addListener(l);
      SimOrderLedger.byVenue.set(venue, l);
    }
    return l;
  }

  private static key(inst: number, id: number): number {
    return (id - SIM_ID_BASE) * 65536 + inst;
  }

  get(inst: number, id: number): LedgerEntry | undefined {
    return this.orders.get(SimOrderLedger.key(inst, id));
  }

  /** OrdStatus of an entry. */
  static status(e: LedgerEntry): number {
    if (e.ended !== 0) return e.ended;
    return e.cumQty >= e.orderQty ? OrdStatus.Filled : e.cumQty > 0 ? OrdStatus.PartiallyFilled : OrdStatus.New;
  }

  override onAccepted(inst: number, id: number, _o: number, _s: number, _t: number, _f: number, _px: Px, qty: Qty): void {
    if (id >= SIM_ID_BASE) this.orders.set(SimOrderLedger.key(inst, id), { orderQty: qty, cumQty: 0, notional: 0, ended: 0 });
  }

  override onRejected(inst: number, id: number): void {
    if (id < SIM_ID_BASE) return;
    const e = this.get(inst, id);
    if (e !== undefined) e.ended = OrdStatus.Rejected;
    else this.orders.set(SimOrderLedger.key(inst, id), { orderQty: 0, cumQty: 0, notional: 0, ended: OrdStatus.Rejected });
  }

  override onFill(inst: number, makerId: number, _mo: number, takerId: number, _to: number, _side: number, px: Px, qty: Qty): void {
    for (const id of [makerId, takerId]) {
      if (id < SIM_ID_BASE) continue;
      const e = this.get(inst, id);
      if (e === undefined) continue;
      e.cumQty += qty;
      e.notional += px * qty;
    }
  }

  override onCancelled(inst: number, id: number): void {
    const e = id >= SIM_ID_BASE ? this.get(inst, id) : undefined;
    if (e !== undefined && e.ended === 0) e.ended = OrdStatus.Cancelled;
  }

  override onExpired(inst: number, id: number): void {
    const e = id >= SIM_ID_BASE ? this.get(inst, id) : undefined;
    if (e !== undefined && e.ended === 0) e.ended = OrdStatus.Expired;
  }

  override onReplaced(inst: number, id: number, _o: number, _s: number, _op: Px, _oq: Qty, _np: Px, newQty: Qty): void {
    const e = id >= SIM_ID_BASE ? this.get(inst, id) : undefined;
    if (e !== undefined) e.orderQty = e.cumQty + newQty; // the engine's replace takes the new open quantity
  }
}
