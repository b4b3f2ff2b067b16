// MatchingEngine: the fast price-time-priority matching engine of ONE instrument.
//
// Contract: MatchingEngineApi and the sink event sequence in ./types.ts; semantics shared with the plain
// twin RefMatchingEngine (./reference.ts), which must produce the same sink calls and the same stateHash
// for any command sequence (test/matching/differential.test.ts, ./campaign.ts). Units and rounding in
// ./types.ts and ./config.ts. Time is an argument: every command first expires the GTD orders due at
// `now`. Threading: single-threaded, one owner; a sink must not call back into the engine.
//
// Rules beyond the type docs:
// - Validation order (the first failure is the reject code): trading state, order id, duplicate id,
//   owner, side, order type, time in force, flags, qty (positive integer, lot, max), price (limit only:
//   positive integer <= maxPx, on tick of its band), GTD expiry (> now), post-only cross.
// - A market order trades at any price; its tif is FOK (all or nothing) or else IOC; price is ignored.
//   Post-only is only valid for a resting limit (DAY/GTC/GTD) and is rejected, not repriced, if it would
//   cross. A FOK first checks the liquidity it would actually get (self-match rules included) and, if short,
//   is cancelled (FokUnfilled) with no fill and no side effect.
// - Replace (new price, new open qty): same price and qty <= open keeps the queue position (kept = 1);
//   anything else takes the order off the book and re-enters it as a taker with its original owner, flags,
//   tif and expiry, then the remainder joins the back of its new level. A post-only order whose new price
//   would cross is refused (order unchanged). Replaces are refused in Halted and Frozen states.
//
// Layout (design principle 4): orders in a struct-of-arrays pool (./pool.ts) found through an id -> slot
// table (./idtable.ts: open addressing in typed arrays; a Map<number, number> cost ~20% more time);
// each side a sorted level array (./levels.ts), best last, each level a doubly linked FIFO
// of pool slots; a typed-array heap of GTD expiries. After warm-up nothing is allocated per command,
// with one V8 caveat: a number outside the small-integer range (|v| >= 2^30, e.g. a ns timestamp late in
// the day) passed to a function that is not inlined (a sink method) is boxed in a short-lived HeapNumber;
// on matching-v1 (small timestamps) the heap grows ~0.3 MB over the first 1M commands of a fresh engine
// (structures reaching their peak, compiled code) and ~0.01-0.05 MB over each further 1M: no per-command garbage.

import type { Nanos, Px, Qty } from '../core/units.js';
import { Reject } from '../core/rejects.js';
import type { EngineConfig } from './config.js';
import { validateConfig } from './config.js';
import { EngineBook } from './book.js';
import { ExpiryHeap } from './pool.js';
import type { MatchingEngineApi, MatchSink } from './types.js';
import {
  BUY, CancelReason, CancelRejectKind, ExpireReason, FLAGS_MASK, Flags, OrdType, SMP_CANCEL_NEWEST,
  SMP_CANCEL_OLDEST, SMP_SHIFT, Tif, TradingState,
} from './types.js';

export interface MatchingEngineOptions {
  /** Initial order-pool capacity (grows by doubling). */
  initialOrders?: number;
  /** Initial level capacity per side (grows by doubling). */
  initialLevels?: number;
}

