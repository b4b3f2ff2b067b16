// L3State: the storage and the read side (BookView / OrderView) of L3Books (./l3.ts), split out to
// keep files small. Layout and contract: see the header of ./l3.ts. Single-threaded. Units: prices in
// the instrument's price units, sizes in lots. Queries never throw and allocate nothing (stateHash
// builds one string).

import type { Px, Qty, Side } from '../core/units.js';
import { StateHasher } from '../core/hash.js';
import type { L3BookStats, L3BookView } from './types.js';
import { newL3BookStats } from './types.js';
import { Ladder, LevelPool, growF64 } from './ladder.js';
import { OrderPool } from './pool.js';
import { IdTable } from '../core/idtable.js';

export interface L3BooksOptions {
  /** Instrument ids must be < this (guards the per-instrument arrays against a corrupt id). */
  maxInstruments?: number;
  /** Initial order-pool capacity (grows by doubling). */
  initialOrders?: number;
  /** Initial ladder capacity per side of an instrument once it is used (grows by doubling). */
  initialLevels?: number;
}

/** Shared by every (instrument, side) that has never held a level: n = 0, cap = 0. */
export const EMPTY = new Ladder(0);

export class L3State implements L3BookView {
  readonly stats: L3BookStats = newL3BookStats();
  protected readonly maxInst: number;
  protected readonly levelCap: number;
  protected readonly ids: IdTable;
  protected readonly pool: OrderPool;
  protected readonly levels: LevelPool;
  private readonly hasher = new StateHasher();
  /** Index instrument * 2 + side. */
  protected ladders: Ladder[] = [];
  protected statusOf: Float64Array = new Float64Array(16);
  protected nInst = 0;
  protected live = 0;

  constructor(opts: L3BooksOptions = {}) {
    this.maxInst = opts.maxInstruments ?? 1 << 22;
    this.levelCap = Math.max(1, opts.initialLevels ?? 16);
    this.pool = new OrderPool(opts.initialOrders ?? 1 << 16);
    this.ids = new IdTable((opts.initialOrders ?? 1 << 16) * 2);
    this.levels = new LevelPool(this.levelCap * 4);
  }

  /** Validates an instrument id and makes room for it; false (counted) when invalid. */
  protected touch(inst: number): boolean {
    if ((inst >>> 0) === inst && inst < this.nInst) return true;
    if ((inst >>> 0) !== inst || inst >= this.maxInst) { this.stats.badInstrument++; return false; }
    while (this.nInst <= inst) {
      this.ladders.push(EMPTY, EMPTY);
      this.nInst++;
    }
    if (this.statusOf.length < this.nInst) {
      let cap = this.statusOf.length * 2;
      while (cap < this.nInst) cap *= 2;
      this.statusOf = growF64(this.statusOf, cap);
    }
    return true;
  }

  /** The ladder of a valid (instrument, side), or EMPTY for anything else (queries never throw). */
  protected view(inst: number, side: number): Ladder {
    if ((inst >>> 0) !== inst || inst >= this.nInst || (side !== 0 && side !== 1)) return EMPTY;
    return this.ladders[inst * 2 + side];
  }

  depth(instrument: number, side: Side): number {
    return this.view(instrument, side).n;
  }

  levelPrice(instrument: number, side: Side, level: number): Px {
    const lad = this.view(instrument, side);
    if ((level >>> 0) !== level || level >= lad.n) return NaN;
    const key = lad.key[lad.n - 1 - level];
    return side === 0 ? key : 0 - key;
  }

  levelQty(instrument: number, side: Side, level: number): Qty {
    const lad = this.view(instrument, side);
    if ((level >>> 0) !== level || level >= lad.n) return 0;
    return this.levels.qty[lad.lv[lad.n - 1 - level]];
  }

  levelCount(instrument: number, side: Side, level: number): number {
    const lad = this.view(instrument, side);
    if ((level >>> 0) !== level || level >= lad.n) return 0;
    const l = lad.lv[lad.n - 1 - level];
    return this.levels.cnt[l] + this.levels.anonCnt[l];
  }

  bestBid(instrument: number): Px {
    return this.levelPrice(instrument, 0, 0);
  }

  bestAsk(instrument: number): Px {
    return this.levelPrice(instrument, 1, 0);
  }

