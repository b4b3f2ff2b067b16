// ItchLogSink: a BookSink that writes what a feed handler tells it as ITCH 5.0 messages into a FeedLog,
// so LOBSTER and Databento data reach the kernel as the same bytes an ITCH feed would carry (the kernel
// has one market-data entry point: ITCH). Cold path (conversion before the run), built on the project's
// ITCH encoder (src/feed/itch/codec.ts).
//
// Mapping (BookSink call -> ITCH):
//   add -> A (price rescaled from the source's price units to ITCH's 1/10000 dollars, rounded)
//   cancel -> X            delete -> D          execute -> E (a print at the resting order's price)
//   replace -> U           status -> H          first message of an instrument -> R (stock directory)
//   modify (Databento M): same price and a smaller size -> X of the difference (priority kept); otherwise
//     D then A under the same reference (the order goes to the back of the queue, BookSink's rule)
//   clear -> D for every live order of the instrument
//   levelDelta (size no known order explains: LOBSTER orders that rested before the file started, the
//     seed row): a positive delta becomes an A of a synthetic order (references from 2^52 up); a negative
//     one takes size from the synthetic orders at that price, oldest first (X / D, or E when the source
//     message was an execution: set `executing` around the call). Synthetic orders added before the real
//     ones sit ahead of them in the FIFO queue, as the L3 book's anonymous size would.
// Locates: one LocateTable shared by every source of a run, so the same symbol has the same locate in
// every converted file. Symbols longer than 8 characters are truncated (ITCH's field width).

import type { BookSink, OrderView } from '../book/types.js';
import { TradingStatus } from '../core/events.js';
import type { InstrumentRegistry } from '../core/instruments.js';
import { SIDE_BID, type Side } from '../core/units.js';
import { encodeItch } from '../feed/itch/codec.js';
import { fillCommonStockDirectory, ItchMessage } from '../feed/itch/message.js';
import type { FeedLog } from './feed-log.js';

const SYNTH_BASE = 2 ** 52;
const ITCH_SCALE = 10_000;

/** symbol -> ITCH stock locate (1..65535), shared by the sources of one run. */
export class LocateTable {
  private readonly map = new Map<string, number>();
  locateOf(symbol: string): number {
    let l = this.map.get(symbol);
    if (l === undefined) {
      l = this.map.size + 1;
      if (l > 65535) throw new Error('more than 65,535 instruments');
      this.map.set(symbol, l);
    }
    return l;
  }
  has(symbol: string): boolean {
    return this.map.has(symbol);
  }
}

interface Live { inst: number; side: Side; px: number; qty: number }

export class ItchLogSink implements BookSink, Pick<OrderView, 'hasOrder'> {
  /** Set by the caller while it applies an execution, so size taken from synthetic orders prints (E). */
  executing = false;
  messages = 0;
  private readonly m = new ItchMessage();
  private readonly live = new Map<number, Live>();
  /** "inst:side:px" -> synthetic references at that level, oldest first. */
  private readonly synth = new Map<string, number[]>();
  private synthSeq = 0;
  private match = 0;
  /** registry id -> locate (0 = not announced yet). */
  private readonly locate: number[] = [];
  private readonly scale: number[] = [];

  constructor(
    private readonly out: FeedLog,
    private readonly registry: InstrumentRegistry,
    private readonly locates: LocateTable,
  ) {}

  hasOrder(orderId: number): boolean {
    return this.live.has(orderId);
  }

  private loc(inst: number, ts: number): number {
    const l = this.locate[inst];
    if (l !== undefined && l > 0) return l;
    const spec = this.registry.get(inst);
    if (spec === undefined) throw new Error(`itch sink: unknown instrument ${inst}`);
    const sym = spec.symbol.slice(0, 8);
    const loc = this.locates.locateOf(sym);
    this.locate[inst] = loc;
    this.scale[inst] = ITCH_SCALE / spec.priceScale;
    const m = this.begin('R', ts, loc);
    fillCommonStockDirectory(m, sym, Math.max(1, spec.lotSize));
    this.emit();
    return loc;
  }

  private px(inst: number, price: number): number {
    const s = this.scale[inst];
    return s === 1 ? price : Math.round(price * s);
  }

  private begin(type: string, ts: number, locate: number): ItchMessage {
    const m = this.m;
    m.type = type;
    m.timestamp = ts;
    m.stockLocate = locate;
    m.trackingNumber = 0;
    return m;
  }

  private emit(): void {
    const p = this.out.reserve(64);
    const n = encodeItch(this.m, this.out.bytes, p);
    if (n < 0) throw new Error(`itch sink: cannot encode '${this.m.type}' (status ${-n})`);
    this.out.commit(n, this.m.timestamp);
    this.messages++;
  }

