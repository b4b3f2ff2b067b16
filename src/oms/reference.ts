// The OMS's plain reference twin (design principle 10): orders as objects in a Map, the lifecycle written
// out as explicit rules per event instead of the transition table, reconciliation re-stated. It is slow
// and allocates; test/oms/differential.test.ts drives it and the fast Oms with the same seeded streams and
// compares stateHash() (the same canonical sequence of integers) and the reconciliation reports. It
// shares only the constants (statuses, events, reject codes) and positionKey with the fast one.

import { OrderEvent } from '../core/events.js';
import { StateHasher } from '../core/hash.js';
import { Reject } from '../core/rejects.js';
import type { Side } from '../core/units.js';
import type { ExecReport } from './oms.js';
import { positionKey, validIdentity } from './positions.js';
import type { Discrepancy, OrderSnapshot, ReconcileResult, VenueOrderStatus } from './reconcile.js';
import { OrdStatus as S } from './table.js';

interface RefOrder {
  clOrdId: number; orderId: number; status: number; acked: number; side: number; strategy: number; account: number;
  instrument: number; pos: RefPosition; orderQty: number; price: number; cumQty: number; leavesQty: number; notional: number;
  lastQty: number; lastPx: number; lastExecId: number; updateTime: number; pendClOrdId: number; pendQty: number; pendPx: number;
}
interface RefPosition { key: number; bought: number; sold: number; buyNotional: number; sellNotional: number; fills: number }

const DONE = new Set<number>([S.Filled, S.Cancelled, S.Rejected, S.Expired, S.DoneForDay]);
const safe = Number.isSafeInteger;

export class ReferenceOms {
  private readonly index = new Map<number, RefOrder>();
  private readonly byOrderId = new Map<number, RefOrder>();
  private readonly live = new Set<RefOrder>();
  private readonly positions = new Map<number, RefPosition>();
  private readonly execIds = new Set<number>();
  private readonly counts = new Map<string, number>();
  private readonly rejects = new Array<number>(100).fill(0);

  constructor(private readonly maxOrders = 65_536, private readonly maxPositions = 4_096) {}

