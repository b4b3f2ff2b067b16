// optimize(): the optimiser's entry point (`hftbot optimize`, benchmarks). One study, or with walk-forward
// one study per fold on its train window followed by an out-of-sample run of the fold's best parameters on
// its test window. Trials run in this thread (workers <= 1) or on a pool of K worker threads; results go to
// <outDir>/optimize.duckdb (store.ts), optimize.html (html.ts) and optimize.json (summary: no timings, so
// it is reproducible for a seed and K).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadObjective, type ObjectiveSpec } from './objective.js';
import { WorkerPool } from './pool.js';
import { MedianPruner, type MedianPrunerOptions } from './pruner.js';
import { makeSampler, type SamplerName, type TpeOptions } from './samplers.js';
import type { ParamSpec, Params } from './space.js';
import { inProcessExecutor, runStudy, type Direction, type Executor, type StudyResult, type TrialRecord } from './study.js';
import { foldWindows, type FoldResult, type WalkForwardSpec } from './walk-forward.js';
import { writeStore } from './store.js';
import { summaryHtml } from './html.js';

export interface OptimizeOptions {
  objective: ObjectiveSpec;
  space: ParamSpec[];
  trials: number;
  sampler?: SamplerName;
  seed?: number;
  /** Worker threads; <= 1 runs trials in this thread unless `threads` is set. */
  workers?: number;
  /** Use worker threads even for one worker (benchmarks compare 1 and 2 threads on equal terms). */
  threads?: boolean;
  direction?: Direction;
  tpe?: TpeOptions;
  /** Median pruning (default on with Optuna's defaults); false = off. */
  pruner?: MedianPrunerOptions | false;
  /** Walk-forward: windows over [span[0], span[1]] on the data's clock (ns). */
  walkForward?: { spec: WalkForwardSpec; span: [number, number] };
  outDir?: string;
  title?: string;
  onTrial?: (t: TrialRecord, done: number, total: number, best: TrialRecord | undefined, fold: number) => void;
  /** Abort (e.g. on SIGINT): no new trials; what finished is kept and written. */
  signal?: AbortSignal;
}

export interface OptimizeResult {
  direction: Direction;
  /** Best trial of the single study (no walk-forward), or of the last fold. */
  best: { number: number; params: Params; value: number } | null;
  studies: Array<{ fold: number; result: StudyResult }>;
  folds: FoldResult[];
  files: string[];
}

async function makeExecutor(o: OptimizeOptions): Promise<Executor> {
  const k = Math.max(1, Math.floor(o.workers ?? 1));
  if (k === 1 && !o.threads) return inProcessExecutor(await loadObjective(o.objective));
  return WorkerPool.start(o.objective, k);
}

export async function optimize(o: OptimizeOptions): Promise<OptimizeResult> {
  if (!(o.trials >= 1)) throw new Error('optimize: trials must be >= 1');
  if (o.space.length === 0) throw new Error('optimize: no parameters to vary (--param name=lo:hi[:step])');
  const direction = o.direction ?? 'maximize';
  const seed = o.seed ?? 0;
  const samplerName = o.sampler ?? 'tpe';
  const pruner = o.pruner === false ? undefined : new MedianPruner(o.pruner ?? {});
  const executor = await makeExecutor(o);
  const studies: Array<{ fold: number; result: StudyResult }> = [];
  const folds: FoldResult[] = [];
  try {
    const study = (fold: number, context?: { from: number; to: number }) =>
      runStudy({
        space: o.space,
        sampler: makeSampler(samplerName, seed + Math.max(0, fold), o.tpe),
        nTrials: o.trials,
        direction,
        pruner,
        executor,
        context,
        signal: o.signal,
        onTrial: o.onTrial ? (t, d, n, b) => o.onTrial!(t, d, n, b, fold) : undefined,
      });
    if (o.walkForward === undefined) {
      studies.push({ fold: -1, result: await study(-1) });
    } else {
      const sign = direction === 'minimize' ? 1 : -1;
      for (const w of foldWindows(o.walkForward.spec, o.walkForward.span[0], o.walkForward.span[1])) {
        if (o.signal?.aborted) break;
        const result = await study(w.fold, { from: w.trainFrom, to: w.trainTo });
        studies.push({ fold: w.fold, result });
        const fr: FoldResult = { fold: w.fold, window: w, bestParams: result.best?.params ?? null, trainValue: result.best?.value ?? null, testValue: null };
        if (result.best) {
          const out = await executor.run({ number: o.trials, params: result.best.params, sign, context: { from: w.testFrom, to: w.testTo } });
          fr.testValue = out.state === 'complete' ? (out.value ?? null) : null;
          fr.testMetrics = out.metrics;
        }
        folds.push(fr);
      }
    }
  } finally {
    await executor.close();
  }
  const last = studies.length ? studies[studies.length - 1].result.best : undefined;
  const res: OptimizeResult = {
    direction,
    best: last ? { number: last.number, params: last.params, value: last.value! } : null,
    studies,
    folds,
    files: [],
  };
  if (o.outDir !== undefined) {
    mkdirSync(o.outDir, { recursive: true });
    const meta = {
      sampler: samplerName,
      seed,
      direction,
      trials: o.trials,
      workers: Math.max(1, Math.floor(o.workers ?? 1)),
      pruner: o.pruner === false ? 'none' : { median: o.pruner ?? {} },
      space: o.space,
      walkForward: o.walkForward?.spec ?? null,
      best: res.best,
    };
    const db = join(o.outDir, 'optimize.duckdb');
    await writeStore(db, { studies, folds, meta });
    const html = join(o.outDir, 'optimize.html');
    writeFileSync(html, summaryHtml({ title: o.title ?? 'hftbot optimize', space: o.space, studies, folds, meta }));
    const json = join(o.outDir, 'optimize.json');
    writeFileSync(json, JSON.stringify(summaryObject(res, meta), null, 2) + '\n');
    res.files.push(db, html, json);
  }
  return res;
}

/** The JSON summary (also the CLI's --json line): results only, no timings. */
export function summaryObject(r: OptimizeResult, meta: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...meta,
    best: r.best,
    studies: r.studies.map(({ fold, result }) => ({
      fold,
      complete: result.trials.filter((t) => t.state === 'complete').length,
      pruned: result.trials.filter((t) => t.state === 'pruned').length,
      failed: result.trials.filter((t) => t.state === 'failed').length,
      best: result.best ? { number: result.best.number, params: result.best.params, value: result.best.value } : null,
    })),
    folds: r.folds.map((f) => ({ fold: f.fold, window: f.window, bestParams: f.bestParams, trainValue: f.trainValue, testValue: f.testValue, testMetrics: f.testMetrics ?? null })),
  };
}
