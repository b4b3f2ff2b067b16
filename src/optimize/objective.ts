// What a trial runs: an objective function of the parameters that may report intermediate values (step,
// value) and stop early when the reporter says the trial is pruned; and the serialisable description of an
// objective that a worker thread turns into such a function (a module URL + an exported factory + its
// argument), so that data are loaded once per worker, not once per trial.

import type { Params } from './space.js';

export interface Reporter {
  /** Record the objective's value after `step` (steps start at 0, increasing); true = prune now
   *  (the objective should stop and return its current value). `latest`: the value is a running total
   *  (e.g. PnL so far), so the pruner judges this value, not the trial's best so far (pruner.ts). */
  report(step: number, value: number, latest?: boolean): boolean;
}

/** Where a trial evaluates: a time window on the data's clock (walk-forward folds), ns; unset = all. */
export interface TrialContext {
  from?: number;
  to?: number;
}

/** A value, or a value with metrics to store next to it (e.g. a backtest's report metrics). */
export type ObjectiveResult = number | { value: number; metrics?: Record<string, unknown> };

export type ObjectiveFn = (params: Params, reporter?: Reporter, context?: TrialContext) => ObjectiveResult | Promise<ObjectiveResult>;

/** Thrown (or returned as state) by objectives that ask to be pruned; the scheduler records 'pruned'. */
export class TrialPruned extends Error {
  constructor() {
    super('trial pruned');
  }
}

/**
 * An objective a worker can build: `import(module)` then `await mod[exportName](arg)` returns an
 * ObjectiveFn. `module` is a file: URL of compiled JS (dist/), `arg` must be structured-cloneable.
 */
export interface ObjectiveSpec {
  module: string;
  exportName: string;
  arg: unknown;
}

export async function loadObjective(spec: ObjectiveSpec): Promise<ObjectiveFn> {
  const mod = (await import(spec.module)) as Record<string, unknown>;
  const factory = mod[spec.exportName];
  if (typeof factory !== 'function') throw new Error(`${spec.module}: no exported function ${spec.exportName}`);
  return (await (factory as (a: unknown) => ObjectiveFn | Promise<ObjectiveFn>)(spec.arg)) as ObjectiveFn;
}
