// The order management system (issue 5, item 6): order lifecycle, fills and positions.
// Contract:
// - Every status change goes through the one transition table (./table.ts). An illegal (status, event)
//   pair returns a reject code from the OMS range (src/core/rejects.ts) and is counted; the order is
//   left exactly as it was.
// - Idempotent venue input: a report whose execId was already seen is ignored (result Duplicate); a
//   report older than what we know (an ack after the first fill, a cancel ack after the completing fill,
//   a second cancel reject) is ignored (result Stale). A fill is a fact at the venue: it is accounted in
//   any status whose table cell allows it, including after a cancel request and after a cancel ack
//   that overtook it; only a fill that would take cumQty above orderQty is refused (OmsOverfill).
// - Lookup of a report: clOrdId, then origClOrdId, then the venue's orderId. A replace moves the order
//   to its new clOrdId; the old one is forgotten, so late reports for it are found by orderId.
// - Units: lots, price units, notional = sum(lastQty * lastPx) (exact integers; avgPx derived), ns times.
// - Threading: the kernel's thread only. Hot methods (submit, cancel, replace, onExecReport) allocate
//   nothing once maps and the execId set are warm; reconcile, snapshots and stateHash are cold.
// Results: OmsResult.Ok / Duplicate / Stale, or a Reject code (>= 6000).

import { OrderEvent } from '../core/events.js';
import { Reject } from '../core/rejects.js';
import { StateHasher } from '../core/hash.js';
import { SIDE_BID } from '../core/units.js';
import type { Nanos, Px, Qty, Side } from '../core/units.js';
import { IdTable } from '../core/idtable.js';
import { IdSet } from './idset.js';
import { reconcile } from './reconcile.js';
import type { ReconcileResult, VenueOrderStatus } from './reconcile.js';
import { OrderPool } from './pool.js';
import { Positions, positionKey, validIdentity } from './positions.js';
import { EVENT_COUNT, ILLEGAL, OrdStatus, STALE, STAY, WORKING, isTerminal, tableOutcome } from './table.js';

export const OmsResult = { Ok: 0, Duplicate: 1, Stale: 2 } as const;

// Module-local copies of the constants the hot methods use: V8 reloads an imported binding (and an
// exported one, even in its own module) at every use in optimized code (load, hole check, untag) but
// folds an unexported module const into the code. The originals stay the names others import;
// test/oms/local-consts.test.ts checks the copies.
const EV_SUBMITTED = OrderEvent.OrderSubmitted;
const EV_CANCEL_REQUESTED = OrderEvent.OrderCancelRequested;
const EV_REPLACE_REQUESTED = OrderEvent.OrderReplaceRequested;
const EV_ACCEPTED = OrderEvent.OrderAccepted;
const EV_PARTIALLY_FILLED = OrderEvent.OrderPartiallyFilled;
const EV_FILLED = OrderEvent.OrderFilled;
const EV_CANCEL_REJECTED = OrderEvent.OrderCancelRejected;
const EV_REPLACED = OrderEvent.OrderReplaced;
const ST_NONE = OrdStatus.None;
const ST_PENDING_NEW = OrdStatus.PendingNew;
const ST_NEW = OrdStatus.New;
const ST_PARTIALLY_FILLED = OrdStatus.PartiallyFilled;
const ST_FILLED = OrdStatus.Filled;
const ST_PENDING_CANCEL = OrdStatus.PendingCancel;
const ST_PENDING_REPLACE = OrdStatus.PendingReplace;
const N_EVENTS = EVENT_COUNT;
const OUT_ILLEGAL = ILLEGAL;
const OUT_STALE = STALE;
const OUT_STAY = STAY;
const OUT_WORKING = WORKING;
const BID = SIDE_BID;
const RES_OK = OmsResult.Ok;
const RES_DUPLICATE = OmsResult.Duplicate;
const RES_STALE = OmsResult.Stale;
/** For the test of the copies above (cold). */
export const OMS_CONSTS = { EV_SUBMITTED, EV_CANCEL_REQUESTED, EV_REPLACE_REQUESTED, EV_ACCEPTED, EV_PARTIALLY_FILLED, EV_FILLED, EV_CANCEL_REJECTED, EV_REPLACED, ST_NONE, ST_PENDING_NEW, ST_NEW, ST_PARTIALLY_FILLED, ST_FILLED, ST_PENDING_CANCEL, ST_PENDING_REPLACE, N_EVENTS, OUT_ILLEGAL, OUT_STALE, OUT_STAY, OUT_WORKING, BID, RES_OK, RES_DUPLICATE, RES_STALE } as const;

