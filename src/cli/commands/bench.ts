// `hftbot bench <name> [--json]` and `hftbot bench all --json` (what `npm run bench` runs).
// Each benchmark prints a human summary (or, with --json, its JSON object as the last stdout line).
// `all` runs every benchmark in turn, one JSON line each, then a last line {name: result, ...}.

import type { Command } from 'commander';
import { benchFeed } from '../../bench/feed.js';
import { benchTickToTrade } from '../../bench/tick-to-trade.js';
import { benchBooks } from '../../book/bench.js';
import { benchBacktestVenue } from '../../backtest/venue/bench.js';
import { benchMatching, differentialCampaign } from '../../matching/index.js';
import { benchInference } from '../../model/bench.js';
import { benchSimulator } from '../../sim/bench.js';
import { benchOms } from '../../oms/bench.js';
import { benchJournal } from '../../journal/bench.js';
import { benchRisk } from '../../risk/bench.js';
import { benchGateway } from '../../exchange/bench.js';
import { KERNEL_BENCH } from './kernel.js';
import { BACKTEST_BENCH } from './backtest.js';
import { benchDashboard } from '../../api/bench.js';
import { benchTpe } from '../../optimize/bench.js';
import { FixDictionary } from '../../fix/index.js';
import { benchFix, benchFixCodec } from '../../fix/bench.js';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

type BenchFn = (o: Record<string, string | boolean | undefined>) => Promise<object>;

const num = (v: string | boolean | undefined, d: number) => (typeof v === 'string' ? Number(v) : d);

export const BENCHES: Record<string, { describe: string; run: BenchFn }> = {
  feed: {
    describe: 'ITCH walk / decode / decode + L3 books on a generated day (default 20M messages)',
    run: (o) => benchFeed({ messages: num(o.messages, 20_000_000), symbols: num(o.symbols, 8), seed: num(o.seed, 1), rounds: num(o.rounds, 3), file: o.file as string | undefined }),
  },
  books: {
    describe: 'L3 book operations alone (pre-generated op stream)',
    run: async (o) => benchBooks(num(o.messages, 5_000_000)),
  },
  matching: {
    describe: 'matching engine on the matching-v1 workload (1M commands), and nodejs-order-book on the same',
    run: (o) => benchMatching({ seed: num(o.seed, 1), commands: num(o.messages, 1_000_000) }),
  },
  simulator: {
    describe: 'synthetic market + matching + ITCH publisher (+ decoding into L3 books), 1M commands',
    run: async (o) => benchSimulator({ commands: num(o.messages, 1_000_000), seed: num(o.seed, 1) }),
  },
  kernel: KERNEL_BENCH,
  backtest: BACKTEST_BENCH,
  risk: {
    describe: 'a full pre-trade check with every check enabled (percentiles over batches of 1,000 checks)',
    run: async (o) => benchRisk({ seed: num(o.seed, 1) }),
  },
  oms: {
    describe: 'OMS transitions (bare, and journaled to memory and to a file with batch fsync)',
    run: async (o) => benchOms(num(o.messages, 1_000_000)),
  },
  journal: {
    describe: 'journal appends per fsync policy (none, batch, every) and replay',
    run: async (o) => benchJournal(num(o.messages, 500_000)),
  },
  inference: {
    describe: '64-feature 2x32 MLP inference (fast path) and a feature update',
    run: async () => benchInference(),
  },
  'fix-codec': {
    describe: 'FIX NewOrderSingle / ExecutionReport decode and encode rates',
    run: async (o) => benchFixCodec(num(o.messages, 2_000_000)),
  },
  fix: {
    describe: 'FIX codec rates, loopback round trip, and jspurefix on the same messages (ratio)',
    run: (o) =>
      benchFix({
        specDir: typeof o.file === 'string' ? o.file : fileURLToPath(new URL('../../../../shared/data/quickfix/spec/', import.meta.url)),
        messages: num(o.messages, 2_000_000),
      }),
  },
  gateway: {
    describe: 'exchange gateway: FIX orders in (decode, validation, matching) and execution reports out, no sockets',
    run: async (o) =>
      benchGateway({
        dictionary: FixDictionary.fromFile(join(typeof o.file === 'string' ? o.file : fileURLToPath(new URL('../../../../shared/data/quickfix/spec/', import.meta.url)), 'FIX44.xml')),
      }),
  },
  'tick-to-trade': {
    describe: 'wire to wire: MoldUDP64 packet sent on loopback UDP -> FIX NewOrderSingle read by the venue over TCP, and the kernel part',
    run: (o) => benchTickToTrade({ messages: num(o.messages, 40_000), seed: num(o.seed, 42), dictionary: typeof o.file === 'string' ? join(o.file, 'FIX44.xml') : undefined }),
  },
  'backtest-venue': {
    describe: 'backtest venue market side: L3 events/s into a plain book, the venue idle, and the venue quoting both sides of every symbol',
    run: async (o) => benchBacktestVenue({ messages: num(o.messages, 2_000_000), symbols: num(o.symbols, 4), seed: num(o.seed, 1), rounds: num(o.rounds, 3) }),
  },
  dashboard: {
    describe: 'engine event rate with three WebSocket clients on the dashboard stream vs none (ratio; thread share)',
    run: async (o) => benchDashboard({ rounds: num(o.rounds, 8) }),
  },
  tpe: {
    describe: 'our TPE vs Optuna 3.1 TPESampler (Debian python3): median best over 10 seeds of 100 trials (Branin, Hartmann-6, a backtest)',
    run: async () => benchTpe(),
  },
  'matching-differential': {
    describe: 'fast vs reference matching engine over 1M seeded commands (state hash compared)',
    run: async (o) => differentialCampaign(num(o.messages, 1_000_000), { seed: num(o.seed, 1) }),
  },
};

export function registerBench(program: Command): void {
  const bench = program.command('bench').description('benchmarks (JSON on the last stdout line with --json)');
  for (const [name, b] of Object.entries(BENCHES)) {
    bench
      .command(name)
      .description(b.describe)
      .option('--json', 'print the result as JSON (last stdout line)')
      .option('--messages <n>', 'workload size')
      .option('--symbols <k>', 'instruments (feed)')
      .option('--seed <s>', 'seed')
      .option('--rounds <r>', 'rounds (medians are reported)')
      .option('--file <f>', 'feed: use this ITCH file instead of generating one')
      .action(async (o: Record<string, string | boolean | undefined>) => {
        const r = await b.run(o);
        printResult(name, r, o.json === true);
      });
  }
  bench
    .command('all')
    .description('every benchmark in turn')
    .option('--json', 'JSON lines; the last line holds every result')
    .action(async (o: { json?: boolean }) => {
      const all: Record<string, object> = {};
      for (const [name, b] of Object.entries(BENCHES)) {
        const r = await b.run({});
        all[name] = r;
        printResult(name, r, o.json === true);
      }
      if (o.json) process.stdout.write(JSON.stringify(all) + '\n');
    });
}

function printResult(name: string, r: object, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  process.stdout.write(`${name}:\n`);
  for (const [k, v] of Object.entries(r)) {
    const s = typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 3 })) : JSON.stringify(v);
    process.stdout.write(`  ${k.padEnd(22)} ${s}\n`);
  }
}
