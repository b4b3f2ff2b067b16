// Seeded random command generator for the differential test and campaign (cold path: allocation is fine).
// It produces every kind of command the engines accept, valid and invalid: limit orders of every time in
// force, post-only, market orders, cancels, replaces (size down / up, price moves, crossing prices, bad
// values), self-match modes across four owners, halts / freezes / resumes, GTD expiries (by time passing,
// by explicit advanceTime), session ends, duplicate and reused ids, off-tick, off-lot, oversized and
// malformed values. Prices random-walk around a mid; profile 'straddle' keeps the mid around $1.00 so
// orders cross the sub-penny band boundary, profile 'dollar50' trades around $50.00 with 100-share lots.
// Time advances 1..2000 ns per command with occasional jumps. The same seed gives the same stream.

import { Rng } from '../core/rng.js';
import type { EngineConfig } from './config.js';
import { usEquityConfig } from './config.js';
import type { MatchingEngineApi } from './types.js';
import { Flags, OrdType, Tif, TradingState } from './types.js';

export const CmdKind = {
  New: 1,
  Cancel: 2,
  Replace: 3,
  SetState: 4,
  Advance: 5,
  EndSession: 6,
} as const;

/** One command; the generator fills a reused instance. Unused fields are 0. */
export interface MatchCommand {
  kind: number;
  id: number;
  owner: number;
  side: number;
  ordType: number;
  tif: number;
  px: number;
  qty: number;
  flags: number;
  expireNs: number;
  now: number;
}

export function newCommand(): MatchCommand {
  return { kind: 0, id: 0, owner: 0, side: 0, ordType: 0, tif: 0, px: 0, qty: 0, flags: 0, expireNs: 0, now: 0 };
}

export type GeneratorProfile = 'straddle' | 'dollar50';

/** The engine configuration a profile's commands are generated for. */
export function profileConfig(profile: GeneratorProfile): EngineConfig {
  return profile === 'straddle'
    ? usEquityConfig({ lotSize: 1, maxQty: 5_000, makerFeeRate: -13, takerFeeRate: 20, feeDenominator: 7 })
    : usEquityConfig({ lotSize: 100, maxQty: 20_000 });
}

/** Applies a command to an engine; returns its result code. */
export function applyCommand(e: MatchingEngineApi, c: MatchCommand): number {
  switch (c.kind) {
    case CmdKind.New: return e.newOrder(c.id, c.owner, c.side, c.ordType, c.tif, c.px, c.qty, c.flags, c.expireNs, c.now);
    case CmdKind.Cancel: return e.cancel(c.id, c.now);
    case CmdKind.Replace: return e.replace(c.id, c.px, c.qty, c.now);
    case CmdKind.SetState: return e.setTradingState(c.px, c.now);
    case CmdKind.Advance: e.advanceTime(c.now); return 0;
    case CmdKind.EndSession: return e.endSession(c.now);
    default: throw new Error(`unknown command kind ${c.kind}`);
  }
}

const BAD_NUMBERS = [0, -100, 1.5, NaN, Infinity, 2 ** 60];

export class CommandGenerator {
  private readonly rng: Rng;
  private readonly lot: number;
  private readonly maxQty: number;
  private readonly lowMid: number;
  private readonly highMid: number;
  private mid: number;
  private now = 1_000_000;
  private nextId = 1;
  private state: number = TradingState.Open;
  /** Issued ids that may still be live: cancels/replaces pick from it (see target()). */
  private readonly recent: number[] = [];

  constructor(seed: number, readonly profile: GeneratorProfile) {
    this.rng = new Rng(seed);
    const cfg = profileConfig(profile);
    this.lot = cfg.lotSize;
    this.maxQty = cfg.maxQty;
    this.mid = profile === 'straddle' ? 10_000 : 500_000;
    this.lowMid = profile === 'straddle' ? 9_000 : 480_000;
    this.highMid = profile === 'straddle' ? 11_000 : 520_000;
  }

  /** Fills `c` with the next command; `view` (either engine, before the command) tells which ids are live. */
  next(c: MatchCommand, view: MatchingEngineApi): void {
    const r = this.rng;
    c.kind = CmdKind.New; c.id = 0; c.owner = 0; c.side = 0; c.ordType = OrdType.Limit; c.tif = Tif.Day;
    c.px = 0; c.qty = 0; c.flags = 0; c.expireNs = 0;
    this.now += r.chance(0.003) ? r.range(50_000, 3_000_000) : r.range(1, 2_000);
    c.now = this.now;
    if (r.chance(0.1)) this.walkMid();
    if (this.state !== TradingState.Open && r.chance(0.15)) {
      c.kind = CmdKind.SetState;
      c.px = this.state = TradingState.Open;
      return;
    }
    const u = r.next();
    if (u < 0.55) this.newLimit(c);
    else if (u < 0.61) this.newMarket(c);
    else if (u < 0.73) this.cancel(c, view);
    else if (u < 0.9) this.replace(c, view);
    else if (u < 0.915) {
      c.kind = CmdKind.SetState;
      const v = r.next();
      c.px = this.state = v < 0.5 ? TradingState.Halted : v < 0.8 ? TradingState.Frozen : v < 0.97 ? TradingState.Open : 7;
      if (c.px === 7) this.state = view.tradingState();
    } else if (u < 0.925) {
      c.kind = CmdKind.Advance;
      c.now = this.now += r.range(10_000, 200_000);
    } else if (u < 0.9255) {
      c.kind = CmdKind.EndSession;
    } else this.newLimit(c);
  }

