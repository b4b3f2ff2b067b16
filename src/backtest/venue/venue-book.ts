// VenueBook: the backtest venue's copy of the replayed market, at EXCHANGE time (the strategy's book in
// the kernel sees the same events feed-latency later). It is an L3Books (same BookSink semantics, same
// counters) that, before applying each event, tells the venue (VenueHooks, ./port.ts) what the event does
// to the queue at its price: new liquidity (onAdd), an execution of a resting order (onTrade), size that
// leaves without trading (onRemove), a cleared instrument (onClear). It also calls hooks.before(ts)
// first, so commands and reports due before the event are handled first (the venue's clock is the
// replay's).
//
// Arrival sequence numbers (the exact FIFO queue model, ./queue.ts): every order that joins the back of
// a queue (add, replace, a modify that loses priority) gets the next number in `seqOf` (by pool slot), and
// our orders take numbers from the same counter, so "was this order there before ours?" is one compare.
// Stamping is skipped on a book (instrument, side) where we have no resting order: a slot's stale number
// is then from before any order of ours arrives there, and every later order of ours gets a larger one;
// an order can only reach our price later by a replace or a modify that loses priority, and those are
// stamped when they land on a book where we rest. So the comparison stays right. The per-order lookup
// before an event is skipped while we rest nowhere (hooks.active === 0), and the hooks are called only
// for events on a book where we rest (or, for new liquidity, on the opposite book: crossing).
// Anonymous size (levelDelta) has no number: its decreases are reported with seq -1.
// Threading: single-threaded, owned by the port.

import { L3Books, type L3BooksOptions } from '../../book/l3.js';
import type { Nanos, Px, Qty, Side } from '../../core/units.js';

export interface VenueHooks {
  /** Our resting orders; 0 lets the book skip lookups and stamping. */
  readonly active: number;
  /** Our resting orders on book b (instrument * 2 + side): events on other books need nothing. */
  onBook(b: number): number;
  before(ts: Nanos): void;
  /** Size joined the back of the queue at (inst, side, px) (after the book applied it). */
  onAdd(inst: number, side: number, px: Px, qty: Qty, ts: Nanos): void;
  /** A resting order with arrival number seq was executed for qty at its price (before the book applies it). */
  onTrade(inst: number, side: number, px: Px, qty: Qty, seq: number, ts: Nanos): void;
  /** qty left the level without trading (cancel/delete/replace away/modify); levelBefore: its size before. */
  onRemove(inst: number, side: number, px: Px, qty: Qty, levelBefore: Qty, seq: number, ts: Nanos): void;
  onClear(inst: number, ts: Nanos): void;
  /** Anonymous size (levelDelta) joined the level at (inst, side, px): behind every order there. */
  onAnonAdd(inst: number, side: number, px: Px, qty: Qty): void;
}

const NO_HOOKS: VenueHooks = { active: 0, onBook: () => 0, before() {}, onAdd() {}, onTrade() {}, onRemove() {}, onClear() {}, onAnonAdd() {} };

export class VenueBook extends L3Books {
  hooks: VenueHooks = NO_HOOKS;
  /** Last arrival number handed out. */
  seqCounter = 0;
  private seqOf: Float64Array;

  constructor(opts: L3BooksOptions = {}) {
    super(opts);
    this.seqOf = new Float64Array(opts.initialOrders ?? 1 << 16);
  }

  /** Next arrival number (our orders take theirs here). */
  nextSeq(): number {
    return ++this.seqCounter;
  }

  /** Size resting at (instrument, side, px), anonymous size included; 0 when there is no such level. */
  qtyAt(inst: number, side: number, px: Px): Qty {
    const lad = this.view(inst, side);
    const i = lad.find(side === 0 ? px : -px);
    return i >= 0 ? this.levels.qty[lad.lv[i]] : 0;
  }

  /** Anonymous size (levelDelta) resting at (instrument, side, px). */
  anonAt(inst: number, side: number, px: Px): Qty {
    const lad = this.view(inst, side);
    const i = lad.find(side === 0 ? px : -px);
    return i >= 0 ? this.levels.anonQty[lad.lv[i]] : 0;
  }

  /** Arrival number of a live market order (tests), or -1. */
  seqOfOrder(orderId: number): number {
    const s = this.ids.get(orderId);
    return s < 0 ? -1 : s < this.seqOf.length ? this.seqOf[s] : 0;
  }

  private stamp(orderId: number): void {
    const s = this.ids.get(orderId);
    if (s < 0) return;
    if (s >= this.seqOf.length) {
      let cap = this.seqOf.length * 2;
      while (cap <= s) cap *= 2;
      const b = new Float64Array(cap);
      b.set(this.seqOf);
      this.seqOf = b;
    }
    this.seqOf[s] = ++this.seqCounter;
  }

  private slotSeq(s: number): number {
    return s < this.seqOf.length ? this.seqOf[s] : 0;
  }

  override add(instrument: number, orderId: number, side: Side, price: Px, qty: Qty, ts: Nanos): void {
    const h = this.hooks;
    h.before(ts);
    const live = this.live;
    super.add(instrument, orderId, side, price, qty, ts);
    if (h.active > 0 && this.live !== live) {
      const b = instrument * 2 + side;
      if (h.onBook(b) > 0) this.stamp(orderId);
      if (h.onBook(b ^ 1) > 0) h.onAdd(instrument, side, price, qty, ts);
    }
  }

  override cancel(orderId: number, qty: Qty, ts: Nanos): void {
    const h = this.hooks;
    h.before(ts);
    if (h.active > 0 && qty > 0) this.removing(orderId, qty, ts);
    super.cancel(orderId, qty, ts);
  }

