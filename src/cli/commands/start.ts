import type { Command } from 'commander';

export function registerStart(program: Command): void {
  program.command('start').description('(being built)').action(() => {
    throw new Error('start: not built yet');
  });
}
