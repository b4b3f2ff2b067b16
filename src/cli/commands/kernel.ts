// `hftbot trade SPEC...` runs strategies (YAML specs, or strategy modules exporting a factory) in the
// kernel against the in-process synthetic market, with the simulator venue port (orders trade with the
// market's agents) or the shadow port (fills modelled on the book), optionally journaled; prints orders,
// fills, position and PnL per strategy (`--json`: one object as the last stdout line).
// `hftbot kernel bench [--json]` runs benchKernel ({eventsPerSecond, tickToOrderP99Us, ...}); the same
// benchmark is exported as KERNEL_BENCH for `hftbot bench kernel` (src/cli/commands/bench.ts BENCHES).
// `hftbot kernel replay JOURNAL SPEC...` rebuilds the kernel from a journal and prints its state hash.
// Cold path: ordinary TypeScript.

import type { Command } from 'commander';
import { SimClock } from '../../clock/clock.js';
import { RISK_PRESETS, loadSpec, parseDuration, type StrategySpec } from '../../config/index.js';
import { FileJournal } from '../../journal/index.js';
import { benchKernel, buildKernel, replayKernel, simSession, type KernelStrategy } from '../../kernel/index.js';
import { limitsFromPreset } from '../../risk/index.js';
import { defaultInstruments } from '../../sim/index.js';
import { assertStrategy, limitsFromSpec, loadStrategyModule, strategyFromSpec } from '../../strategy/index.js';
import type { Strategy } from '../../strategy/index.js';

export const KERNEL_BENCH = {
  describe: 'full kernel: ITCH in -> book -> features -> strategy -> risk -> OMS -> FIX NewOrderSingle bytes out',
  run: async (o: Record<string, string | boolean | undefined>) => benchKernel({ messages: typeof o.messages === 'string' ? Number(o.messages) : undefined }),
};

interface Counted {
  executor?: { orders: number; fills: number; rejects: number };
  quotes?: number;
  fills?: number;
}

/** Strategy entries from spec files (YAML) or modules (.js/.mjs/.ts with a factory). */
export async function loadStrategies(files: string[]): Promise<KernelStrategy[]> {
  const out: KernelStrategy[] = [];
  for (const f of files) {
    if (/\.(m?js|ts)$/.test(f)) {
      const factory = await loadStrategyModule(f);
      out.push({ strategy: assertStrategy(factory({}), f), limits: limitsFromPreset(RISK_PRESETS.low, { priceScale: 10_000 }) });
      continue;
    }
    const r = loadSpec(f);
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
    if (r.kind !== 'strategy') throw new Error(`${f}: a ${r.kind} file, not a strategy`);
    const spec = r.spec as StrategySpec;
    out.push({ strategy: strategyFromSpec(spec), limits: limitsFromSpec(spec) });
  }
  return out;
}

export interface TradeOptions {
  venue?: 'sim' | 'shadow';
  seed?: number;
  durationNs?: number;
  journal?: string;
}

export interface TradeSummary {
  venue: string;
  seconds: number;
  events: number;
  commands: number;
  riskRejects: number;
  stateHash: string;
  strategies: Array<{ name: string; orders: number; fills: number; position: Record<string, number>; pnlUsd: number; feesUsd: number }>;
}

export function runTrade(entries: KernelStrategy[], opts: TradeOptions = {}): TradeSummary {
  const symbols = [...new Set(entries.flatMap((e) => e.strategy.symbols))];
  const known = defaultInstruments();
  const missing = symbols.filter((s) => !known.some((k) => k.symbol === s));
  if (missing.length > 0) throw new Error(`the synthetic market has no ${missing.join(', ')} (it has ${known.map((k) => k.symbol).join(', ')})`);
  // a follower needs its leader in the market
  const need = new Set(symbols);
  for (const k of known) if (need.has(k.symbol) && k.follows !== undefined) need.add(k.follows.leader);
  const journal = opts.journal === undefined ? null : new FileJournal(opts.journal, { fsync: 'batch' });
  const session = simSession({
    market: { seed: opts.seed ?? 1, instruments: known.filter((k) => need.has(k.symbol)) },
    kernel: { instruments: symbols, strategies: entries },
    venue: opts.venue ?? 'sim',
    journal,
  });
  const start = session.clock.now();
  const duration = opts.durationNs ?? 60e9;
  session.run(start + duration);
  journal?.sync();
  journal?.close();
  const k = session.kernel;
  const scale = 10_000;
  return {
    venue: session.port.kind,
    seconds: duration / 1e9,
    events: k.feedEvents + k.execEvents + k.timerFires,
    commands: k.commands,
    riskRejects: k.riskRejects,
    stateHash: k.stateHash(),
    strategies: entries.map((e, id) => {
      const c = e.strategy as Strategy & Counted;
      return {
        name: e.strategy.name,
        orders: c.executor?.orders ?? c.quotes ?? 0,
        fills: c.executor?.fills ?? c.fills ?? 0,
        position: Object.fromEntries(e.strategy.symbols.map((s) => [s, k.position(id, symbols.indexOf(s))])),
        pnlUsd: Math.round(k.pnl(id)) / scale,
        feesUsd: Math.round(k.risk.positions.fees[id]) / scale,
      };
    }),
  };
}

