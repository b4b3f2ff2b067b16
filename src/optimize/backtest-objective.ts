// The backtest as an objective: a factory (for worker threads, see objective.ts) that loads and merges the
// data ONCE and parses the strategy YAML once, then runs src/backtest's runOnFeed per trial with the
// trial's `params` overrides and window (walk-forward). The value is one BacktestMetrics field (default
// `sharpe`); a null metric (e.g. Sharpe of a flat equity curve: no trades) counts as 0, so such trials
// rank as "no edge" instead of failing. The trial's metrics (the scalar BacktestMetrics fields) are kept.

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
  /** Whole-run window (ns since the session epoch); a trial's context window narrows it. */
  from?: number;
  to?: number;
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
  const data = await loadData(a.data);
  return async (params, _reporter, context) => {
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
      },
      data.feed,
      data.recording,
    );
    const metrics = scalarMetrics(r.metrics);
    if (!(metric in metrics)) throw new Error(`backtest objective: no numeric metric ${metric} (${Object.keys(metrics).join(', ')})`);
    // No intermediate reports: runOnFeed's progress callback carries no interim equity, and reporting the
    // final value as a "step" would let the median pruner mark finished trials as pruned.
    return { value: metrics[metric] ?? 0, metrics };
  };
}

/** First and last event time of the data (ns): the span walk-forward windows divide. */
export async function dataSpan(sources: DataSource[]): Promise<[number, number]> {
  const d = await loadData(sources);
  if (d.feed.n === 0) throw new Error('backtest data: no events');
  return [d.feed.ts[0], d.feed.ts[d.feed.n - 1]];
}
