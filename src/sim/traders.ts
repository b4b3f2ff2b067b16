// The synthetic market's agents. Each agent trades ONE instrument under its own owner (account) id, wakes
// at Poisson arrival times chosen by the scheduler (./agents.ts), looks at the latent fair value
// (./fair-value.ts) and the venue's book, and sends orders through the Venue like any participant.
// What each models:
// - MarketMaker (liquidity provider): quotes `levels` price levels per side around the fair value, half
//   spread plus an inventory skew (long -> quotes shift down to sell, short -> up), stops quoting a side
//   beyond its inventory limit; on each wake it moves quotes whose target price changed, either by
//   cancel/replace (ITCH U, probability replaceProb) or by cancel and a new order (D, A: the commoner way on
//   Nasdaq, where adds and deletes dominate the message mix), sometimes trims a quote's size in place
//   (ITCH X), and re-posts filled quotes (A).
// - NoiseTrader: uninformed flow. Market orders and IOC limits at the touch (takers), and passive DAY/GTD
//   limit orders placed a geometric number of ticks behind the touch, cancelled at random later (depth,
//   cancels, expiries).
// - MomentumTrader: trend follower; fast and slow EMAs of the mid; buys (IOC at the ask) when the fast
//   EMA is above the slow one by a threshold, sells in the opposite case, within a position limit.
// - MeanReverter: fades deviations of the mid from its slow EMA (IOC at the touch), within a position limit.
// Units: prices integer price units (rounded to the tick of the price's band before sending), sizes
// shares, time integer ns. Determinism: randomness only from the shared seeded Rng, in wake order.
// Agents never read a clock: `now` is an argument.

import type { Rng } from '../core/rng.js';
import type { Nanos, Px } from '../core/units.js';
import { BUY, SELL, Flags, OrdType, Tif } from '../matching/types.js';
import type { Venue } from './venue.js';

/** What an agent may use when it acts. */
export interface AgentContext {
  readonly venue: Venue;
  readonly rng: Rng;
  /** Latent fair value per instrument (float price units). */
  readonly fair: Float64Array;
  /** A fresh order id (unique across the whole market). */
  nextId(): number;
}

export interface Agent {
  readonly kind: string;
  readonly inst: number;
  readonly owner: number;
  /** Mean time between wakes, ns (Poisson arrivals). */
  readonly meanWakeNs: number;
  /** Signed position in shares (fills as maker and taker). */
  position: number;
  act(ctx: AgentContext, now: Nanos): void;
}

/** Tick of the band `px` falls in. */
export function tickAt(venue: Venue, inst: number, px: number): number {
  const bands = venue.instruments[inst].config.tickBands;
  let t = bands[0].tick;
  for (let i = 1; i < bands.length && px >= bands[i].minPx; i++) t = bands[i].tick;
  return t;
}

/** Largest on-tick price <= px (>= one tick). */
export function floorTick(venue: Venue, inst: number, px: number): Px {
  const t = tickAt(venue, inst, px);
  return Math.max(t, Math.floor(px / t) * t);
}

/** Smallest on-tick price >= px. */
export function ceilTick(venue: Venue, inst: number, px: number): Px {
  const t = tickAt(venue, inst, px);
  return Math.max(t, Math.ceil(px / t) * t);
}

/** Uniform random size in [min, max] rounded to multiples of `step` (>= step). */
function size(rng: Rng, min: number, max: number, step: number): number {
  return Math.max(step, Math.round(rng.range(min, max) / step) * step);
}

export interface MarketMakerParams {
  meanWakeNs: number;
  levels: number;
  halfSpreadTicks: number;
  levelGapTicks: number;
  minSize: number;
  maxSize: number;
  /** Ticks of skew per `skewUnit` shares of inventory. */
  skewUnit: number;
  maxInventory: number;
  postOnly: boolean;
  /** When a quote must move: probability of a cancel/replace (ITCH U), else cancel + new order (D, A). */
  replaceProb: number;
}

export class MarketMaker implements Agent {
  readonly kind = 'market-maker';
  position = 0;
  readonly meanWakeNs: number;
  private readonly ids: Float64Array;