  override delete(orderId: number, ts: Nanos): void {
    const h = this.hooks;
    h.before(ts);
    if (h.active > 0) this.removing(orderId, Infinity, ts);
    super.delete(orderId, ts);
  }

  override execute(orderId: number, qty: Qty, ts: Nanos): void {
    const h = this.hooks;
    h.before(ts);
    if (h.active > 0 && qty > 0 && Number.isSafeInteger(qty)) {
      const s = this.ids.get(orderId);
      if (s >= 0) {
        const left = this.pool.qty[s];
        const l = this.pool.lvl[s];
        const b = this.levels.book[l];
        const key = this.levels.key[l];
        if (h.onBook(b) > 0) h.onTrade(b >> 1, b & 1, (b & 1) === 0 ? key : -key, qty < left ? qty : left, this.slotSeq(s), ts);
      }
    }
    super.execute(orderId, qty, ts);
  }

  override replace(orderId: number, newOrderId: number, price: Px, qty: Qty, ts: Nanos): void {
    const h = this.hooks;
    h.before(ts);
    if (h.active === 0 || !Number.isSafeInteger(price) || !(qty > 0) || !Number.isSafeInteger(qty) || !Number.isSafeInteger(newOrderId)) {
      super.replace(orderId, newOrderId, price, qty, ts);
      return;
    }
    const s = this.ids.get(orderId);
    if (s < 0 || (newOrderId !== orderId && this.ids.get(newOrderId) >= 0)) {
      super.replace(orderId, newOrderId, price, qty, ts); // counted by the book, changes nothing
      return;
    }
    const b = this.levels.book[this.pool.lvl[s]];
    this.removing(orderId, Infinity, ts);
    super.replace(orderId, newOrderId, price, qty, ts);
    this.joined(b, newOrderId, price, qty, ts);
  }

  override modify(orderId: number, price: Px, qty: Qty, ts: Nanos): void {
    const h = this.hooks;
    h.before(ts);
    if (h.active === 0 || !Number.isSafeInteger(price) || !(qty >= 0) || !Number.isSafeInteger(qty)) {
      super.modify(orderId, price, qty, ts);
      return;
    }
    const s = this.ids.get(orderId);
    if (s < 0) {
      super.modify(orderId, price, qty, ts);
      return;
    }
    const l = this.pool.lvl[s];
    const b = this.levels.book[l];
    const key = (b & 1) === 0 ? price : -price;
    const left = this.pool.qty[s];
    if (qty === 0 || (key === this.levels.key[l] && qty <= left)) {
      // shrinks in place (priority kept) or leaves
      if (qty < left) this.removing(orderId, left - qty, ts);
      super.modify(orderId, price, qty, ts);
      return;
    }
    this.removing(orderId, Infinity, ts);
    super.modify(orderId, price, qty, ts);
    this.joined(b, orderId, price, qty, ts);
  }

  override clear(instrument: number, ts: Nanos): void {
    const h = this.hooks;
    h.before(ts);
    super.clear(instrument, ts);
    if (h.active > 0) h.onClear(instrument, ts);
  }

  override levelDelta(instrument: number, side: Side, price: Px, dQty: Qty, dCount: number, ts: Nanos): void {
    const h = this.hooks;
    h.before(ts);
    if (h.active === 0 || !Number.isSafeInteger(dQty) || !Number.isSafeInteger(price) || (side !== 0 && side !== 1)) {
      super.levelDelta(instrument, side, price, dQty, dCount, ts);
      return;
    }
    const bk = instrument * 2 + side;
    if (dQty < 0 && h.onBook(bk) > 0) {
      const before = this.qtyAt(instrument, side, price);
      const lad = this.view(instrument, side);
      const i = lad.find(side === 0 ? price : -price);
      const anon = i >= 0 ? this.levels.anonQty[lad.lv[i]] : 0;
      const q = -dQty < anon ? -dQty : anon;
      if (q > 0) h.onRemove(instrument, side, price, q, before, -1, ts);
      super.levelDelta(instrument, side, price, dQty, dCount, ts);
      return;
    }
    super.levelDelta(instrument, side, price, dQty, dCount, ts);
    if (dQty > 0 && h.onBook(bk) > 0) h.onAnonAdd(instrument, side, price, dQty);
    if (dQty > 0 && h.onBook(bk ^ 1) > 0) h.onAdd(instrument, side, price, dQty, ts);
  }

  override status(instrument: number, status: number, ts: Nanos): void {
    this.hooks.before(ts);
    super.status(instrument, status, ts);
  }

  /** An order (re)joined the back of a queue on book b after a replace or modify. */
  private joined(b: number, orderId: number, price: Px, qty: Qty, ts: Nanos): void {
    if (this.hooks.onBook(b) > 0) this.stamp(orderId);
    if (this.hooks.onBook(b ^ 1) > 0) this.hooks.onAdd(b >> 1, b & 1, price, qty, ts);
  }

  /** Reports up to `qty` lots of a live order leaving without a trade (before the book applies it). */
  private removing(orderId: number, qty: number, ts: Nanos): void {
    const s = this.ids.get(orderId);
    if (s < 0) return;
    const left = this.pool.qty[s];
    const l = this.pool.lvl[s];
    const b = this.levels.book[l];
    if (this.hooks.onBook(b) === 0) return;
    const key = this.levels.key[l];
    this.hooks.onRemove(b >> 1, b & 1, (b & 1) === 0 ? key : -key, qty < left ? qty : left, this.levels.qty[l], this.slotSeq(s), ts);
  }
}
