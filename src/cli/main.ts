// The `hftbot` command line. Each command group lives in src/cli/commands/<name>.ts and exports a
// `register(program)` function; this file only assembles them. Every `--json` command prints its JSON
// object as the LAST line of stdout.

import { Command } from 'commander';
import { registerReplay } from './commands/replay.js';
import { registerGenerate } from './commands/generate.js';
import { registerBench } from './commands/bench.js';
import { registerStart } from './commands/start.js';
import { registerFix } from './commands/fix.js';
import { registerStats } from './commands/stats.js';
import { registerValidate } from './commands/validate.js';
import { registerModel } from './commands/model.js';
import { registerExchange } from './commands/exchange.js';
import { registerKernel } from './commands/kernel.js';
import { registerRun } from './commands/run.js';
import { registerPromote } from './commands/promote.js';
import { registerBacktest } from './commands/backtest.js';
import { registerOptimize } from './commands/optimize.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('hftbot')
    .description('High-frequency trading system: market data, order books, strategies, risk, FIX, simulator, backtests.')
    .version('0.1.0')
    .showHelpAfterError();
  registerStart(program);
  registerReplay(program);
  registerGenerate(program);
  registerBench(program);
  registerFix(program);
  registerStats(program);
  registerValidate(program);
  registerModel(program);
  registerExchange(program);
  registerKernel(program);
  registerRun(program);
  registerPromote(program);
  registerBacktest(program);
  registerOptimize(program);
  return program;
}

export async function run(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.stderr.write(`hftbot: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
