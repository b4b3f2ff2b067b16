// runBacktest: a strategy on recorded market data, through the SAME kernel that trades live (buildKernel),
// with a simulated clock (./loop.ts LoopClock) driven by the data's event times and a backtest venue port.
// The stable entry point the CLI (`hftbot backtest`), the optimiser (src/optimize) and the model
// strategy's research call.
//
// Steps: load and merge the data (./load.ts), resolve the strategies (YAML path, spec with `params`
// overrides, or strategy objects), build the kernel with a CapturePort around the venue port (orders and
// fills for the outputs, ./capture.ts), run the event loop (./loop.ts; the backtest venue with latency
// and queues is driven by it, ports without time such as the shadow port just answer), then derive trades
// (./trades.ts), metrics (./metrics.ts) and, with outDir, the output files (./output.ts).
// Equity / position / mid are sampled at the first event at or after each `sampleNs` boundary.
// Determinism: nothing here reads the system time except the loop's wall time, which goes to run.json only.

import { monoNs } from '../clock/live.js';
import { loadSpec, parseDuration, RISK_PRESETS, type StrategySpec } from '../config/index.js';
import { buildKernel, type KernelStrategy } from '../kernel/build.js';
import { limitsFromPreset } from '../risk/index.js';
import { assertStrategy, limitsFromSpec, strategyFromSpec } from '../strategy/factory.js';
import type { Strategy } from '../strategy/types.js';
import { ShadowVenuePort } from '../venue/shadow.js';
import type { VenuePort } from '../venue/types.js';
import { CapturePort } from './capture.js';
import { LoopClock, runLoop, type LoopContext } from './loop.js';
import { BacktestVenuePort, recordedLatency } from './venue/index.js';
import { loadData, type DataSource } from './load.js';
import { computeMetrics } from './metrics.js';
import { NextEventLatency, type RecordedSession } from './recording.js';
import { roundTrips } from './trades.js';
import type { BacktestOptions, BacktestResult, BacktestStrategy, BacktestVenueOptions, EquitySample } from './types.js';
import { writeOutputs } from './output.js';

export type { BacktestOptions, BacktestResult } from './types.js';

const PRICE_SCALE = 10_000; // the kernel's instruments are US equities (usEquity): 1/10000 dollars

/** "HH:MM[:SS[.fffffffff]]" (time of day), a duration since midnight ("34200s"), or integer ns -> ns since midnight. */
export function parseTimeOfDay(v: number | string): number {
  if (typeof v === 'number') return v;
  const s = v.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/.exec(s);
  if (m !== null) {
    const frac = m[4] === undefined ? 0 : Number(m[4].padEnd(9, '0'));
    return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1e9 + frac;
  }
  const d = parseDuration(s);
  if (!d.ok) throw new Error(`time "${v}": expected HH:MM[:SS[.f]], a duration like 34200s, or ns (${d.error})`);
  return d.value;
}

function isStrategy(x: unknown): x is Strategy {
  return typeof x === 'object' && x !== null && typeof (x as Strategy).onBook === 'function';
}

/** Applies params overrides by StrategySpec param name; unknown names are an error (a typo must not pass silently). */
export function withParams(spec: StrategySpec, params: Record<string, number> | undefined): StrategySpec {
  if (params === undefined || Object.keys(params).length === 0) return spec;
  const p = { ...(spec.params as unknown as Record<string, unknown>) };
  for (const [k, v] of Object.entries(params)) {
    if (!(k in p) || typeof p[k] !== 'number') {
      const names = Object.keys(p).filter((n) => typeof p[n] === 'number');
      throw new Error(`strategy ${spec.name}: no numeric parameter ${k} (${names.join(', ')})`);
    }
    p[k] = v;
  }
  return { ...spec, params: p } as unknown as StrategySpec;
}

export function loadStrategySpec(path: string): StrategySpec {
  const r = loadSpec(path);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
  if (r.kind !== 'strategy') throw new Error(`${path}: a ${r.kind} file, not a strategy`);
  return r.spec as StrategySpec;
}

