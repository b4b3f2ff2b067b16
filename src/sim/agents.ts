// The seeded agent-based synthetic market: a Venue, latent fair values (./fair-value.ts) and a population of
// agents (./traders.ts) per instrument, driven in discrete event steps.
//
// Contract: createSyntheticMarket(opts) returns { venue, agents, fair, clock, step(untilNs), ... }.
// step(untilNs) runs every event due at or before untilNs in time order: fair-value updates every
// `fairStepNs`, agent wakes at Poisson arrival times (exponential gaps with each agent's mean), scheduled
// halts and resumes. Ties go to the fair-value update, then halts, then the lowest agent index. The clock
// (a SimClock) is set to each event's time before it runs; the live runner creates the market with
// startNs = liveClock.now() (else the first step replays every event since 09:30) and calls
// step(liveClock.now()) repeatedly, a backtest or test calls it with simulated times. stepCommands(n) runs whole events until
// at least n more venue commands were handled.
// Determinism: one Rng seeded from opts.seed drives the fair values and every agent, and events run in a
// total order, so the same seed and options give the same command sequence, hence the same ITCH bytes.
// Time: ns since the session epoch (midnight for ITCH), session opening at opts.startNs (09:30 default).
// Defaults (US equities, priceScale 10_000, $0.01 tick at and above $1): AAPL ~$190, MSFT ~$420, SPY
// ~$560, and the cointegrated pair AssetA ~$50 (volatile: ~6% a day) / AssetB = 1.6 AssetA + $5 + OU
// spread (half-life ~7 s, stationary sd ~$0.07). Tuned so that an Engle-Granger test on 600 one-second
// book mids (the pairs-full example) finds the pair cointegrated at 5% in every window (21 of 21 windows
// over 30 min for each of 4 seeds tried; with half AssetA's volatility the book's tick noise hid it in
// up to 2/3 of the windows for some seeds); on 1 ms bars over a 500-bar window
// (the seed's example as written) half a second of mids moves too little for any test to see the pair;
// raise AssetA's volatility and kappa through `instruments` for such short horizons.

import { SimClock } from '../clock/clock.js';
import { Rng } from '../core/rng.js';
import type { Nanos } from '../core/units.js';
import { TradingState } from '../matching/types.js';
import { FairValues, type FairValueSpec } from './fair-value.js';
import type { Agent, AgentContext, MarketMakerParams, NoiseTraderParams, SignalTraderParams } from './traders.js';
import { MarketMaker, MeanReverter, MomentumTrader, NoiseTrader } from './traders.js';
import { NoopVenueListener, Venue } from './venue.js';

export interface SyntheticInstrument {
  symbol: string;
  /** Start price in dollars (ignored for a follower, whose start is derived). */
  startPrice: number;
  /** Relative volatility per sqrt-second. */
  volPerSqrtSec?: number;
  /** Cointegrated follower of `leader` (a symbol listed earlier): beta * leader + alpha ($) + OU spread. */
  follows?: { leader: string; beta: number; alpha: number; kappa: number; spreadVol: number };
  /** Agents on this instrument (defaults below). */
  marketMakers?: number;
  noiseTraders?: number;
  momentumTraders?: number;
  meanReverters?: number;
  /** Collar in basis points (default 1000). */
  bandBps?: number;
}

export interface SyntheticMarketOptions {
  seed?: number;
  instruments?: SyntheticInstrument[];
  /** Session open, ns since midnight (default 09:30). */
  startNs?: Nanos;
  /** Fair-value update period (default 10 ms). */
  fairStepNs?: Nanos;
  /** Scheduled halts: trading in `symbol` is halted from fromNs to toNs. */
  halts?: { symbol: string; fromNs: Nanos; toNs: Nanos }[];
  /** Scales every agent's wake rate (default 1). */
  activity?: number;
  marketMaker?: Partial<MarketMakerParams>;
  noise?: Partial<NoiseTraderParams>;
  signal?: Partial<SignalTraderParams>;
  engine?: 'fast' | 'reference';
}

