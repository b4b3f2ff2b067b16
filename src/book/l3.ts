// L3Books: the fast order-by-order book for every instrument of a feed at once.
//
// Contract: BookSink / L3BookView in ./types.ts (semantics there and below); RefBooks (./reference.ts)
// is the plain twin that must give the same stateHash and counters for any input
// (test/book/differential.test.ts). Units: instrument ids are dense registry ids, prices integer price
// units, sizes integer lots; timestamps are accepted and ignored (the book keeps no time).
// Threading: single-threaded; one owner (the kernel or a feed replay) calls it.
//
// Layout (design principle 4): orders live in a struct-of-arrays pool (./pool.ts), found through an
// open-addressing id table (./idtable.ts; a Map<number, number> measured 2x slower and allocating).
// Price levels live in a struct-of-arrays LevelPool; each (instrument, side) has a Ladder of level slots
// sorted by price, best last (./ladder.ts), searched by price only when an order is added, a level
// appears or disappears, or levelDelta names a price. Each level holds a doubly linked FIFO of order
// slots, and each order its level's slot, so cancel/execute/delete never search; the level also gives
// the order's price, side and instrument, which keeps the per-order record small (bench: ~15% fewer ns
// per op than storing them per order). After warm-up nothing is allocated per message: pools, id table,
// ladders and per-instrument arrays only grow by doubling.
//
// Feed-inconsistency rules (never throw on feed input; each case bumps one counter in `stats`):
// - Checks run in the order instrument, side, price, qty, order ids; a message failing one is ignored
//   and leaves the book unchanged (a call with a valid instrument id still counts as "naming" it for
//   stateHash, whatever else is wrong with it).
// - cancel/execute larger than the remaining size remove the order (overCancel / overExecution).
// - replace with an unknown old id: counted (unknownOrder), nothing is added (side and instrument are
//   unknown). replace to a new id that is already live (and differs from the old one): counted
//   (duplicateOrder), book unchanged. newOrderId === orderId is allowed (acts as a move to the back).
// - modify of an unknown id: counted, nothing added (a modify carries no side/instrument); a modify to
//   size 0 removes the order (the only call besides cancel/execute/delete that does).
// - levelDelta clamps anonymous size/count at zero (anonClamped); anonymous count is zeroed with the size.
// - clear removes all orders and anonymous size of the instrument; its trading status is kept.

import type { Nanos, Px, Qty, Side } from '../core/units.js';
import type { BookSink } from './types.js';
import { Ladder } from './ladder.js';
import { L3State } from './l3-state.js';

export type { L3BooksOptions } from './l3-state.js';

export class L3Books extends L3State implements BookSink {
  // ---- BookSink ----

  add(instrument: number, orderId: number, side: Side, price: Px, qty: Qty, _ts: Nanos): void {
    if (!this.touch(instrument)) return;
    if (side !== 0 && side !== 1) { this.stats.badSide++; return; }
    if (!Number.isSafeInteger(price)) { this.stats.badPrice++; return; }
    if (!(qty > 0) || !Number.isSafeInteger(qty)) { this.stats.badQty++; return; }
    if (!Number.isSafeInteger(orderId)) { this.stats.badOrderId++; return; }
    const p = this.pool;
    const s = p.alloc();
    if (!this.ids.insert(orderId, s)) { // one probe for the duplicate check and the insert
      p.free(s);
      this.stats.duplicateOrder++;
      return;
    }
    p.id[s] = orderId;
    p.qty[s] = qty;
    this.link(s, instrument * 2 + side, side === 0 ? price : -price);
    this.live++;
  }