  private bump(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
  private no(code: number, counter: string | null): number {
    if (counter !== null) this.bump(counter);
    this.rejects[code - 6000]++;
    return code;
  }

  submit(clOrdId: number, strategy: number, account: number, instrument: number, side: Side, qty: number, px: number, now: number): number {
    if (!(clOrdId > 0 && safe(clOrdId))) return this.no(Reject.OmsBadIdentity, 'badInput');
    if (this.index.has(clOrdId)) return this.no(Reject.OmsDuplicateClOrdId, 'illegal');
    if (!(qty > 0 && safe(qty))) return this.no(Reject.OmsBadQty, 'badInput');
    if (!safe(px) || !safe(qty * px)) return this.no(Reject.OmsBadPrice, 'badInput');
    if ((side !== 0 && side !== 1) || !validIdentity(strategy, account, instrument)) return this.no(Reject.OmsBadIdentity, 'badInput');
    if (this.live.size === this.maxOrders) return this.no(Reject.OmsPoolFull, null);
    const key = positionKey(strategy, account, instrument);
    let pos = this.positions.get(key);
    if (pos === undefined) {
      if (this.positions.size === this.maxPositions) return this.no(Reject.OmsPoolFull, null);
      pos = { key, bought: 0, sold: 0, buyNotional: 0, sellNotional: 0, fills: 0 };
      this.positions.set(key, pos);
    }
    const o: RefOrder = {
      clOrdId, orderId: 0, status: S.PendingNew, acked: 0, side, strategy, account, instrument, pos, orderQty: qty, price: px,
      cumQty: 0, leavesQty: qty, notional: 0, lastQty: 0, lastPx: 0, lastExecId: 0, updateTime: now, pendClOrdId: 0, pendQty: 0, pendPx: 0,
    };
    this.index.set(clOrdId, o);
    this.live.add(o);
    this.bump('applied');
    return 0;
  }

  private requestTarget(clOrdId: number): RefOrder | number {
    const o = this.index.get(clOrdId);
    if (o === undefined || o.clOrdId !== clOrdId) return this.no(Reject.OmsUnknownOrder, 'unknown');
    return o;
  }

  private refuseRequest(o: RefOrder): number {
    const pending = o.status === S.PendingCancel || o.status === S.PendingReplace;
    return this.no(pending ? Reject.OmsPendingRequest : Reject.OmsIllegalTransition, 'illegal');
  }

  cancel(clOrdId: number, now: number): number {
    const o = this.requestTarget(clOrdId);
    if (typeof o === 'number') return o;
    if (o.status !== S.PendingNew && o.status !== S.New && o.status !== S.PartiallyFilled) return this.refuseRequest(o);
    o.status = S.PendingCancel;
    o.updateTime = now;
    this.bump('applied');
    return 0;
  }

  replace(clOrdId: number, newId: number, qty: number, px: number, now: number): number {
    const o = this.requestTarget(clOrdId);
    if (typeof o === 'number') return o;
    if (!(newId > 0 && safe(newId)) || this.index.has(newId)) return this.no(Reject.OmsDuplicateClOrdId, 'illegal');
    if (!(qty > 0 && safe(qty))) return this.no(Reject.OmsBadQty, 'badInput');
    if (!safe(px) || !safe(qty * px)) return this.no(Reject.OmsBadPrice, 'badInput');
    if (o.status !== S.New && o.status !== S.PartiallyFilled) return this.refuseRequest(o);
    o.status = S.PendingReplace;
    o.pendClOrdId = newId;
    o.pendQty = qty;
    o.pendPx = px;
    o.updateTime = now;
    this.index.set(newId, o);
    this.bump('applied');
    return 0;
  }

  private dropPending(o: RefOrder): void {
    if (o.pendClOrdId === 0) return;
    this.index.delete(o.pendClOrdId);
    o.pendClOrdId = o.pendQty = o.pendPx = 0;
  }

  private working(o: RefOrder): number {
    if (o.cumQty >= o.orderQty) return S.Filled;
    if (o.cumQty > 0) return S.PartiallyFilled;
    return o.acked ? S.New : S.PendingNew;
  }

  onExecReport(r: ExecReport): number {
    const ev = r.event;
    if (ev < OrderEvent.OrderAccepted || ev > OrderEvent.OrderDoneForDay) return this.no(Reject.OmsIllegalTransition, 'badInput');
    const o = this.index.get(r.clOrdId) ?? (r.origClOrdId !== 0 ? this.index.get(r.origClOrdId) : undefined) ?? (r.orderId !== 0 ? this.byOrderId.get(r.orderId) : undefined);
    if (o === undefined) return this.no(Reject.OmsUnknownOrder, 'unknown');
    if (r.execId !== 0 && this.execIds.has(r.execId)) {
      this.bump('duplicates');
      return 1;
    }
    const fill = ev === OrderEvent.OrderPartiallyFilled || ev === OrderEvent.OrderFilled;
    if (fill) {
      if (!(r.lastQty > 0 && safe(r.lastQty))) return this.no(Reject.OmsBadQty, 'badInput');
      if (!safe(r.lastPx) || !safe(r.lastQty * r.lastPx) || !safe(o.notional + r.lastQty * r.lastPx)) return this.no(Reject.OmsNotionalOverflow, 'badInput');
      if (o.cumQty + r.lastQty > o.orderQty) return this.no(Reject.OmsOverfill, 'overfills');
    }
    // the rules, event by event: a target status, 'stay', 'stale', 'working' or 'illegal'
    const st = o.status;
    const done = DONE.has(st);
    let out: number | 'stay' | 'stale' | 'working' | 'illegal';
    switch (ev) {
      case OrderEvent.OrderAccepted:
        out = st === S.Rejected ? 'illegal' : st === S.PendingNew ? S.New : st === S.New || st === S.PendingCancel || st === S.PendingReplace ? 'stay' : 'stale';
        break;
      case OrderEvent.OrderRejected:
        out = st === S.PendingNew || st === S.PendingCancel ? S.Rejected : st === S.Rejected ? 'stale' : 'illegal';
        break;
      case OrderEvent.OrderCancelled:
      case OrderEvent.OrderExpired:
      case OrderEvent.OrderDoneForDay: {
        const target = ev === OrderEvent.OrderCancelled ? S.Cancelled : ev === OrderEvent.OrderExpired ? S.Expired : S.DoneForDay;
        out = st === S.Rejected ? 'illegal' : done ? 'stale' : target;
        break;
      }
      case OrderEvent.OrderCancelRejected:
        out = st === S.PendingCancel || st === S.PendingReplace ? 'working' : 'stale';
        break;
      case OrderEvent.OrderReplaced:
        out = st === S.PendingReplace ? 'working' : 'illegal';
        break;
      default: {
        const complete = o.cumQty + r.lastQty === o.orderQty;
        if (st === S.Rejected || st === S.Filled) out = 'illegal';
        else if (done) out = 'stay';
        else if (complete) out = S.Filled;
        else out = st === S.PendingCancel || st === S.PendingReplace ? 'stay' : S.PartiallyFilled;
      }
    }
    if (out === 'illegal') return this.no(Reject.OmsIllegalTransition, 'illegal');
    if (r.execId !== 0) this.execIds.add(r.execId);
    if (r.orderId !== 0 && o.orderId === 0) {
      o.orderId = r.orderId;
      this.byOrderId.set(r.orderId, o);
    }
    if (out === 'stale') {
      this.bump('stale');
      return 2;
    }
    o.updateTime = r.transactTime;
    if (fill) {
      const n = r.lastQty * r.lastPx;
      o.cumQty += r.lastQty;
      o.notional += n;
      o.leavesQty = done ? 0 : o.orderQty - o.cumQty;
      if (done) this.bump('lateFills');
      o.lastQty = r.lastQty;
      o.lastPx = r.lastPx;
      o.lastExecId = r.execId;
      o.acked = 1;
      this.book(o, r.lastQty, n);
    } else if (ev === OrderEvent.OrderAccepted) o.acked = 1;
    else if (ev === OrderEvent.OrderReplaced) {
      this.index.delete(o.clOrdId);
      o.clOrdId = o.pendClOrdId;
      o.orderQty = o.pendQty;
      o.price = o.pendPx;
      o.leavesQty = Math.max(0, o.orderQty - o.cumQty);
      o.pendClOrdId = o.pendQty = o.pendPx = 0;
      o.acked = 1;
    } else if (ev === OrderEvent.OrderCancelRejected) this.dropPending(o);
    else {
      o.leavesQty = 0;
      this.dropPending(o);
    }
    if (typeof out === 'number') o.status = out;
    else if (out === 'working') o.status = this.working(o);
    this.bump('applied');
    return 0;
  }

  private book(o: RefOrder, qty: number, notional: number): void {
    const p = o.pos;
    if (o.side === 0) {
      p.bought += qty;
      p.buyNotional += notional;
    } else {
      p.sold += qty;
      p.sellNotional += notional;
    }
    p.fills++;
  }

  release(clOrdId: number): boolean {
    const o = this.index.get(clOrdId);
    if (o === undefined || o.clOrdId !== clOrdId || !DONE.has(o.status)) return false;
    this.index.delete(clOrdId);
    this.dropPending(o);
    if (o.orderId !== 0) this.byOrderId.delete(o.orderId);
    this.live.delete(o);
    this.bump('released');
    return true;
  }

  private snap(o: RefOrder): OrderSnapshot {
    return { clOrdId: o.clOrdId, orderId: o.orderId, ordStatus: o.status, cumQty: o.cumQty, leavesQty: o.leavesQty, avgPx: o.cumQty === 0 ? 0 : Math.round(o.notional / o.cumQty) };
  }

  reconcile(venue: readonly VenueOrderStatus[]): ReconcileResult {
    const out: Discrepancy[] = [];
    const seen = new Set<RefOrder>();
    let forced = 0;
    for (const v of venue) {
      const o = this.index.get(v.clOrdId) ?? (v.orderId !== 0 ? this.byOrderId.get(v.orderId) : undefined);
      const valid = Number.isInteger(v.ordStatus) && v.ordStatus >= S.PendingNew && v.ordStatus <= S.DoneForDay &&
        safe(v.cumQty) && v.cumQty >= 0 && safe(v.leavesQty) && v.leavesQty >= 0 && safe(v.avgPx) && safe(v.avgPx * v.cumQty);
      if (!valid) this.bump('badInput');
      if (o === undefined || !valid) {
        out.push({ kind: 'MissingLocally', clOrdId: v.clOrdId, local: null, venue: v });
        continue;
      }
      seen.add(o);
      const before = this.snap(o);
      if (v.orderId !== 0 && o.orderId === 0) {
        o.orderId = v.orderId;
        this.byOrderId.set(v.orderId, o);
      }
      if (v.cumQty !== o.cumQty || v.leavesQty !== o.leavesQty) {
        out.push({ kind: 'QtyMismatch', clOrdId: o.clOrdId, local: before, venue: v });
        const dq = v.cumQty - o.cumQty;
        const dn = v.avgPx * v.cumQty - o.notional;
        if (dq !== 0 || dn !== 0) {
          o.cumQty += dq;
          o.notional += dn;
          this.book(o, dq, dn);
        }
        o.leavesQty = v.leavesQty;
        const liveStatus = v.ordStatus !== S.None && !DONE.has(v.ordStatus);
        if (liveStatus) o.orderQty = v.cumQty + v.leavesQty;
        else if (o.orderQty < v.cumQty) o.orderQty = v.cumQty;
      } else if (v.cumQty > 0 && Math.abs(Math.round(o.notional / o.cumQty) - v.avgPx) > 1) {
        out.push({ kind: 'AvgPxMismatch', clOrdId: o.clOrdId, local: before, venue: v });
        const dn = v.avgPx * v.cumQty - o.notional;
        o.notional += dn;
        this.book(o, 0, dn);
      }
      if (v.ordStatus !== o.status) {
        out.push({ kind: 'StatusMismatch', clOrdId: o.clOrdId, local: before, venue: v });
        o.status = v.ordStatus;
        forced++;
        if (v.ordStatus !== S.PendingNew) o.acked = 1;
        if (v.ordStatus !== S.PendingReplace) this.dropPending(o);
        if (DONE.has(v.ordStatus)) o.leavesQty = 0;
      }
    }
    const missing = [...this.live].filter((o) => !DONE.has(o.status) && !seen.has(o)).sort((a, b) => a.clOrdId - b.clOrdId);
    for (const o of missing) {
      out.push({ kind: 'MissingAtVenue', clOrdId: o.clOrdId, local: this.snap(o), venue: null });
      o.status = o.status === S.PendingNew ? S.Rejected : S.Cancelled;
      o.leavesQty = 0;
      this.dropPending(o);
      forced++;
    }
    this.counts.set('reconciled', (this.counts.get('reconciled') ?? 0) + out.length);
    return { discrepancies: out, forced };
  }

  /** The same canonical digest as Oms.stateHash(). */
  stateHash(): string {
    const h = new StateHasher();
    const orders = [...this.live].sort((a, b) => a.clOrdId - b.clOrdId);
    h.int(orders.length);
    for (const o of orders) {
      for (const v of [o.clOrdId, o.orderId, o.status, o.acked, o.side, o.strategy, o.account, o.instrument, o.orderQty, o.price,
        o.cumQty, o.leavesQty, o.notional, o.lastQty, o.lastPx, o.lastExecId, o.updateTime, o.pendClOrdId, o.pendQty, o.pendPx]) h.int(v);
    }
    const ps = [...this.positions.values()].sort((a, b) => a.key - b.key);
    h.int(ps.length);
    for (const p of ps) for (const v of [p.key, p.bought, p.sold, p.buyNotional, p.sellNotional, p.fills]) h.int(v);
    for (const c of ['applied', 'illegal', 'stale', 'duplicates', 'unknown', 'overfills', 'badInput', 'lateFills', 'reconciled', 'released']) {
      h.int(this.counts.get(c) ?? 0);
    }
    h.int(this.execIds.size);
    for (const c of this.rejects) h.int(c);
    return h.digest();
  }
}
