// Benchmark of the order-entry path in one process, sockets aside: a client FixSession sends
// NewOrderSingles to the venue's FixSession (decode, FIX44.xml validation, sequence checks), the gateway
// maps each onto the Venue (matching) and answers with ExecutionReports that the client session decodes
// and validates in turn. Orders alternate buy and sell at one price, so every second order trades
// (New + Trade reports on both sides). Method: `warmup` orders, then `orders` timed with monoNs(); the
// latency of one order is from the client's send to the last report it caused being processed. The
// stores keep nothing (NullStore): the figure is the gateway and FIX path, not message retention.
// Figures are indicative on a shared machine; the lead wires benchGateway() into `npm run bench`.

import { SimClock } from '../clock/clock.js';
import { monoNs } from '../clock/live.js';
import type { FixDictionary } from '../fix/dictionary/dictionary.js';
import { FixSession } from '../fix/session/session.js';
import type { MessageStore } from '../fix/session/store.js';
import { defaultSessionConfig, type FixApplication } from '../fix/session/types.js';
import { Venue } from '../sim/venue.js';
import { Gateway } from './gateway.js';
import { defaultSessionPolicy } from './orders.js';

export interface GatewayBenchOptions {
  dictionary: FixDictionary;
  orders?: number;
  warmup?: number;
}

export interface GatewayBenchResult {
  orders: number;
  ordersPerSecond: number;
  reports: number;
  p50Ns: number;
  p99Ns: number;
}

/** Sequence numbers only: nothing retained for resends. */
class NullStore implements MessageStore {
  private s = 1;
  private t = 1;
  private c = Number.NaN;
  nextSenderSeq(): number { return this.s; }
  nextTargetSeq(): number { return this.t; }
  setNextSenderSeq(n: number): void { this.s = n; }
  setNextTargetSeq(n: number): void { this.t = n; }
  set(): void {}
  get(): Array<[number, Buffer]> { return []; }
  reset(): void { this.s = 1; this.t = 1; }
  creationMs(): number { return this.c; }
  setCreationMs(ms: number): void { this.c = ms; }
}

function run(dictionary: FixDictionary, orders: number): { ns: number; reports: number; lat: Float64Array } {
  const clock = new SimClock(34_200e9);
  const time = { clock, epochMs: Date.UTC(2026, 0, 5) };
  const venue = new Venue({ instruments: [{ symbol: 'AAPL', referencePx: 1_900_000 }] });
  // no throttle: the bench sends far more than a session may in production
  const policy = { ...defaultSessionPolicy, throttle: { windowMs: 1000, rejectAbove: 1e12, disconnectAbove: 1e12 } };
  const gateway = new Gateway({ venue, clock, epochMs: time.epochMs, policy: () => policy });
  let reports = 0;
  const clientApp: FixApplication = { fromApp: () => { reports++; return -1; } };
  const base = { ...defaultSessionConfig, beginString: 'FIX.4.4', dictionary, maxLatencySec: 0 };
  const exch = new FixSession({ ...base, senderCompId: 'EXCH', targetCompId: 'BENCH' }, new NullStore(), gateway, time);
  const client = new FixSession({ ...base, senderCompId: 'BENCH', targetCompId: 'EXCH', initiator: true }, new NullStore(), clientApp, time);
  // Queues instead of direct calls: a session is never re-entered while it sends.
  const toExch: Buffer[] = [];
  const toClient: Buffer[] = [];
  exch.attach({ send: (b) => toClient.push(Buffer.from(b)), disconnect: () => undefined });
  client.attach({ send: (b) => toExch.push(Buffer.from(b)), disconnect: () => undefined });
  const pump = () => {
    for (;;) {
      const a = toExch.shift();
      if (a !== undefined) exch.onFrame(a, 0, a.length);
      const b = toClient.shift();
      if (b !== undefined) client.onFrame(b, 0, b.length);
      if (a === undefined && b === undefined) return;
    }
  };
  pump();
  if (!client.loggedOn) throw new Error('bench: no logon');
  const bodies = [0, 1].map((side) => Buffer.from(`55=AAPL\x0154=${side + 1}\x0160=20260105-10:00:00\x0138=100\x0140=2\x0144=190\x01`, 'latin1'));
  const idBuf = Buffer.alloc(64);
  const lat = new Float64Array(orders);
  reports = 0;
  const t0 = monoNs();
  for (let i = 0; i < orders; i++) {
    const s = monoNs();
    clock.advance(1000);
    const n = idBuf.write(`11=O${i}\x01`, 0, 'latin1');
    client.sendApp('D', [], Buffer.concat([idBuf.subarray(0, n), bodies[i & 1]]));
    pump();
    lat[i] = monoNs() - s;
  }
  const ns = monoNs() - t0;
  if (venue.engine(0).fillCount() !== orders >> 1) throw new Error(`bench: ${venue.engine(0).fillCount()} fills for ${orders} orders (${exch.lastEvent}; ${client.lastEvent})`);
  return { ns, reports, lat };
}

export function benchGateway(opts: GatewayBenchOptions): GatewayBenchResult {
  const orders = opts.orders ?? 100_000;
  run(opts.dictionary, opts.warmup ?? 20_000);
  const r = run(opts.dictionary, orders);
  const sorted = Float64Array.from(r.lat).sort();
  return {
    orders,
    ordersPerSecond: Math.round(orders / (r.ns / 1e9)),
    reports: r.reports,
    p50Ns: sorted[Math.floor(orders * 0.5)],
    p99Ns: sorted[Math.floor(orders * 0.99)],
  };
}