/** The kernel entry for one BacktestStrategy (specs with params applied). */
export function resolveStrategy(s: BacktestStrategy, params?: Record<string, number>): KernelStrategy & { spec: StrategySpec | null } {
  if (typeof s === 'string') s = loadStrategySpec(s);
  const isObject = isStrategy(s) || ('strategy' in s && isStrategy((s as { strategy: unknown }).strategy));
  if (isObject && params !== undefined && Object.keys(params).length > 0) {
    throw new Error(`params (${Object.keys(params).join(', ')}) apply to strategy specs; a strategy object takes its options from its factory`);
  }
  if (isStrategy(s)) return { strategy: assertStrategy(s, 'backtest'), limits: limitsFromPreset(RISK_PRESETS.low, { priceScale: PRICE_SCALE }), spec: null };
  if ('strategy' in s && isStrategy((s as { strategy: unknown }).strategy)) {
    const k = s as KernelStrategy;
    return { strategy: k.strategy, limits: k.limits, spec: null };
  }
  const spec = withParams(s as StrategySpec, params);
  return { strategy: strategyFromSpec(spec), limits: limitsFromSpec(spec, PRICE_SCALE), spec };
}

function makePort(v: BacktestVenueOptions | undefined, recording: RecordedSession | null, symbols: string[]): VenuePort {
  if (v?.port !== undefined) return v.port;
  if (v?.factory !== undefined) return v.factory({ recording, symbols });
  if (v?.kind === 'shadow') return new ShadowVenuePort(null, 65_536);
  const o = { ...(v ?? {}) };
  if (v?.recordedLatency === true) {
    if (recording === null) throw new Error('venue.recordedLatency: the data holds no recording (format recording)');
    o.orderLatency = recordedLatency(recordedOrderLatencies(recording));
    o.reportLatency = new NextEventLatency(recording.eventTimes);
  }
  return new BacktestVenuePort(o);
}

/**
 * A recording's per-order latencies for the venue's order link: each command's clOrdId -> (first answer
 * time - send time). The whole round trip is put on the order link (the report link then adds nothing):
 * a recording sees only the round trip, and where it splits does not change when the strategy hears back.
 */
export function recordedOrderLatencies(r: RecordedSession): Map<number, number> {
  const m = new Map<number, number>();
  for (const c of r.commands) if (!Number.isNaN(c.ackNs)) m.set(c.clOrdId, c.ackNs - c.sentNs);
  return m;
}

export async function runBacktest(opts: BacktestOptions): Promise<BacktestResult> {
  const sources: DataSource[] = opts.data;
  const data = await loadData(sources);
  const r = await runOnFeed(opts, data.feed, data.recording);
  if (opts.outDir !== undefined) await writeOutputs(opts.outDir, r, opts, data.counts);
  return r;
}

