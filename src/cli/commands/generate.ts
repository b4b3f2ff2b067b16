// `hftbot generate itch --messages N --symbols K --seed S --out FILE`: a deterministic synthetic ITCH day
// (src/feed/synthetic). The same arguments always give the same bytes.
// `hftbot generate alerts FILE --out DIR`: the monitoring kit from an alerts spec (src/alerts/generate.ts).

import type { Command } from 'commander';
import { writeSyntheticItchFile } from '../../feed/synthetic/index.js';
import { generateAlerts } from '../../alerts/generate.js';
import { formatError } from '../../config/load.js';

function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${v}`);
  return n;
}

export function registerGenerate(program: Command): void {
  const gen = program.command('generate').description('generate synthetic data');
  gen
    .command('itch')
    .description('a deterministic synthetic Nasdaq ITCH 5.0 day (BinaryFILE) with a real day\'s message mix')
    .requiredOption('--messages <n>', 'number of messages')
    .option('--symbols <k>', 'number of instruments', '8')
    .option('--seed <s>', 'random seed', '1')
    .option('--live-orders <n>', 'resting orders per symbol the day keeps (fewer: thinner books and a mid that moves more)', '2000')
    .requiredOption('--out <file>', 'output file (.gz to gzip it)')
    .option('--json', 'print a JSON summary as the last line of stdout')
    .action((o: { messages: string; symbols: string; seed: string; liveOrders: string; out: string; json?: boolean }) => {
      const messages = positiveInt('--messages', o.messages);
      const symbols = positiveInt('--symbols', o.symbols);
      if (symbols < 1 || symbols > 65_535) throw new Error('--symbols must be 1..65535');
      const seed = positiveInt('--seed', o.seed);
      const liveTarget = positiveInt('--live-orders', o.liveOrders);
      if (liveTarget < 4) throw new Error('--live-orders must be at least 4');
      const n = writeSyntheticItchFile(o.out, { messages, symbols, seed, liveTarget });
      if (o.json) process.stdout.write(JSON.stringify({ messages: n, symbols, seed, liveOrders: liveTarget, out: o.out }) + '\n');
      else process.stdout.write(`wrote ${n} messages for ${symbols} symbols to ${o.out}\n`);
    });
  gen
    .command('alerts')
    .description('an alerts spec (YAML) -> Prometheus rules + promtool unit test, Alertmanager and Prometheus configs, Grafana dashboard (src/alerts)')
    .argument('<file>', 'alerts spec, e.g. examples/seeds/alerts.yaml')
    .requiredOption('--out <dir>', 'output directory')
    .option('--group-wait <d>', 'Alertmanager group_wait (default 30s)')
    .action((file: string, o: { out: string; groupWait?: string }) => {
      const r = generateAlerts(file, o.out, { groupWait: o.groupWait });
      if (!r.ok) {
        for (const e of r.errors) process.stderr.write(`${formatError(e)}\n`);
        process.exitCode = 1;
        return;
      }
      for (const f of r.files) process.stdout.write(`wrote ${f}\n`);
      for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
    });
}