  cancel(orderId: number, qty: Qty, _ts: Nanos): void {
    if (!(qty > 0) || !Number.isSafeInteger(qty)) { this.stats.badQty++; return; }
    const cell = this.ids.cellOf(orderId);
    if (cell < 0) { this.stats.unknownOrder++; return; }
    const s = this.ids.slotAt(cell);
    const left = this.pool.qty[s];
    if (qty < left) {
      this.shrink(s, qty);
    } else {
      if (qty > left) this.stats.overCancel++;
      this.ids.removeCell(cell); // no second probe
      this.unlink(s);
      this.pool.free(s);
      this.live--;
    }
  }

  delete(orderId: number, _ts: Nanos): void {
    const s = this.ids.delete(orderId); // one probe: look up and remove together
    if (s < 0) { this.stats.unknownOrder++; return; }
    this.unlink(s);
    this.pool.free(s);
    this.live--;
  }

  execute(orderId: number, qty: Qty, _ts: Nanos): void {
    if (!(qty > 0) || !Number.isSafeInteger(qty)) { this.stats.badQty++; return; }
    const cell = this.ids.cellOf(orderId);
    if (cell < 0) { this.stats.unknownOrder++; return; }
    const s = this.ids.slotAt(cell);
    const left = this.pool.qty[s];
    if (qty < left) {
      this.shrink(s, qty);
    } else {
      if (qty > left) this.stats.overExecution++;
      this.ids.removeCell(cell); // no second probe
      this.unlink(s);
      this.pool.free(s);
      this.live--;
    }
  }

  replace(orderId: number, newOrderId: number, price: Px, qty: Qty, _ts: Nanos): void {
    if (!Number.isSafeInteger(price)) { this.stats.badPrice++; return; }
    if (!(qty > 0) || !Number.isSafeInteger(qty)) { this.stats.badQty++; return; }
    const s = this.ids.get(orderId);
    if (s < 0) { this.stats.unknownOrder++; return; }
    if (!Number.isSafeInteger(newOrderId)) { this.stats.badOrderId++; return; }
    if (newOrderId !== orderId && this.ids.get(newOrderId) >= 0) { this.stats.duplicateOrder++; return; }
    const p = this.pool;
    const b = this.levels.book[p.lvl[s]];
    this.unlink(s);
    this.ids.delete(orderId);
    p.id[s] = newOrderId;
    p.qty[s] = qty;
    this.link(s, b, (b & 1) === 0 ? price : -price);
    this.ids.set(newOrderId, s);
  }

  modify(orderId: number, price: Px, qty: Qty, _ts: Nanos): void {
    if (!Number.isSafeInteger(price)) { this.stats.badPrice++; return; }
    if (!(qty >= 0) || !Number.isSafeInteger(qty)) { this.stats.badQty++; return; }
    const s = this.ids.get(orderId);
    if (s < 0) { this.stats.unknownOrder++; return; }
    if (qty === 0) {
      this.kill(s, orderId);
      return;
    }
    const p = this.pool;
    const l = p.lvl[s];
    const b = this.levels.book[l];
    const key = (b & 1) === 0 ? price : -price;
    const left = p.qty[s];
    if (key === this.levels.key[l] && qty <= left) {
      if (qty < left) this.shrink(s, left - qty);
      return;
    }
    this.unlink(s);
    p.qty[s] = qty;
    this.link(s, b, key);
  }

  clear(instrument: number, _ts: Nanos): void {
    if (!this.touch(instrument)) return;
    for (let side = 0; side < 2; side++) {
      const lad = this.ladders[instrument * 2 + side];
      const p = this.pool;
      const lp = this.levels;
      for (let i = 0; i < lad.n; i++) {
        const l = lad.lv[i];
        let s = lp.head[l];
        while (s >= 0) {
          const nx = p.next[s];
          this.ids.delete(p.id[s]);
          p.free(s);
          this.live--;
          s = nx;
        }
        lp.free(l);
      }
      lad.n = 0;
    }
  }