/** The kernel loop on already loaded data (the benchmark and the optimiser reuse one load). */
export async function runOnFeed(opts: BacktestOptions, feed: import('./feed-log.js').FeedLog, recording: RecordedSession | null): Promise<BacktestResult> {
  const list = Array.isArray(opts.strategy) ? opts.strategy : [opts.strategy];
  const entries = list.map((s) => resolveStrategy(s, opts.params));
  const symbols = [...new Set(entries.flatMap((e) => e.strategy.symbols))];
  const n = feed.n;
  const T = feed.ts;
  const fromNs = opts.from === undefined ? (n > 0 ? T[0] : 0) : parseTimeOfDay(opts.from);
  const toNs = opts.to === undefined ? Infinity : parseTimeOfDay(opts.to);
  const sampleNs = opts.sampleNs ?? 1e9;

  let first = 0;
  while (first < n && T[first] < fromNs) first++;
  // a recording starts when the recorded kernel did (its strategies' first timers count from there)
  const startNs = opts.from !== undefined ? fromNs : recording !== null ? recording.startNs : n > 0 ? T[0] : 0;
  const clock = new LoopClock(startNs);
  const inner = makePort(opts.venue, recording, symbols);
  const port = new CapturePort(inner, symbols);
  // features cost ~tens of ns per message: only strategies that can read them get them (modules, models)
  const features = opts.features ?? entries.some((e) => e.spec === null || e.spec.template === 'model');
  // with no feed latency the strategy's book IS the venue's (the kernel is built on it): one decode, one book
  const venue = inner instanceof BacktestVenuePort ? inner : null;
  const shared = venue !== null && recording === null && feed.feedTs === null && opts.venue?.sharedBook !== false && venue.feedLatencyZero;
  const books = shared ? venue.book : undefined;
  // a small initial book (it doubles as needed): its id table then fits the CPU cache (see the venue's BOOK_ORDERS)
  const k = buildKernel({ instruments: symbols, strategies: entries, features, bookOrders: 1 << 12 }, { clock, venue: port, journal: null, books });
  port.kernel = k;

  // samples go into one growing Float64Array during the loop (no objects per sample on the hot path),
  // [ns, money, position x nInst, mid x nInst] each; EquitySample objects are built after the loop
  const nInst = symbols.length;
  const width = 2 + 2 * nInst;
  let samples = new Float64Array(width * 1024);
  let nSamples = 0;
  const sample = (ns: number): void => {
    if ((nSamples + 1) * width > samples.length) {
      const g = new Float64Array(samples.length * 2);
      g.set(samples);
      samples = g;
    }
    const o = nSamples++ * width;
    let e = 0;
    for (let s = 0; s < entries.length; s++) e += k.pnl(s);
    samples[o] = ns;
    samples[o + 1] = e;
    for (let x = 0; x < nInst; x++) {
      let p = 0;
      for (let s = 0; s < entries.length; s++) p += k.position(s, x);
      samples[o + 2 + x] = p;
      samples[o + 2 + nInst + x] = (k.books.bestBid(x) + k.books.bestAsk(x)) / 2;
    }
  };
  sample(startNs);

  // interim steps: net PnL so far (currency units, as the equity samples); the last step comes after the
  // loop's final catch-up, so it equals metrics.pnl
  const netPnl = (): number => {
    let e = 0;
    for (let s = 0; s < entries.length; s++) e += k.pnl(s);
    return e / PRICE_SCALE;
  };
  const userStep = opts.onStep;
  const steps = Math.max(1, Math.floor(opts.steps ?? 20));
  const onStep = userStep === undefined ? undefined : (step: number, fraction: number): boolean => userStep(step, fraction, netPnl()) === true;
  const ctx: LoopContext = { k, clock, feed, first, toNs, sampleNs, sample, progress: opts.progress, onStep, steps };
  const t0 = monoNs();
  const c0 = process.cpuUsage();
  const loop = runLoop(ctx, venue, shared);
  const cpu = process.cpuUsage(c0);
  if (userStep !== undefined && !loop.stopped) userStep(steps, 1, netPnl());
  const { feedMessages } = loop;
  const lastTs = loop.lastNs;
  const wallMs = (monoNs() - t0) / 1e6;
  const endNs = Math.max(lastTs, startNs);
  sample(endNs);
  const equity: EquitySample[] = [];
  for (let n = 0; n < nSamples; n++) {
    const o = n * width;
    const position: number[] = [];
    const mid: number[] = [];
    for (let x = 0; x < nInst; x++) {
      position.push(samples[o + 2 + x]);
      mid.push(samples[o + 2 + nInst + x] / PRICE_SCALE);
    }
    equity.push({ ns: samples[o], equity: samples[o + 1] / PRICE_SCALE, position, mid });
  }
  opts.progress?.(1);

  // results in currency units
  // results in currency units; trades are built in engine units (integer prices) first, so their PnL is
  // an exact integer before the one division
  const scalePx = (x: number): number => x / PRICE_SCALE;
  const orders = port.orders.map((o) => ({ ...o, px: scalePx(o.px) }));
  const fills = port.fills.map((f) => ({ ...f, px: scalePx(f.px), fee: scalePx(f.fee) }));
  const trades = roundTrips(port.fills).trades.map((t) => ({
    ...t, entryPx: scalePx(t.entryPx), exitPx: scalePx(t.exitPx), pnl: scalePx(t.pnl), fees: scalePx(t.fees),
  }));
  let fees = 0;
  for (let s = 0; s < entries.length; s++) fees += k.risk.positions.fees[s];
  fees /= PRICE_SCALE;
  const metrics = computeMetrics({ equity, fills: port.fills, fillPriceScale: PRICE_SCALE, trades, orders, fees, intervalNs: sampleNs, startNs, endNs });
  return {
    metrics,
    trades: trades.length,
    events: k.feedEvents + k.execEvents + k.timerFires,
    feedMessages,
    commands: k.commands,
    riskRejects: k.riskRejects,
    orders,
    fills,
    tradeList: trades,
    equity,
    instruments: symbols,
    strategies: entries.map((e, s) => ({
      name: e.strategy.name,
      pnl: k.pnl(s) / PRICE_SCALE,
      fees: k.risk.positions.fees[s] / PRICE_SCALE,
      position: Object.fromEntries(e.strategy.symbols.map((sym) => [sym, k.position(s, symbols.indexOf(sym))])),
    })),
    stateHash: k.stateHash(),
    sharedBook: shared,
    startNs,
    endNs,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1e3,
    ...(loop.stopped ? { stopped: true } : {}),
  };
}