function print(obj: object, json: boolean, human: string): void {
  process.stdout.write(json ? `${JSON.stringify(obj)}\n` : `${human}\n`);
}

export function registerKernel(program: Command): void {
  program
    .command('trade')
    .description('run strategy specs (YAML) or modules in the kernel against the synthetic market')
    .argument('<specs...>', 'strategy YAML files, or .js modules exporting a strategy factory')
    .option('--venue <venue>', 'sim (orders trade on the simulator) or shadow (fills modelled on the book)', 'sim')
    .option('--seed <n>', 'synthetic market seed', '1')
    .option('--duration <d>', 'simulated time, e.g. 60s, 5m', '60s')
    .option('--journal <file>', 'journal every input and command to this file')
    .option('--json', 'print the summary as JSON (last line)')
    .action(async (specs: string[], o: { venue: string; seed: string; duration: string; journal?: string; json?: boolean }) => {
      if (o.venue !== 'sim' && o.venue !== 'shadow') throw new Error(`--venue: sim or shadow, got ${o.venue}`);
      const d = parseDuration(o.duration);
      if (!d.ok) throw new Error(`--duration: ${d.error}`);
      const s = runTrade(await loadStrategies(specs), { venue: o.venue, seed: Number(o.seed), durationNs: d.value, journal: o.journal });
      const lines = s.strategies.map((x) => `${x.name}: orders ${x.orders} fills ${x.fills} position ${JSON.stringify(x.position)} PnL $${x.pnlUsd.toFixed(2)} (fees $${x.feesUsd.toFixed(2)})`);
      print(s, o.json === true, [`${s.venue} venue, ${s.seconds}s simulated, ${s.events} events, ${s.commands} commands, ${s.riskRejects} risk rejects`, ...lines, `state ${s.stateHash}`].join('\n'));
    });

  const kernel = program.command('kernel').description('the trading kernel: benchmark and journal replay');
  kernel
    .command('bench')
    .description(KERNEL_BENCH.describe)
    .option('--messages <n>', 'market-data messages per pass')
    .option('--json', 'print the result as JSON (last line)')
    .action(async (o: { messages?: string; json?: boolean }) => {
      const r = await KERNEL_BENCH.run(o);
      print(r, o.json === true, `kernel: ${r.eventsPerSecond} events/s, tick-to-order p50 ${r.tickToOrderP50Us} us, p99 ${r.tickToOrderP99Us} us (${r.samples} orders)`);
    });
  kernel
    .command('replay')
    .description('rebuild the kernel from a journal written by `hftbot trade --journal` and print its state hash')
    .argument('<journal>', 'journal file')
    .argument('<specs...>', 'the same strategy specs, in the same order')
    .option('--json', 'print the result as JSON (last line)')
    .action(async (file: string, specs: string[], o: { json?: boolean }) => {
      const entries = await loadStrategies(specs);
      const symbols = [...new Set(entries.flatMap((e) => e.strategy.symbols))];
      let first = true;
      const r = replayKernel(new FileJournal(file, { fsync: 'none' }), (clock: SimClock, port) => {
        if (!first) throw new Error('one kernel per journal');
        first = false;
        return buildKernel({ instruments: symbols, strategies: entries }, { clock, venue: port });
      });
      const out = { records: r.scan.records, status: r.scan.status, commands: r.commands, mismatches: r.kernel.replayMismatches + r.kernel.unmatchedCommands, stateHash: r.kernel.stateHash() };
      print(out, o.json === true, `${out.records} records (${out.status}), ${out.commands} commands, ${out.mismatches} mismatches, state ${out.stateHash}`);
      if (out.mismatches > 0) process.exitCode = 1;
    });
}
