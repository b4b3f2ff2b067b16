// RefMatchingEngine: the plain reference twin of MatchingEngine (./engine.ts). Arrays of objects, linear
// scans, no cleverness: each side is an array of levels sorted best first, each level an array of orders
// in time priority. Same API, same sink calls in the same order, same canonical stateHash (the differential
// test and ./campaign.ts hold the fast engine to it). Semantics: see ./types.ts and the header of
// ./engine.ts. Slow by design; cold paths and tests only. Single-threaded.

import type { Nanos, Px, Qty } from '../core/units.js';
import { Reject } from '../core/rejects.js';
import { StateHasher } from '../core/hash.js';
import type { EngineConfig } from './config.js';
import { validateConfig } from './config.js';
import type { MatchingEngineApi, MatchSink } from './types.js';
import {
  BUY, CancelReason, CancelRejectKind, ExpireReason, OrdType, SMP_CANCEL_BOTH, SMP_CANCEL_NEWEST,
  SMP_CANCEL_OLDEST, SMP_NONE, Tif, TradingState,
} from './types.js';

interface RefOrder {
  id: number;
  owner: number;
  side: number;
  px: number;
  qty: number;
  tif: number;
  flags: number;
  expire: number;
}

interface RefLevel {
  px: number;
  orders: RefOrder[];
}

export class RefMatchingEngine implements MatchingEngineApi {
  private readonly cfg: EngineConfig;
  private readonly sink: MatchSink;
  private readonly byId = new Map<number, RefOrder>();
  private readonly gtd = new Set<RefOrder>();
  private readonly book: [RefLevel[], RefLevel[]] = [[], []]; // [bids, asks], best level first
  private state: number = TradingState.Open;
  private fills = 0;
  private volume = 0;

  constructor(config: EngineConfig, sink: MatchSink) {
    this.cfg = validateConfig(config);
    this.sink = sink;
  }

  newOrder(id: number, owner: number, side: number, ordType: number, tif: number, px: Px, qty: Qty, flags: number, expireNs: Nanos, now: Nanos): number {
    this.advanceTime(now);
    const postOnly = (flags & 1) === 1;
    const isMarket = ordType === OrdType.Market;
    let code = 0;
    if (this.state !== TradingState.Open) code = Reject.MatchHalted;
    else if (!Number.isInteger(id) || Math.abs(id) > Number.MAX_SAFE_INTEGER || id < 0) code = Reject.MatchBadOrderId;
    else if (this.byId.has(id)) code = Reject.MatchDuplicateOrderId;
    else if (!Number.isInteger(owner) || owner < 0 || owner > 2147483647) code = Reject.MatchBadOwner;
    else if (side !== 0 && side !== 1) code = Reject.MatchBadSide;
    else if (ordType !== OrdType.Limit && ordType !== OrdType.Market) code = Reject.MatchBadOrderType;
    else if (!(Number.isInteger(tif) && tif >= Tif.Day && tif <= Tif.Fok)) code = Reject.MatchBadTimeInForce;
    else if (!Number.isInteger(flags) || flags < 0 || flags > 7) code = Reject.MatchBadFlags;
    else if (postOnly && (isMarket || tif === Tif.Ioc || tif === Tif.Fok)) code = Reject.MatchBadFlags;
    else code = this.qtyError(qty);
    if (code === 0 && !isMarket) {
      code = this.pxError(px);
      if (code === 0 && tif === Tif.Gtd && !(Number.isSafeInteger(expireNs) && expireNs > now)) code = Reject.MatchBadExpireTime;
      if (code === 0 && postOnly && this.wouldCross(side, px)) code = Reject.MatchPostOnlyWouldCross;
    }
    if (code !== 0) {
      this.sink.onRejected(id, owner, code, now);
      return code;
    }
    const shownPx = isMarket ? 0 : px;
    this.sink.onAccepted(id, owner, side, ordType, tif, shownPx, qty, now);
    const smp = flags >> 1;
    const limit = isMarket ? null : px;
    if (tif === Tif.Fok && this.fokShortfall(owner, side, limit, qty, smp)) {
      this.sink.onCancelled(id, owner, side, shownPx, qty, CancelReason.FokUnfilled, 0, now);
      return 0;
    }
    const left = this.match(id, owner, side, limit, shownPx, qty, smp, now);
    if (left === 0) return 0;
    if (isMarket || tif === Tif.Ioc || tif === Tif.Fok) {
      this.sink.onCancelled(id, owner, side, shownPx, left, CancelReason.IocRemainder, 0, now);
      return 0;
    }
    const o: RefOrder = { id, owner, side, px, qty: left, tif, flags, expire: tif === Tif.Gtd ? expireNs : 0 };
    this.rest(o);
    this.sink.onRested(id, owner, side, px, left, now);
    return 0;
  }

