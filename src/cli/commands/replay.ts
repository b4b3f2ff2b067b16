import type { Command } from 'commander';

export function registerReplay(program: Command): void {
  program.command('replay').description('(being built)').action(() => {
    throw new Error('replay: not built yet');
  });
}
