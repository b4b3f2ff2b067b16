// Our initiator against our acceptor over loopback TCP: logon, orders echoed, then the acceptor
// process "dies" (sockets dropped, store never closed: like kill -9) and a new one starts on the same
// port from the same durable store; the initiator reconnects with back-off and the sequence numbers
// continue on both sides without a reset.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveClock, wallMs } from '../../src/clock/live.js';
import { FixSession, MemoryStore, FileStore, defaultSessionConfig } from '../../src/fix/session/index.js';
import { startAcceptor, FixInitiator } from '../../src/fix/transport/index.js';
import { EchoApplication } from '../../src/fix/acceptance/echo-app.js';
import { Recorder, dict44 } from './harness.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms = 5000): Promise<void> {
  for (let t = 0; t < ms && !cond(); t += 10) await sleep(10);
  expect(cond()).toBe(true);
}

describe('TCP initiator <-> acceptor', () => {
  it('reconnects after the acceptor restarts and continues sequence numbers from the file store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-transport-'));
    const ms = wallMs();
    const time = { clock: new LiveClock(), epochMs: ms - (ms % 86_400_000) };
    const cfg = { ...defaultSessionConfig, beginString: 'FIX.4.4', dictionary: dict44, heartBtInt: 30 };
    const accSession = (store: FileStore) => new FixSession({ ...cfg, senderCompId: 'EXEC', targetCompId: 'BANZAI' }, store, new EchoApplication(), time);
    const store1 = new FileStore({ dir, name: 'exec', fsync: 'batch' });
    const acc1 = await startAcceptor({ port: 0, sessions: [accSession(store1)] });
    const app = new Recorder();
    const ini = new FixSession({ ...cfg, senderCompId: 'BANZAI', targetCompId: 'EXEC', initiator: true }, new MemoryStore(), app, time);
    const conn = new FixInitiator(ini, { host: '127.0.0.1', port: acc1.port, reconnectMinMs: 50, reconnectMaxMs: 400 });
    const order = (id: string) =>
      ini.sendApp('D', [], Buffer.from(`11=${id}\x0121=1\x0138=100\x0140=1\x0154=1\x0155=INTC\x0160=20260105-00:00:00\x01`, 'latin1'));
    try {
      conn.start();
      await until(() => ini.loggedOn);
      for (let i = 0; i < 10; i++) order(`A${i}`);
      await until(() => app.got.length === 10);
      const port = acc1.port;
      await acc1.close(); // the acceptor dies; store1 is never closed
      await until(() => !ini.connected);
      const store2 = new FileStore({ dir, name: 'exec', fsync: 'batch' });
      expect(store2.nextTargetSeq()).toBe(12); // logon + 10 orders received
      const acc2 = await startAcceptor({ port, sessions: [accSession(store2)] });
      try {
        await until(() => ini.loggedOn);
        expect(conn.attempts).toBeGreaterThan(1);
        for (let i = 0; i < 10; i++) order(`B${i}`);
        await until(() => app.got.length === 20);
        expect(app.got).toEqual([...Array.from({ length: 10 }, (_x, i) => `A${i}`), ...Array.from({ length: 10 }, (_x, i) => `B${i}`)]);
        expect(acc2.sessions[0].expectedTargetNum).toBe(ini.expectedSenderNum);
        expect(ini.expectedTargetNum).toBe(acc2.sessions[0].expectedSenderNum);
        expect(acc2.sessions[0].counters.resendRequests + ini.counters.resendRequests).toBe(0);
        await conn.stop();
      } finally {
        await acc2.close();
        store2.close();
      }
    } finally {
      await conn.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
