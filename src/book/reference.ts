// RefBooks: the plain reference twin of L3Books (design principle 10). Same contract (./types.ts) and
// the same feed-inconsistency rules (see the header of ./l3.ts), written to be obviously correct rather
// than fast: a Map of order objects, per (instrument, side) a Map from price to a level object holding
// its FIFO as an array, and levels sorted with Array.sort on every query. Used by the differential test;
// never on a hot path. Single-threaded. Units as in ./l3.ts.

import type { Nanos, Px, Qty, Side } from '../core/units.js';
import { StateHasher } from '../core/hash.js';
import type { BookSink, L3BookStats, L3BookView } from './types.js';
import { newL3BookStats } from './types.js';

interface RefOrder {
  id: number;
  instrument: number;
  side: Side;
  price: number;
  qty: number;
}

interface RefLevel {
  price: number;
  orders: RefOrder[]; // FIFO: index 0 is the front of the queue
  anonQty: number;
  anonCount: number;
}

function isSide(side: number): side is Side {
  return side === 0 || side === 1;
}

function isQty(qty: number): boolean {
  return Number.isSafeInteger(qty) && qty > 0;
}

export class RefBooks implements BookSink, L3BookView {
  readonly stats: L3BookStats = newL3BookStats();
  private readonly orders = new Map<number, RefOrder>();
  private readonly sides: Array<[Map<number, RefLevel>, Map<number, RefLevel>]> = [];
  private readonly statuses: number[] = [];

  constructor(private readonly maxInstruments: number = 1 << 22) {}

  // ---- BookSink ----

  add(instrument: number, orderId: number, side: Side, price: Px, qty: Qty, _ts: Nanos): void {
    if (!this.touch(instrument)) return;
    if (!isSide(side)) { this.stats.badSide++; return; }
    if (!Number.isSafeInteger(price)) { this.stats.badPrice++; return; }
    if (!isQty(qty)) { this.stats.badQty++; return; }
    if (!Number.isSafeInteger(orderId)) { this.stats.badOrderId++; return; }
    if (this.orders.has(orderId)) { this.stats.duplicateOrder++; return; }
    const order: RefOrder = { id: orderId, instrument, side, price, qty };
    this.orders.set(orderId, order);
    this.enqueue(order);
  }

  cancel(orderId: number, qty: Qty, _ts: Nanos): void {
    this.reduce(orderId, qty, false);
  }

  delete(orderId: number, _ts: Nanos): void {
    const order = this.orders.get(orderId);
    if (!order) { this.stats.unknownOrder++; return; }
    this.remove(order);
  }

  execute(orderId: number, qty: Qty, _ts: Nanos): void {
    this.reduce(orderId, qty, true);
  }

  replace(orderId: number, newOrderId: number, price: Px, qty: Qty, _ts: Nanos): void {
    if (!Number.isSafeInteger(price)) { this.stats.badPrice++; return; }
    if (!isQty(qty)) { this.stats.badQty++; return; }
    const old = this.orders.get(orderId);
    if (!old) { this.stats.unknownOrder++; return; }
    if (!Number.isSafeInteger(newOrderId)) { this.stats.badOrderId++; return; }
    if (newOrderId !== orderId && this.orders.has(newOrderId)) { this.stats.duplicateOrder++; return; }
    this.remove(old);
    const order: RefOrder = { id: newOrderId, instrument: old.instrument, side: old.side, price, qty };
    this.orders.set(newOrderId, order);
    this.enqueue(order);
  }

  modify(orderId: number, price: Px, qty: Qty, _ts: Nanos): void {
    if (!Number.isSafeInteger(price)) { this.stats.badPrice++; return; }
    if (!isQty(qty) && qty !== 0) { this.stats.badQty++; return; }
    const order = this.orders.get(orderId);
    if (!order) { this.stats.unknownOrder++; return; }
    if (qty === 0) {
      this.remove(order);
      return;
    }
    if (price === order.price && qty <= order.qty) {
      order.qty = qty; // keeps its place in the queue
      return;
    }
    this.remove(order);
    const moved: RefOrder = { ...order, price, qty };
    this.orders.set(orderId, moved);
    this.enqueue(moved);
  }

  clear(instrument: number, _ts: Nanos): void {
    if (!this.touch(instrument)) return;
    for (const book of this.sides[instrument]) {
      for (const level of book.values()) for (const o of level.orders) this.orders.delete(o.id);
      book.clear();
    }
  }

  levelDelta(instrument: number, side: Side, price: Px, dQty: Qty, dCount: number, _ts: Nanos): void {
    if (!this.touch(instrument)) return;
    if (!isSide(side)) { this.stats.badSide++; return; }
    if (!Number.isSafeInteger(price)) { this.stats.badPrice++; return; }
    if (!Number.isSafeInteger(dQty) || !Number.isSafeInteger(dCount)) { this.stats.badQty++; return; }
    const book = this.sides[instrument][side];
    const level = book.get(price) ?? { price, orders: [], anonQty: 0, anonCount: 0 };
    const anonQty = level.anonQty + dQty;
    const anonCount = level.anonCount + dCount;
    if (anonQty < 0 || anonCount < 0) this.stats.anonClamped++;
    level.anonQty = Math.max(0, anonQty);
    // An anonymous count without anonymous size means nothing: both go to zero together.
    level.anonCount = level.anonQty === 0 ? 0 : Math.max(0, anonCount);
    if (level.orders.length === 0 && level.anonQty === 0) book.delete(price);
    else book.set(price, level);
  }