/** A venue report, filled in place by the venue adapter and reused (no allocation per message). */
export class ExecReport {
  /** OrderEvent code: OrderAccepted .. OrderDoneForDay (a trade may say either fill code). */
  event = 0;
  /** ExecID (tag 17) as a positive integer; 0 for an OrderCancelReject, which has none. */
  execId = 0;
  clOrdId = 0;
  origClOrdId = 0;
  /** The venue's OrderID (tag 37), 0 when absent. */
  orderId = 0;
  lastQty: Qty = 0;
  lastPx: Px = 0;
  transactTime: Nanos = 0;
  /** OrdRejReason / CxlRejReason, informational. */
  reason = 0;

  set(event: number, execId: number, clOrdId: number, orderId: number, lastQty: Qty, lastPx: Px, transactTime: Nanos): this {
    this.event = event;
    this.execId = execId;
    this.clOrdId = clOrdId;
    this.origClOrdId = 0;
    this.orderId = orderId;
    this.lastQty = lastQty;
    this.lastPx = lastPx;
    this.transactTime = transactTime;
    this.reason = 0;
    return this;
  }
}

export interface OmsOptions {
  /** Order slots (default 65,536). Terminal orders hold their slot until release(). */
  maxOrders?: number;
  /** (strategy, account, instrument) positions (default 4,096). */
  maxPositions?: number;
  /** Initial execId set capacity (grows by doubling). */
  execIds?: number;
}

export class Oms {
  readonly orders: OrderPool;
  readonly positions: Positions;
  /** clOrdId (and a pending replace's new clOrdId) -> slot. */
  readonly byClOrdId: IdTable;
  /** venue orderId -> slot. */
  readonly byOrderId: IdTable;
  readonly execIds: IdSet;
  // counters
  applied = 0;
  illegal = 0;
  stale = 0;
  duplicates = 0;
  unknown = 0;
  overfills = 0;
  badInput = 0;
  lateFills = 0;
  /** Discrepancies found by reconcile(). */
  reconciled = 0;
  /** Slots freed by release(). */
  released = 0;
  /** Counts per OMS reject code (index code - 6000). */
  readonly rejectCounts = new Uint32Array(100);
  lastReject = 0;

  constructor(opts: OmsOptions = {}) {
    this.orders = new OrderPool(opts.maxOrders ?? 65_536);
    this.positions = new Positions(opts.maxPositions ?? 4_096);
    this.execIds = new IdSet(opts.execIds ?? 4_096);
    this.byClOrdId = new IdTable(2 * Math.min(this.orders.capacity, 1 << 16));
    this.byOrderId = new IdTable(2 * Math.min(this.orders.capacity, 1 << 16));
  }

  private reject(code: number): number {
    this.rejectCounts[code - 6000]++;
    this.lastReject = code;
    return code;
  }

  slotOf(clOrdId: number): number {
    return this.byClOrdId.get(clOrdId);
  }

