// Venue: the simulated exchange's core. It owns one matching engine per instrument (src/matching), routes
// commands by instrument index, applies the venue-side controls the engine does not know (a price collar
// around a reference price), and fans every engine event out to its listeners (the ITCH publisher, the
// synthetic agents, later a FIX gateway), tagged with the instrument index.
//
// Contract:
// - Instruments are numbered 0..n-1 in configuration order (the ITCH publisher uses locate = index + 1).
// - Commands return 0 or a reject code (src/core/rejects.ts); every outcome also reaches the listeners,
//   including venue rejects (onRejected / onCancelRejected), and every command ends with onCommandEnd,
//   so a listener can act on "the command is complete" (the publisher resolves a pending replace there).
//   An unknown instrument is rejected with MatchUnknownInstrument and reported with instrument -1.
// - Order ids are the caller's, unique among the live orders of ONE instrument (as the engine requires);
//   owners are accounts in [0, 2^31) (self-match prevention works per owner).
// - Price collar (Nasdaq-style limit-up/limit-down band, simplified): a limit order or a replace whose
//   price lies more than `bandBps` basis points away from the instrument's reference price is rejected
//   with MatchPriceOutsideBand before it reaches the engine. The reference price starts at `referencePx`
//   and follows the last trade. Market orders are not collared (they are bounded by the book).
//   bandBps = 0 disables the collar.
// - Tick bands, lot size, maximum order size, maximum price and fees are the engine's (EngineConfig).
// - Time is an argument (`now`, integer ns since the session epoch, midnight for ITCH); nothing here reads
//   a clock. Single-threaded; a listener must not call back into the venue while it is being notified,
//   except from onCommandEnd (the command is complete by then).
// Units: prices integer price units (priceScale 10_000 per dollar for US equities), quantities shares.
// Hot path: routing and fan-out allocate nothing (listener methods receive numbers only).

import type { Nanos, Px, Qty } from '../core/units.js';
import { Reject } from '../core/rejects.js';
import type { EngineConfig } from '../matching/config.js';
import { usEquityConfig } from '../matching/config.js';
import { MatchingEngine } from '../matching/engine.js';
import { RefMatchingEngine } from '../matching/reference.js';
import type { MatchingEngineApi, MatchSink } from '../matching/types.js';
import { CancelRejectKind, OrdType, TradingState } from '../matching/types.js';

/** Session-level events (ITCH System Event codes in brackets). */
export const SessionEvent = {
  /** Start of messages, start of system hours, start of market hours (O, S, Q). */
  Open: 1,
  /** End of market hours (M); DAY orders expire right after it. */
  MarketClose: 2,
  /** End of system hours, end of messages (E, C). */
  End: 3,
} as const;

export interface VenueInstrumentConfig {
  symbol: string;
  /** Reference price for the collar, in price units (e.g. the previous close). */
  referencePx: Px;
  /** Collar half-width in basis points of the reference price (default 1000 = 10%; 0 = no collar). */
  bandBps?: number;
  /** Engine configuration overrides over usEquityConfig() (tick bands, lot, maxQty, maxPx, fees). */
  engine?: Partial<EngineConfig>;
  /** Round lot announced in the ITCH stock directory (default 100). */
  roundLot?: number;
  /** Price units per currency unit (default 10_000). */
  priceScale?: number;
}

export interface VenueOptions {
  instruments: VenueInstrumentConfig[];
  /** 'fast' (MatchingEngine, default) or 'reference' (RefMatchingEngine). */
  engine?: 'fast' | 'reference';
}

/** Receives every venue event; each method gets the instrument index first. All arguments are numbers. */
export interface VenueListener {
  onSessionEvent(event: number, ts: Nanos): void;
  onAccepted(inst: number, id: number, owner: number, side: number, ordType: number, tif: number, px: Px, qty: Qty, ts: Nanos): void;
  onRejected(inst: number, id: number, owner: number, code: number, ts: Nanos): void;
  onFill(
    inst: number, makerId: number, makerOwner: number, takerId: number, takerOwner: number, takerSide: number,
    px: Px, qty: Qty, makerLeaves: Qty, takerLeaves: Qty, makerFee: number, takerFee: number, matchId: number, ts: Nanos,
  ): void;
  onRested(inst: number, id: number, owner: number, side: number, px: Px, qty: Qty, ts: Nanos): void;
  onCancelled(inst: number, id: number, owner: number, side: number, px: Px, qty: Qty, reason: number, resting: number, ts: Nanos): void;
  onCancelRejected(inst: number, id: number, kind: number, code: number, ts: Nanos): void;
  onReplaced(inst: number, id: number, owner: number, side: number, oldPx: Px, oldQty: Qty, newPx: Px, newQty: Qty, kept: number, ts: Nanos): void;
  onExpired(inst: number, id: number, owner: number, side: number, px: Px, qty: Qty, reason: number, ts: Nanos): void;
  onTradingState(inst: number, state: number, ts: Nanos): void;
  /** The command (or session step) that touched `inst` is complete (inst -1: none / unknown). */
  onCommandEnd(inst: number, ts: Nanos): void;
}