  status(instrument: number, status: number, _ts: Nanos): void {
    if (!this.touch(instrument)) return;
    this.statuses[instrument] = status;
  }

  // ---- internals ----

  private touch(instrument: number): boolean {
    if (!Number.isInteger(instrument) || instrument < 0 || instrument >= this.maxInstruments) {
      this.stats.badInstrument++;
      return false;
    }
    while (this.sides.length <= instrument) {
      this.sides.push([new Map(), new Map()]);
      this.statuses.push(0);
    }
    return true;
  }

  private reduce(orderId: number, qty: number, isExecution: boolean): void {
    if (!isQty(qty)) { this.stats.badQty++; return; }
    const order = this.orders.get(orderId);
    if (!order) { this.stats.unknownOrder++; return; }
    if (qty < order.qty) {
      order.qty -= qty;
      return;
    }
    if (qty > order.qty) {
      if (isExecution) this.stats.overExecution++;
      else this.stats.overCancel++;
    }
    this.remove(order);
  }

  private enqueue(order: RefOrder): void {
    const book = this.sides[order.instrument][order.side];
    let level = book.get(order.price);
    if (!level) {
      level = { price: order.price, orders: [], anonQty: 0, anonCount: 0 };
      book.set(order.price, level);
    }
    level.orders.push(order);
  }

  private remove(order: RefOrder): void {
    const book = this.sides[order.instrument][order.side];
    const level = book.get(order.price)!;
    level.orders.splice(level.orders.indexOf(order), 1);
    if (level.orders.length === 0 && level.anonQty === 0) book.delete(order.price);
    this.orders.delete(order.id);
  }

  /** Levels of one side, best first. */
  private levels(instrument: number, side: number): RefLevel[] {
    if (!Number.isInteger(instrument) || instrument < 0 || instrument >= this.sides.length || !isSide(side)) return [];
    const all = [...this.sides[instrument][side].values()];
    return all.sort((a, b) => (side === 0 ? b.price - a.price : a.price - b.price));
  }

  private static qtyOf(level: RefLevel): number {
    return level.anonQty + level.orders.reduce((sum, o) => sum + o.qty, 0);
  }

  // ---- BookView / OrderView ----

  depth(instrument: number, side: Side): number {
    return this.levels(instrument, side).length;
  }

  levelPrice(instrument: number, side: Side, level: number): Px {
    const l = this.levels(instrument, side)[level];
    return l ? l.price : NaN;
  }

  levelQty(instrument: number, side: Side, level: number): Qty {
    const l = this.levels(instrument, side)[level];
    return l ? RefBooks.qtyOf(l) : 0;
  }

  levelCount(instrument: number, side: Side, level: number): number {
    const l = this.levels(instrument, side)[level];
    return l ? l.orders.length + l.anonCount : 0;
  }

  bestBid(instrument: number): Px {
    return this.levelPrice(instrument, 0, 0);
  }

  bestAsk(instrument: number): Px {
    return this.levelPrice(instrument, 1, 0);
  }

  tradingStatus(instrument: number): number {
    return this.statuses[instrument] ?? 0;
  }

  orderCount(): number {
    return this.orders.size;
  }

  instrumentCount(): number {
    return this.sides.length;
  }

  hasOrder(orderId: number): boolean {
    return this.orders.has(orderId);
  }

  orderQty(orderId: number): Qty {
    return this.orders.get(orderId)?.qty ?? 0;
  }

  orderPrice(orderId: number): Px {
    return this.orders.get(orderId)?.price ?? NaN;
  }

  orderSide(orderId: number): number {
    return this.orders.get(orderId)?.side ?? -1;
  }

  orderInstrument(orderId: number): number {
    return this.orders.get(orderId)?.instrument ?? -1;
  }

  queueAhead(orderId: number): Qty {
    const order = this.orders.get(orderId);
    if (!order) return NaN;
    const level = this.sides[order.instrument][order.side].get(order.price)!;
    let ahead = level.anonQty;
    for (const o of level.orders) {
      if (o === order) break;
      ahead += o.qty;
    }
    return ahead;
  }

  stateHash(): string {
    const h = new StateHasher();
    for (let instrument = 0; instrument < this.sides.length; instrument++) {
      h.int(this.statuses[instrument]);
      for (const side of [0, 1]) {
        const levels = this.levels(instrument, side);
        h.int(levels.length);
        for (const l of levels) {
          h.int(l.price);
          h.int(RefBooks.qtyOf(l));
          h.int(l.orders.length + l.anonCount);
          h.int(l.anonQty);
          for (const o of l.orders) {
            h.int(o.id);
            h.int(o.qty);
          }
        }
      }
    }
    return h.digest();
  }
}