  private addMsg(inst: number, id: number, side: Side, price: number, qty: number, ts: number): void {
    const loc = this.loc(inst, ts);
    const m = this.begin('A', ts, loc);
    m.orderRef = id;
    m.side = side === SIDE_BID ? 'B' : 'S';
    m.shares = qty;
    m.stock = this.registry.get(inst)!.symbol.slice(0, 8);
    m.price = this.px(inst, price);
    this.emit();
  }

  private refMsg(type: 'X' | 'D' | 'E', inst: number, id: number, qty: number, ts: number): void {
    const m = this.begin(type, ts, this.loc(inst, ts));
    m.orderRef = id;
    if (type === 'X') m.cancelledShares = qty;
    else if (type === 'E') {
      m.executedShares = qty;
      m.matchNumber = ++this.match;
    }
    this.emit();
  }

  add(instrument: number, orderId: number, side: Side, price: number, qty: number, ts: number): void {
    if (this.live.has(orderId) || !(qty > 0)) return;
    this.live.set(orderId, { inst: instrument, side, px: price, qty });
    this.addMsg(instrument, orderId, side, price, qty, ts);
  }

  private shrink(orderId: number, qty: number, ts: number, type: 'X' | 'E'): void {
    const o = this.live.get(orderId);
    if (o === undefined || !(qty > 0)) return;
    if (qty >= o.qty) {
      if (type === 'E') this.refMsg('E', o.inst, orderId, o.qty, ts);
      else this.refMsg('D', o.inst, orderId, 0, ts);
      this.live.delete(orderId);
      return;
    }
    o.qty -= qty;
    this.refMsg(type, o.inst, orderId, qty, ts);
  }

  cancel(orderId: number, qty: number, ts: number): void {
    this.shrink(orderId, qty, ts, 'X');
  }

  execute(orderId: number, qty: number, ts: number): void {
    this.shrink(orderId, qty, ts, 'E');
  }

  delete(orderId: number, ts: number): void {
    const o = this.live.get(orderId);
    if (o === undefined) return;
    this.live.delete(orderId);
    this.refMsg('D', o.inst, orderId, 0, ts);
  }

  replace(orderId: number, newOrderId: number, price: number, qty: number, ts: number): void {
    const o = this.live.get(orderId);
    if (o === undefined || this.live.has(newOrderId)) return;
    this.live.delete(orderId);
    if (!(qty > 0)) {
      this.refMsg('D', o.inst, orderId, 0, ts);
      return;
    }
    this.live.set(newOrderId, { inst: o.inst, side: o.side, px: price, qty });
    const m = this.begin('U', ts, this.loc(o.inst, ts));
    m.originalOrderRef = orderId;
    m.newOrderRef = newOrderId;
    m.shares = qty;
    m.price = this.px(o.inst, price);
    this.emit();
  }

  modify(orderId: number, price: number, qty: number, ts: number): void {
    const o = this.live.get(orderId);
    if (o === undefined) return;
    if (!(qty > 0)) {
      this.delete(orderId, ts);
      return;
    }
    if (price === o.px && qty <= o.qty) {
      if (qty < o.qty) this.shrink(orderId, o.qty - qty, ts, 'X');
      return;
    }
    this.refMsg('D', o.inst, orderId, 0, ts);
    o.px = price;
    o.qty = qty;
    this.addMsg(o.inst, orderId, o.side, price, qty, ts);
  }

  clear(instrument: number, ts: number): void {
    const ids: number[] = [];
    for (const [id, o] of this.live) if (o.inst === instrument) ids.push(id);
    for (const id of ids) this.delete(id, ts);
    for (const k of [...this.synth.keys()]) if (k.startsWith(`${instrument}:`)) this.synth.delete(k);
  }

  levelDelta(instrument: number, side: Side, price: number, dQty: number, _dCount: number, ts: number): void {
    const key = `${instrument}:${side}:${price}`;
    if (dQty > 0) {
      const id = SYNTH_BASE + ++this.synthSeq;
      this.live.set(id, { inst: instrument, side, px: price, qty: dQty });
      let q = this.synth.get(key);
      if (q === undefined) this.synth.set(key, (q = []));
      q.push(id);
      this.addMsg(instrument, id, side, price, dQty, ts);
      return;
    }
    let left = -dQty;
    const q = this.synth.get(key);
    while (left > 0 && q !== undefined && q.length > 0) {
      const id = q[0];
      const o = this.live.get(id);
      if (o === undefined) {
        q.shift();
        continue;
      }
      const take = Math.min(left, o.qty);
      if (take === o.qty) q.shift();
      this.shrink(id, take, ts, this.executing ? 'E' : 'X');
      left -= take;
    }
  }

  status(instrument: number, status: number, ts: number): void {
    const m = this.begin('H', ts, this.loc(instrument, ts));
    m.stock = this.registry.get(instrument)!.symbol.slice(0, 8);
    m.tradingState = status === TradingStatus.Halted ? 'H' : status === TradingStatus.Paused ? 'P' : status === TradingStatus.Quoting ? 'Q' : 'T';
    m.reserved = ' ';
    m.reason = '';
    this.emit();
  }
}