  /** OrderSubmitted: a NewOrderSingle is about to go out. side: BID = buy, SIDE_ASK = sell. */
  submit(clOrdId: number, strategy: number, account: number, instrument: number, side: Side, orderQty: Qty, price: Px, now: Nanos): number {
    if (!(clOrdId > 0) || !Number.isSafeInteger(clOrdId)) return this.badReject(Reject.OmsBadIdentity);
    if (this.byClOrdId.has(clOrdId)) {
      this.illegal++;
      return this.reject(Reject.OmsDuplicateClOrdId);
    }
    if (!(orderQty > 0) || !Number.isSafeInteger(orderQty)) return this.badReject(Reject.OmsBadQty);
    if (!Number.isSafeInteger(price) || !Number.isSafeInteger(orderQty * price)) return this.badReject(Reject.OmsBadPrice);
    if ((side as number) !== 0 && (side as number) !== 1) return this.badReject(Reject.OmsBadIdentity);
    if (!validIdentity(strategy, account, instrument)) return this.badReject(Reject.OmsBadIdentity);
    const o = this.orders;
    if (o.used === o.capacity) return this.reject(Reject.OmsPoolFull);
    const pos = this.positions.slotFor(positionKey(strategy, account, instrument));
    if (pos < 0) return this.reject(Reject.OmsPoolFull);
    const s = o.alloc();
    // the table's None row: the only legal event is OrderSubmitted
    o.status[s] = tableOutcome(ST_NONE, EV_SUBMITTED);
    o.clOrdId[s] = clOrdId;
    o.side[s] = side;
    o.strategy[s] = strategy;
    o.account[s] = account;
    o.instrument[s] = instrument;
    o.posSlot[s] = pos;
    o.orderQty[s] = orderQty;
    o.price[s] = price;
    o.leavesQty[s] = orderQty;
    o.updateTime[s] = now;
    this.byClOrdId.put(clOrdId, s);
    this.applied++;
    return RES_OK;
  }

  /** OrderCancelRequested. */
  cancel(clOrdId: number, now: Nanos): number {
    const s = this.byClOrdId.get(clOrdId);
    if (s < 0 || this.orders.clOrdId[s] !== clOrdId) {
      this.unknown++;
      return this.reject(Reject.OmsUnknownOrder);
    }
    const st = this.orders.status[s];
    const out = tableOutcome(st, EV_CANCEL_REQUESTED);
    if (out < 0) return this.illegalRequest(st);
    this.orders.status[s] = out;
    this.orders.updateTime[s] = now;
    this.applied++;
    return RES_OK;
  }

  /** OrderReplaceRequested: newClOrdId takes over when the venue reports OrderReplaced. */
  replace(clOrdId: number, newClOrdId: number, orderQty: Qty, price: Px, now: Nanos): number {
    const s = this.byClOrdId.get(clOrdId);
    if (s < 0 || this.orders.clOrdId[s] !== clOrdId) {
      this.unknown++;
      return this.reject(Reject.OmsUnknownOrder);
    }
    if (!(newClOrdId > 0) || !Number.isSafeInteger(newClOrdId) || this.byClOrdId.has(newClOrdId)) {
      this.illegal++;
      return this.reject(Reject.OmsDuplicateClOrdId);
    }
    if (!(orderQty > 0) || !Number.isSafeInteger(orderQty)) return this.badReject(Reject.OmsBadQty);
    if (!Number.isSafeInteger(price) || !Number.isSafeInteger(orderQty * price)) return this.badReject(Reject.OmsBadPrice);
    const o = this.orders;
    const st = o.status[s];
    const out = tableOutcome(st, EV_REPLACE_REQUESTED);
    if (out < 0) return this.illegalRequest(st);
    o.status[s] = out;
    o.pendClOrdId[s] = newClOrdId;
    o.pendQty[s] = orderQty;
    o.pendPx[s] = price;
    o.updateTime[s] = now;
    this.byClOrdId.put(newClOrdId, s);
    this.applied++;
    return RES_OK;
  }

  private illegalRequest(st: number): number {
    this.illegal++;
    return this.reject(st === ST_PENDING_CANCEL || st === ST_PENDING_REPLACE ? Reject.OmsPendingRequest : Reject.OmsIllegalTransition);
  }

  private badReject(code: number): number {
    this.badInput++;
    return this.reject(code);
  }

