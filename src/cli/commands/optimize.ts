// `hftbot optimize STRATEGY.yaml --data FILE --param name=lo:hi[:step] ... --trials N [--sampler tpe|random|grid]
// [--workers K] [--walk-forward train:test[:folds]] [--metric sharpe] [--direction maximize|minimize]
// [--seed S] [--no-prune | --prune-startup N --prune-warmup STEPS] [--out DIR] [--json]`: src/optimize's
// optimize() on a backtest objective (src/backtest's runOnFeed, data loaded once per worker; median pruning
// on the PnL so far at 19 interim steps stops bad trials' backtests early). A progress bar goes to stderr on a terminal; --json prints the
// summary (optimize.json's object) as the last stdout line. Cold path.

import type { Command } from 'commander';
import { basename, resolve } from 'node:path';
import { DATA_FORMATS, type DataFormat, type DataSource } from '../../backtest/load.js';
import { dataSpan, shareData, type BacktestObjectiveArg } from '../../optimize/backtest-objective.js';
import { optimize, summaryObject } from '../../optimize/optimize.js';
import { distUrl } from '../../optimize/pool.js';
import { parseParam } from '../../optimize/space.js';
import { parseWalkForward } from '../../optimize/walk-forward.js';
import { OPTUNA_TPE, type SamplerName } from '../../optimize/samplers.js';
import type { Direction } from '../../optimize/study.js';

