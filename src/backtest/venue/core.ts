// VenueCore: the market side of the backtest venue (./port.ts): our resting orders, the queue and fill
// rules applied to every replayed market event (VenueHooks, called by ./venue-book.ts before the book
// applies the event), fees, and the outgoing report queue. The rules and their assumptions are stated
// in ./port.ts (fills) and ./queue.ts (queue position); this file is their implementation, split from
// the port to keep files small. Single-threaded; nothing allocated per event.

import { OrderEvent } from '../../core/events.js';
import type { Nanos, Px, Qty } from '../../core/units.js';
import type { Fees } from './fees.js';
import type { FifoLink } from './latency.js';
import { RestingOrders } from './orders.js';
import { Q_FIFO, aheadAfterDecrease } from './queue.js';
import { ReportQueue } from './queues.js';
import type { VenueBook, VenueHooks } from './venue-book.js';

export abstract class VenueCore implements VenueHooks {
  protected readonly orders: RestingOrders;
  protected readonly reports = new ReportQueue();
  private execSeq = 0;
  // counters (reports, tests)
  makerFills = 0;
  takerFills = 0;
  cancelRejects = 0;
  feesTotal = 0;

  constructor(
    /** The venue's copy of the replayed market (exchange time). */
    readonly book: VenueBook,
    readonly queueModel: number,
    protected readonly power: number,
    protected readonly fees: Fees,
    protected readonly reportLink: FifoLink,
    capacity: number,
  ) {
    this.orders = new RestingOrders(capacity);
  }

  /** Our resting orders (VenueHooks: 0 lets the book skip per-order work). */
  get active(): number {
    return this.orders.n;
  }

  /** Our resting orders on book b (instrument * 2 + side). */
  onBook(b: number): number {
    return this.orders.onBook(b);
  }

  abstract before(ts: Nanos): void;

  // ---- market events (VenueHooks, called by the venue's book) ----

  onTrade(inst: number, side: number, px: Px, qty: Qty, seq: number, ts: Nanos): void {
    this.tradeAt(inst, side, px, qty, seq, false, ts);
  }

  onRemove(inst: number, side: number, px: Px, qty: Qty, levelBefore: Qty, seq: number, _ts: Nanos): void {
    const o = this.orders;
    const model = this.queueModel;
    for (let k = 0; k < o.n; k++) {
      if (o.px[k] !== px || o.side[k] !== side || o.inst[k] !== inst) continue;
      if (model === Q_FIFO) {
        if (seq >= 0) {
          if (seq < o.seq[k]) o.ahead[k] = o.ahead[k] > qty ? o.ahead[k] - qty : 0;
        } else {
          // anonymous size: taken from what joined behind us first (conservative), then from the front
          let q = qty;
          const behind = o.anonBehind[k] < q ? o.anonBehind[k] : q;
          o.anonBehind[k] -= behind;
          q -= behind;
          const front = o.anonAhead[k] < q ? o.anonAhead[k] : q;
          o.anonAhead[k] -= front;
          const a = o.ahead[k] - front;
          const after = levelBefore - qty;
          o.ahead[k] = a < after ? (a > 0 ? a : 0) : after > 0 ? after : 0;
        }
      } else {
        o.ahead[k] = aheadAfterDecrease(model, this.power, o.ahead[k], levelBefore, qty, o.traded[k]);
        o.traded[k] = 0;
      }
    }
  }

  onAnonAdd(inst: number, side: number, px: Px, qty: Qty): void {
    const o = this.orders;
    for (let k = 0; k < o.n; k++) if (o.px[k] === px && o.side[k] === side && o.inst[k] === inst) o.anonBehind[k] += qty;
  }

  onAdd(inst: number, side: number, px: Px, qty: Qty, ts: Nanos): void {
    // new liquidity at or through the price of one of our orders on the other side would have traded with it
    const o = this.orders;
    const opp = side === 0 ? 1 : 0;
    let remaining = qty;
    let filled = false;
    for (let k = 0; k < o.n && remaining > 0; k++) {
      if (o.side[k] !== opp || o.inst[k] !== inst) continue;
      const p = o.px[k];
      if (opp === 0 ? p < px : p > px) continue;
      const leaves = o.qty[k] - o.cum[k];
      const f = leaves < remaining ? leaves : remaining;
      if (!(f > 0)) continue;
      remaining -= f;
      this.passiveFill(k, f, ts);
      filled = true;
    }
    if (filled) o.sweepFilled();
  }

