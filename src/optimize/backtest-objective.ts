// The backtest as an objective: a factory (for worker threads, see objective.ts) that loads and merges the
// data ONCE and parses the strategy YAML once, then runs src/backtest's runOnFeed per trial with the
// trial's `params` overrides and window (walk-forward). The value is one BacktestMetrics field (default
// `sharpe`); a null metric (e.g. Sharpe of a flat equity curve: no trades) counts as 0, so such trials
// rank as "no edge" instead of failing. The trial's metrics (the scalar BacktestMetrics fields) are kept.
// Pruning: with a reporter, the backtest's onStep hook (src/backtest/types.ts) reports intermediate values
// at steps 1..steps-1 (fixed fractions of the events, `steps` default 20), and the backtest stops when the
// reporter says prune (the trial is then recorded as pruned, its value the partial run's metric). The
// intermediate value is the net PnL so far whatever the metric (for `pnl` it is the metric itself; a Sharpe
// over a partial curve is noisy and would need the samples, and PnL ranks partial runs well enough to prune
// on), reported as a running total: the pruner judges the latest value, not the best so far (pruner.ts).
// The last step (the end of the data, where PnL = metrics.pnl) is not reported: nothing is left to save
// there, and a prune answer would only turn a finished trial into a pruned one.

import { FeedLog } from '../backtest/feed-log.js';
import { loadData, type DataSource } from '../backtest/load.js';
import { loadStrategySpec, runOnFeed } from '../backtest/run.js';
import type { BacktestVenueOptions } from '../backtest/types.js';
import type { ObjectiveFn } from './objective.js';

export interface BacktestObjectiveArg {
  /** Strategy YAML path. */
  strategy: string;
  data: DataSource[];
  /** A numeric field of BacktestMetrics (pnl, sharpe, sortino, calmar, profitFactor, ...). */
  metric?: string;
  /** Plain (cloneable) venue model options. */
  venue?: Omit<BacktestVenueOptions, 'port' | 'factory'>;
  sampleNs?: number;
  /** Intermediate steps per trial (default 20); 0 = report none (no pruning). */
  steps?: number;
  /** Whole-run window (ns since the session epoch); a trial's context window narrows it. */
  from?: number;
  to?: number;
  /** The data already loaded, in SharedArrayBuffers (shareData): workers then read one copy instead of
   *  each loading and holding its own (less memory traffic, no per-worker load). */
  shared?: SharedFeed;
}

/** A FeedLog's arrays in SharedArrayBuffers (structured clone passes them to workers without copying). */
export interface SharedFeed {
  n: number;
  used: number;
  bytes: SharedArrayBuffer;
  off: SharedArrayBuffer;
  len: SharedArrayBuffer;
  ts: SharedArrayBuffer;
  flags: SharedArrayBuffer;
  aux: SharedArrayBuffer | null;
  feedTs: SharedArrayBuffer | null;
}

function toShared(a: ArrayBufferView, bytes: number): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(Math.max(bytes, 8));
  new Uint8Array(sab).set(new Uint8Array(a.buffer, a.byteOffset, bytes));
  return sab;
}

/** Loads the objective's data once and returns the argument with it shared (recordings: unchanged). */
export async function shareData(arg: BacktestObjectiveArg): Promise<BacktestObjectiveArg> {
  const d = await loadData(arg.data);
  if (d.recording !== null) return arg;
  const f = d.feed;
  return {
    ...arg,
    shared: {
      n: f.n,
      used: f.used,
      bytes: toShared(f.bytes, f.used),
      off: toShared(f.off, f.n * 8),
      len: toShared(f.len, f.n),
      ts: toShared(f.ts, f.n * 8),
      flags: toShared(f.flags, f.n),
      aux: f.aux === null ? null : toShared(f.aux, f.n * 8),
      feedTs: f.feedTs === null ? null : toShared(f.feedTs, f.n * 8),
    },
  };
}

/** A read-only FeedLog over shared arrays. */
function fromShared(s: SharedFeed): FeedLog {
  const f = new FeedLog(16, 256);
  f.bytes = Buffer.from(s.bytes, 0, Math.max(s.used, 1));
  f.off = new Float64Array(s.off, 0, s.n);
  f.len = new Uint8Array(s.len, 0, s.n);
  f.ts = new Float64Array(s.ts, 0, s.n);
  f.flags = new Uint8Array(s.flags, 0, s.n);
  f.aux = s.aux === null ? null : new Float64Array(s.aux, 0, s.n);
  f.feedTs = s.feedTs === null ? null : new Float64Array(s.feedTs, 0, s.n);
  f.n = s.n;
  f.used = s.used;
  return f;
}

export function scalarMetrics(m: object): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(m)) if (typeof v === 'number' || v === null) out[k] = v as number | null;
  return out;
}

export async function createBacktestObjective(arg: unknown): Promise<ObjectiveFn> {
  const a = arg as BacktestObjectiveArg;
  const metric = a.metric ?? 'sharpe';
  const spec = loadStrategySpec(a.strategy);
  const data = a.shared !== undefined ? { feed: fromShared(a.shared), recording: null } : await loadData(a.data);
  const steps = Math.max(0, Math.floor(a.steps ?? 20));
  return async (params, reporter, context) => {
    const onStep =
      reporter === undefined || steps === 0
        ? undefined
        : (step: number, _fraction: number, pnl: number): boolean => step < steps && reporter.report(step, pnl, true);
    const r = await runOnFeed(
      {
        strategy: spec,
        data: a.data,
        params,
        venue: a.venue,
        sampleNs: a.sampleNs,
        from: context?.from ?? a.from,
        to: context?.to ?? a.to,
        html: false,
        parquet: false,
        onStep,
        steps: Math.max(1, steps),
      },
      data.feed,
      data.recording,
    );
    const metrics = scalarMetrics(r.metrics);
    if (!(metric in metrics)) throw new Error(`backtest objective: no numeric metric ${metric} (${Object.keys(metrics).join(', ')})`);
    // a stopped (pruned) run's value is its partial metric; executeTrial records the trial as pruned
    return { value: metrics[metric] ?? 0, metrics };
  };
}

/** First and last event time of the data (ns): the span walk-forward windows divide. */
export async function dataSpan(sources: DataSource[]): Promise<[number, number]> {
  const d = await loadData(sources);
  if (d.feed.n === 0) throw new Error('backtest data: no events');
  return [d.feed.ts[0], d.feed.ts[d.feed.n - 1]];
}