interface OptimizeCliOptions {
  data: string[];
  format?: string;
  param: string[];
  trials: string;
  sampler: string;
  workers: string;
  walkForward?: string;
  metric: string;
  direction: string;
  seed: string;
  from?: string;
  to?: string;
  out?: string;
  prune: boolean;
  pruneStartup: string;
  pruneWarmup: string;
  optunaTpe?: boolean;
  json?: boolean;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

function bar(done: number, total: number, best: number | undefined, label: string): string {
  const width = 30;
  const fill = Math.round((done / total) * width);
  return `\r${label}[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total} best ${best === undefined ? 'n/a' : best.toPrecision(6)}`;
}

export function registerOptimize(program: Command): void {
  program
    .command('optimize')
    .description('optimise strategy parameters on backtests (TPE / random / grid, median pruning, worker threads, walk-forward)')
    .argument('<strategy>', 'strategy YAML file')
    .requiredOption('--data <file>', 'market data file (repeat to merge several)', collect, [])
    .option('--format <format>', `data format (${DATA_FORMATS.join(', ')}); default from the file name`)
    .option('--param <name=lo:hi[:step]>', 'a parameter to vary (repeatable; name=log:lo:hi for a log scale; integers if lo/hi/step are)', collect, [])
    .option('--trials <n>', 'trials (per fold with --walk-forward)', '100')
    .option('--sampler <name>', 'tpe | random | grid', 'tpe')
    .option('--workers <k>', 'worker threads', '1')
    .option('--walk-forward <train:test[:folds]>', 'walk-forward windows: durations (30m, 2h) or percentages of the data span')
    .option('--metric <name>', 'the backtest metric to optimise (pnl, sharpe, sortino, calmar, profitFactor, ...)', 'sharpe')
    .option('--direction <d>', 'maximize | minimize', 'maximize')
    .option('--seed <n>', 'sampler seed', '0')
    .option('--from <time>', 'start of trading (HH:MM[:SS] or ns since midnight)')
    .option('--to <time>', 'end of trading')
    .option('--no-prune', 'disable median pruning')
    .option('--prune-startup <n>', 'median pruning starts once this many trials completed', '5')
    .option('--prune-warmup <steps>', 'no pruning before this step (a backtest reports its PnL so far at steps 1..19 of 20)', '0')
    .option('--optuna-tpe', "TPE with Optuna 3.1's TPESampler defaults (independent, 24 candidates) instead of hftbot's multivariate TPE")
    .option('--out <dir>', 'write optimize.duckdb, optimize.html and optimize.json here')
    .option('--json', 'print the summary as JSON (last stdout line)')
    .action(async (strategy: string, o: OptimizeCliOptions) => {
      const sampler = o.sampler as SamplerName;
      if (!['tpe', 'random', 'grid'].includes(sampler)) throw new Error(`--sampler ${o.sampler}: expected tpe, random or grid`);
      const direction = o.direction as Direction;
      if (direction !== 'maximize' && direction !== 'minimize') throw new Error(`--direction ${o.direction}: expected maximize or minimize`);
      if (o.format !== undefined && !DATA_FORMATS.includes(o.format as DataFormat)) throw new Error(`--format ${o.format}: expected ${DATA_FORMATS.join(', ')}`);
      for (const [flag, v] of [['--prune-startup', o.pruneStartup], ['--prune-warmup', o.pruneWarmup]]) {
        if (!/^\d+$/.test(v)) throw new Error(`${flag} ${v}: expected an integer >= 0`);
      }
      const data: DataSource[] = o.data.map((p) => ({ path: resolve(p), format: o.format as DataFormat | undefined }));
      const space = o.param.map(parseParam);
      const { parseTimeOfDay } = await import('../../backtest/run.js');
      const arg: BacktestObjectiveArg = {
        strategy: resolve(strategy),
        data,
        metric: o.metric,
        from: o.from === undefined ? undefined : parseTimeOfDay(o.from),
        to: o.to === undefined ? undefined : parseTimeOfDay(o.to),
      };
      let walkForward: { spec: ReturnType<typeof parseWalkForward>; span: [number, number] } | undefined;
      if (o.walkForward !== undefined) {
        const spec = parseWalkForward(o.walkForward);
        const [a, b] = await dataSpan(data);
        walkForward = { spec, span: [arg.from ?? a, arg.to ?? b] };
      }
      // with worker threads the data are loaded here once and shared with every worker (one copy in memory)
      const objectiveArg = Number(o.workers) >= 2 ? await shareData(arg) : arg;
      const tty = process.stderr.isTTY === true;
      // Ctrl-C: stop proposing, let running trials finish, write what there is; a second Ctrl-C exits.
      const stop = new AbortController();
      const onSigint = () => {
        process.stderr.write('\nhftbot optimize: stopping after the running trials (Ctrl-C again to quit)\n');
        stop.abort();
        process.once('SIGINT', () => process.exit(130));
      };
      process.once('SIGINT', onSigint);
      const r = await optimize({
        signal: stop.signal,
        objective: { module: distUrl('backtest-objective.js').href, exportName: 'createBacktestObjective', arg: objectiveArg },
        space,
        trials: Number(o.trials),
        sampler,
        tpe: o.optunaTpe ? OPTUNA_TPE : undefined,
        seed: Number(o.seed),
        workers: Number(o.workers),
        direction,
        pruner: o.prune ? { nStartupTrials: Number(o.pruneStartup), nWarmupSteps: Number(o.pruneWarmup) } : false,
        walkForward,
        outDir: o.out === undefined ? undefined : resolve(o.out),
        title: `hftbot optimize ${strategy}`,
        onTrial: tty ? (_t, done, total, best, fold) => void process.stderr.write(bar(done, total, best?.value, fold >= 0 ? `fold ${fold} ` : '') + (done === total ? '\n' : '')) : undefined,
      });
      process.off('SIGINT', onSigint);
      const summary = summaryObject(r, { strategy: basename(strategy), metric: o.metric, direction, sampler });
      if (o.json) {
        process.stdout.write(JSON.stringify(summary) + '\n');
        return;
      }
      const lines = [`best ${o.metric}: ${r.best ? `${r.best.value} at trial ${r.best.number} ${JSON.stringify(r.best.params)}` : 'no complete trial'}`];
      for (const f of r.folds) lines.push(`fold ${f.fold}: in-sample ${f.trainValue ?? 'n/a'} out-of-sample ${f.testValue ?? 'n/a'} params ${JSON.stringify(f.bestParams)}`);
      for (const f of r.files) lines.push(`wrote ${f}`);
      process.stdout.write(lines.join('\n') + '\n');
    });
}