  constructor(readonly inst: number, readonly owner: number, private readonly p: MarketMakerParams) {
    this.meanWakeNs = p.meanWakeNs;
    this.ids = new Float64Array(2 * p.levels);
  }

  act(ctx: AgentContext, now: Nanos): void {
    const { venue, rng } = ctx;
    const p = this.p;
    const e = venue.engine(this.inst);
    const fair = ctx.fair[this.inst];
    const tick = tickAt(venue, this.inst, fair);
    const skew = Math.max(-5, Math.min(5, this.position / p.skewUnit)) * tick;
    const flags = p.postOnly ? Flags.PostOnly : 0;
    for (let side = 0; side < 2; side++) {
      const capped = side === BUY ? this.position >= p.maxInventory : this.position <= -p.maxInventory;
      for (let l = 0; l < p.levels; l++) {
        const k = side * p.levels + l;
        const id = this.ids[k];
        const live = id > 0 && e.orderQty(id) > 0;
        if (capped) {
          if (live) venue.cancel(this.inst, id, now);
          this.ids[k] = 0;
          continue;
        }
        const off = (p.halfSpreadTicks + l * p.levelGapTicks) * tick;
        const target = side === BUY ? floorTick(venue, this.inst, fair - off - skew) : ceilTick(venue, this.inst, fair + off - skew);
        if (!live) {
          const nid = ctx.nextId();
          this.ids[k] = nid;
          venue.newOrder(this.inst, nid, this.owner, side, OrdType.Limit, Tif.Day, target, size(rng, p.minSize, p.maxSize, 100), flags, 0, now);
        } else if (e.orderPrice(id) !== target) {
          if (rng.chance(p.replaceProb)) {
            venue.replace(this.inst, id, target, size(rng, p.minSize, p.maxSize, 100), now);
          } else {
            venue.cancel(this.inst, id, now);
            const nid = ctx.nextId();
            this.ids[k] = nid;
            venue.newOrder(this.inst, nid, this.owner, side, OrdType.Limit, Tif.Day, target, size(rng, p.minSize, p.maxSize, 100), flags, 0, now);
          }
        } else if (rng.chance(0.05)) {
          const q = e.orderQty(id);
          if (q > 100) venue.replace(this.inst, id, target, q - 100 * rng.range(1, Math.floor(q / 100) - 1 || 1), now);
        }
      }
    }
  }
}

export interface NoiseTraderParams {
  meanWakeNs: number;
  marketProb: number;
  iocProb: number;
  /** Probability a wake cancels one of the trader's resting orders (else it places a passive order). */
  cancelProb: number;
  gtdProb: number;
  minSize: number;
  maxSize: number;
  /** Mean distance behind the touch for passive orders, ticks. */
  meanDepthTicks: number;
  maxResting: number;
}

export class NoiseTrader implements Agent {
  readonly kind = 'noise';
  position = 0;
  readonly meanWakeNs: number;
  private readonly resting: Float64Array;
  private n = 0;

  constructor(readonly inst: number, readonly owner: number, private readonly p: NoiseTraderParams) {
    this.meanWakeNs = p.meanWakeNs;
    this.resting = new Float64Array(p.maxResting);
  }

