// Market-making template: Avellaneda-Stoikov quotes (docs/strategies.md "Market making").
// Every RefreshInterval (a timer) the mid is sampled; sigma^2 (currency units^2 per second) is the variance
// of the log mid returns of the last VolWindow (VolWindow / RefreshInterval samples, at least 2) times
// mid^2 / dt. With s the mid and q the inventory in lots, tau = Horizon in seconds (a rolling horizon):
//   reservation r = s - q gamma sigma^2 tau        half-spread delta = gamma sigma^2 tau / 2 + ln(1 + gamma/kappa) / gamma
// bid = r - delta rounded down to a tick, ask = r + delta rounded up; the quotes are kept at least
// MinSpreadTicks apart and never cross the opposite touch (a quote that would is pulled back one tick
// behind it: a market maker posts, it does not take). No bid while q + QuoteQty > MaxInventory, no ask
// while q - QuoteQty < -MaxInventory (the inventory limit). Quotes are DAY limit orders, moved with
// replace (one request in flight per side) when their price changes, cancelled when a limit stops them.

import type { MarketMakingParams } from '../config/strategy.js';
import { OrderEvent } from '../core/events.js';
import type { StateHasher } from '../core/hash.js';
import { SIDE_ASK, SIDE_BID } from '../core/units.js';
import { TimeInForce } from '../venue/types.js';
import { Rolling, midOf } from './rolling.js';
import { hashFloat, type OrderEventView, type Strategy, type StrategyContext } from './types.js';

const REFRESH = 1;

export class MarketMakingStrategy implements Strategy {
  readonly symbols: readonly string[];
  private ctx!: StrategyContext;
  private inst = -1;
  private readonly rets: Rolling;
  private prevMid = NaN;
  /** Live quote clOrdId and its pending replace per side [bid, ask]. */
  readonly live = new Float64Array(2);
  readonly pending = new Float64Array(2);
  readonly quotePx = new Float64Array(2);
  quotes = 0;
  fills = 0;
  rejects = 0;
  lastBid = NaN;
  lastAsk = NaN;

  constructor(readonly name: string, symbol: string, readonly p: MarketMakingParams) {
    this.symbols = [symbol];
    this.rets = new Rolling(Math.max(2, Math.round(p.volWindowNs / p.refreshNs)));
  }

  init(ctx: StrategyContext): void {
    this.ctx = ctx;
    this.inst = ctx.instrument(this.symbols[0]);
    ctx.setTimer(this.p.refreshNs, REFRESH);
  }

  onTimer(tag: number): void {
    if (tag !== REFRESH) return;
    this.ctx.setTimer(this.p.refreshNs, REFRESH);
    const mid = midOf(this.ctx.book, this.inst);
    if (!(mid > 0)) return;
    if (this.prevMid > 0) this.rets.push(Math.log(mid / this.prevMid));
    this.prevMid = mid;
    if (this.rets.count < 2) return;
    this.requote(mid);
  }

  private requote(mid: number): void {
    const c = this.ctx, p = this.p, inst = this.inst;
    const scale = c.priceScale(inst), tick = c.tickSize(inst);
    const s = mid / scale;
    const dt = p.refreshNs / 1e9;
    const sd = this.rets.std();
    const sigma2 = ((sd * sd) / dt) * s * s;
    const tau = p.horizonNs / 1e9;
    const q = c.position(inst);
    const r = s - q * p.gamma * sigma2 * tau;
    const delta = (p.gamma * sigma2 * tau) / 2 + Math.log(1 + p.gamma / p.kappa) / p.gamma;
    let bid = Math.floor(((r - delta) * scale) / tick) * tick;
    let ask = Math.ceil(((r + delta) * scale) / tick) * tick;
    const minGap = p.minSpreadTicks * tick;
    if (ask - bid < minGap) { bid = Math.floor((mid - minGap / 2) / tick) * tick; ask = bid + minGap; }
    const bestBid = c.book.bestBid(inst), bestAsk = c.book.bestAsk(inst);
    if (bestAsk === bestAsk && bid >= bestAsk) bid = bestAsk - tick;
    if (bestBid === bestBid && ask <= bestBid) ask = bestBid + tick;
    this.lastBid = bid;
    this.lastAsk = ask;
    this.quote(0, q + p.quoteQty <= p.maxInventory && bid > 0, bid);
    this.quote(1, q - p.quoteQty >= -p.maxInventory, ask);
  }

  private quote(k: number, want: boolean, px: number): void {
    const c = this.ctx;
    if (this.pending[k] !== 0) return;
    const cl = this.live[k];
    if (!want) {
      if (cl !== 0) c.cancel(cl);
      return;
    }
    if (cl === 0) {
      this.quotes++;
      const id = c.submit(this.inst, k === 0 ? SIDE_BID : SIDE_ASK, this.p.quoteQty, px, TimeInForce.Day);
      if (id > 0) { this.live[k] = id; this.quotePx[k] = px; } else this.rejects++;
    } else if (this.quotePx[k] !== px) {
      this.quotes++;
      const id = c.replace(cl, this.p.quoteQty, px);
      if (id > 0) { this.pending[k] = id; this.quotePx[k] = px; } else this.rejects++;
    }
  }

  onOrderEvent(ev: OrderEventView): void {
    for (let k = 0; k < 2; k++) {
      const mine = ev.clOrdId === this.live[k] || ev.clOrdId === this.pending[k] || (ev.origClOrdId !== 0 && ev.origClOrdId === this.live[k]);
      if (!mine) continue;
      if (ev.event === OrderEvent.OrderPartiallyFilled || ev.event === OrderEvent.OrderFilled) this.fills++;
      if (ev.event === OrderEvent.OrderReplaced) { this.live[k] = ev.clOrdId; this.pending[k] = 0; }
      if (ev.event === OrderEvent.OrderCancelRejected) this.pending[k] = 0;
      if (ev.done) { this.live[k] = 0; this.pending[k] = 0; }
    }
  }

  onBook(): void {}
  onTrade(): void {}

  hash(h: StateHasher): void {
    this.rets.hash(h);
    hashFloat(h, this.prevMid);
    for (let k = 0; k < 2; k++) { h.int(this.live[k]); h.int(this.pending[k]); h.int(this.quotePx[k]); }
    h.int(this.quotes);
    h.int(this.fills);
  }
}
