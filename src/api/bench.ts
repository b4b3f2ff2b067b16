// benchDashboard (issue 8 acceptance): the engine's event rate with three WebSocket clients subscribed
// to the dashboard's full stream vs with none; the goal is within 5%.
// Setup: a SimBackend (the synthetic market, the kernel, the seeds' momentum strategy and a market maker)
// stepped as fast as it goes on this thread, in ~4 ms slices with a yield to the event loop between
// them (the HTTP server and the stream share the thread, as in `hftbot run`); the API on 127.0.0.1 with
// the stream at its top rate (10 snapshots/s). The clients run in a child process (browsers are other
// processes too), connecting and disconnecting on command. Phases alternate none / three, `rounds`
// times each in ABBA order and pooled per configuration, so a drift (other processes on a shared machine,
// the market's activity over simulated time) hits both sides. The market's activity makes events/s vary
// between phases by itself; shareRatio (engine thread time with / without clients) shows the clients'
// cost without that noise.
// Figures: engine events (feed + exec) per wall second.

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import Fastify from 'fastify';
import { monoNs, setLiveTimeout } from '../clock/live.js';
import { DEMO_TOKENS } from './tokens.js';
import { registerApi } from './index.js';
import { SimBackend } from './sim/backend.js';

export interface DashboardBenchOptions {
  /** Length of one phase, ms (default 750). */
  phaseMs?: number;
  /** Phases per configuration (default 8). */
  rounds?: number;
  clients?: number;
  snapshotHz?: number;
}

export interface DashboardBenchResult {
  eventsPerSecNone: number;
  eventsPerSecClients: number;
  clients: number;
  /** clients / none: the pooled rates (all clients phases / all none phases, ABBA order). */
  ratio: number;
  /** The median over the rounds of the ratio of a round's two adjacent phases. */
  medianRatio: number;
  /** engineShareClients / engineShareNone: the same effect seen as thread time, blind to the market's activity. */
  shareRatio: number;
  /** Fraction of wall time inside engine slices, none / with clients (what the server's work takes away). */
  engineShareNone: number;
  engineShareClients: number;
  /** 100 * (1 - ratio): the slowdown in percent (negative: faster with clients). */
  slowdownPct: number;
  withinFivePct: boolean;
  snapshotHz: number;
  /** Messages and bytes the clients received in their phases. */
  messages: number;
  bytes: number;
  snapshotsTaken: number;
  /** Mean thread time of one stream tick (snapshot, JSON, sends to every client), µs. */
  tickUs: number;
  /** tickUs x snapshotHz: the share of the engine's thread the stream takes at most (socket I/O aside). */
  streamShare: number;
}

const SEED = 'Name: seed-momentum\nStrategy: Momentum\nAsset: AAPL\nLookbackWindow: 100ms\nEntryThreshold: 0.7\nRiskTolerance: Low\n';
const MM = 'Name: mm-msft\nStrategy: Market Making\nAsset: MSFT\nRiskTolerance: Low\n';

// The child: connects `n` clients on "connect", closes them on "disconnect", prints counts as JSON.
const CLIENT = `
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
const WS = createRequire(process.cwd() + '/')('ws');
const [url, n] = [process.argv[1], Number(process.argv[2])];
let socks = [], messages = 0, bytes = 0;
createInterface({ input: process.stdin }).on('line', async (cmd) => {
  if (cmd === 'connect') {
    messages = 0; bytes = 0;
    socks = await Promise.all(Array.from({ length: n }, () => new Promise((res, rej) => {
      const ws = new WS.WebSocket(url);
      ws.on('message', (m) => { messages++; bytes += m.length; });
      ws.on('open', () => res(ws)); ws.on('error', rej);
    })));
    console.log(JSON.stringify({ connected: socks.length }));
  } else if (cmd === 'disconnect') {
    for (const s of socks) s.close();
    socks = [];
    console.log(JSON.stringify({ messages, bytes }));
  } else if (cmd === 'exit') process.exit(0);
});
console.log(JSON.stringify({ ready: true }));
`;

function yieldLoop(): Promise<void> {
  return new Promise((r) => setLiveTimeout(r, 0));
}

class Child {
  private readonly lines: string[] = [];
  private waiter: (() => void) | null = null;
  constructor(readonly proc: ChildProcess) {
    createInterface({ input: proc.stdout! }).on('line', (l) => {
      this.lines.push(l);
      this.waiter?.();
    });
  }
  send(cmd: string): void {
    this.proc.stdin!.write(`${cmd}\n`);
  }
  /** The next line, while the engine keeps running (waiting must not idle the measured thread). */
  async next(step: () => void): Promise<Record<string, number>> {
    while (this.lines.length === 0) {
      step();
      await yieldLoop();
    }
    return JSON.parse(this.lines.shift()!) as Record<string, number>;
  }
}

