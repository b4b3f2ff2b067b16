// The backtester's public types: what runBacktest (./run.ts) takes and returns. Units: times are integer ns
// since the session epoch (midnight of the data's day), money in currency units (dollars for US equities:
// engine money units / priceScale), quantities in lots, prices in currency units in the output files.

import type { StrategySpec } from '../config/strategy.js';
import type { RiskLimits } from '../risk/index.js';
import type { Strategy } from '../strategy/types.js';
import type { VenuePort } from '../venue/types.js';
import type { DataSource } from './load.js';
import type { BacktestVenueOptions as VenueModelOptions } from './venue/index.js';
import type { BacktestMetrics } from './metrics.js';
import type { RecordedSession } from './recording.js';

/** A strategy the backtest runs: a validated spec, a YAML file path, or a strategy object with its limits. */
export type BacktestStrategy = StrategySpec | string | Strategy | { strategy: Strategy; limits: RiskLimits };

/**
 * The backtest venue: by default src/backtest/venue's BacktestVenuePort built with these options (its
 * latency, queue, fee and impact models; zero latency and exact FIFO queues unless set). `kind: 'shadow'`
 * uses the shadow fill model instead (src/venue/shadow.ts: no latency, pessimistic queue). `recordedLatency`
 * replays a recording's own latencies (data format `recording`): each order's recorded round trip on the
 * order link, and reports delivered at the recorded kernel's next event time (./recording.ts). A ready port (`port`) or a
 * factory may be given instead.
 */
export interface BacktestVenueOptions extends VenueModelOptions {
  kind?: 'backtest' | 'shadow';
  recordedLatency?: boolean;
  /**
   * With no feed latency (the default) and no recording, the kernel is built on the venue's own book, so
   * each message is decoded and booked once (default true). false keeps two books, the venue's fed
   * first: the reference path the shared one is tested against (same orders and fills).
   */
  sharedBook?: boolean;
  port?: VenuePort;
  factory?: (ctx: VenueFactoryContext) => VenuePort;
}

export interface VenueFactoryContext {
  recording: RecordedSession | null;
  symbols: readonly string[];
}

export interface BacktestOptions {
  strategy: BacktestStrategy | BacktestStrategy[];
  data: DataSource[];
  /** Start / end of trading: ns since midnight, or "HH:MM[:SS[.fff]]", or a duration since midnight ("34200s"). Events before `from` only build the books. */
  from?: number | string;
  to?: number | string;
  venue?: BacktestVenueOptions;
  /** Write report.json, run.json, trades/orders/fills (.csv, .parquet) and report.html here. */
  outDir?: string;
  /** Overrides of spec params by their StrategySpec names (e.g. { entryZ: 1.5, lookbackNs: 2e8 }). */
  params?: Record<string, number>;
  progress?: (fraction: number) => void;
  /** Interim hook, for pruning optimiser trials: called at `steps` fixed fractions of the events (step
   *  1..steps, fraction step/steps; the last after the data's end, when `equity` equals metrics.pnl) with
   *  the net PnL so far in currency units (equity samples' unit). Return true to stop the backtest there
   *  (the result then covers the data up to that point and has `stopped: true`). Absent: no effect. */
  onStep?: (step: number, fraction: number, equity: number) => boolean | void;
  /** Number of onStep steps (default 20). */
  steps?: number;
  /** Equity / position sampling interval, ns (default 1 s): the Sharpe / Sortino interval. */
  sampleNs?: number;
  /** Compute src/signal features (default: for strategy objects and the model template; the other YAML templates do not read them). */
  features?: boolean;
  /** Skip parquet (faster; CSV and the rest are still written). */
  parquet?: boolean;
  /** Skip report.html. */
  html?: boolean;
}

export interface OrderRow {
  clOrdId: number;
  /** The clOrdId the order was first sent under (replaces give new ids). */
  rootClOrdId: number;
  strategy: number;
  instrument: string;
  side: 'buy' | 'sell';
  qty: number;
  px: number;
  kind: 'submit' | 'replace' | 'cancel';
  sentNs: number;
  ackNs: number | null;
  status: string;
  filledQty: number;
}

export interface FillRow {
  ns: number;
  clOrdId: number;
  strategy: number;
  instrument: string;
  side: 'buy' | 'sell';
  qty: number;
  px: number;
  fee: number;
}

export interface TradeRow {
  strategy: number;
  instrument: string;
  side: 'long' | 'short';
  entryNs: number;
  exitNs: number;
  qty: number;
  entryPx: number;
  exitPx: number;
  pnl: number;
  fees: number;
  fills: number;
}

export interface EquitySample {
  ns: number;
  equity: number;
  /** Position per traded instrument (summed over strategies), lots. */
  position: number[];
  /** Mid per traded instrument, currency units (NaN when one side is empty). */
  mid: number[];
}

export interface BacktestResult {
  metrics: BacktestMetrics;
  /** Set when onStep stopped the run before the end of the data. */
  stopped?: boolean;
  /** Round-trip trades (flat -> flat, or a flip). */
  trades: number;
  /** Kernel events handled: feed messages after `from`, venue reports, timer firings. */
  events: number;
  feedMessages: number;
  /** Commands the strategies issued (submit, cancel, replace), and how many risk refused. */
  commands: number;
  riskRejects: number;
  orders: OrderRow[];
  fills: FillRow[];
  tradeList: TradeRow[];
  equity: EquitySample[];
  instruments: string[];
  strategies: { name: string; pnl: number; fees: number; position: Record<string, number> }[];
  stateHash: string;
  /** The kernel ran on the venue's own book (no feed latency: one decode and one book per message). */
  sharedBook: boolean;
  /** Simulated span, ns. */
  startNs: number;
  endNs: number;
  /** Wall time of the kernel loop (not in report.json). */
  wallMs: number;
  /** CPU time of the same loop (process.cpuUsage, user + system): what other processes on the machine do not inflate. Run metadata. */
  cpuMs: number;
}
