// Benchmark of the simulator's hot path: the synthetic market (agents -> venue -> matching engines) with
// the ITCH publisher encoding every message, and optionally the feed side decoding them back into
// L3Books in process (publisher -> bytes -> ItchBookHandler, the same code as over UDP minus the socket).
// Method: a warm-up market of `warmupCommands`, then a fresh market (same seed) timed over `commands`
// venue commands with monoNs() (src/clock/live.ts); the heap is measured before and after the timed run
// (after a GC when node runs with --expose-gc) to show the per-command garbage, if any. Figures are
// indicative on a shared machine; the lead wires benchSimulator() into `npm run bench`.

import { monoNs } from '../clock/live.js';
import { L3Books } from '../book/l3.js';
import { InstrumentRegistry } from '../core/instruments.js';
import { ItchBookHandler } from '../feed/itch/book-handler.js';
import { createSyntheticMarket } from './agents.js';
import { ItchPublisher } from './itch-publisher.js';

export interface SimBenchOptions {
  commands?: number;
  warmupCommands?: number;
  seed?: number;
  /** Also decode every message into L3Books (default true). */
  decode?: boolean;
}

export interface SimBenchResult {
  commands: number;
  messages: number;
  commandsPerSecond: number;
  messagesPerSecond: number;
  /** Heap growth over the timed run, MB (garbage included unless node runs with --expose-gc). */
  heapDeltaMb: number;
  simulatedSeconds: number;
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g !== undefined) g();
}

function run(commands: number, seed: number, decode: boolean): { ns: number; messages: number; heap: number; simNs: number } {
  const market = createSyntheticMarket({ seed });
  const handler = new ItchBookHandler(new L3Books(), new InstrumentRegistry());
  const pub = new ItchPublisher(market.venue, decode ? { taps: [(b, o, l) => { handler.onMessage(b, o, l); }] } : {});
  market.open();
  const start = market.clock.now();
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = monoNs();
  market.stepCommands(commands);
  const ns = monoNs() - t0;
  gc();
  const heap = process.memoryUsage().heapUsed - heap0;
  return { ns, messages: pub.nextSequence - 1, heap, simNs: market.clock.now() - start };
}

export function benchSimulator(opts: SimBenchOptions = {}): SimBenchResult {
  const commands = opts.commands ?? 1_000_000;
  const seed = opts.seed ?? 1;
  const decode = opts.decode ?? true;
  run(opts.warmupCommands ?? 200_000, seed, decode);
  const r = run(commands, seed, decode);
  return {
    commands,
    messages: r.messages,
    commandsPerSecond: Math.round(commands / (r.ns / 1e9)),
    messagesPerSecond: Math.round(r.messages / (r.ns / 1e9)),
    heapDeltaMb: Math.round((r.heap / 1048576) * 100) / 100,
    simulatedSeconds: Math.round(r.simNs / 1e9),
  };
}