  act(ctx: AgentContext, now: Nanos): void {
    const { venue, rng } = ctx;
    const p = this.p;
    const e = venue.engine(this.inst);
    const side = rng.int(2);
    const qty = rng.chance(0.2) ? rng.range(1, 99) : size(rng, p.minSize, p.maxSize, 100); // odd lots too
    const r = rng.next();
    if (r < p.marketProb) {
      venue.newOrder(this.inst, ctx.nextId(), this.owner, side, OrdType.Market, Tif.Ioc, 0, qty, 0, 0, now);
      return;
    }
    const fair = ctx.fair[this.inst];
    const tick = tickAt(venue, this.inst, fair);
    if (r < p.marketProb + p.iocProb) {
      const touch = side === BUY ? e.bestAsk() : e.bestBid();
      const ref = touch === touch ? touch : fair;
      const px = side === BUY ? ceilTick(venue, this.inst, ref + rng.int(3) * tick) : floorTick(venue, this.inst, ref - rng.int(3) * tick);
      venue.newOrder(this.inst, ctx.nextId(), this.owner, side, OrdType.Limit, Tif.Ioc, px, qty, 0, 0, now);
      return;
    }
    // Forget orders that are gone (filled, expired) and maybe cancel one.
    for (let i = this.n - 1; i >= 0; i--) {
      if (e.orderQty(this.resting[i]) === 0) this.resting[i] = this.resting[--this.n];
    }
    if (this.n > 0 && (this.n === p.maxResting || rng.chance(p.cancelProb))) {
      const i = rng.int(this.n);
      venue.cancel(this.inst, this.resting[i], now);
      this.resting[i] = this.resting[--this.n];
      return;
    }
    const depth = 1 + Math.floor(-Math.log(1 - rng.next()) * p.meanDepthTicks);
    const touch = side === BUY ? e.bestBid() : e.bestAsk();
    const ref = touch === touch ? touch : fair;
    const px = side === BUY ? floorTick(venue, this.inst, ref - depth * tick) : ceilTick(venue, this.inst, ref + depth * tick);
    const gtd = rng.chance(p.gtdProb);
    const id = ctx.nextId();
    const tif = gtd ? Tif.Gtd : Tif.Day;
    const expire = gtd ? now + 1e9 * rng.range(1, 30) : 0;
    if (venue.newOrder(this.inst, id, this.owner, side, OrdType.Limit, tif, px, qty, 0, expire, now) === 0 && e.orderQty(id) > 0) {
      this.resting[this.n++] = id;
    }
  }
}

export interface SignalTraderParams {
  meanWakeNs: number;
  /** EMA weights per wake (0..1): fast and slow. */
  fastAlpha: number;
  slowAlpha: number;
  /** Threshold in ticks (momentum: fast - slow; mean reversion: mid - slow). */
  thresholdTicks: number;
  minSize: number;
  maxSize: number;
  maxPosition: number;
}

/** Shared EMA bookkeeping of the two signal traders. */
abstract class SignalTrader implements Agent {
  abstract readonly kind: string;
  position = 0;
  readonly meanWakeNs: number;
  protected fast = NaN;
  protected slow = NaN;

  constructor(readonly inst: number, readonly owner: number, protected readonly p: SignalTraderParams) {
    this.meanWakeNs = p.meanWakeNs;
  }

  /** +1 buy, -1 sell, 0 nothing, given the updated EMAs, the mid and the tick. */
  protected abstract signal(mid: number, tick: number): number;

  act(ctx: AgentContext, now: Nanos): void {
    const { venue, rng } = ctx;
    const e = venue.engine(this.inst);
    const bid = e.bestBid();
    const ask = e.bestAsk();
    if (!(bid === bid && ask === ask)) return;
    const mid = (bid + ask) / 2;
    const p = this.p;
    if (this.fast !== this.fast) this.fast = this.slow = mid;
    this.fast += p.fastAlpha * (mid - this.fast);
    this.slow += p.slowAlpha * (mid - this.slow);
    const s = this.signal(mid, tickAt(venue, this.inst, mid));
    if (s === 0) return;
    if (s > 0 ? this.position >= p.maxPosition : this.position <= -p.maxPosition) return;
    const side = s > 0 ? BUY : SELL;
    const px = side === BUY ? ask : bid;
    venue.newOrder(this.inst, ctx.nextId(), this.owner, side, OrdType.Limit, Tif.Ioc, px, size(rng, p.minSize, p.maxSize, 100), 0, 0, now);
  }
}

export class MomentumTrader extends SignalTrader {
  readonly kind = 'momentum';
  protected signal(_mid: number, tick: number): number {
    const d = (this.fast - this.slow) / tick;
    return d > this.p.thresholdTicks ? 1 : d < -this.p.thresholdTicks ? -1 : 0;
  }
}

export class MeanReverter extends SignalTrader {
  readonly kind = 'mean-reversion';
  protected signal(mid: number, tick: number): number {
    const d = (mid - this.slow) / tick;
    return d > this.p.thresholdTicks ? -1 : d < -this.p.thresholdTicks ? 1 : 0;
  }
}
