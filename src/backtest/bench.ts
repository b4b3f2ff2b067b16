// benchBacktest: events/s of a full-L3 backtest (every ITCH message of a synthetic day through the kernel's
// L3 book, a market maker requoting every second, the backtest venue's FIFO queues; with no feed latency
// the kernel runs on the venue's book, ./loop.ts), and where the time per event goes. The optimiser's 1 vs 2 worker speed-up is src/optimize's
// benchOptimizeSpeedup (the CLI's `hftbot bench backtest` adds it: src/cli/commands/backtest.ts).
//
// Measured, each as the best of `rounds` passes over the same in-memory data (generation and loading are
// not timed; they are the file system's and the generator's speed, not the backtester's):
//   itchNsPerEvent     the ITCH handler into L3 books alone (the floor: what any L3 replay costs)
//   kernelNsPerEvent   kernel.feedEvent alone (books, risk reference price, port hook, strategy dispatch)
//   shadowNsPerEvent   the whole backtest loop with the shadow port (no venue book)
//   venueNsPerEvent    the whole backtest loop with BacktestVenuePort (the shared book: its queue
//                      accounting inside the kernel's book updates; latency, reports)
//   twoBookNsPerEvent  the same with `sharedBook: false` (the venue decodes and books every message again)
//   eventsPerSecond    kernel events (market data + reports + timer firings) / loop time, venue run
//   messagesPerSecond  market-data messages / loop time, venue run
//   venueCpuNsPerEvent the venue run's loop CPU time per event (process.cpuUsage around the same loop as
//                      venueNsPerEvent): the figure that other processes on the machine inflate least
// Cold wiring; the timed loops allocate nothing per event beyond the two boxed times ./loop.ts notes.

import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { L3Books } from '../book/l3.js';
import { monoNs } from '../clock/live.js';
import { parseSpec, RISK_PRESETS, type StrategySpec } from '../config/index.js';
import { InstrumentRegistry } from '../core/instruments.js';
import { ItchBookHandler } from '../feed/itch/book-handler.js';
import { writeSyntheticItchFile } from '../feed/synthetic/itch-sink.js';
import { buildKernel } from '../kernel/build.js';
import { limitsFromPreset } from '../risk/index.js';
import type { Strategy } from '../strategy/types.js';
import { NullVenuePort } from '../venue/null.js';
import type { FeedLog } from './feed-log.js';
import { loadData } from './load.js';
import { LoopClock } from './loop.js';
import { runOnFeed } from './run.js';

export interface BacktestBenchOptions {
  /** Messages in the synthetic day (default 2,000,000). */
  messages?: number;
  symbols?: number;
  seed?: number;
  rounds?: number;
}

export interface BacktestBenchResult {
  messages: number;
  events: number;
  orders: number;
  fills: number;
  eventsPerSecond: number;
  /** Market-data messages per second of the same run (events also count venue reports and timer firings). */
  messagesPerSecond: number;
  shadowEventsPerSecond: number;
  itchNsPerEvent: number;
  kernelNsPerEvent: number;
  shadowNsPerEvent: number;
  venueNsPerEvent: number;
  twoBookNsPerEvent: number;
  /** Loop CPU time (process.cpuUsage, user + system) per event of the venue run: the figure a busy machine inflates least. */
  venueCpuNsPerEvent: number;
  cpuEventsPerSecond: number;
}

const MM = 'Strategy: Market Making\nAsset: AAPL\nQuoteQty: 100\nMaxInventory: 400\nKappa: 100\nRefreshInterval: 1s\nRiskTolerance: Medium\n';

function spec(): StrategySpec {
  const r = parseSpec(MM, 'bench-mm.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.spec as StrategySpec;
}

/** A strategy that subscribes and does nothing (the kernel's own cost per event). */
function idle(symbol: string): Strategy {
  return { name: 'idle', symbols: [symbol], init() {}, onBook() {}, onTrade() {}, onTimer() {}, onOrderEvent() {}, hash() {} };
}

function timeItch(feed: FeedLog): number {
  const h = new ItchBookHandler(new L3Books(), new InstrumentRegistry());
  const t0 = monoNs();
  for (let i = 0; i < feed.n; i++) h.onMessage(feed.bytes, feed.off[i], feed.len[i]);
  return (monoNs() - t0) / feed.n;
}

function timeKernel(feed: FeedLog): number {
  const clock = new LoopClock(feed.n > 0 ? feed.ts[0] : 0);
  const k = buildKernel(
    { instruments: ['AAPL'], strategies: [{ strategy: idle('AAPL'), limits: limitsFromPreset(RISK_PRESETS.low, { priceScale: 10_000 }) }], features: false },
    { clock, venue: new NullVenuePort() },
  );
  const t0 = monoNs();
  for (let i = 0; i < feed.n; i++) {
    clock.set(feed.ts[i]);
    k.feedEvent(feed.bytes, feed.off[i], feed.len[i], feed.ts[i]);
  }
  return (monoNs() - t0) / feed.n;
}

export async function benchBacktest(opts: BacktestBenchOptions = {}): Promise<BacktestBenchResult> {
  const messages = opts.messages ?? 2_000_000;
  const rounds = Math.max(1, opts.rounds ?? 2);
  const dir = mkdtempSync(join(tmpdir(), 'hftbot-bench-backtest-'));
  try {
    const path = join(dir, 'day.itch');
    writeSyntheticItchFile(path, { messages, symbols: opts.symbols ?? 2, seed: opts.seed ?? 1 });
    const { feed } = await loadData([{ path, format: 'itch' }]);
    let itch = Infinity;
    let kernel = Infinity;
    let shadow = Infinity;
    let venue = Infinity;
    let venueCpu = Infinity;
    let twoBook = Infinity;
    let events = 0;
    let shadowEvents = 0;
    let orders = 0;
    let fills = 0;
    for (let r = 0; r < rounds; r++) {
      itch = Math.min(itch, timeItch(feed));
      kernel = Math.min(kernel, timeKernel(feed));
      const s = await runOnFeed({ strategy: spec(), data: [], venue: { kind: 'shadow' } }, feed, null);
      shadow = Math.min(shadow, (s.wallMs * 1e6) / s.events);
      shadowEvents = s.events;
      const v = await runOnFeed({ strategy: spec(), data: [] }, feed, null);
      venue = Math.min(venue, (v.wallMs * 1e6) / v.events);
      venueCpu = Math.min(venueCpu, (v.cpuMs * 1e6) / v.events);
      events = v.events;
      orders = v.orders.length;
      fills = v.fills.length;
      const t = await runOnFeed({ strategy: spec(), data: [], venue: { sharedBook: false } }, feed, null);
      twoBook = Math.min(twoBook, (t.wallMs * 1e6) / t.events);
    }
    const round = (x: number): number => Math.round(x * 10) / 10;
    return {
      messages: feed.n,
      events,
      orders,
      fills,
      eventsPerSecond: Math.round(1e9 / venue),
      messagesPerSecond: Math.round((1e9 / venue) * (feed.n / Math.max(1, events))),
      shadowEventsPerSecond: Math.round((1e9 / shadow) * (shadowEvents > 0 ? 1 : 0)),
      itchNsPerEvent: round(itch),
      kernelNsPerEvent: round(kernel),
      shadowNsPerEvent: round(shadow),
      venueNsPerEvent: round(venue),
      twoBookNsPerEvent: round(twoBook),
      venueCpuNsPerEvent: round(venueCpu),
      cpuEventsPerSecond: Math.round(1e9 / venueCpu),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