/** A listener that ignores everything: extend it and override what you need. */
export class NoopVenueListener implements VenueListener {
  onSessionEvent(_event: number, _ts: Nanos): void {}
  onAccepted(_i: number, _id: number, _o: number, _s: number, _t: number, _f: number, _px: Px, _q: Qty, _ts: Nanos): void {}
  onRejected(_i: number, _id: number, _o: number, _c: number, _ts: Nanos): void {}
  onFill(
    _i: number, _mi: number, _mo: number, _ti: number, _to: number, _ts1: number, _px: Px, _q: Qty, _ml: Qty, _tl: Qty,
    _mf: number, _tf: number, _m: number, _ts: Nanos,
  ): void {}
  onRested(_i: number, _id: number, _o: number, _s: number, _px: Px, _q: Qty, _ts: Nanos): void {}
  onCancelled(_i: number, _id: number, _o: number, _s: number, _px: Px, _q: Qty, _r: number, _rs: number, _ts: Nanos): void {}
  onCancelRejected(_i: number, _id: number, _k: number, _c: number, _ts: Nanos): void {}
  onReplaced(_i: number, _id: number, _o: number, _s: number, _op: Px, _oq: Qty, _np: Px, _nq: Qty, _k: number, _ts: Nanos): void {}
  onExpired(_i: number, _id: number, _o: number, _s: number, _px: Px, _q: Qty, _r: number, _ts: Nanos): void {}
  onTradingState(_i: number, _s: number, _ts: Nanos): void {}
  onCommandEnd(_i: number, _ts: Nanos): void {}
}

/** The per-instrument engine sink: tags events with the instrument and fans them out (no allocation). */
class Fanout implements MatchSink {
  constructor(
    private readonly inst: number,
    private readonly venue: Venue,
    private readonly ls: VenueListener[],
  ) {}

  onAccepted(id: number, owner: number, side: number, ordType: number, tif: number, px: Px, qty: Qty, ts: Nanos): void {
    const ls = this.ls;
    for (let i = 0; i < ls.length; i++) ls[i].onAccepted(this.inst, id, owner, side, ordType, tif, px, qty, ts);
  }
  onRejected(id: number, owner: number, code: number, ts: Nanos): void {
    const ls = this.ls;
    for (let i = 0; i < ls.length; i++) ls[i].onRejected(this.inst, id, owner, code, ts);
  }
  onFill(
    makerId: number, makerOwner: number, takerId: number, takerOwner: number, takerSide: number, px: Px, qty: Qty,
    makerLeaves: Qty, takerLeaves: Qty, makerFee: number, takerFee: number, matchId: number, ts: Nanos,
  ): void {
    this.venue.lastTradePx[this.inst] = px;
    const ls = this.ls;
    for (let i = 0; i < ls.length; i++) {
      ls[i].onFill(this.inst, makerId, makerOwner, takerId, takerOwner, takerSide, px, qty, makerLeaves, takerLeaves, makerFee, takerFee, matchId, ts);
    }
  }
  onRested(id: number, owner: number, side: number, px: Px, qty: Qty, ts: Nanos): void {
    const ls = this.ls;
    for (let i = 0; i < ls.length; i++) ls[i].onRested(this.inst, id, owner, side, px, qty, ts);
  }
  onCancelled(id: number, owner: number, side: number, px: Px, qty: Qty, reason: number, resting: number, ts: Nanos): void {
    const ls = this.ls;
    for (let i = 0; i < ls.length; i++) ls[i].onCancelled(this.inst, id, owner, side, px, qty, reason, resting, ts);
  }
  onCancelRejected(id: number, kind: number, code: number, ts: Nanos): void {
    const ls = this.ls;
    for (let i = 0; i < ls.length; i++) ls[i].onCancelRejected(this.inst, id, kind, code, ts);
  }
  onReplaced(id: number, owner: number, side: number, oldPx: Px, oldQty: Qty, newPx: Px, newQty: Qty, kept: number, ts: Nanos): void {
    const ls = this.ls;
    for (let i = 0; i < ls.length; i++) ls[i].onReplaced(this.inst, id, owner, side, oldPx, oldQty, newPx, newQty, kept, ts);
  }
  onExpired(id: number, owner: number, side: number, px: Px, qty: Qty, reason: number, ts: Nanos): void {
    const ls = this.ls;
    for (let i = 0; i < ls.length; i++) ls[i].onExpired(this.inst, id, owner, side, px, qty, reason, ts);
  }
  onTradingState(state: number, ts: Nanos): void {
    const ls = this.ls;
    for (let i = 0; i < ls.length; i++) ls[i].onTradingState(this.inst, state, ts);
  }
}

