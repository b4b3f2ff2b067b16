// The outside world of the tick-to-trade benchmark (./tick-to-trade.ts), i.e. everything that is not the
// trading engine under test:
// - the market-data input: ITCH 5.0 messages recorded once from the synthetic market, pre-framed as
//   MoldUDP64 packets (one message each) in one buffer, so the sender does no encoding while timed;
// - the venue: a FIX 4.4 acceptor in front of the exchange gateway (src/exchange Gateway on a simulator
//   Venue), whose sockets get a first 'data' listener that stamps the moment the bytes are read, before
//   the gateway's FIX session parses them (`onRead`).
// Cold wiring; the stamping listener allocates nothing.

import { createServer, type Server, type Socket } from 'node:net';
import { clearLiveTimer, setLiveInterval, type LiveClock } from '../clock/live.js';
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
  /** Called first for every chunk the venue reads, with the chunk (before its FIX session sees it). */
  onRead: (chunk: Buffer) => void;
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
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('data', o.onRead); // registered first: runs before the session's listener
    bindSocket(sock, lookup, null);
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
