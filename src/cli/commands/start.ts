// `hftbot start` (what `npm start` runs): the main job on an embedded default. Until the whole system
// lands (strategies, risk, simulator), it generates a synthetic ITCH day, replays it through the feed
// handler into L3 books for every instrument, and prints live book and rate statistics.

import type { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticItchFile } from '../../feed/synthetic/index.js';
import { replayFile } from '../replay-file.js';
import { formatUnits, SIDE_ASK, SIDE_BID } from '../../core/units.js';
import { monoNs } from '../../clock/live.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the main job on the embedded default (today: a synthetic ITCH day through the feed handler and L3 books)')
    .option('--messages <n>', 'messages in the synthetic day', '5000000')
    .option('--symbols <k>', 'instruments', '8')
    .option('--seed <s>', 'seed', '1')
    .action(async (o: { messages: string; symbols: string; seed: string }) => {
      const dir = mkdtempSync(join(tmpdir(), 'hftbot-start-'));
      const file = join(dir, 'synthetic.itch');
      try {
        const messages = Number(o.messages);
        const symbols = Number(o.symbols);
        const t0 = monoNs();
        const n = writeSyntheticItchFile(file, { messages, symbols, seed: Number(o.seed) });
        process.stdout.write(`generated ${n.toLocaleString('en-US')} ITCH 5.0 messages on ${symbols} symbols in ${((monoNs() - t0) / 1e9).toFixed(2)} s -> ${file}\n`);
        let last = monoNs();
        let lastRecords = 0;
        const result = await replayFile({
          file,
          format: 'itch',
          levels: 5,
          progressEvery: 1 << 19,
          onProgress: (records, books, registry) => {
            const now = monoNs();
            const rate = ((records - lastRecords) * 1e9) / Math.max(1, now - last);
            last = now;
            lastRecords = records;
            const lines = [`${records.toLocaleString('en-US')} msgs  ${Math.round(rate).toLocaleString('en-US')} msg/s  ${books.orderCount().toLocaleString('en-US')} live orders`];
            for (const ins of registry.all().slice(0, 4)) {
              const bb = books.bestBid(ins.id);
              const ba = books.bestAsk(ins.id);
              const bq = books.depth(ins.id, SIDE_BID) > 0 ? books.levelQty(ins.id, SIDE_BID, 0) : 0;
              const aq = books.depth(ins.id, SIDE_ASK) > 0 ? books.levelQty(ins.id, SIDE_ASK, 0) : 0;
              const fmt = (p: number) => (Number.isNaN(p) ? '-' : formatUnits(p, ins.priceScale));
              lines.push(`  ${ins.symbol.padEnd(6)} ${String(bq).padStart(6)} @ ${fmt(bb).padStart(8)} | ${fmt(ba).padEnd(8)} x ${aq}`);
            }
            process.stdout.write(lines.join('\n') + '\n');
          },
        });
        process.stdout.write(
          `replayed ${result.messages.toLocaleString('en-US')} messages in ${result.seconds.toFixed(3)} s: ` +
            `${Math.round(result.messagesPerSecond).toLocaleString('en-US')} msg/s (file read + decode + L3 books), ` +
            `${result.errors} errors, book hash ${result.bookHash}\n`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
}
