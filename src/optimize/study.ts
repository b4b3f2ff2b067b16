// A study: propose, run and record N trials on an executor with K slots (in-process, or K worker threads).
//
// Reproducibility with K > 1: trial n is proposed only once trials 0..n-D have all finished (D, the
// feedback lag, is 1 for a single slot and 2K for K slots), and its sampler and pruner are shown exactly
// those trials, never a "whichever finished first" view. With K = 1 this is the plain sequential study
// (Optuna's); with K workers it is TPE with a fixed feedback delay, so the outcome depends on (seed, K)
// and not on thread timing. D = 2K rather than K keeps workers busy when trial durations vary: a slot
// idles only while trial n-2K is still running. Samplers that ignore history (random, grid) are not held
// back at all unless a pruner needs the history. Proposals happen on the calling thread (a TPE proposal takes well under a millisecond for
// 100 trials); only the objective runs on the workers.

import { monoNs } from '../clock/live.js';
import { TrialPruned, type ObjectiveFn, type TrialContext } from './objective.js';
import { PruneGate, type MedianPruner, type PruneRef } from './pruner.js';
import type { FinishedTrial, Sampler, TrialState } from './samplers.js';
import type { ParamSpec, Params } from './space.js';

export type Direction = 'minimize' | 'maximize';

export interface TrialTask {
  number: number;
  params: Params;
  /** +1 minimise, -1 maximise: loss = sign * value. */
  sign: 1 | -1;
  prune?: PruneRef;
  context?: TrialContext;
}

export interface TrialOutcome {
  number: number;
  state: TrialState;
  value?: number;
  /** (step, value) in report order, values as reported (not losses). */
  intermediate: Array<[number, number]>;
  durationMs: number;
  error?: string;
  metrics?: Record<string, unknown>;
}

export interface Executor {
  readonly concurrency: number;
  run(task: TrialTask): Promise<TrialOutcome>;
  close(): Promise<void>;
}

export interface TrialRecord extends FinishedTrial {
  value?: number;
  durationMs: number;
  error?: string;
  metrics?: Record<string, unknown>;
}

export interface StudyResult {
  direction: Direction;
  trials: TrialRecord[];
  /** Best complete trial (lowest loss, earliest on ties); undefined when none completed. */
  best?: TrialRecord;
}

export interface StudyOptions {
  space: readonly ParamSpec[];
  sampler: Sampler;
  nTrials: number;
  direction?: Direction;
  pruner?: MedianPruner;
  executor: Executor;
  /** Passed to every trial (walk-forward: the train window). */
  context?: TrialContext;
  /** Stop proposing when aborted (Ctrl-C): running trials finish, the study returns what finished. */
  signal?: AbortSignal;
  /** Feedback lag D (see header); default 1 for one slot, 2K for K slots. */
  lag?: number;
  /** Called after each trial is recorded (progress bars). */
  onTrial?: (t: TrialRecord, done: number, total: number, best: TrialRecord | undefined) => void;
}

/** Run one trial of `fn` in the current thread (used in-process and inside each worker). */
export async function executeTrial(fn: ObjectiveFn, task: TrialTask): Promise<TrialOutcome> {
  const intermediate: Array<[number, number]> = [];
  const gate = new PruneGate(task.prune);
  let pruned = false;
  const reporter = {
    report(step: number, value: number, latest?: boolean): boolean {
      intermediate.push([step, value]);
      if (!pruned && gate.shouldPrune(step, task.sign * value, latest === true)) pruned = true;
      return pruned;
    },
  };
  const t0 = monoNs();
  let metrics: Record<string, unknown> | undefined;
  const done = (state: TrialState, value?: number, error?: string): TrialOutcome => ({
    number: task.number,
    state,
    value,
    intermediate,
    durationMs: (monoNs() - t0) / 1e6,
    error,
    metrics,
  });
  try {
    const r = await fn(task.params, reporter, task.context);
    const v = typeof r === 'object' && r !== null ? r.value : r;
    if (typeof r === 'object' && r !== null) metrics = r.metrics;
    if (pruned) return done('pruned', intermediate.length ? intermediate[intermediate.length - 1][1] : undefined);
    if (typeof v !== 'number' || Number.isNaN(v)) return done('failed', undefined, `objective returned ${String(v)}`);
    return done('complete', v);
  } catch (e) {
    if (e instanceof TrialPruned || pruned) return done('pruned', intermediate.length ? intermediate[intermediate.length - 1][1] : undefined);
    return done('failed', undefined, (e as Error).message);
  }
}

