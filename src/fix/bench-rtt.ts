// Round-trip benchmark over loopback TCP: our initiator sends a NewOrderSingle, our acceptor
// (dictionary validation on, in-memory store) echoes it, the initiator receives and validates it.
// One order in flight at a time; a latency runs from just before sendApp to the echo's fromApp (the
// application has the reply), in microseconds. The next order leaves from that fromApp, as a
// strategy reacting to a report would send, so no promise or timer sits between round trips.
// Both sides run in this process and share its event loop (so the figure includes two
// decode+validate+encode passes, two store writes and two loopback hops). Timing via monoNs.
//
// The same run also times a bare Node TCP ping-pong of a message the same size (onread reads,
// sock.write writes, no FIX): the floor the kernel and libuv set on this machine at this moment,
// so that a reader can tell engine cost from machine noise (tcpP50Us / tcpP99Us).

import { connect, createServer, type Socket } from 'node:net';
import { monoNs, LiveClock, wallMs, setLiveTimeout } from '../clock/live.js';
import type { FixDictionary } from './dictionary/dictionary.js';
import type { FixMessageView } from './codec/decoder.js';
import { FixSession } from './session/session.js';
import { MemoryStore } from './session/store.js';
import { defaultSessionConfig, type FixApplication } from './session/types.js';
import { startAcceptor } from './transport/acceptor.js';
import { FixInitiator } from './transport/initiator.js';
import { EchoApplication } from './acceptance/echo-app.js';

export interface FixRttBench {
  orders: number;
  rttP50Us: number;
  rttP99Us: number;
  rttMaxUs: number;
  roundTripsPerSecond: number;
  /** The bare TCP ping-pong in the same run (no FIX): the machine's floor right now. */
  tcpP50Us: number;
  tcpP99Us: number;
}

/** Round trips before timing starts (each side's code optimised, buffers and the store warm). */
const WARM = 5000;

function quantiles(lat: Float64Array): { p50: number; p99: number; max: number } {
  lat.sort();
  const n = lat.length;
  const q = (p: number) => Math.round(lat[Math.min(n - 1, Math.floor(p * n))] * 10) / 10;
  return { p50: q(0.5), p99: q(0.99), max: q(1) };
}

export async function benchFixRoundTrip(dictionary: FixDictionary, orders = 20_000): Promise<FixRttBench> {
  const warm = Math.min(WARM, orders);
  const fix = await fixRoundTrips(dictionary, orders, warm);
  const tcp = await tcpRoundTrips(fix.bytes, orders, warm);
  return { orders, rttP50Us: fix.p50, rttP99Us: fix.p99, rttMaxUs: fix.max, roundTripsPerSecond: fix.perSecond, tcpP50Us: tcp.p50, tcpP99Us: tcp.p99 };
}

async function fixRoundTrips(dictionary: FixDictionary, orders: number, warm: number) {
  const ms = wallMs();
  const time = { clock: new LiveClock(), epochMs: ms - (ms % 86_400_000) };
  const cfg = { ...defaultSessionConfig, beginString: dictionary.beginString, dictionary, heartBtInt: 30 };
  const acc = await startAcceptor({
    port: 0,
    sessions: [new FixSession({ ...cfg, senderCompId: 'EXEC', targetCompId: 'BANZAI' }, new MemoryStore(), new EchoApplication(), time)],
  });
  const body = Buffer.from('11=ORD-1\x0121=1\x0138=100\x0140=2\x0144=101.25\x0154=1\x0155=INTC\x0160=20260105-00:00:00\x01', 'latin1');
  const lat = new Float64Array(orders);
  let i = -warm;
  let t = 0;
  let bytes = 0;
  let finished: (() => void) | null = null;
  let ini: FixSession | null = null;
  const send = () => {
    t = monoNs();
    ini!.sendApp('D', [], body);
  };
  const app: FixApplication = {
    fromApp: (v: FixMessageView) => {
      const now = monoNs();
      if (i >= 0) lat[i] = (now - t) / 1000;
      bytes = v.end - v.start;
      if (++i < orders) send();
      else finished?.();
      return -1;
    },
  };
  ini = new FixSession({ ...cfg, senderCompId: 'BANZAI', targetCompId: 'EXEC', initiator: true }, new MemoryStore(), app, time);
  const conn = new FixInitiator(ini, { host: '127.0.0.1', port: acc.port });
  try {
    conn.start();
    for (let k = 0; k < 5000 && !ini.loggedOn; k++) await new Promise<void>((r) => setLiveTimeout(r, 1));
    if (!ini.loggedOn) throw new Error('bench: logon did not complete');
    const done = new Promise<void>((r) => (finished = r));
    const t0 = monoNs();
    send();
    await done;
    const total = monoNs() - t0;
    const q = quantiles(lat);
    return { ...q, bytes, perSecond: Math.round(((orders + warm) * 1e9) / total) };
  } finally {
    await conn.stop(200);
    await acc.close();
  }
}

/** The same ping-pong shape without FIX: a client sends `bytes` bytes, the server writes back what it reads. */
async function tcpRoundTrips(bytes: number, orders: number, warm: number) {
  const msg = Buffer.alloc(Math.max(1, bytes), 0x41);
  const server = createServer((s: Socket) => {
    s.setNoDelay(true);
    s.on('data', (d: Buffer) => s.write(d));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  const lat = new Float64Array(orders);
  let i = -warm;
  let t = 0;
  let got = 0;
  let finished: (() => void) | null = null;
  const client = connect({
    host: '127.0.0.1',
    port,
    onread: {
      buffer: Buffer.allocUnsafe(65536),
      callback: (n: number) => {
        got += n;
        if (got < msg.length) return true;
        got = 0;
        const now = monoNs();
        if (i >= 0) lat[i] = (now - t) / 1000;
        if (++i < orders) {
          t = monoNs();
          client.write(msg);
        } else finished?.();
        return true;
      },
    },
  });
  try {
    await new Promise<void>((r) => client.once('connect', () => r()));
    client.setNoDelay(true);
    const done = new Promise<void>((r) => (finished = r));
    t = monoNs();
    client.write(msg);
    await done;
    return quantiles(lat);
  } finally {
    client.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  }
}
