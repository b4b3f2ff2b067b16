// `hftbot replay FILE --format itch|lobster|mbo|dbn`: builds the L3 books of every instrument in the
// file; optionally writes the top N levels after every record (--book-out) and prints a JSON summary
// (--json, the last line of stdout).

import type { Command } from 'commander';
import { replayFile, type ReplayFormat, REPLAY_FORMATS } from '../replay-file.js';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('replay a market-data file into L3 books (all instruments)')
    .argument('<file>', 'input file (ITCH BinaryFILE, optionally .gz; LOBSTER message csv; Databento MBO csv; DBN, optionally zstd)')
    .option('--format <format>', `input format: ${REPLAY_FORMATS.join('|')} (default: from the file name)`)
    .option('--symbol <sym>', 'book-out rows for this symbol only (LOBSTER: the symbol of the file)')
    .option('--levels <n>', 'levels per side in --book-out', '10')
    .option('--book-out <csv>', 'write the top levels after every record to this CSV')
    .option('--seed-book <csv>', 'LOBSTER: orderbook file whose first row seeds the book (state after message 1)')
    .option('--json', 'print a JSON summary as the last line of stdout')
    .action(async (file: string, o: { format?: string; symbol?: string; levels: string; bookOut?: string; seedBook?: string; json?: boolean }) => {
      const levels = Number(o.levels);
      if (!Number.isInteger(levels) || levels < 1 || levels > 1000) throw new Error(`--levels must be an integer 1..1000, got ${o.levels}`);
      const result = await replayFile({
        file,
        format: o.format as ReplayFormat | undefined,
        symbol: o.symbol,
        levels,
        bookOut: o.bookOut,
        seedBook: o.seedBook,
      });
      if (o.json) {
        process.stdout.write(JSON.stringify(result) + '\n');
      } else {
        const top = Object.entries(result.byType).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}:${v}`).join(' ');
        process.stdout.write(
          `${result.messages} messages (${top}), ${result.instruments} instruments, ${result.seconds.toFixed(3)} s, ` +
            `${Math.round(result.messagesPerSecond).toLocaleString('en-US')} msg/s, ${result.errors} errors, book hash ${result.bookHash}\n`,
        );
        for (const e of result.errorSamples) process.stderr.write(`  ${e}\n`);
      }
    });
}
