// `hftbot backtest STRATEGY.yaml --data FILE [--data FILE2 ...] [--format F] [--from T --to T] [--out DIR]
// [--param name=value ...] [--json]`: runs src/backtest's runBacktest and prints the metrics. A progress bar
// goes to stderr when stderr is a terminal; with --json the report (report.json's object) is the last
// stdout line. Strategy modules (.js/.mjs/.ts exporting a factory) work too. Cold path.

import type { Command } from 'commander';
import { runBacktest, type BacktestResult } from '../../backtest/run.js';
import { DATA_FORMATS, type DataFormat, type DataSource } from '../../backtest/load.js';
import { reportObject } from '../../backtest/output.js';
import type { BacktestStrategy } from '../../backtest/types.js';
import { assertStrategy, loadStrategyModule } from '../../strategy/factory.js';
import { benchBacktest } from '../../backtest/bench.js';
import { benchOptimizeSpeedup } from '../../optimize/bench.js';

/**
 * `hftbot bench backtest`: benchBacktest (events/s of a full-L3 backtest and the cost per event of each
 * part) and the optimiser's speed-up with 2 workers over 1 (src/optimize benchOptimizeSpeedup). The JSON
 * carries eventsPerSecond and speedup2 at its top level.
 */
export const BACKTEST_BENCH = {
  describe: 'full-L3 backtest events/s (synthetic day, market maker, backtest venue), cost per event, optimiser speed-up with 2 workers',
  run: async (o: Record<string, string | boolean | undefined>) => {
    const num = (v: string | boolean | undefined): number | undefined => (typeof v === 'string' ? Number(v) : undefined);
    const b = await benchBacktest({ messages: num(o.messages), symbols: num(o.symbols), seed: num(o.seed), rounds: num(o.rounds) });
    let speedup: { speedup2: number | null; trials?: number; ms1?: number; ms2?: number } = { speedup2: null };
    if (o.speedup !== false) speedup = await benchOptimizeSpeedup({});
    return { ...b, speedup2: speedup.speedup2, optimizeTrials: speedup.trials ?? null, optimizeMs1: speedup.ms1 ?? null, optimizeMs2: speedup.ms2 ?? null };
  },
};

interface BacktestCliOptions {
  data: string[];
  format?: string;
  from?: string;
  to?: string;
  out?: string;
  param: string[];
  sample?: string;
  parquet: boolean;
  html: boolean;
  json?: boolean;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** "name=value" pairs -> params (numbers only: what the optimiser varies). */
export function parseParams(pairs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of pairs) {
    const m = /^([A-Za-z_][\w.]*)=(.+)$/.exec(p);
    if (m === null || !Number.isFinite(Number(m[2]))) throw new Error(`--param ${p}: expected name=number`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

/** A progress bar on stderr (only when stderr is a terminal); returns the callback and a finisher. */
export function progressBar(label: string): { update: (f: number) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  let last = -1;
  const draw = (f: number): void => {
    const pct = Math.floor(f * 100);
    if (pct === last) return;
    last = pct;
    const width = 30;
    const fill = Math.round(f * width);
    process.stderr.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${String(pct).padStart(3)}%`);
  };
  return { update: tty ? draw : () => {}, done: () => (tty && last >= 0 ? void process.stderr.write('\n') : undefined) };
}

function human(r: BacktestResult): string {
  const m = r.metrics;
  const f = (v: number | null, d = 2): string => (v === null ? 'n/a' : v.toFixed(d));
  return [
    `${r.strategies.map((s) => s.name).join(', ')} on ${r.instruments.join(', ')}: ${r.events} events, ${m.orders} orders, ${m.fills} fills, ${m.trades} trades`,
    `PnL ${f(m.pnl)} (gross ${f(m.grossPnl)}, fees ${f(m.fees)})  Sharpe ${f(m.sharpe)}  Sortino ${f(m.sortino)}  max drawdown ${f(m.maxDrawdown)} over ${f(m.maxDrawdownDurationNs / 1e9, 1)} s`,
    `hit rate ${f(m.hitRate, 3)}  profit factor ${f(m.profitFactor)}  turnover ${f(m.turnover)}  fill ratio ${f(m.fillRatio, 3)}  exposure ${f(m.exposure, 3)}`,
  ].join('\n');
}

export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description('backtest a strategy (YAML spec or module) on recorded market data through the trading kernel')
    .argument('<strategy>', 'strategy YAML file, or a .js/.mjs module exporting a strategy factory')
    .requiredOption('--data <file>', 'market data file (repeat for several: merged in time order)', collect, [])
    .option('--format <f>', `data format: ${DATA_FORMATS.join(', ')} (default: from the file name)`)
    .option('--from <t>', 'start of trading: HH:MM[:SS], a duration since midnight (34200s) or ns; earlier data only builds the books')
    .option('--to <t>', 'end of the backtest (same forms)')
    .option('--out <dir>', 'write report.json, run.json, trades/orders/fills (.csv, .parquet), report.html here')
    .option('--param <name=value>', 'override a strategy parameter (StrategySpec name, e.g. entryZ=1.5); repeatable', collect, [])
    .option('--sample <ns>', 'equity sampling interval in ns (the Sharpe/Sortino interval)', '1000000000')
    .option('--no-parquet', 'skip the parquet files')
    .option('--no-html', 'skip report.html')
    .option('--json', 'print the report as JSON (last stdout line)')
    .action(async (file: string, o: BacktestCliOptions) => {
      if (o.format !== undefined && !DATA_FORMATS.includes(o.format as DataFormat)) throw new Error(`--format: one of ${DATA_FORMATS.join(', ')}, got ${o.format}`);
      const data: DataSource[] = o.data.map((path) => ({ path, format: o.format as DataFormat | undefined }));
      let strategy: BacktestStrategy = file;
      if (/\.(m?js|ts)$/.test(file)) strategy = assertStrategy((await loadStrategyModule(file))({}), file);
      const bar = progressBar('backtest');
      const r = await runBacktest({
        strategy, data, from: o.from, to: o.to, outDir: o.out, params: parseParams(o.param), sampleNs: Number(o.sample),
        parquet: o.parquet, html: o.html, progress: bar.update,
      });
      bar.done();
      if (o.json === true) process.stdout.write(JSON.stringify(reportObject(r), (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) + '\n');
      else process.stdout.write(human(r) + (o.out !== undefined ? `\nwrote ${o.out}/report.json, report.html, trades/orders/fills .csv/.parquet` : '') + '\n');
    });
}
