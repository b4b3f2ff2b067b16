// Run a sampler on a named test function in-process: the TS side of the TPE comparison with Optuna
// (bench.ts, test/optimize/tpe.test.ts). Deterministic for (function, sampler options, seed, trials).

import { TEST_FUNCTIONS } from './functions.js';
import { TpeSampler, type TpeOptions } from './samplers.js';
import { inProcessExecutor, runStudy } from './study.js';

export interface FunctionRun {
  seed: number;
  best: number;
  /** Best-so-far after each trial. */
  curve: number[];
}

export async function runTpeOnFunction(name: string, seed: number, trials = 100, opts: TpeOptions = {}): Promise<FunctionRun> {
  const f = TEST_FUNCTIONS[name];
  if (!f) throw new Error(`unknown test function ${name}`);
  const res = await runStudy({
    space: f.space,
    sampler: new TpeSampler({ ...opts, seed }),
    nTrials: trials,
    executor: inProcessExecutor((p) => f.fn(p)),
  });
  const curve: number[] = [];
  let best = Infinity;
  for (const t of res.trials) curve.push((best = Math.min(best, t.value ?? Infinity)));
  return { seed, best, curve };
}

export function medianOf(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