  private walkMid(): void {
    const step = this.mid >= 10_000 ? 100 : 7;
    this.mid += this.rng.chance(0.5) ? step : -step;
    if (this.mid < this.lowMid) this.mid = this.lowMid;
    if (this.mid > this.highMid) this.mid = this.highMid;
  }

  private tickAt(px: number): number {
    return px >= 10_000 ? 100 : 1;
  }

  /** A price on `side`, `dist` ticks away from the mid on the passive side (negative = through the mid). */
  private price(side: number, dist: number): number {
    const r = this.rng;
    const t = this.tickAt(this.mid);
    let px = side === 0 ? this.mid - dist * t : this.mid + dist * t;
    if (px < 1) px = 1;
    px -= px % this.tickAt(px);
    if (px < 1) px = this.tickAt(1);
    if (r.chance(0.01)) px += r.range(1, 99); // usually off-tick above $1.00, on tick below
    if (r.chance(0.003)) px = r.pick(BAD_NUMBERS);
    return px;
  }

  private quantity(): number {
    const r = this.rng;
    let q = this.lot * r.range(1, 12);
    if (r.chance(0.003)) q = this.maxQty;
    if (r.chance(0.005)) q = this.maxQty + this.lot * r.range(1, 3);
    if (this.lot > 1 && r.chance(0.01)) q += r.range(1, this.lot - 1); // off-lot
    if (r.chance(0.004)) q = r.pick(BAD_NUMBERS);
    return q;
  }

  private header(c: MatchCommand): void {
    const r = this.rng;
    c.kind = CmdKind.New;
    c.id = this.nextId++;
    if (r.chance(0.01) && this.recent.length > 0) c.id = r.pick(this.recent); // duplicate or reuse
    if (r.chance(0.002)) c.id = r.pick(BAD_NUMBERS);
    c.owner = r.range(1, 4);
    if (r.chance(0.002)) c.owner = -1;
    c.side = r.int(2);
    if (r.chance(0.002)) c.side = 2;
    const smp = r.chance(0.5) ? 0 : r.range(1, 3);
    c.flags = smp << 1;
    if (r.chance(0.002)) c.flags |= 16;
    if (Number.isSafeInteger(c.id) && c.id >= 0) this.remember(c.id);
  }

  private newLimit(c: MatchCommand): void {
    const r = this.rng;
    this.header(c);
    c.ordType = r.chance(0.003) ? 9 : OrdType.Limit;
    const v = r.next();
    c.tif = v < 0.3 ? Tif.Day : v < 0.55 ? Tif.Gtc : v < 0.75 ? Tif.Gtd : v < 0.9 ? Tif.Ioc : Tif.Fok;
    if (r.chance(0.002)) c.tif = 6;
    const aggressive = c.tif === Tif.Ioc || c.tif === Tif.Fok ? r.chance(0.8) : r.chance(0.1);
    c.px = this.price(c.side, aggressive ? r.range(-6, 1) : r.range(0, 30));
    c.qty = this.quantity();
    if (c.tif === Tif.Gtd) c.expireNs = r.chance(0.03) ? this.now - r.range(0, 1000) : this.now + r.range(1, 3_000_000);
    if (r.chance(c.tif <= Tif.Gtd ? 0.15 : 0.01)) c.flags |= Flags.PostOnly;
  }

  private newMarket(c: MatchCommand): void {
    const r = this.rng;
    this.header(c);
    c.ordType = OrdType.Market;
    const v = r.next();
    c.tif = v < 0.6 ? Tif.Ioc : v < 0.85 ? Tif.Fok : Tif.Day;
    c.qty = this.quantity();
    if (r.chance(0.01)) c.flags |= Flags.PostOnly;
  }

  private remember(id: number): void {
    this.recent.push(id);
  }

  /**
   * A live id with high probability: picks from the ids issued so far, dropping dead ones on the way
   * (swap-remove), so the candidate list stays close to the live set. 3% of the time an unknown id.
   */
  private target(view: MatchingEngineApi): number {
    const r = this.rng;
    const ids = this.recent;
    if (r.chance(0.03)) return r.chance(0.5) || ids.length === 0 ? this.nextId + 1_000_000 : r.pick(ids);
    for (let k = 0; k < 32 && ids.length > 0; k++) {
      const j = r.int(ids.length);
      const id = ids[j];
      if (view.orderQty(id) > 0) return id;
      ids[j] = ids[ids.length - 1];
      ids.pop();
    }
    return this.nextId + 2_000_000;
  }

  private cancel(c: MatchCommand, view: MatchingEngineApi): void {
    c.kind = CmdKind.Cancel;
    c.id = this.target(view);
  }

  private replace(c: MatchCommand, view: MatchingEngineApi): void {
    const r = this.rng;
    c.kind = CmdKind.Replace;
    c.id = this.target(view);
    const open = view.orderQty(c.id);
    const v = r.next();
    if (open > 0 && v < 0.35) {
      // Same price, size down (keeps priority) or unchanged; sometimes up (loses it).
      c.px = view.orderPrice(c.id);
      c.qty = r.chance(0.8) ? Math.max(this.lot, open - this.lot * r.range(0, 5)) : open + this.lot * r.range(1, 5);
    } else {
      // A new price on the order's side (possibly crossing the mid), or on a random side for unknown ids.
      const side = open > 0 ? view.orderSide(c.id) : r.int(2);
      c.px = this.price(side, r.chance(0.2) ? r.range(-4, 0) : r.range(0, 10));
      c.qty = this.quantity();
    }
  }
}