/** An executor that runs trials one at a time in this thread. */
export function inProcessExecutor(fn: ObjectiveFn): Executor {
  return { concurrency: 1, run: (task) => executeTrial(fn, task), close: async () => {} };
}

export function bestTrial(trials: readonly TrialRecord[]): TrialRecord | undefined {
  let best: TrialRecord | undefined;
  for (const t of trials) if (t.state === 'complete' && (best === undefined || t.loss! < best.loss! || (t.loss === best.loss && t.number < best.number))) best = t;
  return best;
}

export async function runStudy(o: StudyOptions): Promise<StudyResult> {
  const direction = o.direction ?? 'minimize';
  const sign: 1 | -1 = direction === 'minimize' ? 1 : -1;
  const k = Math.max(1, o.executor.concurrency);
  const lag = o.sampler.usesHistory === false && o.pruner === undefined ? Infinity : Math.max(1, o.lag ?? (k === 1 ? 1 : 2 * k));
  const cap = o.sampler.size?.(o.space);
  const total = cap === undefined ? o.nTrials : Math.min(o.nTrials, cap);
  const records: Array<TrialRecord | undefined> = new Array(total).fill(undefined);
  // `prefix`: trials 0..prefix-1 are all finished; trial n may start when prefix >= n - lag + 1.
  let prefix = 0;
  let next = 0;
  let finished = 0;
  let best: TrialRecord | undefined;
  const inFlight = new Map<number, Promise<TrialOutcome>>();

  const launch = (n: number) => {
    const history = lag === Infinity ? [] : (records.slice(0, Math.max(0, n - lag + 1)) as TrialRecord[]);
    const params = o.sampler.sample(o.space, history, n);
    const task: TrialTask = { number: n, params, sign, prune: o.pruner?.reference(history), context: o.context };
    inFlight.set(n, o.executor.run(task).then((r) => r, (e: Error) => ({ number: n, state: 'failed' as const, intermediate: [], durationMs: 0, error: e.message })));
    return params;
  };
  const paramsOf = new Map<number, Params>();

  while (finished < total) {
    if (o.signal?.aborted && inFlight.size === 0) break;
    while (!o.signal?.aborted && next < total && inFlight.size < k && prefix >= next - lag + 1) {
      paramsOf.set(next, launch(next));
      next++;
    }
    const out = await Promise.race(inFlight.values());
    inFlight.delete(out.number);
    const rec: TrialRecord = {
      number: out.number,
      params: paramsOf.get(out.number)!,
      state: out.state,
      value: out.value,
      loss: out.value === undefined ? undefined : sign * out.value,
      intermediate: new Map(out.intermediate.map(([s, v]) => [s, sign * v])),
      durationMs: out.durationMs,
      error: out.error,
      metrics: out.metrics,
    };
    paramsOf.delete(out.number);
    records[out.number] = rec;
    finished++;
    while (prefix < total && records[prefix] !== undefined) prefix++;
    if (rec.state === 'complete' && (best === undefined || rec.loss! < best.loss! || (rec.loss === best.loss && rec.number < best.number))) best = rec;
    o.onTrial?.(rec, finished, total, best);
  }
  const trials = records.filter((r): r is TrialRecord => r !== undefined);
  return { direction, trials, best: bestTrial(trials) };
}
