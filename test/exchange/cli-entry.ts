// The `hftbot` program for the CLI test, run from the sources: the real program (src/cli/main.ts) when
// it registers `exchange`, else a program with just registerExchange (before main.ts wires it).
import { Command } from 'commander';
import { registerExchange } from '../../src/cli/commands/exchange.js';
import { buildProgram } from '../../src/cli/main.js';

let program: Command = buildProgram();
if (!program.commands.some((c) => c.name() === 'exchange')) {
  program = new Command().name('hftbot');
  registerExchange(program);
}
try {
  await program.parseAsync(process.argv);
} catch (err) {
  // as src/cli/main.ts run() reports errors
  process.stderr.write(`hftbot: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