  cancel(id: number, now: Nanos): number {
    this.advanceTime(now);
    const o = this.byId.get(id);
    const code = this.state === TradingState.Frozen ? Reject.MatchHalted : o === undefined ? Reject.MatchUnknownOrder : 0;
    if (code !== 0 || o === undefined) {
      this.sink.onCancelRejected(id, CancelRejectKind.Cancel, code, now);
      return code;
    }
    this.remove(o);
    this.sink.onCancelled(o.id, o.owner, o.side, o.px, o.qty, CancelReason.Requested, 1, now);
    return 0;
  }

  replace(id: number, px: Px, qty: Qty, now: Nanos): number {
    this.advanceTime(now);
    const o = this.byId.get(id);
    let code = 0;
    if (this.state !== TradingState.Open) code = Reject.MatchHalted;
    else if (o === undefined) code = Reject.MatchUnknownOrder;
    else code = this.qtyError(qty) || this.pxError(px);
    if (code === 0 && o !== undefined) {
      const oldPx = o.px;
      const oldQty = o.qty;
      if (px === oldPx && qty <= oldQty) {
        o.qty = qty;
        this.sink.onReplaced(id, o.owner, o.side, oldPx, oldQty, px, qty, 1, now);
        return 0;
      }
      if ((o.flags & 1) === 1 && this.wouldCross(o.side, px)) {
        code = Reject.MatchPostOnlyWouldCross;
      } else {
        this.remove(o);
        this.sink.onReplaced(id, o.owner, o.side, oldPx, oldQty, px, qty, 0, now);
        const left = this.match(id, o.owner, o.side, px, px, qty, o.flags >> 1, now);
        if (left > 0) {
          o.px = px;
          o.qty = left;
          this.rest(o);
          this.sink.onRested(id, o.owner, o.side, px, left, now);
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
    if (this.gtd.size === 0) return;
    const due = [...this.gtd].filter((o) => o.expire <= now);
    due.sort((a, b) => a.expire - b.expire || a.id - b.id);
    for (const o of due) {
      this.remove(o);
      this.sink.onExpired(o.id, o.owner, o.side, o.px, o.qty, ExpireReason.Gtd, now);
    }
  }

  endSession(now: Nanos): number {
    this.advanceTime(now);
    const day: RefOrder[] = [];
    for (const side of this.book) for (const level of side) for (const o of level.orders) if (o.tif === Tif.Day) day.push(o);
    for (const o of day) {
      this.remove(o);
      this.sink.onExpired(o.id, o.owner, o.side, o.px, o.qty, ExpireReason.Day, now);
    }
    return day.length;
  }

  // ---- internals ----

  private qtyError(qty: number): number {
    if (!Number.isInteger(qty) || qty <= 0 || qty > Number.MAX_SAFE_INTEGER) return Reject.MatchBadQty;
    if (qty % this.cfg.lotSize !== 0) return Reject.MatchBadLot;
    if (qty > this.cfg.maxQty) return Reject.MatchQtyTooLarge;
    return 0;
  }

  private pxError(px: number): number {
    if (!Number.isInteger(px) || px < 1 || px > this.cfg.maxPx) return Reject.MatchBadPrice;
    let tick = 0;
    for (const band of this.cfg.tickBands) if (px >= band.minPx) tick = band.tick;
    return px % tick === 0 ? 0 : Reject.MatchOffTick;
  }

  /** Does `px` on `side` reach the opposite side's best price? (null = a market order: always.) */
  private reaches(side: number, px: number | null, levelPx: number): boolean {
    if (px === null) return true;
    return side === BUY ? levelPx <= px : levelPx >= px;
  }

  private wouldCross(side: number, px: number): boolean {
    const opposite = this.book[1 - side];
    return opposite.length > 0 && this.reaches(side, px, opposite[0].px);
  }

  /** True when a FOK could not fill `qty` right now: a dry run of match() that changes nothing. */
  private fokShortfall(owner: number, side: number, limit: number | null, qty: number, smp: number): boolean {
    let available = 0;
    for (const level of this.book[1 - side]) {
      if (!this.reaches(side, limit, level.px)) break;
      for (const o of level.orders) {
        if (smp !== SMP_NONE && o.owner === owner) {
          if (smp === SMP_CANCEL_OLDEST) continue;
          return available < qty;
        }
        available += o.qty;
      }
    }
    return available < qty;
  }

  private match(id: number, owner: number, side: number, limit: number | null, shownPx: number, qty: number, smp: number, now: Nanos): number {
    const opposite = this.book[1 - side];
    let left = qty;
    while (left > 0 && opposite.length > 0 && this.reaches(side, limit, opposite[0].px)) {
      const maker = opposite[0].orders[0];
      if (smp !== SMP_NONE && maker.owner === owner) {
        if (smp === SMP_CANCEL_OLDEST || smp === SMP_CANCEL_BOTH) {
          this.remove(maker);
          this.sink.onCancelled(maker.id, maker.owner, maker.side, maker.px, maker.qty, CancelReason.SelfMatchMaker, 1, now);
        }
        if (smp === SMP_CANCEL_NEWEST || smp === SMP_CANCEL_BOTH) {
          this.sink.onCancelled(id, owner, side, shownPx, left, CancelReason.SelfMatchTaker, 0, now);
          return 0;
        }
        continue;
      }
      const traded = Math.min(left, maker.qty);
      maker.qty -= traded;
      left -= traded;
      this.fills += 1;
      this.volume += traded;
      if (maker.qty === 0) this.remove(maker);
      this.sink.onFill(
        maker.id, maker.owner, id, owner, side, maker.px, traded, maker.qty, left,
        this.fee(traded, this.cfg.makerFeeRate), this.fee(traded, this.cfg.takerFeeRate), this.fills, now,
      );
    }
    return left;
  }

  /** ceil(qty * rate / denominator) (see ./config.ts) by integer remainder arithmetic. */
  private fee(qty: number, rate: number): number {
    const n = qty * rate;
    const d = this.cfg.feeDenominator;
    const r = n % d; // same sign as n
    const q = (n - r) / d; // exact: truncated quotient
    return r > 0 ? q + 1 : q + 0;
  }

  private rest(o: RefOrder): void {
    const levels = this.book[o.side];
    let i = 0;
    while (i < levels.length && (o.side === BUY ? levels[i].px > o.px : levels[i].px < o.px)) i++;
    if (i < levels.length && levels[i].px === o.px) levels[i].orders.push(o);
    else levels.splice(i, 0, { px: o.px, orders: [o] });
    this.byId.set(o.id, o);
    if (o.tif === Tif.Gtd) this.gtd.add(o);
  }

  private remove(o: RefOrder): void {
    const levels = this.book[o.side];
    const i = levels.findIndex((l) => l.px === o.px);
    const level = levels[i];
    level.orders.splice(level.orders.indexOf(o), 1);
    if (level.orders.length === 0) levels.splice(i, 1);
    this.byId.delete(o.id);
    this.gtd.delete(o);
  }

  // ---- queries ----

  orderCount(): number { return this.byId.size; }
  tradingState(): number { return this.state; }
  fillCount(): number { return this.fills; }
  fillVolume(): number { return this.volume; }
  bestBid(): Px { return this.book[0].length > 0 ? this.book[0][0].px : NaN; }
  bestAsk(): Px { return this.book[1].length > 0 ? this.book[1][0].px : NaN; }
  orderQty(id: number): Qty { return this.byId.get(id)?.qty ?? 0; }
  orderPrice(id: number): Px { return this.byId.get(id)?.px ?? NaN; }
  orderSide(id: number): number { return this.byId.get(id)?.side ?? -1; }

  queuePosition(id: number): number {
    const o = this.byId.get(id);
    if (o === undefined) return -1;
    return this.book[o.side].find((l) => l.px === o.px)!.orders.indexOf(o);
  }

  /** The levels of a side, best first (cold path). */
  levels(side: number): { px: Px; qty: Qty; count: number }[] {
    return this.book[side].map((l) => ({ px: l.px, qty: l.orders.reduce((s, o) => s + o.qty, 0), count: l.orders.length }));
  }

  /** Ids of the live orders (for generators that pick an order to cancel or replace). */
  liveIds(): number[] {
    return [...this.byId.keys()];
  }

  forEachOrder(visit: (id: number, owner: number, side: number, px: Px, qty: Qty, tif: number) => void): void {
    for (const levels of this.book) for (const level of levels) for (const o of level.orders) visit(o.id, o.owner, o.side, o.px, o.qty, o.tif);
  }

  stateHash(): string {
    const h = new StateHasher();
    h.int(this.state);
    h.int(this.fills);
    h.int(this.volume);
    h.int(this.byId.size);
    for (const levels of this.book) {
      h.int(levels.length);
      for (const level of levels) {
        h.int(level.px);
        h.int(level.orders.reduce((sum, o) => sum + o.qty, 0));
        h.int(level.orders.length);
        for (const o of level.orders) {
          h.int(o.id);
          h.int(o.qty);
          h.int(o.owner);
          h.int(o.tif);
          h.int(o.flags);
          h.int(o.expire);
        }
      }
    }
    return h.digest();
  }
}