/** Limit of a market sell: crosses any bid (prices are >= 1). A market buy uses maxPx (no ask is above it). */
const MARKET_SELL_LIMIT = 0;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export class MatchingEngine extends EngineBook implements MatchingEngineApi {
  private readonly sink: MatchSink;
  private readonly heap = new ExpiryHeap(256);
  private readonly bandMin: Float64Array;
  /** Int32: a modulus of small integers stays an integer operation (a Float64Array would make it fmod). */
  private readonly bandTick: Int32Array;
  private readonly lot: number;
  private readonly maxQty: number;
  private readonly maxPx: number;
  private readonly makerRate: number;
  private readonly takerRate: number;
  private readonly feeDen: number;

  constructor(config: EngineConfig, sink: MatchSink, opts: MatchingEngineOptions = {}) {
    super(opts.initialOrders ?? 1 << 14, opts.initialLevels ?? 64);
    const cfg = validateConfig(config);
    this.sink = sink;
    this.bandMin = Float64Array.from(cfg.tickBands, (b) => b.minPx);
    this.bandTick = Int32Array.from(cfg.tickBands, (b) => b.tick);
    this.lot = cfg.lotSize;
    this.maxQty = cfg.maxQty;
    this.maxPx = cfg.maxPx;
    this.makerRate = cfg.makerFeeRate;
    this.takerRate = cfg.takerFeeRate;
    this.feeDen = cfg.feeDenominator;
  }

  // ---- commands ----

  newOrder(id: number, owner: number, side: number, ordType: number, tif: number, px: Px, qty: Qty, flags: number, expireNs: Nanos, now: Nanos): number {
    if (now >= this.heap.top()) this.advanceTime(now);
    const code = this.validateNew(id, owner, side, ordType, tif, px, qty, flags, expireNs, now);
    if (code !== 0) {
      this.sink.onRejected(id, owner, code, now);
      return code;
    }
    const market = ordType === OrdType.Market;
    // maxPx rather than 2^53 - 1: a small integer (Smi) is passed to match() without boxing a HeapNumber.
    const limit = market ? (side === BUY ? this.maxPx : MARKET_SELL_LIMIT) : px;
    const showPx = market ? 0 : px;
    this.sink.onAccepted(id, owner, side, ordType, tif, showPx, qty, now);
    const smp = (flags >> SMP_SHIFT) & 3;
    if (tif === Tif.Fok && !this.fokFillable(owner, side, limit, qty, smp)) {
      this.sink.onCancelled(id, owner, side, showPx, qty, CancelReason.FokUnfilled, 0, now);
      return 0;
    }
    // The common passive add skips the call into match() entirely.
    const rem = market || this.crosses(side, px) ? this.match(id, owner, side, limit, showPx, qty, smp, now) : qty;
    if (rem === 0) return 0;
    if (market || tif === Tif.Ioc || tif === Tif.Fok) {
      this.sink.onCancelled(id, owner, side, showPx, rem, CancelReason.IocRemainder, 0, now);
      return 0;
    }
    const p = this.pool;
    const s = p.alloc();
    p.id[s] = id;
    p.owner[s] = owner;
    p.side[s] = side;
    p.tif[s] = tif;
    p.flags[s] = flags;
    p.px[s] = px;
    p.qty[s] = rem;
    p.expire[s] = tif === Tif.Gtd ? expireNs : 0;
    this.ids.set(id, s);
    this.live++;
    this.link(s);
    if (tif === Tif.Gtd) this.heap.push(expireNs, id);
    this.sink.onRested(id, owner, side, px, rem, now);
    return 0;
  }

  cancel(id: number, now: Nanos): number {
    if (now >= this.heap.top()) this.advanceTime(now);
    // One probe: the table lookup also removes the entry (nothing else can fail after it).
    const s = this.state === TradingState.Frozen ? -2 : this.ids.delete(id);
    if (s < 0) {
      const code = s === -2 ? Reject.MatchHalted : Reject.MatchUnknownOrder;
      this.sink.onCancelRejected(id, CancelRejectKind.Cancel, code, now);
      return code;
    }
    const p = this.pool;
    const qty = p.qty[s];
    this.unlink(s);
    p.free(s);
    this.live--;
    this.sink.onCancelled(id, p.owner[s], p.side[s], p.px[s], qty, CancelReason.Requested, 1, now);
    return 0;
  }

  replace(id: number, px: Px, qty: Qty, now: Nanos): number {
    if (now >= this.heap.top()) this.advanceTime(now);
    const s = this.ids.get(id);
    let code = 0;
    if (this.state !== TradingState.Open) code = Reject.MatchHalted;
    else if (s < 0) code = Reject.MatchUnknownOrder;
    else code = this.checkQty(qty) || this.checkPx(px);
    if (code === 0 && s >= 0) {
      const p = this.pool;
      const oldPx = p.px[s];
      const oldQty = p.qty[s];
      const side = p.side[s];
      const owner = p.owner[s];
      if (px === oldPx && qty <= oldQty) {
        if (qty < oldQty) {
          const lv = side === BUY ? this.bids : this.asks;
          lv.qty[this.levelOf(lv, s)] -= oldQty - qty;
          p.qty[s] = qty;
        }
        this.sink.onReplaced(id, owner, side, oldPx, oldQty, px, qty, 1, now);
        return 0;
      }
      if ((p.flags[s] & Flags.PostOnly) !== 0 && this.crosses(side, px)) {
        code = Reject.MatchPostOnlyWouldCross;
      } else {
        this.unlink(s);
        this.sink.onReplaced(id, owner, side, oldPx, oldQty, px, qty, 0, now);
        const rem = this.match(id, owner, side, px, px, qty, (p.flags[s] >> SMP_SHIFT) & 3, now);
        if (rem === 0) {
          this.release(s);
        } else {
          p.px[s] = px;
          p.qty[s] = rem;
          this.link(s);
          this.sink.onRested(id, owner, side, px, rem, now);
        }
        return 0;
      }
    }
    this.sink.onCancelRejected(id, CancelRejectKind.Replace, code, now);
    return code;
  }

  setTradingState(state: number, now: Nanos): number {
    this.advanceTime(now);
    if (state !== TradingState.Open && state !== TradingState.Halted && state !== TradingState.Frozen) return Reject.MatchBadTradingState;
    this.state = state;
    this.sink.onTradingState(state, now);
    return 0;
  }

  advanceTime(now: Nanos): void {
    const h = this.heap;
    const p = this.pool;
    while (h.n > 0 && h.time[0] <= now) {
      const t = h.time[0];
      const id = h.id[0];
      h.pop();
      const s = this.ids.get(id);
      // Lazy deletion: skip entries of orders that are gone (or whose id now names another order).
      if (s < 0 || p.tif[s] !== Tif.Gtd || p.expire[s] !== t) continue;
      const qty = p.qty[s];
      this.unlink(s);
      this.release(s);
      this.sink.onExpired(id, p.owner[s], p.side[s], p.px[s], qty, ExpireReason.Gtd, now);
    }
  }

  endSession(now: Nanos): number {
    this.advanceTime(now);
    let n = 0;
    const p = this.pool;
    for (let side = 0; side < 2; side++) {
      const lv = side === BUY ? this.bids : this.asks;
      for (let i = lv.n - 1; i >= 0; i--) {
        let s = lv.head[i];
        while (s >= 0) {
          const nx = p.next[s];
          if (p.tif[s] === Tif.Day) {
            const qty = p.qty[s];
            this.unlinkAt(lv, i, s);
            this.release(s);
            this.sink.onExpired(p.id[s], p.owner[s], side, p.px[s], qty, ExpireReason.Day, now);
            n++;
          }
          s = nx;
        }
        if (lv.cnt[i] === 0) lv.removeAt(i);
      }
    }
    return n;
  }

  // ---- matching ----

  /**
   * Trades the incoming order (not on the book) against the opposite side up to `limit`; returns the
   * open qty left (0 also when self-match prevention cancelled the taker, which is reported here).
   */
  private match(tid: number, towner: number, tside: number, limit: number, showPx: number, qty: number, smp: number, now: Nanos): number {
    const buy = tside === BUY;
    const lv = buy ? this.asks : this.bids;
    const p = this.pool;
    const sink = this.sink;
    let rem = qty;
    let stop = false;
    while (rem > 0 && !stop && lv.n > 0) {
      const i = lv.n - 1;
      const lpx = buy ? -lv.key[i] : lv.key[i];
      if (buy ? lpx > limit : lpx < limit) break;
      let o = lv.head[i];
      while (o >= 0 && rem > 0) {
        const nx = p.next[o];
        const mid = p.id[o];
        if (smp !== 0 && p.owner[o] === towner) {
          if (smp !== SMP_CANCEL_NEWEST) {
            const mq = p.qty[o];
            this.unlinkAt(lv, i, o);
            this.release(o);
            sink.onCancelled(mid, towner, p.side[o], lpx, mq, CancelReason.SelfMatchMaker, 1, now);
          }
          if (smp !== SMP_CANCEL_OLDEST) {
            sink.onCancelled(tid, towner, tside, showPx, rem, CancelReason.SelfMatchTaker, 0, now);
            rem = 0;
            stop = true;
            break;
          }
          o = nx;
          continue;
        }
        const mq = p.qty[o];
        const fq = rem < mq ? rem : mq;
        rem -= fq;
        const ml = mq - fq;
        const matchId = ++this.fills;
        this.volume += fq;
        const mowner = p.owner[o];
        if (ml === 0) {
          this.unlinkAt(lv, i, o);
          this.release(o);
        } else {
          p.qty[o] = ml;
          lv.qty[i] -= fq;
        }
        sink.onFill(mid, mowner, tid, towner, tside, lpx, fq, ml, rem, this.fee(fq, this.makerRate), this.fee(fq, this.takerRate), matchId, now);
        o = nx;
      }
      if (lv.cnt[i] === 0) lv.n = i; // the best level is the last one: dropping it is a decrement
      else break;
    }
    return rem;
  }

  /** True when a FOK of `qty` would fill completely now (self-match rules applied, nothing changed). */
  private fokFillable(towner: number, tside: number, limit: number, qty: number, smp: number): boolean {
    const buy = tside === BUY;
    const lv = buy ? this.asks : this.bids;
    const p = this.pool;
    let sum = 0;
    for (let i = lv.n - 1; i >= 0; i--) {
      const lpx = buy ? -lv.key[i] : lv.key[i];
      if (buy ? lpx > limit : lpx < limit) return false;
      if (smp === 0) {
        sum += lv.qty[i];
        if (sum >= qty) return true;
        continue;
      }
      for (let o = lv.head[i]; o >= 0; o = p.next[o]) {
        if (p.owner[o] === towner) {
          if (smp === SMP_CANCEL_OLDEST) continue;
          return false;
        }
        sum += p.qty[o];
        if (sum >= qty) return true;
      }
    }
    return false;
  }

  /** Fee in price units, rounded up (venue-favouring for charges and rebates alike); exact integer math. */
  private fee(qty: number, rate: number): number {
    const n = qty * rate;
    // Math.ceil of the float quotient is exact: when n/d is not an integer it lies at least 1/d from
    // one, and the rounding error |n/d| * 2^-53 is smaller than 1/d because |n| < 2^53 (checked at
    // configuration). `+ 0` turns -0 into 0. The reference twin uses remainder arithmetic instead.
    return Math.ceil(n / this.feeDen) + 0;
  }

  // ---- validation ----

  private validateNew(id: number, owner: number, side: number, ordType: number, tif: number, px: number, qty: number, flags: number, expireNs: number, now: number): number {
    if (this.state !== TradingState.Open) return Reject.MatchHalted;
    if (!(id >= 0 && id <= MAX_SAFE && Math.floor(id) === id)) return Reject.MatchBadOrderId;
    if (this.ids.has(id)) return Reject.MatchDuplicateOrderId;
    if ((owner | 0) !== owner || owner < 0) return Reject.MatchBadOwner;
    if (side !== 0 && side !== 1) return Reject.MatchBadSide;
    if (ordType !== OrdType.Limit && ordType !== OrdType.Market) return Reject.MatchBadOrderType;
    if ((tif >>> 0) !== tif || tif > Tif.Fok) return Reject.MatchBadTimeInForce;
    if ((flags >>> 0) !== flags || (flags & ~FLAGS_MASK) !== 0) return Reject.MatchBadFlags;
    const postOnly = (flags & Flags.PostOnly) !== 0;
    if (postOnly && (ordType === OrdType.Market || tif === Tif.Ioc || tif === Tif.Fok)) return Reject.MatchBadFlags;
    const qc = this.checkQty(qty);
    if (qc !== 0) return qc;
    if (ordType === OrdType.Market) return 0;
    const pc = this.checkPx(px);
    if (pc !== 0) return pc;
    if (tif === Tif.Gtd && !(expireNs > now && expireNs <= MAX_SAFE && Math.floor(expireNs) === expireNs)) return Reject.MatchBadExpireTime;
    if (postOnly && this.crosses(side, px)) return Reject.MatchPostOnlyWouldCross;
    return 0;
  }

  private checkQty(qty: number): number {
    if (!(qty > 0 && qty <= MAX_SAFE && Math.floor(qty) === qty)) return Reject.MatchBadQty;
    if (qty % this.lot !== 0) return Reject.MatchBadLot;
    if (qty > this.maxQty) return Reject.MatchQtyTooLarge;
    return 0;
  }

  private checkPx(px: number): number {
    if (!(px >= 1 && px <= this.maxPx && Math.floor(px) === px)) return Reject.MatchBadPrice;
    const m = this.bandMin;
    let b = m.length - 1;
    while (px < m[b]) b--;
    return px % this.bandTick[b] === 0 ? 0 : Reject.MatchOffTick;
  }
}
