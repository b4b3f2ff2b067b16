// The socket write path writes a message straight from the session encoder's buffer when the socket
// is idle. Under back-pressure (a burst larger than the socket buffers) a write is left pending in
// the kernel/libuv queue with a view of those bytes: the session must then move its encoder to a
// fresh buffer, and queued writes must be copies. A burst of distinct orders, all sent before the
// event loop runs once, must arrive intact (checksums good, nothing garbled or rejected) and in order.
import { describe, expect, it } from 'vitest';
import { LiveClock, wallMs } from '../../src/clock/live.js';
import { FixSession, MemoryStore, defaultSessionConfig } from '../../src/fix/session/index.js';
import { startAcceptor, FixInitiator } from '../../src/fix/transport/index.js';
import { EchoApplication } from '../../src/fix/acceptance/echo-app.js';
import { Recorder, dict44 } from './harness.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  for (let t = 0; t < ms && !cond(); t += 10) await sleep(10);
  expect(cond()).toBe(true);
}

describe('socket writes from the encoder buffer', () => {
  it('a burst that fills the socket buffers arrives intact, in order, with the encoder swapped at least once', async () => {
    const ms = wallMs();
    const time = { clock: new LiveClock(), epochMs: ms - (ms % 86_400_000) };
    const cfg = { ...defaultSessionConfig, beginString: 'FIX.4.4', dictionary: dict44, heartBtInt: 30 };
    const echo = new EchoApplication();
    const accSession = new FixSession({ ...cfg, senderCompId: 'EXEC', targetCompId: 'BANZAI' }, new MemoryStore(), echo, time);
    const acc = await startAcceptor({ port: 0, sessions: [accSession] });
    const app = new Recorder();
    const ini = new FixSession({ ...cfg, senderCompId: 'BANZAI', targetCompId: 'EXEC', initiator: true }, new MemoryStore(), app, time);
    const conn = new FixInitiator(ini, { host: '127.0.0.1', port: acc.port });
    try {
      conn.start();
      await until(() => ini.loggedOn);
      const n = 20_000;
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const id = `O${i}-${'x'.repeat(i % 37)}`; // distinct lengths: a reused buffer would garble the stream
        ids.push(id);
        // ~500 bytes each: 10 MB, more than loopback's socket buffers take before the loop runs
        const text = `${i}:${'t'.repeat(400 + (i % 50))}`;
        ini.sendApp('D', [], Buffer.from(`11=${id}\x0121=1\x0138=${100 + (i % 900)}\x0140=1\x0154=1\x0155=INTC\x0158=${text}\x0160=20260105-00:00:00\x01`, 'latin1'));
      }
      expect(ini.counters.bufferSwaps).toBeGreaterThan(0);
      await until(() => app.got.length === n);
      expect(app.got).toEqual(ids);
      expect(accSession.counters.garbled + accSession.counters.rejected).toBe(0);
      expect(ini.counters.garbled + ini.counters.rejected).toBe(0);
      expect(echo.echoed).toBe(n);
    } finally {
      await conn.stop();
      await acc.close();
    }
  }, 30_000);
});