export const PRICE_SCALE = 10_000;
const MS = 1_000_000;

export function defaultInstruments(): SyntheticInstrument[] {
  return [
    { symbol: 'AAPL', startPrice: 190, volPerSqrtSec: 1.0e-4 },
    { symbol: 'MSFT', startPrice: 420, volPerSqrtSec: 0.9e-4 },
    { symbol: 'SPY', startPrice: 560, volPerSqrtSec: 0.6e-4 },
    { symbol: 'AssetA', startPrice: 50, volPerSqrtSec: 4e-4 },
    { symbol: 'AssetB', startPrice: 0, follows: { leader: 'AssetA', beta: 1.6, alpha: 5, kappa: 0.1, spreadVol: 0.03 } },
  ];
}

export interface SyntheticMarket {
  readonly venue: Venue;
  readonly agents: readonly Agent[];
  readonly fair: FairValues;
  readonly clock: SimClock;
  /** Publishes the session start (called by the first step if not called before). */
  open(): void;
  /** Runs every event due at or before untilNs; returns the number of events run. */
  step(untilNs: Nanos): number;
  /** Runs whole events until at least `commands` more venue commands were handled; returns the time reached. */
  stepCommands(commands: number): Nanos;
  /** Ends the session at `now` (DAY orders expire). */
  close(now: Nanos): void;
}

/** Routes fills to the agents' positions (owner = agent index). */
class PositionKeeper extends NoopVenueListener {
  constructor(private readonly agents: Agent[]) {
    super();
  }
  override onFill(_i: number, _mi: number, makerOwner: number, _ti: number, takerOwner: number, takerSide: number, _px: number, qty: number): void {
    const sgn = takerSide === 0 ? 1 : -1;
    const m = this.agents[makerOwner];
    const t = this.agents[takerOwner];
    if (m !== undefined) m.position -= sgn * qty;
    if (t !== undefined) t.position += sgn * qty;
  }
}

