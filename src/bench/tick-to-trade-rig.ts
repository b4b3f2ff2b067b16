// The outside world of the tick-to-trade benchmark (./tick-to-trade.ts), i.e. everything that is not the
// trading engine under test:
// - the market-data input: ITCH 5.0 messages recorded once from the synthetic market, pre-framed as
//   MoldUDP64 packets (one message each) in one buffer, so the sender does no encoding while timed;
// - the venue: a FIX 4.4 acceptor in front of the exchange gateway (src/exchange Gateway on a simulator
//   Venue), whose sockets get a first 'data' listener that stamps the moment the bytes are read, before
//   the gateway's FIX session parses them (`onRead`).
// Cold wiring; the stamping listener allocates nothing.

import { existsSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { clearLiveTimer, monoMs, monoNsBig, setLiveInterval, type LiveClock } from '../clock/live.js';
import { Gateway } from '../exchange/gateway.js';
import { defaultSessionPolicy } from '../exchange/orders.js';
import type { FixMessageView } from '../fix/codec/decoder.js';
import type { FixDictionary } from '../fix/dictionary/dictionary.js';
import { FixSession } from '../fix/session/session.js';
import { MemoryStore } from '../fix/session/store.js';
import { defaultSessionConfig } from '../fix/session/types.js';
import { bindSocket } from '../fix/transport/acceptor.js';
import { MOLD_HEADER_LENGTH, moldSession, writeMoldHeader } from '../feed/moldudp64/packet.js';
import { createSyntheticMarket, defaultInstruments } from '../sim/agents.js';
import { ItchPublisher } from '../sim/itch-publisher.js';
import { Venue } from '../sim/venue.js';
import type { VenueWorkerData } from './tick-to-trade-venue.js';

export interface MoldPackets {
  /** Every packet, back to back: packet i is buf[offsets[i], offsets[i + 1]). */
  buf: Buffer;
  offsets: Int32Array;
  n: number;
  session: Buffer;
}

/** `count` ITCH messages of the synthetic market (one instrument), each framed as one MoldUDP64 packet. Cold. */
export function recordMoldPackets(count: number, seed: number, symbol = 'AAPL', sessionName = 'HFTBOT0001'): MoldPackets {
  const market = createSyntheticMarket({ seed, instruments: defaultInstruments().filter((i) => i.symbol === symbol) });
  const session = moldSession(sessionName);
  const buf = Buffer.alloc(count * (MOLD_HEADER_LENGTH + 2 + 64));
  const offsets = new Int32Array(count + 1);
  const header = Buffer.alloc(MOLD_HEADER_LENGTH);
  let n = 0;
  let pos = 0;
  new ItchPublisher(market.venue, {
    taps: [(b, off, len) => {
      if (n >= count) return;
      writeMoldHeader(header, session, n + 1, 1);
      header.copy(buf, pos);
      buf.writeUInt16BE(len, pos + MOLD_HEADER_LENGTH);
      b.copy(buf, pos + MOLD_HEADER_LENGTH + 2, off, off + len);
      pos += MOLD_HEADER_LENGTH + 2 + len;
      n++;
      offsets[n] = pos;
    }],
  });
  let t = market.clock.now();
  while (n < count) market.step((t += 10_000_000));
  return { buf, offsets, n, session };
}

export interface StampedVenue {
  readonly port: number;
  readonly venue: Venue;
  readonly gateway: Gateway;
  close(): Promise<void>;
}

export interface StampedVenueOptions {
  dictionary: FixDictionary;
  clock: LiveClock;
  epochMs: number;
  compId: string;
  symbol: string;
  referencePx: number;
  /**
   * Called first for every read, with the bytes in buf[0, n) (a buffer reused by every read of the
   * socket: valid only during the call), before the venue's FIX session sees them.
   */
  onRead: (buf: Buffer, n: number) => void;
}

const NEW_ORDER = Buffer.from('\x0135=D\x01', 'latin1');

/** Whether buf[0, n) holds a NewOrderSingle's MsgType field (<SOH>35=D<SOH>). Allocates nothing. */
export function holdsNewOrder(buf: Buffer, n: number): boolean {
  const k = NEW_ORDER.length;
  outer: for (let i = 0; i + k <= n; i++) {
    for (let j = 0; j < k; j++) if (buf[i + j] !== NEW_ORDER[j]) continue outer;
    return true;
  }
  return false;
}

/** The venue on 127.0.0.1 (any free port): gateway + acceptor with a read stamp on every socket. */
export async function startStampedVenue(o: StampedVenueOptions): Promise<StampedVenue> {
  const venue = new Venue({ instruments: [{ symbol: o.symbol, referencePx: o.referencePx, bandBps: 2000 }] });
  const time = { clock: o.clock, epochMs: o.epochMs };
  // the benchmark sends orders faster than the default session throttle (500 messages/s) allows
  const policy = { ...defaultSessionPolicy, throttle: { windowMs: 1000, rejectAbove: 1e9, disconnectAbove: 1e9 } };
  const gateway = new Gateway({ venue, clock: o.clock, epochMs: o.epochMs, policy: () => policy });
  const sessions = new Map<string, FixSession>();
  const lookup = (v: FixMessageView): FixSession | undefined => {
    const client = v.get(49);
    if (v.get(56) !== o.compId || client === undefined || client === '') return undefined;
    let s = sessions.get(client);
    if (s === undefined) {
      s = new FixSession({ ...defaultSessionConfig, beginString: 'FIX.4.4', senderCompId: o.compId, targetCompId: client, dictionary: o.dictionary }, new MemoryStore(), gateway, time);
      sessions.set(client, s);
    }
    return s;
  };
  const sockets = new Set<Socket>();
  // Reads as the FIX acceptor (src/fix/transport/acceptor.ts) does them: the accepted socket's handle moves
  // to a socket created with `onread` (one buffer per connection, no stream machinery, no Buffer per read),
  // so the stamp is taken right after the read call returns, before the session parses the bytes.
  const server: Server = createServer({ pauseOnConnect: true }, (accepted) => {
    const a = accepted as unknown as { _handle?: object | null };
    const handle = a._handle;
    a._handle = null;
    const buffer = Buffer.allocUnsafe(65536);
    let feed: ((chunk: Uint8Array, n?: number) => void) | null = null;
    const sock = new Socket({
      handle, readable: true, writable: true,
      onread: { buffer, callback: (n: number, buf: Buffer) => (o.onRead(buf, n), feed!(buf, n), true) },
    } as ConstructorParameters<typeof Socket>[0]);
    sock.on('close', () => accepted.destroy());
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    feed = bindSocket(sock, lookup, null, true);
    sock.resume();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const timer = setLiveInterval(() => { for (const s of sessions.values()) s.onTimer(); }, 100);
  return {
    port, venue, gateway,
    close: async () => {
      clearLiveTimer(timer);
      for (const s of sessions.values()) s.disconnect();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * This thread's monoMs() clock against the process-wide monotonic clock: hrtime ns - monoMs() * 1e6 (each
 * thread's performance.now() has its own origin on the same uv_hrtime clock). A stamp t (ms) taken on a
 * thread with offset a reads t + (a - b) / 1e6 on a thread with offset b. Best of 200 bracketed reads
 * (the narrowest monoMs bracket around the hrtime read), so the error is well under a microsecond. Cold.
 */
export function clockOffsetNs(): number {
  let best = Infinity;
  let offset = 0;
  for (let i = 0; i < 200; i++) {
    const a = monoMs();
    const h = Number(monoNsBig());
    const b = monoMs();
    if (b - a < best) {
      best = b - a;
      offset = h - ((a + b) / 2) * 1e6;
    }
  }
  return offset;
}

/**
 * The machine's own latency floor on this thread: a busy loop reading monoMs() for `ms`, counting the gaps
 * between consecutive reads above 20 µs (the loop never blocks, so each one is the OS or the hypervisor
 * taking the CPU away). Per second, and their median in µs (0 when none). Cold; spins for `ms`.
 */
export function probeStalls(ms: number): { perSec: number; p50Us: number } {
  const gaps: number[] = [];
  const start = monoMs();
  let last = start;
  for (;;) {
    const t = monoMs();
    if (t - last > 0.02) gaps.push((t - last) * 1000);
    last = t;
    if (t - start >= ms) break;
  }
  gaps.sort((a, b) => a - b);
  const p50 = gaps.length === 0 ? 0 : gaps[gaps.length >> 1];
  return { perSec: Math.round((gaps.length * 1000) / (last - start)), p50Us: Math.round(p50 * 10) / 10 };
}

/** The venue as the benchmark's engine sees it, whichever thread it runs on. */
export interface VenueSide {
  port: number;
  /** hrtime ns - monoMs() ns on the venue's thread (see clockOffsetNs). */
  offsetNs: number;
  close(): Promise<{ orders: number; rejects: number }>;
}

export async function sameThreadVenue(v: StampedVenue): Promise<VenueSide> {
  return {
    port: v.port, offsetNs: clockOffsetNs(),
    close: async () => {
      await v.close();
      return { orders: v.gateway.counters.orders, rejects: v.gateway.counters.rejects };
    },
  };
}

/** The compiled worker entry: next to this file when running from dist, else <repo>/dist/bench (vitest). */
function venueWorkerUrl(): URL {
  const here = new URL('./tick-to-trade-venue.js', import.meta.url);
  return import.meta.url.endsWith('.js') ? here : new URL('../../dist/bench/tick-to-trade-venue.js', import.meta.url);
}

/** The venue in a worker thread (./tick-to-trade-venue.ts); resolves once it listens. */
export async function venueThread(data: VenueWorkerData): Promise<VenueSide> {
  const url = venueWorkerUrl();
  if (!existsSync(fileURLToPath(url))) throw new Error(`${fileURLToPath(url)} missing: run \`npm run build\` first`);
  const worker = new Worker(url, { workerData: data });
  const ready = await new Promise<{ port: number; offsetNs: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    port: ready.port, offsetNs: ready.offsetNs,
    close: () => new Promise((resolve) => {
      worker.once('message', (m: { orders: number; rejects: number }) => resolve(m));
      worker.postMessage({ close: true });
    }),
  };
}
