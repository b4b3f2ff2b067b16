// The shadow venue port: nothing leaves the process; fills are simulated on the live book the kernel keeps
// (the `Stage: shadow` of a strategy spec, the seeds' "shadow deployment first").
//
// Fill model (documented assumptions; a shadow PnL is an estimate, not a promise):
// - Aggressive: an order that crosses the opposite touch when it arrives (a buy at or above the best ask)
//   fills at once AT THE TOUCH PRICE, up to the size displayed at the touch level (one level: no sweep of
//   deeper levels; our own order does not move the book, so repeated orders can take the same displayed
//   size again). What is left rests (DAY/GTC) or is cancelled (IOC).
// - Passive: a resting order fills only when the book trades THROUGH its price (a print strictly better
//   than our limit for the other side: a trade below our bid, above our ask), or when the opposite touch
//   moves onto or across our price; it then fills at OUR price, up to the printed size (a trade through) or
//   the displayed opposite size (a crossed touch). A print AT our price does not fill us: we do not know
//   the queue ahead of us, and the pessimistic assumption (we are last in the queue) keeps shadow PnL from
//   flattering a strategy. No latency is modelled: orders and fills happen at the kernel's `now`.
// - Every order is accepted (pre-trade risk already ran in the kernel); cancel and replace of an order
//   that is no longer resting get OrderCancelRejected. A replace keeps the filled quantity (FIX: the new
//   orderQty includes cumQty) and is re-checked against the touch like a new order.
// Reports go to the sink (the kernel's ring) like a real venue's. Threading: the kernel's thread.
// Status requests (reconciliation) are answered from the resting orders: a resting order is New or
// PartiallyFilled with its cumulative quantity and average price; any other id is unknown (Rejected,
// orderId 0). Shadow reports are synchronous and never lost, so the kernel only asks about orders this
// port no longer holds after a restart: shadow orders die with the process, and the kernel closes them.
// Allocation: orders live in preallocated struct-of-arrays slots (capacity fixed at construction).

import type { BookView } from '../book/types.js';
import { OrderEvent } from '../core/events.js';
import { SIDE_ASK, SIDE_BID } from '../core/units.js';
import type { Nanos, Px, Qty, Side } from '../core/units.js';
import { OrdStatus } from '../oms/table.js';
import { TimeInForce, type VenueEventSink, type VenuePort } from './types.js';

const NULL_SINK: VenueEventSink = { execReport() {} };
const EMPTY_BOOK: BookView = {
  depth: () => 0, levelPrice: () => NaN, levelQty: () => 0, levelCount: () => 0, bestBid: () => NaN, bestAsk: () => NaN,
  tradingStatus: () => 0, orderCount: () => 0, stateHash: () => '',
};

export class ShadowVenuePort implements VenuePort {
  readonly kind = 'shadow';
  private sink: VenueEventSink = NULL_SINK;
  private execSeq = 0;
  private orderSeq = 0;
  private n = 0;
  private readonly cl: Float64Array;
  private readonly inst: Int32Array;
  private readonly side: Uint8Array;
  private readonly px: Float64Array;
  private readonly qty: Float64Array;
  private readonly cum: Float64Array;
  private readonly oid: Float64Array;
  /** Filled notional (price units x lots) per resting order: the average price of a status answer. */
  private readonly val: Float64Array;
  /** Fills simulated (tests, reports). */
  fills = 0;

  private book: BookView = EMPTY_BOOK;

  /** `book`: the live book fills are modelled on (the kernel's; buildKernel passes it via useBook). */
  constructor(book: BookView | null = null, capacity = 1024) {
    if (book !== null) this.book = book;
    this.cl = new Float64Array(capacity);
    this.inst = new Int32Array(capacity);
    this.side = new Uint8Array(capacity);
    this.px = new Float64Array(capacity);
    this.qty = new Float64Array(capacity);
    this.cum = new Float64Array(capacity);
    this.oid = new Float64Array(capacity);
    this.val = new Float64Array(capacity);
  }

  attach(sink: VenueEventSink): void {
    this.sink = sink;
  }

  useBook(book: BookView): void {
    this.book = book;
  }

  /** Orders resting in the shadow book. */
  get resting(): number {
    return this.n;
  }

  submit(clOrdId: number, instrument: number, side: Side, qty: Qty, px: Px, tif: number, now: Nanos): void {
    const oid = ++this.orderSeq;
    this.sink.execReport(OrderEvent.OrderAccepted, ++this.execSeq, clOrdId, 0, oid, 0, 0, 0, 0, now);
    const b = this.book;
    let filled = 0;
    const touch = side === SIDE_BID ? b.bestAsk(instrument) : b.bestBid(instrument);
    if (touch === touch && (side === SIDE_BID ? touch <= px : touch >= px)) {
      const shown = b.levelQty(instrument, side === SIDE_BID ? SIDE_ASK : SIDE_BID, 0);
      filled = shown < qty ? shown : qty;
      if (filled > 0) this.report(filled === qty ? OrderEvent.OrderFilled : OrderEvent.OrderPartiallyFilled, clOrdId, oid, filled, touch, now);
    }
    if (filled === qty) return;
    if (tif === TimeInForce.Ioc) {
      this.sink.execReport(OrderEvent.OrderCancelled, ++this.execSeq, clOrdId, 0, oid, 0, 0, 0, 0, now);
      return;
    }
    if (this.n === this.cl.length) throw new Error('shadow port: resting order capacity exhausted');
    const k = this.n++;
    this.cl[k] = clOrdId;
    this.inst[k] = instrument;
    this.side[k] = side;
    this.px[k] = px;
    this.qty[k] = qty;
    this.cum[k] = filled;
    this.val[k] = filled > 0 ? filled * touch : 0;
    this.oid[k] = oid;
  }