export interface VenueInstrument {
  readonly index: number;
  readonly symbol: string;
  readonly roundLot: number;
  readonly priceScale: number;
  readonly referencePx: Px;
  readonly bandBps: number;
  readonly config: EngineConfig;
}

export class Venue {
  readonly instruments: readonly VenueInstrument[];
  /** Last trade price per instrument (NaN before the first trade): the collar's moving reference. */
  readonly lastTradePx: Float64Array;
  /** Commands handled (new orders, cancels, replaces, trading-state changes), venue rejects included. */
  commands = 0;
  private readonly engines: MatchingEngineApi[] = [];
  private readonly listeners: VenueListener[] = [];
  private readonly bySymbol = new Map<string, number>();
  private readonly refPx: Float64Array;
  private readonly bandBps: Float64Array;

  constructor(opts: VenueOptions) {
    if (opts.instruments.length === 0) throw new Error('venue: no instruments');
    if (opts.instruments.length > 65534) throw new Error('venue: at most 65534 instruments (ITCH stock locate is u16)');
    const list: VenueInstrument[] = [];
    const n = opts.instruments.length;
    this.lastTradePx = new Float64Array(n).fill(NaN);
    this.refPx = new Float64Array(n);
    this.bandBps = new Float64Array(n);
    opts.instruments.forEach((c, index) => {
      if (this.bySymbol.has(c.symbol)) throw new Error(`venue: duplicate symbol ${c.symbol}`);
      if (!/^[A-Za-z0-9. ]{1,8}$/.test(c.symbol)) throw new Error(`venue: symbol '${c.symbol}' must be 1-8 ASCII characters (ITCH alpha 8)`);
      if (!Number.isSafeInteger(c.referencePx) || c.referencePx <= 0) throw new Error(`venue: ${c.symbol} referencePx must be a positive integer`);
      const bandBps = c.bandBps ?? 1000;
      if (!Number.isSafeInteger(bandBps) || bandBps < 0) throw new Error(`venue: ${c.symbol} bandBps must be a non-negative integer`);
      const config = usEquityConfig(c.engine ?? {});
      const inst: VenueInstrument = {
        index, symbol: c.symbol, roundLot: c.roundLot ?? 100, priceScale: c.priceScale ?? 10_000,
        referencePx: c.referencePx, bandBps, config,
      };
      const sink = new Fanout(index, this, this.listeners);
      this.engines.push(opts.engine === 'reference' ? new RefMatchingEngine(config, sink) : new MatchingEngine(config, sink));
      this.bySymbol.set(c.symbol, index);
      this.refPx[index] = c.referencePx;
      this.bandBps[index] = bandBps;
      list.push(inst);
    });
    this.instruments = list;
  }

  addListener(l: VenueListener): void {
    this.listeners.push(l);
  }

  /** Instrument index of a symbol, or -1. */
  indexOf(symbol: string): number {
    return this.bySymbol.get(symbol) ?? -1;
  }

  /** The engine of an instrument (read side: queries, forEachOrder, stateHash). Do not send commands to it directly. */
  engine(inst: number): MatchingEngineApi {
    const e = this.engines[inst];
    if (e === undefined) throw new Error(`venue: no instrument ${inst}`);
    return e;
  }

