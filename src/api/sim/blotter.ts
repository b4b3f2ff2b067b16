// SimBackend's blotter: orders (by last activity, newest first), fills and prints per instrument, kept
// from the Slots' recorder calls. Bounded lists (500 orders, 500 fills, 50 prints per instrument); cold
// (the API's reads) but fed per order event, which is fine for a stand-in backend.

import { wallMs } from '../../clock/live.js';
import { OrderEvent } from '../../core/events.js';
import { SIDE_BID } from '../../core/units.js';
import type { OrderEventView } from '../../strategy/types.js';
import type { FillInfo, OrderInfo, Stage, TradeInfo } from '../backend.js';

const STATUS: Record<number, string> = {
  [OrderEvent.OrderAccepted]: 'new', [OrderEvent.OrderRejected]: 'rejected', [OrderEvent.OrderPartiallyFilled]: 'partially filled',
  [OrderEvent.OrderFilled]: 'filled', [OrderEvent.OrderCancelled]: 'cancelled', [OrderEvent.OrderReplaced]: 'replaced',
  [OrderEvent.OrderExpired]: 'expired', [OrderEvent.OrderDoneForDay]: 'done for day',
};
const WORKING = new Set(['pending new', 'new', 'partially filled', 'replaced']);

export class Blotter {
  private readonly byCl = new Map<number, OrderInfo>();
  private readonly orderList: OrderInfo[] = [];
  private readonly fillList: FillInfo[] = [];
  private readonly prints: TradeInfo[][];

  constructor(private readonly symbols: readonly string[], private readonly scale: number) {
    this.prints = symbols.map(() => []);
  }

  submitted(strategy: string, stage: Stage, cl: number, inst: number, side: number, qty: number, px: number): void {
    const o: OrderInfo = { clOrdId: cl, strategy, instrument: this.symbols[inst], side: side === SIDE_BID ? 'buy' : 'sell', qty, px: px / this.scale, cumQty: 0, leavesQty: qty, status: 'pending new', stage, tsMs: wallMs() };
    this.byCl.set(cl, o);
    this.orderList.unshift(o);
    if (this.orderList.length > 500) this.byCl.delete(this.orderList.pop()!.clOrdId);
  }

  replaced(oldCl: number, newCl: number, qty: number, px: number): void {
    const o = this.byCl.get(oldCl);
    if (o === undefined) return;
    this.byCl.set(newCl, o);
    o.clOrdId = newCl;
    o.qty = qty;
    o.px = px / this.scale;
  }

  /** An order event; returns true for a fill (partial or full). */
  event(ev: OrderEventView): boolean {
    const o = this.byCl.get(ev.clOrdId) ?? (ev.origClOrdId !== 0 ? this.byCl.get(ev.origClOrdId) : undefined);
    if (o === undefined) return false;
    o.status = STATUS[ev.event] ?? o.status;
    o.cumQty = ev.cumQty;
    o.leavesQty = ev.leavesQty;
    o.tsMs = wallMs();
    // Lists are by last activity: the order moves to the front.
    const at = this.orderList.indexOf(o);
    if (at > 0) { this.orderList.splice(at, 1); this.orderList.unshift(o); }
    if (ev.event !== OrderEvent.OrderPartiallyFilled && ev.event !== OrderEvent.OrderFilled) return false;
    this.fillList.unshift({ clOrdId: ev.clOrdId, strategy: o.strategy, instrument: o.instrument, side: o.side, qty: ev.lastQty, px: ev.lastPx / this.scale, fee: 0, shadow: o.stage === 'shadow', tsMs: o.tsMs });
    if (this.fillList.length > 500) this.fillList.pop();
    return true;
  }

  print(inst: number, px: number, qty: number, aggressorSide: number): void {
    const ring = this.prints[inst];
    if (ring === undefined) return;
    ring.unshift({ instrument: this.symbols[inst], px: px / this.scale, qty, side: aggressorSide === SIDE_BID ? 'buy' : 'sell', tsMs: wallMs() });
    if (ring.length > 50) ring.pop();
  }

  orders(q: { strategy?: string; open?: boolean; limit: number }): OrderInfo[] {
    return this.orderList
      .filter((o) => (q.strategy === undefined || o.strategy === q.strategy) && (q.open !== true || (o.leavesQty > 0 && WORKING.has(o.status))))
      .slice(0, q.limit).map((o) => ({ ...o }));
  }

  fills(q: { strategy?: string; limit: number }): FillInfo[] {
    return this.fillList.filter((f) => q.strategy === undefined || f.strategy === q.strategy).slice(0, q.limit);
  }

  trades(inst: number, limit: number): TradeInfo[] {
    return this.prints[inst]?.slice(0, limit) ?? [];
  }
}