  requestStatus(clOrdId: number, _orderId: number, _instrument: number, _side: Side, now: Nanos): void {
    const k = this.find(clOrdId);
    const sink = this.sink;
    if (k < 0) {
      sink.orderStatus?.(clOrdId, 0, OrdStatus.Rejected, 0, 0, 0, 0, now);
      return;
    }
    const cum = this.cum[k];
    sink.orderStatus?.(clOrdId, this.oid[k], cum > 0 ? OrdStatus.PartiallyFilled : OrdStatus.New, cum, this.qty[k] - cum, cum > 0 ? this.val[k] / cum : 0, this.qty[k], now);
  }

  cancel(clOrdId: number, origClOrdId: number, _instrument: number, _side: Side, now: Nanos): void {
    const k = this.find(origClOrdId);
    if (k < 0) {
      this.sink.execReport(OrderEvent.OrderCancelRejected, 0, clOrdId, origClOrdId, 0, 0, 0, 0, 0, now);
      return;
    }
    const oid = this.oid[k];
    this.remove(k);
    this.sink.execReport(OrderEvent.OrderCancelled, ++this.execSeq, origClOrdId, 0, oid, 0, 0, 0, 0, now);
  }

  replace(clOrdId: number, origClOrdId: number, instrument: number, side: Side, qty: Qty, px: Px, now: Nanos): void {
    const k = this.find(origClOrdId);
    if (k < 0 || qty <= this.cum[k]) {
      this.sink.execReport(OrderEvent.OrderCancelRejected, 0, clOrdId, origClOrdId, 0, 0, 0, 0, 0, now);
      return;
    }
    this.cl[k] = clOrdId;
    this.px[k] = px;
    this.qty[k] = qty;
    this.sink.execReport(OrderEvent.OrderReplaced, ++this.execSeq, clOrdId, origClOrdId, this.oid[k], 0, 0, 0, 0, now);
    // a replaced order that now crosses trades like an arriving one, at the touch
    const b = this.book;
    const touch = side === SIDE_BID ? b.bestAsk(instrument) : b.bestBid(instrument);
    if (touch === touch && (side === SIDE_BID ? touch <= px : touch >= px)) {
      this.fillAt(k, touch, b.levelQty(instrument, side === SIDE_BID ? SIDE_ASK : SIDE_BID, 0), now);
    }
  }

  onMarket(instrument: number, tradePx: Px, tradeQty: Qty, now: Nanos): void {
    if (this.n === 0) return;
    const b = this.book;
    const bid = b.bestBid(instrument);
    const ask = b.bestAsk(instrument);
    for (let k = this.n - 1; k >= 0; k--) {
      if (this.inst[k] !== instrument) continue;
      const px = this.px[k];
      if (this.side[k] === SIDE_BID) {
        if (ask === ask && ask <= px) this.fillAt(k, px, b.levelQty(instrument, SIDE_ASK, 0), now);
        else if (tradePx === tradePx && tradePx < px) this.fillAt(k, px, tradeQty, now);
      } else {
        if (bid === bid && bid >= px) this.fillAt(k, px, b.levelQty(instrument, SIDE_BID, 0), now);
        else if (tradePx === tradePx && tradePx > px) this.fillAt(k, px, tradeQty, now);
      }
    }
  }

  private fillAt(k: number, px: Px, avail: Qty, now: Nanos): void {
    const leaves = this.qty[k] - this.cum[k];
    const q = avail < leaves ? avail : leaves;
    if (!(q > 0)) return;
    this.cum[k] += q;
    this.val[k] += q * px;
    const done = q === leaves;
    const cl = this.cl[k];
    const oid = this.oid[k];
    if (done) this.remove(k);
    this.report(done ? OrderEvent.OrderFilled : OrderEvent.OrderPartiallyFilled, cl, oid, q, px, now);
  }

  private report(ev: number, cl: number, oid: number, q: Qty, px: Px, now: Nanos): void {
    this.fills++;
    this.sink.execReport(ev, ++this.execSeq, cl, 0, oid, q, px, 0, 0, now);
  }

  private find(cl: number): number {
    for (let k = 0; k < this.n; k++) if (this.cl[k] === cl) return k;
    return -1;
  }

  /** Swap-remove (order among resting orders carries no meaning in this model). */
  private remove(k: number): void {
    const last = --this.n;
    if (k === last) return;
    this.cl[k] = this.cl[last];
    this.inst[k] = this.inst[last];
    this.side[k] = this.side[last];
    this.px[k] = this.px[last];
    this.qty[k] = this.qty[last];
    this.cum[k] = this.cum[last];
    this.oid[k] = this.oid[last];
    this.val[k] = this.val[last];
  }
}