  tradingStatus(instrument: number): number {
    if ((instrument >>> 0) !== instrument || instrument >= this.nInst) return 0;
    return this.statusOf[instrument];
  }

  orderCount(): number {
    return this.live;
  }

  instrumentCount(): number {
    return this.nInst;
  }

  hasOrder(orderId: number): boolean {
    return this.ids.get(orderId) >= 0;
  }

  orderQty(orderId: number): Qty {
    const s = this.ids.get(orderId);
    return s < 0 ? 0 : this.pool.qty[s];
  }

  orderPrice(orderId: number): Px {
    const s = this.ids.get(orderId);
    if (s < 0) return NaN;
    const l = this.pool.lvl[s];
    const key = this.levels.key[l];
    return (this.levels.book[l] & 1) === 0 ? key : 0 - key;
  }

  orderSide(orderId: number): number {
    const s = this.ids.get(orderId);
    return s < 0 ? -1 : this.levels.book[this.pool.lvl[s]] & 1;
  }

  orderInstrument(orderId: number): number {
    const s = this.ids.get(orderId);
    return s < 0 ? -1 : this.levels.book[this.pool.lvl[s]] >> 1;
  }

  queueAhead(orderId: number): Qty {
    const s = this.ids.get(orderId);
    if (s < 0) return NaN;
    const p = this.pool;
    const l = p.lvl[s];
    let ahead = this.levels.anonQty[l];
    for (let o = this.levels.head[l]; o !== s; o = p.next[o]) ahead += p.qty[o];
    return ahead;
  }

  /**
   * Cold self-check for tests and debugging: walks every ladder, level and queue and returns a
   * description of the first broken internal invariant, or null when all hold.
   */
  checkInvariants(): string | null {
    const p = this.pool;
    const lp = this.levels;
    let orders = 0;
    for (let b = 0; b < this.ladders.length; b++) {
      const lad = this.ladders[b];
      for (let i = 0; i < lad.n; i++) {
        const l = lad.lv[i];
        if (i > 0 && !(lad.key[i - 1] < lad.key[i])) return `ladder ${b}: keys not ascending at ${i}`;
        if (lp.key[l] !== lad.key[i] || lp.book[l] !== b) return `ladder ${b}: level ${l} key or book mismatch`;
        let qty = lp.anonQty[l];
        let cnt = 0;
        let prev = -1;
        for (let s = lp.head[l]; s >= 0; s = p.next[s]) {
          if (p.prev[s] !== prev) return `order slot ${s}: prev link broken`;
          if (p.lvl[s] !== l) return `order slot ${s}: wrong level`;
          if (this.ids.get(p.id[s]) !== s) return `order ${p.id[s]}: id table does not point at slot ${s}`;
          qty += p.qty[s];
          cnt++;
          prev = s;
        }
        if (lp.tail[l] !== prev) return `level ${l}: tail mismatch`;
        if (cnt !== lp.cnt[l] || qty !== lp.qty[l]) return `level ${l}: count/qty mismatch`;
        if (cnt === 0 && lp.anonQty[l] === 0) return `level ${l}: empty level kept`;
        orders += cnt;
      }
    }
    if (orders !== this.live || this.ids.size !== this.live) return `live count ${this.live}, queued ${orders}, ids ${this.ids.size}`;
    return null;
  }

  stateHash(): string {
    const h = this.hasher;
    const p = this.pool;
    const lp = this.levels;
    h.reset();
    for (let inst = 0; inst < this.nInst; inst++) {
      h.int(this.statusOf[inst]);
      for (let side = 0; side < 2; side++) {
        const lad = this.ladders[inst * 2 + side];
        h.int(lad.n);
        for (let i = lad.n - 1; i >= 0; i--) {
          const key = lad.key[i];
          const l = lad.lv[i];
          h.int(side === 0 ? key : 0 - key);
          h.int(lp.qty[l]);
          h.int(lp.cnt[l] + lp.anonCnt[l]);
          h.int(lp.anonQty[l]);
          for (let s = lp.head[l]; s >= 0; s = p.next[s]) {
            h.int(p.id[s]);
            h.int(p.qty[s]);
          }
        }
      }
    }
    return h.digest();
  }
}
