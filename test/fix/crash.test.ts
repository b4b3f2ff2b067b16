// Crash test (issue 3 acceptance, in-process form): our initiator keeps its store in a FileStore and
// is "killed" at random points of a long order session (its objects are dropped without close or
// logout, the connection cut; the store's writes are synchronous, so this is what kill -9 leaves).
// After each restart from the same files: no sequence number is reused with different content,
// every order the engine sent is delivered, every order is acknowledged, and the counterparty
// (an acceptor with the echo application) never logs out over a gap it cannot fill.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimClock } from '../../src/clock/clock.js';
import { FixFramer } from '../../src/fix/codec/framer.js';
import { FixSession, MemoryStore, FileStore, defaultSessionConfig, type FixApplication } from '../../src/fix/session/index.js';
import { EchoApplication } from '../../src/fix/acceptance/echo-app.js';
import { dict44 } from './harness.js';
import type { FixMessageView } from '../../src/fix/codec/decoder.js';

const field = (msg: string, tag: number) => msg.split('\x01').find((f) => f.startsWith(`${tag}=`))?.slice(String(tag).length + 1);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    s = (s ^ (s >>> 13)) >>> 0;
    return s / 4294967296;
  };
}

describe('crash and restart of the engine (file store)', () => {
  it('survives 20 kills in a 10,000-order session without reuse, loss or unfillable gaps', () => {
    const ORDERS = 10_000;
    const KILLS = 20;
    const rand = rng(20261122);
    const dir = mkdtempSync(join(tmpdir(), 'fix-crash-'));
    const clock = new SimClock(0);
    const time = { clock, epochMs: Date.UTC(2026, 0, 5) };
    const cfg = { ...defaultSessionConfig, beginString: 'FIX.4.4', dictionary: dict44, heartBtInt: 30 };
    const acks = new Set<string>();
    const iniApp: FixApplication = { fromApp: (v: FixMessageView) => (acks.add(v.get(11) ?? ''), -1) };
    const accEcho = new EchoApplication();
    const delivered: string[] = [];
    const accApp: FixApplication = {
      onLogout: (s) => accEcho.onLogout(s),
      fromApp: (v, s, h) => {
        delivered.push(v.get(11) ?? '');
        return accEcho.fromApp(v, s, h);
      },
    };
    const acc = new FixSession({ ...cfg, senderCompId: 'EXEC', targetCompId: 'BANZAI' }, new MemoryStore(), accApp, time);
    // what the counterparty saw per MsgSeqNum (first non-PossDup copy)
    const seen = new Map<number, string>();
    let reused = 0;
    let store!: FileStore;
    let ini!: FixSession;
    const toAcc: Buffer[] = [];
    const toIni: Buffer[] = [];
    let fA = new FixFramer();
    let fI = new FixFramer();
    let up = false;
    const cut = () => {
      if (!up) return;
      up = false;
      toAcc.length = 0;
      toIni.length = 0;
      ini.onTransportClosed();
      acc.onTransportClosed();
    };
    const start = () => {
      store = new FileStore({ dir, name: 'engine', fsync: 'none' });
      ini = new FixSession({ ...cfg, senderCompId: 'BANZAI', targetCompId: 'EXEC', initiator: true }, store, iniApp, time);
      fA = new FixFramer();
      fI = new FixFramer();
      up = true;
      acc.attach({ send: (b) => toIni.push(Buffer.from(b)), disconnect: cut });
      ini.attach({ send: (b) => toAcc.push(Buffer.from(b)), disconnect: cut });
    };
    const pump = (budget = Number.POSITIVE_INFINITY) => {
      let n = 0;
      while (up && n < budget && (toAcc.length > 0 || toIni.length > 0)) {
        n++;
        const a = toAcc.shift();
        if (a) {
          const s = a.toString('latin1');
          const seq = Number(field(s, 34));
          const body = s.slice(s.indexOf('\x0111=')); // application part (orders) or '' for admin
          if (field(s, 43) !== 'Y' && field(s, 35) === 'D') {
            const prev = seen.get(seq);
            if (prev !== undefined && prev !== body) reused++;
            if (prev === undefined) seen.set(seq, body);
          }
          fA.push(a);
          while (up && fA.next() === 1) acc.onFrame(fA.buf, fA.frameStart, fA.frameEnd);
          continue;
        }
        const b = toIni.shift()!;
        fI.push(b);
        while (up && fI.next() === 1) ini.onFrame(fI.buf, fI.frameStart, fI.frameEnd);
      }
    };
    try {
      start();
      pump();
      expect(ini.loggedOn).toBe(true);
      const killAt = new Set<number>();
      while (killAt.size < KILLS) killAt.add(1 + Math.floor(rand() * (ORDERS - 1)));
      const sent: string[] = [];
      let kills = 0;
      let resent = 0;
      for (let i = 0; i < ORDERS; i++) {
        const id = `O${i}`;
        const body = Buffer.from(`11=${id}\x0121=1\x0138=100\x0140=2\x0144=10.5\x0154=1\x0155=INTC\x0160=20260105-00:00:00\x01`, 'latin1');
        if (ini.sendApp('D', [], body)) sent.push(id); // returned: written to the store, then sent
        clock.advance(1_000_000);
        // deliver only part of the traffic sometimes, so kills land with messages in flight
        pump(rand() < 0.3 ? Math.floor(rand() * 4) : Number.POSITIVE_INFINITY);
        if (killAt.has(i)) {
          kills++;
          resent += ini.counters.resent;
          cut(); // kill -9: no logout, no close, in-flight bytes lost
          start(); // restart from the same files
          pump();
          expect(ini.loggedOn).toBe(true);
        }
      }
      pump();
      expect(kills).toBe(KILLS);
      expect(reused).toBe(0);
      expect(resent + ini.counters.resent).toBeGreaterThan(0); // kills did lose bytes in flight, recovered by resends
      expect(delivered.length).toBe(ORDERS); // each order exactly once to the counterparty's application
      expect(new Set(delivered)).toEqual(new Set(sent));
      expect(sent.length).toBe(ORDERS);
      expect(acks.size).toBe(ORDERS);
      expect(acc.lastEvent.startsWith('MsgSeqNum too low')).toBe(false);
      expect(acc.expectedTargetNum).toBe(ini.expectedSenderNum);
      expect(ini.expectedTargetNum).toBe(acc.expectedSenderNum);
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
