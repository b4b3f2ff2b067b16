// Median pruning, as Optuna's MedianPruner (PercentilePruner at 50): at a checked step, prune a running
// trial when its best intermediate loss so far is worse than the median of the intermediate losses that the
// COMPLETED trials reported at that same step. No pruning until `nStartupTrials` trials have completed,
// before step `nWarmupSteps`, between checks `intervalSteps` apart, or when fewer than `nMinTrials`
// completed trials reported at the step. A NaN intermediate value prunes at once.
// Running totals (a backtest's PnL so far, reported with `latest`): the trial's LATEST value is compared
// instead of its best so far. Every backtest starts at PnL 0, so with Optuna's best-so-far rule a trial
// that only ever loses keeps "best 0" and is never worse than a median of losses; the latest value is
// what the running total says about the trial now.
//
// A trial decides with a snapshot (`PruneRef`) of the completed trials taken when it was scheduled: the same
// history its sampler saw, so pruning is reproducible with parallel workers and the snapshot can be posted to
// a worker thread. Losses (minimised) throughout.

import type { FinishedTrial } from './samplers.js';

export interface MedianPrunerOptions {
  nStartupTrials?: number;
  nWarmupSteps?: number;
  intervalSteps?: number;
  nMinTrials?: number;
}

/** Serialisable pruning reference: per step, the median completed-trial loss (undefined = never prune). */
export interface PruneRef {
  warmup: number;
  interval: number;
  medians: Array<[step: number, median: number]>;
}

export class MedianPruner {
  readonly nStartupTrials: number;
  readonly nWarmupSteps: number;
  readonly intervalSteps: number;
  readonly nMinTrials: number;

  constructor(o: MedianPrunerOptions = {}) {
    this.nStartupTrials = o.nStartupTrials ?? 5;
    this.nWarmupSteps = o.nWarmupSteps ?? 0;
    this.intervalSteps = o.intervalSteps ?? 1;
    this.nMinTrials = o.nMinTrials ?? 1;
    if (this.intervalSteps < 1 || this.nWarmupSteps < 0 || this.nStartupTrials < 0 || this.nMinTrials < 1) throw new Error('MedianPruner: bad options');
  }

  /** The snapshot a new trial prunes against, from the finished trials it may see. */
  reference(history: readonly FinishedTrial[]): PruneRef | undefined {
    const completed = history.filter((t) => t.state === 'complete');
    if (completed.length === 0 || completed.length < this.nStartupTrials) return undefined;
    const byStep = new Map<number, number[]>();
    for (const t of completed) {
      for (const [step, v] of t.intermediate) {
        if (Number.isNaN(v)) continue;
        let a = byStep.get(step);
        if (!a) byStep.set(step, (a = []));
        a.push(v);
      }
    }
    const medians: Array<[number, number]> = [];
    for (const [step, vs] of [...byStep].sort((a, b) => a[0] - b[0])) if (vs.length >= this.nMinTrials) medians.push([step, median(vs)]);
    return { warmup: this.nWarmupSteps, interval: this.intervalSteps, medians };
  }
}

/** Linear-interpolation median (numpy's percentile 50). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) / 2;
  const lo = Math.floor(h);
  return s[lo] + (s[Math.ceil(h)] - s[lo]) * (h - lo);
}

/**
 * The running side: fed each reported (step, loss), says whether to prune now. One per trial; cheap
 * (a Map lookup per report).
 */
export class PruneGate {
  private readonly medians: Map<number, number>;
  private best = Infinity;
  private lastStep = -1;
  private sawNaN = false;

  constructor(private readonly ref: PruneRef | undefined) {
    this.medians = new Map(ref?.medians ?? []);
  }

  /** latest: compare this loss itself, not the trial's best so far (a running total; see the header). */
  shouldPrune(step: number, loss: number, latest = false): boolean {
    const prevStep = this.lastStep;
    this.lastStep = Math.max(this.lastStep, step);
    if (Number.isNaN(loss)) this.sawNaN = true;
    else if (loss < this.best) this.best = loss;
    const ref = this.ref;
    if (!ref || step < ref.warmup) return false;
    // Optuna's _is_first_in_interval_step: check only at the first report at or after each interval mark.
    const mark = Math.floor((step - ref.warmup) / ref.interval) * ref.interval + ref.warmup;
    if (prevStep >= mark) return false;
    if (latest ? Number.isNaN(loss) : this.sawNaN && this.best === Infinity) return true;
    const m = this.medians.get(step);
    if (m === undefined) return false;
    return (latest ? loss : this.best) > m;
  }
}