export function createSyntheticMarket(opts: SyntheticMarketOptions = {}): SyntheticMarket {
  const rng = new Rng(opts.seed ?? 1);
  const specs = opts.instruments ?? defaultInstruments();
  const index = new Map(specs.map((s, i) => [s.symbol, i]));
  const fvSpecs: FairValueSpec[] = specs.map((s) => {
    const vol = s.volPerSqrtSec ?? 1e-4;
    if (s.follows === undefined) return { start: s.startPrice * PRICE_SCALE, volPerSqrtSec: vol };
    const leader = index.get(s.follows.leader);
    if (leader === undefined) throw new Error(`synthetic market: ${s.symbol} follows unknown ${s.follows.leader}`);
    return {
      start: 0, volPerSqrtSec: vol,
      follows: { leader, beta: s.follows.beta, alpha: s.follows.alpha * PRICE_SCALE, kappa: s.follows.kappa, spreadVol: s.follows.spreadVol * PRICE_SCALE },
    };
  });
  const fair = new FairValues(fvSpecs, rng);
  const venue = new Venue({
    engine: opts.engine,
    instruments: specs.map((s, i) => ({
      symbol: s.symbol,
      referencePx: Math.max(100, Math.round(fair.value[i] / 100) * 100),
      bandBps: s.bandBps ?? 1000,
    })),
  });
  const activity = opts.activity ?? 1;
  const mm: MarketMakerParams = {
    meanWakeNs: 40 * MS, levels: 3, halfSpreadTicks: 1, levelGapTicks: 1, minSize: 100, maxSize: 800,
    skewUnit: 2000, maxInventory: 20_000, postOnly: true, replaceProb: 0.25,
    ...opts.marketMaker,
  };
  const noise: NoiseTraderParams = {
    meanWakeNs: 25 * MS, marketProb: 0.08, iocProb: 0.12, cancelProb: 0.35, gtdProb: 0.1, minSize: 100, maxSize: 500,
    meanDepthTicks: 4, maxResting: 40, ...opts.noise,
  };
  const sig: SignalTraderParams = {
    meanWakeNs: 200 * MS, fastAlpha: 0.3, slowAlpha: 0.03, thresholdTicks: 2, minSize: 100, maxSize: 300, maxPosition: 3000,
    ...opts.signal,
  };
  const agents: Agent[] = [];
  specs.forEach((s, inst) => {
    const scaled = <T extends { meanWakeNs: number }>(p: T): T => ({ ...p, meanWakeNs: Math.max(1, Math.round(p.meanWakeNs / activity)) });
    for (let k = 0; k < (s.marketMakers ?? 3); k++) {
      // The first maker of each instrument is not post-only: its replaces may cross and trade (ITCH U after E).
      agents.push(new MarketMaker(inst, agents.length, scaled({ ...mm, postOnly: k > 0 && mm.postOnly, halfSpreadTicks: mm.halfSpreadTicks + k })));
    }
    for (let k = 0; k < (s.noiseTraders ?? 2); k++) agents.push(new NoiseTrader(inst, agents.length, scaled(noise)));
    for (let k = 0; k < (s.momentumTraders ?? 1); k++) agents.push(new MomentumTrader(inst, agents.length, scaled(sig)));
    for (let k = 0; k < (s.meanReverters ?? 1); k++) agents.push(new MeanReverter(inst, agents.length, scaled(sig)));
  });
  venue.addListener(new PositionKeeper(agents));

  const startNs = opts.startNs ?? 34_200 * 1e9;
  const clock = new SimClock(startNs);
  const fairStep = opts.fairStepNs ?? 10 * MS;
  let nextFair = startNs + fairStep;
  let lastFair = startNs;
  const halts = (opts.halts ?? []).flatMap((h) => {
    const inst = venue.indexOf(h.symbol);
    if (inst < 0) throw new Error(`synthetic market: halt of unknown symbol ${h.symbol}`);
    return [{ t: h.fromNs, inst, state: TradingState.Halted as number }, { t: h.toNs, inst, state: TradingState.Open as number }];
  }).sort((a, b) => a.t - b.t);
  let haltIdx = 0;
  let idSeq = 0;
  const ctx: AgentContext = { venue, rng, fair: fair.value, nextId: () => ++idSeq };
  const expGap = (mean: number): number => 1 + Math.floor(-Math.log(1 - rng.next()) * mean);
  const wake = new Float64Array(agents.length);
  for (let i = 0; i < agents.length; i++) wake[i] = startNs + expGap(agents[i].meanWakeNs);
  let opened = false;

  const open = (): void => {
    if (opened) return;
    opened = true;
    venue.startSession(clock.now());
  };

  /** Runs the next event if it is due at or before `until`; false when none is. */
  const runOne = (until: Nanos): boolean => {
    let a = -1;
    let t = nextFair;
    const ht = haltIdx < halts.length ? halts[haltIdx].t : Infinity;
    for (let i = 0; i < wake.length; i++) if (wake[i] < t && wake[i] < ht) { t = wake[i]; a = i; }
    if (a < 0 && ht < t) t = ht;
    if (t > until) return false;
    clock.set(t);
    const now = clock.now();
    if (a >= 0) {
      agents[a].act(ctx, now);
      wake[a] = t + expGap(agents[a].meanWakeNs);
    } else if (t === nextFair) {
      fair.advance(t - lastFair);
      lastFair = t;
      nextFair = t + fairStep;
    } else {
      const h = halts[haltIdx++];
      venue.setTradingState(h.inst, h.state, now);
    }
    return true;
  };

  return {
    venue, agents, fair, clock, open,
    step(untilNs: Nanos): number {
      open();
      let n = 0;
      while (runOne(untilNs)) n++;
      return n;
    },
    stepCommands(commands: number): Nanos {
      open();
      const target = venue.commands + commands;
      while (venue.commands < target) runOne(Infinity);
      return clock.now();
    },
    close(now: Nanos): void {
      open();
      clock.set(now);
      venue.endSession(clock.now());
    },
  };
}