  /** The collar's reference price now: the last trade, else the configured reference. */
  referencePrice(inst: number): Px {
    const t = this.lastTradePx[inst];
    return t === t ? t : this.refPx[inst];
  }

  /** Starts the session: listeners publish the start-of-day events (ITCH S O/S/Q, R, H). */
  startSession(now: Nanos): void {
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) ls[i].onSessionEvent(SessionEvent.Open, now);
    this.commandEnd(-1, now);
  }

  /** Ends the session: market close, every DAY order expires (per instrument), end of system hours. */
  endSession(now: Nanos): void {
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) ls[i].onSessionEvent(SessionEvent.MarketClose, now);
    for (let k = 0; k < this.engines.length; k++) {
      this.engines[k].endSession(now);
      this.commandEnd(k, now);
    }
    for (let i = 0; i < ls.length; i++) ls[i].onSessionEvent(SessionEvent.End, now);
    this.commandEnd(-1, now);
  }

  newOrder(
    inst: number, id: number, owner: number, side: number, ordType: number, tif: number,
    px: Px, qty: Qty, flags: number, expireNs: Nanos, now: Nanos,
  ): number {
    this.commands++;
    const e = this.engines[inst];
    if (e === undefined) return this.rejectNew(-1, id, owner, Reject.MatchUnknownInstrument, now);
    if (ordType === OrdType.Limit && !this.inBand(inst, px)) return this.rejectNew(inst, id, owner, Reject.MatchPriceOutsideBand, now);
    const code = e.newOrder(id, owner, side, ordType, tif, px, qty, flags, expireNs, now);
    this.commandEnd(inst, now);
    return code;
  }

  cancel(inst: number, id: number, now: Nanos): number {
    this.commands++;
    const e = this.engines[inst];
    if (e === undefined) return this.rejectCancel(-1, id, CancelRejectKind.Cancel, Reject.MatchUnknownInstrument, now);
    const code = e.cancel(id, now);
    this.commandEnd(inst, now);
    return code;
  }

  /** New price and new open quantity (see MatchingEngineApi.replace). */
  replace(inst: number, id: number, px: Px, qty: Qty, now: Nanos): number {
    this.commands++;
    const e = this.engines[inst];
    if (e === undefined) return this.rejectCancel(-1, id, CancelRejectKind.Replace, Reject.MatchUnknownInstrument, now);
    if (!this.inBand(inst, px)) return this.rejectCancel(inst, id, CancelRejectKind.Replace, Reject.MatchPriceOutsideBand, now);
    const code = e.replace(id, px, qty, now);
    this.commandEnd(inst, now);
    return code;
  }

  /** Halts (TradingState.Halted), freezes or resumes (Open) one instrument. */
  setTradingState(inst: number, state: number, now: Nanos): number {
    this.commands++;
    const e = this.engines[inst];
    if (e === undefined) return Reject.MatchUnknownInstrument;
    const code = e.setTradingState(state, now);
    this.commandEnd(inst, now);
    return code;
  }

  halt(inst: number, now: Nanos): number {
    return this.setTradingState(inst, TradingState.Halted, now);
  }

  resume(inst: number, now: Nanos): number {
    return this.setTradingState(inst, TradingState.Open, now);
  }

  /** Expires due GTD orders of every instrument (the engines also do it at each command). */
  advanceTime(now: Nanos): void {
    for (let k = 0; k < this.engines.length; k++) {
      this.engines[k].advanceTime(now);
      this.commandEnd(k, now);
    }
  }

  private inBand(inst: number, px: Px): boolean {
    const band = this.bandBps[inst];
    if (band === 0) return true;
    const ref = this.referencePrice(inst);
    const d = px > ref ? px - ref : ref - px;
    // Integer math: d * 10_000 <= band * ref (both sides well below 2^53 for prices < 2^30).
    return d * 10_000 <= band * ref;
  }

  private rejectNew(inst: number, id: number, owner: number, code: number, now: Nanos): number {
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) ls[i].onRejected(inst, id, owner, code, now);
    this.commandEnd(inst, now);
    return code;
  }

  private rejectCancel(inst: number, id: number, kind: number, code: number, now: Nanos): number {
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) ls[i].onCancelRejected(inst, id, kind, code, now);
    this.commandEnd(inst, now);
    return code;
  }

  private commandEnd(inst: number, now: Nanos): void {
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) ls[i].onCommandEnd(inst, now);
  }
}