  levelDelta(instrument: number, side: Side, price: Px, dQty: Qty, dCount: number, _ts: Nanos): void {
    if (!this.touch(instrument)) return;
    if (side !== 0 && side !== 1) { this.stats.badSide++; return; }
    if (!Number.isSafeInteger(price)) { this.stats.badPrice++; return; }
    if (!Number.isSafeInteger(dQty) || !Number.isSafeInteger(dCount)) { this.stats.badQty++; return; }
    const key = side === 0 ? price : -price;
    const b = instrument * 2 + side;
    const lp = this.levels;
    let lad = this.ladders[b];
    const i = lad.find(key);
    let l = i >= 0 ? lad.lv[i] : -1;
    const aq0 = l >= 0 ? lp.anonQty[l] : 0;
    const ac0 = l >= 0 ? lp.anonCnt[l] : 0;
    let aq = aq0 + dQty;
    let ac = ac0 + dCount;
    if (aq < 0 || ac < 0) this.stats.anonClamped++;
    if (aq < 0) aq = 0;
    if (ac < 0 || aq === 0) ac = 0;
    if (l < 0) {
      if (aq === 0) return;
      if (lad.cap === 0) lad = this.ladders[b] = new Ladder(this.levelCap);
      l = lp.alloc(key, b);
      lad.insertAt(~i, key, l);
    }
    lp.qty[l] += aq - aq0;
    lp.anonQty[l] = aq;
    lp.anonCnt[l] = ac;
    if (aq === 0 && lp.cnt[l] === 0) this.dropLevel(l);
  }

  status(instrument: number, status: number, _ts: Nanos): void {
    if (!this.touch(instrument)) return;
    this.statusOf[instrument] = status;
  }

  // ---- internals ----

  /** Appends pool slot s (id, qty set) to the back of the queue at `key` in book b (instrument * 2 + side). */
  private link(s: number, b: number, key: number): void {
    const p = this.pool;
    const lp = this.levels;
    let lad = this.ladders[b];
    const i = lad.find(key);
    let l: number;
    if (i >= 0) {
      l = lad.lv[i];
    } else {
      if (lad.cap === 0) lad = this.ladders[b] = new Ladder(this.levelCap);
      l = lp.alloc(key, b);
      lad.insertAt(~i, key, l);
    }
    const t = lp.tail[l];
    p.prev[s] = t;
    p.next[s] = -1;
    if (t < 0) lp.head[l] = s;
    else p.next[t] = s;
    lp.tail[l] = s;
    p.lvl[s] = l;
    lp.qty[l] += p.qty[s];
    lp.cnt[l]++;
  }

  /** Takes slot s out of its level's queue (dropping the level if it empties); the slot stays allocated. */
  private unlink(s: number): void {
    const p = this.pool;
    const lp = this.levels;
    const l = p.lvl[s];
    const pv = p.prev[s];
    const nx = p.next[s];
    if (pv < 0) lp.head[l] = nx;
    else p.next[pv] = nx;
    if (nx < 0) lp.tail[l] = pv;
    else p.prev[nx] = pv;
    lp.qty[l] -= p.qty[s];
    if (--lp.cnt[l] === 0 && lp.anonQty[l] === 0) this.dropLevel(l);
  }

  /** Removes an empty level from its ladder and frees it; a miss is a broken invariant (a bug). */
  private dropLevel(l: number): void {
    const lad = this.ladders[this.levels.book[l]];
    const i = lad.find(this.levels.key[l]);
    if (i < 0 || lad.lv[i] !== l) throw new Error(`L3Books invariant: level ${l} is not in its ladder`);
    lad.removeAt(i);
    this.levels.free(l);
  }

  /** Reduces a live order by dq (0 < dq < its size), keeping its queue position. */
  private shrink(s: number, dq: number): void {
    const p = this.pool;
    this.levels.qty[p.lvl[s]] -= dq;
    p.qty[s] -= dq;
  }

  private kill(s: number, orderId: number): void {
    this.unlink(s);
    this.ids.delete(orderId);
    this.pool.free(s);
    this.live--;
  }
}
