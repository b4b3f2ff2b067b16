// The optimiser's public entry (issue 6, item 6): optimize() (studies on worker threads, walk-forward,
// DuckDB + HTML outputs), the samplers (TPE, random, grid), the median pruner, search-space helpers, the
// backtest objective, and the benchmarks the CLI wires (`hftbot bench tpe`, speedup2 of `bench backtest`).

export { optimize, summaryObject, type OptimizeOptions, type OptimizeResult } from './optimize.js';
export { TpeSampler, RandomSampler, GridSampler, makeSampler, defaultGamma, OPTUNA_TPE, TPE_DEFAULTS, type Sampler, type SamplerName, type TpeOptions, type FinishedTrial, type TrialState } from './samplers.js';
export { MedianPruner, PruneGate, type MedianPrunerOptions, type PruneRef } from './pruner.js';
export { parseParam, floatParam, intParam, gridValues, type ParamSpec, type Params } from './space.js';
export { runStudy, inProcessExecutor, executeTrial, bestTrial, type Direction, type Executor, type StudyOptions, type StudyResult, type TrialRecord, type TrialTask, type TrialOutcome } from './study.js';
export { WorkerPool, distUrl, distAvailable } from './pool.js';
export { TrialPruned, loadObjective, type ObjectiveFn, type ObjectiveSpec, type ObjectiveResult, type Reporter, type TrialContext } from './objective.js';
export { parseWalkForward, foldWindows, type FoldWindow, type FoldResult, type WalkForwardSpec } from './walk-forward.js';
export { createBacktestObjective, dataSpan, type BacktestObjectiveArg } from './backtest-objective.js';
export { writeStore, readTrials } from './store.js';
export { summaryHtml } from './html.js';
export { TEST_FUNCTIONS, branin, hartmann6, createTestFunction } from './functions.js';
export { benchTpe, benchOptimizeSpeedup, backtestBenchObjective, type SpeedupResult, type TpeComparison } from './bench.js';