  private find(r: ExecReport): number {
    let s = this.byClOrdId.get(r.clOrdId);
    if (s < 0 && r.origClOrdId !== 0) s = this.byClOrdId.get(r.origClOrdId);
    if (s < 0 && r.orderId !== 0) s = this.byOrderId.get(r.orderId);
    return s;
  }

  /** A venue report (ExecutionReport or OrderCancelReject). */
  onExecReport(r: ExecReport): number {
    let ev = r.event;
    if (ev < EV_ACCEPTED || ev >= N_EVENTS) return this.badReject(Reject.OmsIllegalTransition);
    const s = this.find(r);
    if (s < 0) {
      this.unknown++;
      return this.reject(Reject.OmsUnknownOrder);
    }
    if (r.execId !== 0 && this.execIds.has(r.execId)) {
      this.duplicates++;
      return RES_DUPLICATE;
    }
    const o = this.orders;
    const isFill = ev === EV_PARTIALLY_FILLED || ev === EV_FILLED;
    let notional = 0;
    if (isFill) {
      const q = r.lastQty;
      if (!(q > 0) || !Number.isSafeInteger(q)) return this.badReject(Reject.OmsBadQty);
      notional = q * r.lastPx;
      if (!Number.isSafeInteger(r.lastPx) || !Number.isSafeInteger(notional) || !Number.isSafeInteger(o.notional[s] + notional)) {
        return this.badReject(Reject.OmsNotionalOverflow);
      }
      const cum = o.cumQty[s] + q;
      if (cum > o.orderQty[s]) {
        this.overfills++;
        return this.reject(Reject.OmsOverfill);
      }
      ev = cum === o.orderQty[s] ? EV_FILLED : EV_PARTIALLY_FILLED;
    }
    const st = o.status[s];
    const out = tableOutcome(st, ev);
    if (out === OUT_ILLEGAL) {
      this.illegal++;
      return this.reject(Reject.OmsIllegalTransition);
    }
    if (r.execId !== 0) this.execIds.add(r.execId);
    if (r.orderId !== 0 && o.orderId[s] === 0) {
      o.orderId[s] = r.orderId;
      this.byOrderId.put(r.orderId, s);
    }
    if (out === OUT_STALE) {
      this.stale++;
      return RES_STALE;
    }
    o.updateTime[s] = r.transactTime;
    if (isFill) this.applyFill(s, st, r, notional);
    else if (ev === EV_ACCEPTED) o.acked[s] = 1;
    else if (ev === EV_REPLACED) this.applyReplace(s);
    else if (ev === EV_CANCEL_REJECTED) this.dropPending(s);
    else {
      // Rejected, Cancelled, Expired, DoneForDay: nothing more will trade
      o.leavesQty[s] = 0;
      this.dropPending(s);
    }
    if (out >= 0) o.status[s] = out;
    else if (out === OUT_WORKING) o.status[s] = this.working(s);
    else if (out !== OUT_STAY) throw new Error(`order table: unknown outcome ${out}`); // a bug in the table
    this.applied++;
    return RES_OK;
  }

  private applyFill(s: number, st: number, r: ExecReport, notional: number): void {
    const o = this.orders;
    const q = r.lastQty;
    o.cumQty[s] += q;
    o.notional[s] += notional;
    // a late fill on a done order does not reopen it: leaves stay 0
    o.leavesQty[s] = isTerminal(st) ? 0 : o.orderQty[s] - o.cumQty[s];
    if (isTerminal(st)) this.lateFills++;
    o.lastQty[s] = q;
    o.lastPx[s] = r.lastPx;
    o.lastExecId[s] = r.execId;
    o.acked[s] = 1;
    this.positions.addFill(o.posSlot[s], o.side[s] === BID, q, notional);
  }

