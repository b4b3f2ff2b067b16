// buildKernel: the ONE place the trading system is wired (design principle 9). Read it top to bottom:
//
//   feed (ITCH bytes: a MoldUDP64 receiver, a file replay, the simulator's tap)
//     -> 1 books (ItchBookHandler -> L3Books)
//     -> 2 signals (FeatureEngine per traded instrument)
//     -> 3 strategies (templates from YAML specs, or TypeScript modules)
//     -> 4 risk (pre-trade checks, limits per strategy and account, kill switch, PnL)
//     -> 5 OMS (order lifecycle table, positions)
//     -> 6 venue port (simulator, FIX session, or shadow fills)
//   and back: 7 venue -> inbound ring -> OMS -> risk/PnL -> strategy
//   around it: 8 clock and timers, 9 journal (inputs and commands, before they take effect).
//
// Backtest, shadow and live differ only in `ports` (the clock and the venue port) and in what pushes
// market data into kernel.feedItch. Cold path: runs once.

import type { Clock } from '../clock/clock.js';
import { L3Books } from '../book/l3.js';
import { InstrumentRegistry, usEquity, type InstrumentSpec } from '../core/instruments.js';
import { ItchBookHandler } from '../feed/itch/book-handler.js';
import type { Journal } from '../journal/journal.js';
import { Oms } from '../oms/oms.js';
import { RiskEngine, noLimits, type RiskLimits } from '../risk/index.js';
import { FeatureEngine } from '../signal/features.js';
import type { Strategy } from '../strategy/types.js';
import type { VenuePort } from '../venue/types.js';
import { StrategyHost } from './host.js';
import { Kernel } from './kernel.js';
import { InboundRing } from './ring.js';
import { K_START } from './records.js';
import { TimerQueue } from './timers.js';

export interface KernelStrategy {
  strategy: Strategy;
  /** Pre-trade limits in engine units (limitsFromPreset(spec.risk, { priceScale }) for a YAML spec). */
  limits: RiskLimits;
}

export interface KernelConfig {
  /** Traded instruments; kernel ids are their positions here (default spec: US equity, priceScale 10_000). */
  instruments: (string | InstrumentSpec)[];
  strategies: KernelStrategy[];
  /** The account's limits (one account; default: every check off, the strategies' limits bind). */
  account?: RiskLimits;
  /** Inbound ring slots to start with (default 4,096; the ring doubles when a burst needs more). */
  ringCapacity?: number;
  /** Timer slots (default 4,096). */
  timerCapacity?: number;
  /**
   * src/signal features per traded instrument: true (default) computes an instrument's features from the
   * first time a strategy asks for them (ctx.features(inst): ask in init() to have them from the first
   * event), so strategies that never read features do not pay for them; 'always' computes them for every
   * traded instrument from the start; false: none (ctx.features returns null).
   */
  features?: boolean | 'always';
  /** OMS order slots (default 65,536). */
  maxOrders?: number;
  /** Initial resting-order capacity of the L3 books (default 65,536; grows by doubling). */
  bookOrders?: number;
  /** Risk audit ring records (default 65,536: drained every poll; smaller builds faster, e.g. for replays). */
  auditCapacity?: number;
  /**
   * Where an event's time comes from: 'poll' (default, live): the clock, read once per poll(); 'source'
   * (backtests): the timestamp the edge pushed with the event (feedItch's ts, a report's ts).
   */
  eventTime?: 'poll' | 'source';
}

export interface KernelPorts {
  clock: Clock;
  venue: VenuePort;
  /** Every input and command is appended here before it takes effect (null: no journal). */
  journal?: Journal | null;
  /** The books to build on (default: new L3Books); a backtest venue with no feed latency lends its own. */
  books?: L3Books;
}

export function buildKernel(cfg: KernelConfig, ports: KernelPorts): Kernel {
  // 0. Instruments: the kernel's ids are the registry's, in configuration order. Symbols a feed announces
  //    later get higher ids: the books carry them, nothing trades them.
  const registry = new InstrumentRegistry();
  for (const x of cfg.instruments) registry.register(typeof x === 'string' ? usEquity(x) : x);
  const nInstruments = registry.size;
  if (nInstruments === 0) throw new Error('kernel: no instruments');

  // 1. Books: ITCH messages -> order-by-order books of every instrument.
  const books = ports.books ?? new L3Books({ initialOrders: cfg.bookOrders ?? 1 << 16 });
  const itch = new ItchBookHandler(books, registry);

  // 2. Signals: one feature vector per traded instrument, updated after each of its book events once a
  //    strategy reads it (or always).
  const features = registry.all().map((inst) => (cfg.features === false ? null : new FeatureEngine({
    instrument: inst.id, levels: 3, returnWindowsNs: [100_000_000, 1_000_000_000], ofiWindowNs: 1_000_000_000,
    tradeWindowNs: 1_000_000_000, volWindowNs: 1_000_000_000,
  })));

  // 3. Strategies: each subscribes to the market data of its symbols (strategy id = position in the list).
  const strategies = cfg.strategies.map((s) => s.strategy);
  const subscribers: number[][] = registry.all().map(() => []);
  strategies.forEach((s, id) => {
    for (const sym of s.symbols) {
      const inst = registry.find(sym);
      if (inst === undefined) throw new Error(`kernel: strategy ${s.name} trades ${sym}, which is not among the kernel's instruments`);
      subscribers[inst.id].push(id);
    }
  });

  // 4. Risk: limits per strategy (scope = strategy id) and for the one account; the kill switch's cancels
  //    go through the kernel (set once the kernel exists, below).
  let kernelRef: Kernel | null = null;
  const risk = new RiskEngine({
    strategies: cfg.strategies.map((s) => s.limits),
    accounts: [cfg.account ?? noLimits()],
    instruments: registry.all().map(() => ({ notionalMultiplier: 1 })),
    onKill: (kind, id) => kernelRef?.onKill(kind, id),
    auditCapacity: cfg.auditCapacity,
  });

  // 5. OMS: the order lifecycle table, fills and positions.
  const oms = new Oms({ maxOrders: cfg.maxOrders ?? 65_536 });

  // 6. Venue port: where accepted commands go (attached to the return path in step 7).
  const port = ports.venue;

  // 7. Return path: the port reports into the inbound ring; poll() hands each report to the OMS, then
  //    risk/PnL, then the strategy (Kernel.onExec). Market data enters the same ring (Kernel.feedItch).
  const ring = new InboundRing(cfg.ringCapacity ?? 4096);

  // 8. Clock and timers: `now` for every event, timers fired by poll() when the clock reaches them.
  const timers = new TimerQueue(cfg.timerCapacity ?? 4096);

  // 9. Journal: inputs and commands appended before they take effect (./records.ts).
  const kernel = new Kernel({
    clock: ports.clock, registry, nInstruments, books, itch, features, strategies, subscribers, risk, oms, port,
    ring, timers, journal: ports.journal ?? null, eventTime: cfg.eventTime ?? 'poll', featuresAlways: cfg.features === 'always',
  });
  kernelRef = kernel;
  port.attach(kernel.sink);
  port.useBook?.(books);

  // Strategies start last, once every part they can reach exists, inside the START event: the journal's
  // first kernel record says when the kernel started (a replay builds its twin at this time) and holds
  // any command an init issued.
  kernel.startEvent(K_START, ports.clock.now(), () => strategies.forEach((s, id) => s.init(new StrategyHost(kernel, id))));
  return kernel;
}
