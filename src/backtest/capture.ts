// CapturePort: wraps the backtest's venue port and writes down every command the kernel sends and every
// report the venue returns, stamped with the kernel clock, for orders.csv / fills.csv / trades and the
// latency statistics. It forwards everything unchanged (the kernel cannot tell it is there), including
// Row times: a command's is the kernel clock when it was sent; a report's is the time the port stamped
// on it (when it reaches the kernel; the backtest venue releases reports at their due time).
// Allocation: one row object per command and per fill (orders and fills are rare next to market data;
// the per-message path, onMarket, only forwards).

import type { BookView } from '../book/types.js';
import { OrderEvent } from '../core/events.js';
import { SIDE_BID, type Nanos, type Px, type Qty, type Side } from '../core/units.js';
import type { Kernel } from '../kernel/kernel.js';
import type { VenueEventSink, VenuePort } from '../venue/types.js';
import type { FillRow, OrderRow } from './types.js';

const STATUS: Record<number, string> = {
  [OrderEvent.OrderAccepted]: 'accepted',
  [OrderEvent.OrderRejected]: 'rejected',
  [OrderEvent.OrderPartiallyFilled]: 'partially filled',
  [OrderEvent.OrderFilled]: 'filled',
  [OrderEvent.OrderCancelled]: 'cancelled',
  [OrderEvent.OrderReplaced]: 'accepted',
  [OrderEvent.OrderExpired]: 'expired',
  [OrderEvent.OrderDoneForDay]: 'done for day',
};

export class CapturePort implements VenuePort {
  readonly kind: VenuePort['kind'];
  readonly orders: OrderRow[] = [];
  readonly fills: FillRow[] = [];
  /** clOrdId -> row (the live id of each order; replaced ids stay mapped to their own rows). */
  private readonly byCl = new Map<number, OrderRow>();
  private sink: VenueEventSink | null = null;
  kernel: Kernel | null = null;

  constructor(
    readonly inner: VenuePort,
    private readonly symbols: readonly string[],
  ) {
    this.kind = inner.kind;
  }

  attach(sink: VenueEventSink): void {
    this.sink = sink;
    this.inner.attach(this.reportSink);
  }

  useBook(book: BookView): void {
    this.inner.useBook?.(book);
  }

  onMarket(instrument: number, tradePx: Px, tradeQty: Qty, now: Nanos): void {
    this.inner.onMarket(instrument, tradePx, tradeQty, now);
  }

  private strategyOf(clOrdId: number): number {
    const k = this.kernel;
    if (k === null) return 0;
    const s = k.oms.slotOf(clOrdId);
    return s >= 0 ? k.oms.orders.strategy[s] : 0;
  }

  private row(kind: OrderRow['kind'], clOrdId: number, root: number, strategy: number, inst: number, side: Side, qty: Qty, px: Px, now: Nanos): OrderRow {
    const r: OrderRow = {
      clOrdId, rootClOrdId: root, strategy, instrument: this.symbols[inst] ?? String(inst), side: side === SIDE_BID ? 'buy' : 'sell',
      qty, px, kind, sentNs: now, ackNs: null, status: 'sent', filledQty: 0,
    };
    this.orders.push(r);
    this.byCl.set(clOrdId, r);
    return r;
  }

  submit(clOrdId: number, instrument: number, side: Side, qty: Qty, px: Px, tif: number, now: Nanos): void {
    this.row('submit', clOrdId, clOrdId, this.strategyOf(clOrdId), instrument, side, qty, px, now);
    this.inner.submit(clOrdId, instrument, side, qty, px, tif, now);
  }

  cancel(clOrdId: number, origClOrdId: number, instrument: number, side: Side, now: Nanos): void {
    const o = this.byCl.get(origClOrdId);
    this.row('cancel', clOrdId, o?.rootClOrdId ?? origClOrdId, o?.strategy ?? 0, instrument, side, 0, o?.px ?? 0, now);
    this.inner.cancel(clOrdId, origClOrdId, instrument, side, now);
  }

  replace(clOrdId: number, origClOrdId: number, instrument: number, side: Side, qty: Qty, px: Px, now: Nanos): void {
    const o = this.byCl.get(origClOrdId);
    this.row('replace', clOrdId, o?.rootClOrdId ?? origClOrdId, o?.strategy ?? this.strategyOf(clOrdId), instrument, side, qty, px, now);
    this.inner.replace(clOrdId, origClOrdId, instrument, side, qty, px, now);
  }

  private readonly reportSink: VenueEventSink = {
    execReport: (event, execId, clOrdId, origClOrdId, orderId, lastQty, lastPx, fee, reason, ts) => {
      this.onReport(event, clOrdId, origClOrdId, lastQty, lastPx, fee, ts);
      this.sink!.execReport(event, execId, clOrdId, origClOrdId, orderId, lastQty, lastPx, fee, reason, ts);
    },
    orderStatus: (clOrdId, orderId, ordStatus, cumQty, leavesQty, avgPx, orderQty, ts) => {
      this.sink!.orderStatus?.(clOrdId, orderId, ordStatus, cumQty, leavesQty, avgPx, orderQty, ts);
    },
  };

  requestStatus(clOrdId: number, orderId: number, instrument: number, side: Side, now: Nanos): void {
    this.inner.requestStatus?.(clOrdId, orderId, instrument, side, now);
  }

  private onReport(event: number, clOrdId: number, origClOrdId: number, lastQty: Qty, lastPx: Px, fee: number, now: Nanos): void {
    const r = this.byCl.get(clOrdId);
    if (r === undefined) return;
    if (r.ackNs === null) r.ackNs = now;
    if (event === OrderEvent.OrderCancelRejected) {
      r.status = 'cancel rejected';
      return;
    }
    if (event === OrderEvent.OrderReplaced && origClOrdId !== 0) {
      const old = this.byCl.get(origClOrdId);
      if (old !== undefined) old.status = 'replaced';
    }
    if (r.kind === 'cancel') {
      // the venue's answer to a cancel names the request; the order it cancelled is done
      r.status = STATUS[event] ?? r.status;
      return;
    }
    r.status = STATUS[event] ?? r.status;
    if (event === OrderEvent.OrderCancelled) this.cancelRequestOf(clOrdId, now);
    if (event === OrderEvent.OrderPartiallyFilled || event === OrderEvent.OrderFilled) {
      r.filledQty += lastQty;
      this.fills.push({ ns: now, clOrdId, strategy: r.strategy, instrument: r.instrument, side: r.side, qty: lastQty, px: lastPx, fee });
    }
  }

  /** A cancel confirmed under the order's id: stamp the cancel request that asked for it. */
  private cancelRequestOf(clOrdId: number, now: number): void {
    for (let i = this.orders.length - 1; i >= 0; i--) {
      const o = this.orders[i];
      if (o.kind === 'cancel' && o.ackNs === null && this.byCl.get(clOrdId)?.rootClOrdId === o.rootClOrdId) {
        o.ackNs = now;
        o.status = 'cancelled';
        return;
      }
    }
  }
}