export async function benchDashboard(opts: DashboardBenchOptions = {}): Promise<DashboardBenchResult> {
  const phaseMs = opts.phaseMs ?? 750;
  const rounds = opts.rounds ?? 8;
  const n = opts.clients ?? 3;
  const hz = opts.snapshotHz ?? 10;
  const backend = new SimBackend({ preload: [{ yaml: SEED, stage: 'paper' }, { yaml: MM, stage: 'paper' }] });
  const app = Fastify({ logger: false });
  const hub = await registerApi(app, backend, { tokens: DEMO_TOKENS, snapshotHz: hz });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `${base.replace('http', 'ws')}/api/stream?token=${DEMO_TOKENS[0].token}`;
  const child = new Child(spawn(process.execPath, ['--input-type=module', '-e', CLIENT, url, String(n)], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const k = backend.session.kernel;
  const events = (): number => k.feedEvents + k.execEvents;
  let busy = 0;
  const slice = (): void => {
    const t0 = monoNs();
    let t = t0;
    while (t - t0 < 4_000_000) {
      backend.step(1);
      t = monoNs();
    }
    busy += t - t0;
  };
  const phase = async (): Promise<{ ev: number; ns: number; busy: number }> => {
    const e0 = events();
    const t0 = monoNs();
    busy = 0;
    while (monoNs() - t0 < phaseMs * 1e6) {
      slice();
      await yieldLoop();
    }
    return { ev: events() - e0, ns: monoNs() - t0, busy };
  };
  const add = (x: { ev: number; ns: number; busy: number }, y: { ev: number; ns: number; busy: number }) => ({ ev: x.ev + y.ev, ns: x.ns + y.ns, busy: x.busy + y.busy });
  let none = { ev: 0, ns: 0, busy: 0 };
  let withClients = { ev: 0, ns: 0, busy: 0 };
  const ratios: number[] = [];
  let messages = 0;
  let bytes = 0;
  try {
    await child.next(slice);
    // Warm-up: the engine's code paths and the server's (one connect / disconnect).
    const warmEnd = monoNs() + 1e9;
    while (monoNs() < warmEnd) { slice(); await yieldLoop(); }
    child.send('connect');
    await child.next(slice);
    child.send('disconnect');
    await child.next(slice);
    const withClientsPhase = async () => {
      child.send('connect');
      const c = await child.next(slice);
      if (c.connected !== n) throw new Error(`dashboard bench: ${c.connected} of ${n} clients connected`);
      if (hub.size !== n) throw new Error(`dashboard bench: the hub has ${hub.size} clients`);
      const b = await phase();
      child.send('disconnect');
      const m = await child.next(slice);
      messages += m.messages;
      bytes += m.bytes;
      return b;
    };
    for (let r = 0; r < rounds; r++) {
      // ABBA order: a drift over time (the market's activity) favours neither side.
      const a = r % 2 === 0 ? await phase() : null;
      const b = await withClientsPhase();
      const a2 = a ?? (await phase());
      none = add(none, a2);
      withClients = add(withClients, b);
      ratios.push((b.ev / b.ns) / (a2.ev / a2.ns));
    }
  } finally {
    child.send('exit');
    backend.close();
    await app.close();
  }
  const rateNone = none.ev / (none.ns / 1e9);
  const rateClients = withClients.ev / (withClients.ns / 1e9);
  ratios.sort((x, y) => x - y);
  const mid = ratios.length >> 1;
  const medianRatio = ratios.length % 2 === 1 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
  const ratio = rateClients / rateNone;
  const shareNone = none.busy / none.ns;
  const shareClients = withClients.busy / withClients.ns;
  return {
    eventsPerSecNone: Math.round(rateNone), eventsPerSecClients: Math.round(rateClients), clients: n, ratio,
    medianRatio, shareRatio: shareClients / shareNone, engineShareNone: shareNone, engineShareClients: shareClients,
    slowdownPct: 100 * (1 - ratio), withinFivePct: ratio >= 0.95, snapshotHz: hz, messages, bytes, snapshotsTaken: hub.ticks,
    tickUs: hub.ticks > 0 ? hub.busyNs / hub.ticks / 1000 : 0, streamShare: hub.ticks > 0 ? (hub.busyNs / hub.ticks / 1e9) * hz : 0,
  };
}