  private applyReplace(s: number): void {
    const o = this.orders;
    this.byClOrdId.delete(o.clOrdId[s]);
    o.clOrdId[s] = o.pendClOrdId[s];
    o.orderQty[s] = o.pendQty[s];
    o.price[s] = o.pendPx[s];
    o.leavesQty[s] = Math.max(0, o.orderQty[s] - o.cumQty[s]);
    o.pendClOrdId[s] = 0;
    o.pendQty[s] = 0;
    o.pendPx[s] = 0;
    o.acked[s] = 1;
  }

  /** Forgets an outstanding replace's new clOrdId (rejected, or the order ended first). */
  dropPending(s: number): void {
    const o = this.orders;
    if (o.pendClOrdId[s] !== 0) {
      this.byClOrdId.delete(o.pendClOrdId[s]);
      o.pendClOrdId[s] = 0;
      o.pendQty[s] = 0;
      o.pendPx[s] = 0;
    }
  }

  /** The OUT_WORKING outcome: the working status the quantities imply. */
  working(s: number): number {
    const o = this.orders;
    if (o.cumQty[s] >= o.orderQty[s]) return ST_FILLED;
    if (o.cumQty[s] > 0) return ST_PARTIALLY_FILLED;
    return o.acked[s] === 1 ? ST_NEW : ST_PENDING_NEW;
  }

  /** Brings local state in line with the venue's order status answers (./reconcile.ts). Cold path. */
  reconcile(venue: readonly VenueOrderStatus[]): ReconcileResult {
    return reconcile(this, venue);
  }

  /** Frees a terminal order's slot (late reports for it become OmsUnknownOrder). Cold path. */
  release(clOrdId: number): boolean {
    const s = this.slotOf(clOrdId);
    if (s < 0 || !isTerminal(this.orders.status[s])) return false;
    this.byClOrdId.delete(clOrdId);
    this.dropPending(s);
    if (this.orders.orderId[s] !== 0) this.byOrderId.delete(this.orders.orderId[s]);
    this.orders.release(s);
    this.released++;
    return true;
  }

  /** A canonical digest of all state: orders by clOrdId, positions by key, counters. Cold path. */
  stateHash(): string {
    const h = new StateHasher();
    const o = this.orders;
    const slots: number[] = [];
    for (let s = 0; s < o.capacity; s++) if (o.status[s] !== ST_NONE) slots.push(s);
    slots.sort((a, b) => o.clOrdId[a] - o.clOrdId[b]);
    h.int(slots.length);
    for (const s of slots) {
      h.int(o.clOrdId[s]); h.int(o.orderId[s]); h.int(o.status[s]); h.int(o.acked[s]); h.int(o.side[s]);
      h.int(o.strategy[s]); h.int(o.account[s]); h.int(o.instrument[s]);
      h.int(o.orderQty[s]); h.int(o.price[s]); h.int(o.cumQty[s]); h.int(o.leavesQty[s]); h.int(o.notional[s]);
      h.int(o.lastQty[s]); h.int(o.lastPx[s]); h.int(o.lastExecId[s]); h.int(o.updateTime[s]);
      h.int(o.pendClOrdId[s]); h.int(o.pendQty[s]); h.int(o.pendPx[s]);
    }
    const p = this.positions;
    const ps: number[] = [];
    for (let i = 0; i < p.count; i++) ps.push(i);
    ps.sort((a, b) => p.key[a] - p.key[b]);
    h.int(ps.length);
    for (const i of ps) {
      h.int(p.key[i]); h.int(p.bought[i]); h.int(p.sold[i]); h.int(p.buyNotional[i]); h.int(p.sellNotional[i]); h.int(p.fills[i]);
    }
    h.int(this.applied); h.int(this.illegal); h.int(this.stale); h.int(this.duplicates); h.int(this.unknown);
    h.int(this.overfills); h.int(this.badInput); h.int(this.lateFills); h.int(this.reconciled); h.int(this.released); h.int(this.execIds.size);
    for (let i = 0; i < this.rejectCounts.length; i++) h.int(this.rejectCounts[i]);
    return h.digest();
  }
}