  onClear(inst: number, ts: Nanos): void {
    const o = this.orders;
    for (let k = o.n - 1; k >= 0; k--) {
      if (o.inst[k] !== inst) continue;
      const cl = o.cl[k], oid = o.oid[k];
      o.remove(k);
      this.report(OrderEvent.OrderCancelled, cl, 0, oid, 0, 0, 0, 0, ts);
    }
  }

  /**
   * A print of qty at px against resting side `side`. seq: the arrival number of the executed market
   * order (L3), or -1 when unknown (L2 prints; any queue model but exact FIFO treats it the same way).
   */
  protected tradeAt(inst: number, side: number, px: Px, qty: Qty, seq: number, l2: boolean, ts: Nanos): void {
    const o = this.orders;
    let remaining = qty;
    let filled = false;
    // (b) ours priced through the print: the aggressor reached them first
    for (let k = 0; k < o.n; k++) {
      if (o.side[k] !== side || o.inst[k] !== inst) continue;
      const p = o.px[k];
      if (side === 0 ? p <= px : p >= px) continue;
      const leaves = o.qty[k] - o.cum[k];
      const f = leaves < remaining ? leaves : remaining;
      if (!(f > 0)) continue;
      remaining -= f;
      this.passiveFill(k, f, ts);
      filled = true;
    }
    // (a) ours at the print's price, in arrival order
    const exact = this.queueModel === Q_FIFO && seq >= 0;
    for (let k = 0; k < o.n; k++) {
      if (o.px[k] !== px || o.side[k] !== side || o.inst[k] !== inst) continue;
      const leaves = o.qty[k] - o.cum[k];
      if (!(leaves > 0)) continue;
      let f = 0;
      if (exact) {
        if (seq < o.seq[k]) {
          // the executed order was ahead of ours
          o.ahead[k] = o.ahead[k] > qty ? o.ahead[k] - qty : 0;
          continue;
        }
        // executed order behind ours: the aggressor would have reached us first
        o.ahead[k] = 0;
        f = leaves < remaining ? leaves : remaining;
      } else {
        if (l2) o.traded[k] += qty;
        const a = o.ahead[k] - qty;
        if (a < 0) {
          f = Math.floor(-a);
          if (f > leaves) f = leaves;
          if (f > remaining) f = remaining;
          o.ahead[k] = 0;
        } else {
          o.ahead[k] = a;
        }
      }
      if (f > 0) {
        remaining -= f;
        this.passiveFill(k, f, ts);
        filled = true;
      }
    }
    if (filled) o.sweepFilled();
  }

  /** A maker fill of f lots of resting slot k at its price (the slot is swept by the caller). */
  private passiveFill(k: number, f: Qty, ts: Nanos): void {
    const o = this.orders;
    o.cum[k] += f;
    this.makerFills++;
    this.fillReport(o.cl[k], o.oid[k], f, o.px[k], o.cum[k] === o.qty[k], true, ts);
  }

  // ---- reports ----

  protected fillReport(cl: number, oid: number, q: Qty, px: Px, done: boolean, maker: boolean, t: Nanos): void {
    const fee = this.fees.fee(maker, px, q);
    this.feesTotal += fee;
    this.report(done ? OrderEvent.OrderFilled : OrderEvent.OrderPartiallyFilled, cl, 0, oid, q, px, fee, 0, t);
  }

  protected report(ev: number, cl: number, orig: number, oid: number, lastQty: Qty, lastPx: Px, fee: number, reason: number, t: Nanos): void {
    const execId = ev === OrderEvent.OrderCancelRejected ? 0 : ++this.execSeq;
    this.reports.push(this.reportLink.arrival(t, cl), ev, execId, cl, orig, oid, lastQty, lastPx, fee, reason);
  }
}
