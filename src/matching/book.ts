// EngineBook: the order storage and read side of the fast matching engine (one instrument): the
// struct-of-arrays order pool, the id -> slot table (./idtable.ts), the two sorted level arrays with their FIFO queues,
// the counters, the queries and the canonical stateHash. MatchingEngine (./engine.ts) extends it with the
// commands and the matching; the split only keeps files small (the hot path is one monomorphic class).
// Layout and allocation rules: see ./levels.ts and ./pool.ts. Single-threaded.

import type { Px, Qty } from '../core/units.js';
import { StateHasher } from '../core/hash.js';
import { IdTable } from '../core/idtable.js';
import { Levels } from './levels.js';
import { OrderPool } from './pool.js';
import { BUY, TradingState } from './types.js';

export class EngineBook {
  protected readonly ids = new IdTable(1 << 12);
  protected readonly pool: OrderPool;
  protected readonly bids: Levels;
  protected readonly asks: Levels;
  private readonly hasher = new StateHasher();
  protected state: number = TradingState.Open;
  protected fills = 0;
  protected volume = 0;
  protected live = 0;

  constructor(initialOrders: number, initialLevels: number) {
    this.pool = new OrderPool(initialOrders);
    this.bids = new Levels(initialLevels);
    this.asks = new Levels(initialLevels);
  }

  /** Would a limit order of `side` at `px` trade against the opposite best? */
  protected crosses(side: number, px: number): boolean {
    if (side === BUY) {
      const a = this.asks;
      return a.n > 0 && -a.key[a.n - 1] <= px;
    }
    const b = this.bids;
    return b.n > 0 && b.key[b.n - 1] >= px;
  }

  /** Appends slot s (px, qty, side set) to the back of its level's FIFO. */
  protected link(s: number): void {
    const p = this.pool;
    const buy = p.side[s] === BUY;
    const lv = buy ? this.bids : this.asks;
    const px = p.px[s];
    const key = buy ? px : -px;
    let i = lv.find(key);
    if (i < 0) {
      i = ~i;
      lv.insertAt(i, key);
    }
    const t = lv.tail[i];
    p.prev[s] = t;
    p.next[s] = -1;
    if (t < 0) lv.head[i] = s;
    else p.next[t] = s;
    lv.tail[i] = s;
    lv.qty[i] += p.qty[s];
    lv.cnt[i]++;
  }

  protected levelOf(lv: Levels, s: number): number {
    const p = this.pool;
    const i = lv.find(p.side[s] === BUY ? p.px[s] : -p.px[s]);
    if (i < 0) throw new Error(`MatchingEngine invariant: order slot ${s} has no level`);
    return i;
  }

  /** Takes slot s out of its level (found by price), removing the level if it empties. */
  protected unlink(s: number): void {
    const lv = this.pool.side[s] === BUY ? this.bids : this.asks;
    const i = this.levelOf(lv, s);
    this.unlinkAt(lv, i, s);
    if (lv.cnt[i] === 0) lv.removeAt(i);
  }

  /** Takes slot s out of level i's FIFO; the caller removes the level if its count reaches 0. */
  protected unlinkAt(lv: Levels, i: number, s: number): void {
    const p = this.pool;
    const pv = p.prev[s];
    const nx = p.next[s];
    if (pv < 0) lv.head[i] = nx;
    else p.next[pv] = nx;
    if (nx < 0) lv.tail[i] = pv;
    else p.prev[nx] = pv;
    lv.qty[i] -= p.qty[s];
    lv.cnt[i]--;
  }

  /** Forgets a live order whose slot is off the book (its fields stay readable until the slot is reused). */
  protected release(s: number): void {
    this.ids.delete(this.pool.id[s]);
    this.pool.free(s);
    this.live--;
  }

  // ---- queries (read side; not for the hot path) ----

  orderCount(): number { return this.live; }
  tradingState(): number { return this.state; }
  fillCount(): number { return this.fills; }
  fillVolume(): number { return this.volume; }
  bestBid(): Px { const b = this.bids; return b.n > 0 ? b.key[b.n - 1] : NaN; }
  bestAsk(): Px { const a = this.asks; return a.n > 0 ? -a.key[a.n - 1] : NaN; }

  orderQty(id: number): Qty {
    const s = this.ids.get(id);
    return s < 0 ? 0 : this.pool.qty[s];
  }

  orderPrice(id: number): Px {
    const s = this.ids.get(id);
    return s < 0 ? NaN : this.pool.px[s];
  }

  orderSide(id: number): number {
    const s = this.ids.get(id);
    return s < 0 ? -1 : this.pool.side[s];
  }

  queuePosition(id: number): number {
    const s = this.ids.get(id);
    if (s < 0) return -1;
    const p = this.pool;
    const lv = p.side[s] === BUY ? this.bids : this.asks;
    let n = 0;
    for (let o = lv.head[this.levelOf(lv, s)]; o !== s; o = p.next[o]) n++;
    return n;
  }

  /** Level `level` (0 = best) of a side as [px, qty, count], or undefined (cold path: allocates). */
  level(side: number, level: number): [Px, Qty, number] | undefined {
    const lv = side === BUY ? this.bids : this.asks;
    if (level < 0 || level >= lv.n) return undefined;
    const i = lv.n - 1 - level;
    return [side === BUY ? lv.key[i] : -lv.key[i], lv.qty[i], lv.cnt[i]];
  }

  forEachOrder(visit: (id: number, owner: number, side: number, px: Px, qty: Qty, tif: number) => void): void {
    const p = this.pool;
    for (let side = 0; side < 2; side++) {
      const lv = side === BUY ? this.bids : this.asks;
      for (let i = lv.n - 1; i >= 0; i--) {
        for (let s = lv.head[i]; s >= 0; s = p.next[s]) visit(p.id[s], p.owner[s], side, p.px[s], p.qty[s], p.tif[s]);
      }
    }
  }

  stateHash(): string {
    const h = this.hasher;
    const p = this.pool;
    h.reset();
    h.int(this.state);
    h.int(this.fills);
    h.int(this.volume);
    h.int(this.live);
    for (let side = 0; side < 2; side++) {
      const lv = side === BUY ? this.bids : this.asks;
      h.int(lv.n);
      for (let i = lv.n - 1; i >= 0; i--) {
        h.int(side === BUY ? lv.key[i] : -lv.key[i]);
        h.int(lv.qty[i]);
        h.int(lv.cnt[i]);
        for (let s = lv.head[i]; s >= 0; s = p.next[s]) {
          h.int(p.id[s]);
          h.int(p.qty[s]);
          h.int(p.owner[s]);
          h.int(p.tif[s]);
          h.int(p.flags[s]);
          h.int(p.expire[s]);
        }
      }
    }
    return h.digest();
  }
}
