// Round-trip benchmark over loopback TCP: our initiator sends a NewOrderSingle, our acceptor
// (dictionary validation on, in-memory store) echoes it, the initiator receives and validates it.
// One order in flight at a time; latencies in microseconds from sendApp to the echo's fromApp.
// Both sides run in this process and share its event loop (so the figure includes two
// decode+validate+encode passes and two loopback hops). Timing via monoNs (src/clock/live.ts).

import { monoNs, LiveClock, wallMs, setLiveTimeout } from '../clock/live.js';
import type { FixDictionary } from './dictionary/dictionary.js';
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
}

export async function benchFixRoundTrip(dictionary: FixDictionary, orders = 20_000): Promise<FixRttBench> {
  const ms = wallMs();
  const time = { clock: new LiveClock(), epochMs: ms - (ms % 86_400_000) };
  const cfg = { ...defaultSessionConfig, beginString: dictionary.beginString, dictionary, heartBtInt: 30 };
  const acc = await startAcceptor({
    port: 0,
    sessions: [new FixSession({ ...cfg, senderCompId: 'EXEC', targetCompId: 'BANZAI' }, new MemoryStore(), new EchoApplication(), time)],
  });
  let wake: (() => void) | null = null;
  const app: FixApplication = {
    fromApp: () => {
      const w = wake;
      wake = null;
      w?.();
      return -1;
    },
  };
  const ini = new FixSession({ ...cfg, senderCompId: 'BANZAI', targetCompId: 'EXEC', initiator: true }, new MemoryStore(), app, time);
  const conn = new FixInitiator(ini, { host: '127.0.0.1', port: acc.port });
  try {
    conn.start();
    for (let i = 0; i < 5000 && !ini.loggedOn; i++) await new Promise<void>((r) => setLiveTimeout(r, 1));
    if (!ini.loggedOn) throw new Error('bench: logon did not complete');
    const body = Buffer.from('11=ORD-1\x0121=1\x0138=100\x0140=2\x0144=101.25\x0154=1\x0155=INTC\x0160=20260105-00:00:00\x01', 'latin1');
    const lat = new Float64Array(orders);
    const warm = Math.min(1000, orders);
    const t0 = monoNs();
    for (let i = -warm; i < orders; i++) {
      const done = new Promise<void>((r) => (wake = r));
      const t = monoNs();
      ini.sendApp('D', [], body);
      await done;
      if (i >= 0) lat[i] = (monoNs() - t) / 1000;
    }
    const total = monoNs() - t0;
    lat.sort();
    const q = (p: number) => Math.round(lat[Math.min(orders - 1, Math.floor(p * orders))] * 10) / 10;
    return { orders, rttP50Us: q(0.5), rttP99Us: q(0.99), rttMaxUs: q(1), roundTripsPerSecond: Math.round(((orders + warm) * 1e9) / total) };
  } finally {
    await conn.stop(200);
    await acc.close();
  }
}
