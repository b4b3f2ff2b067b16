// Crash test with real processes (issue 3 acceptance): our engine - `hftbot fix fill-server`, an
// acceptor on a durable FileStore with the DEFAULT fsync policy 'batch' (fsync every 64 records or
// on the 100 ms tick) - runs as a child process and is killed with SIGKILL 20 times, at seeded
// random points of a 10,000-order session, then restarted on the same store and port. Our initiator
// (in this process, MemoryStore, never killed) is the counterparty: it sends the orders, reconnects
// with back-off, and every frame it receives is tapped. Between the two runs a relay that delays
// the engine's bytes and, before most kills, stalls them: what it holds when the engine dies is
// lost, so the counterparty really sees gaps (loopback alone delivers everything a killed process
// wrote), and they must be filled by the restarted engine from its store. SIGKILL leaves the page cache intact, so
// 'batch' loses nothing here; fsync matters only for power loss, which this test does not simulate.
// Checks, after each kill (store opened by this process while the child is dead) and at the end:
// - no outbound MsgSeqNum reused: a seq arrives without PossDupFlag at most once; every PossDup
//   copy carries the original content and OrigSendingTime = the original SendingTime (compared
//   with the wire copy or, when the original never arrived, with the store); the store's next
//   sender seq is above everything the counterparty saw, and the restarted engine logs on exactly
//   there;
// - nothing acknowledged is lost: every frame the counterparty got is byte-identical in the
//   engine's store, and every order with an ExecutionReport before the kill has its report there;
// - no gap it cannot fill: GapFills cover only admin messages, every seq 1..last is received or
//   gap-filled, the sequence numbers agree at the end, no "MsgSeqNum too low" either way, and
//   all 10,000 orders end filled (the fill-server saw each, an order twice only as a PossDup resend).
// Delivery to the application is at least once, as in QuickFIX: the next target seq is stored after
// the application's answer, so a kill between the write of a report and that of the target seq
// brings the order again (PossDupFlag=Y); the fill application does not dedupe, so such an order
// gets a second report. The test allows that only for PossDup redeliveries and counts it.
// Needs dist/ (npm test builds it first) and the QuickFIX dictionaries in ../shared/data.
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { LiveClock, wallMs } from '../../src/clock/live.js';
import { Reject } from '../../src/core/rejects.js';
import { FixSession, MemoryStore, FileStore, defaultSessionConfig, type FixApplication } from '../../src/fix/session/index.js';
import { FixInitiator } from '../../src/fix/transport/index.js';
import type { FixMessageView } from '../../src/fix/codec/decoder.js';
import { dict44 } from './harness.js';
import { repoRoot, sharedData } from '../cli/helpers.js';

const ORDERS = 10_000;
const KILLS = 20;
const SEED = 20261122;
const BATCH = 20; // orders per 10 ms: ~2,000 orders/s while connected
const STORE_NAME = 'FIX.4.4-EXECUTOR-CLIENT1'; // the fill-server's store file stem
const ADMIN = new Set(['0', '1', '2', '3', '4', '5', 'A']);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = wallMs() + ms;
  while (!cond() && wallMs() < end) await sleep(2);
  return cond();
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    s = (s ^ (s >>> 13)) >>> 0;
    return s / 4294967296;
  };
}

/** Tag -> first value, and the message without the fields a resend may change (9, 10, 43, 52, 122). */
function parse(msg: string): { f: Map<number, string>; content: string } {
  const f = new Map<number, string>();
  const kept: string[] = [];
  for (const kv of msg.split('\x01')) {
    if (kv === '') continue;
    const tag = Number(kv.slice(0, kv.indexOf('=')));
    if (!f.has(tag)) f.set(tag, kv.slice(kv.indexOf('=') + 1));
    if (tag !== 9 && tag !== 10 && tag !== 43 && tag !== 52 && tag !== 122) kept.push(kv);
  }
  return { f, content: kept.join('|') };
}

/**
 * The network between the counterparty and the engine: a TCP relay on loopback that delays the
 * engine's bytes by 0-3 ms and, while `hold` is set, keeps them. When the engine's connection dies
 * during a hold, whatever the relay still holds is lost, as bytes in flight are when a process dies mid-session: the
 * counterparty then sees gaps that only the restarted engine's store can fill.
 */
class LossyLink {
  hold = false;
  lost = 0;
  private readonly server: Server;
  private readonly rand = rng(SEED + 1);
  readonly ready: Promise<number>;
  constructor(private readonly enginePort: () => number) {
    this.server = createServer((client) => this.relay(client));
    this.ready = new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as { port: number }).port)));
  }
  private relay(client: Socket): void {
    const up = connect({ host: '127.0.0.1', port: this.enginePort() });
    const q: Buffer[] = [];
    let timer: NodeJS.Timeout | null = null;
    const flush = () => {
      timer = null;
      if (this.hold) timer = setTimeout(flush, 1);
      else for (const b of q.splice(0)) client.write(b);
    };
    client.setNoDelay(true);
    up.setNoDelay(true);
    client.on('data', (d) => up.write(d));
    up.on('data', (d) => {
      q.push(d);
      timer ??= setTimeout(flush, Math.floor(this.rand() * 4));
    });
    const down = () => {
      if (timer !== null) clearTimeout(timer);
      // a stalled link breaks with the engine: its bytes are lost; otherwise they still arrive
      for (const b of q.splice(0)) {
        if (this.hold) this.lost += b.length;
        else client.write(b);
      }
      client.end();
    };
    up.on('close', down);
    up.on('error', () => up.destroy());
    client.on('close', () => up.destroy());
    client.on('error', () => client.destroy());
  }
  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

interface FillServer {
  proc: ChildProcess;
  port: number;
  stderr: string;
}

describe('crash test with real processes: kill -9 of our engine', () => {
  it('20 SIGKILLs of the fill-server during a 10,000-order session: no reuse, no loss, every gap filled', async () => {
    const rand = rng(SEED);
    const work = mkdtempSync(join(tmpdir(), 'fix-crash-proc-'));
    const storeDir = join(work, 'store');
    const bin = join(repoRoot, 'bin/hftbot.js');
    const specDir = `${sharedData}quickfix/spec`;
    // ORDER lines of every fill-server process: ClOrdID -> PossDup flags of each delivery
    const deliveries = new Map<string, number[]>();
    const startServer = async (port: number): Promise<FillServer> => {
      const proc = spawn(process.execPath, [bin, 'fix', 'fill-server', '--port', String(port), '--store', storeDir, '--spec-dir', specDir], { stdio: ['ignore', 'pipe', 'pipe'] });
      const s: FillServer = { proc, port: 0, stderr: '' };
      proc.stderr!.on('data', (d: Buffer) => (s.stderr += d.toString()));
      createInterface({ input: proc.stdout! }).on('line', (l) => {
        const m = /^listening on \S+:(\d+)/.exec(l);
        if (m) s.port = Number(m[1]);
        const o = /^ORDER (\S+) (\d)/.exec(l);
        if (o) {
          if (!deliveries.has(o[1])) deliveries.set(o[1], []);
          deliveries.get(o[1])!.push(Number(o[2]));
        }
      });
      if (!(await until(() => s.port !== 0 || proc.exitCode !== null, 20_000)) || s.port === 0) throw new Error(`fill-server did not start: ${s.stderr}`);
      return s;
    };
    const closed = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('close', () => r())));

    // ---- the counterparty: our initiator, every received frame tapped --------------------------
    const ms = wallMs();
    const time = { clock: new LiveClock(), epochMs: ms - (ms % 86_400_000) };
    const fills = new Map<string, number>(); // ClOrdID -> ExecutionReports the application got
    const app: FixApplication = {
      fromApp: (v: FixMessageView) => {
        const id = v.get(11) ?? '';
        fills.set(id, (fills.get(id) ?? 0) + 1);
        return -1;
      },
    };
    const ini = new FixSession(
      { ...defaultSessionConfig, beginString: 'FIX.4.4', senderCompId: 'CLIENT1', targetCompId: 'EXECUTOR', initiator: true, dictionary: dict44, heartBtInt: 30 },
      new MemoryStore(), app, time,
    );
    const firstCopy = new Map<number, { raw: string; possDup: boolean; content: string; sendingTime: string; type: string }>();
    const covered = new Set<number>(); // received or gap-filled
    const pending: string[] = []; // frames not yet verified against the store
    const problems: string[] = [];
    const problem = (p: string) => problems.length < 20 && problems.push(p);
    let logonsSeen: number[] = [];
    let resentCopies = 0;
    let gapFills = 0;
    let tooLowLogouts = 0;
    const inner = ini.onFrame.bind(ini);
    ini.onFrame = (buf: Buffer, start: number, end: number) => {
      const raw = buf.toString('latin1', start, end);
      const { f, content } = parse(raw);
      const seq = Number(f.get(34));
      const type = f.get(35) ?? '';
      const possDup = f.get(43) === 'Y';
      if (type === '5' && (f.get(58) ?? '').includes('too low')) tooLowLogouts++;
      if (type === 'A') logonsSeen.push(seq);
      const prev = firstCopy.get(seq);
      if (!possDup) {
        if (prev !== undefined) problem(`MsgSeqNum ${seq} reused: ${prev.content} then ${content}`);
        else firstCopy.set(seq, { raw, possDup, content, sendingTime: f.get(52) ?? '', type });
      } else if (type === '4' && f.get(123) === 'Y') {
        gapFills++;
        const to = Number(f.get(36));
        for (let k = seq; k < to; k++) {
          const p = firstCopy.get(k);
          if (p !== undefined && !ADMIN.has(p.type)) problem(`GapFill ${seq}..${to - 1} covers application message ${k}`);
          covered.add(k);
        }
      } else if (type === '4') {
        problem(`SequenceReset-Reset received at ${seq}`);
      } else {
        resentCopies++;
        if (prev !== undefined && (prev.content !== content || prev.sendingTime !== f.get(122))) problem(`resend of ${seq} differs from the original`);
        if (prev === undefined) firstCopy.set(seq, { raw, possDup, content, sendingTime: f.get(122) ?? '', type });
      }
      covered.add(seq);
      pending.push(raw);
      inner(buf, start, end);
    };

    /** Verifies pending frames against the engine's store; returns the store's next sender seq. */
    const checkStore = (): { nextSender: number; nextTarget: number; truncated: number } => {
      const store = new FileStore({ dir: storeDir, name: STORE_NAME, fsync: 'batch' });
      try {
        for (const raw of pending.splice(0)) {
          const { f, content } = parse(raw);
          const seq = Number(f.get(34));
          const type = f.get(35) ?? '';
          const got = store.get(seq, seq);
          if (f.get(43) === 'Y' && type === '4' && f.get(123) === 'Y') {
            for (const [k, m] of store.get(seq, Number(f.get(36)) - 1)) {
              const t = parse(m.toString('latin1')).f.get(35) ?? '';
              if (!ADMIN.has(t)) problem(`GapFill over stored application message ${k} (35=${t})`);
            }
          } else if (got.length !== 1) problem(`message ${seq} (35=${type}) the counterparty received is not in the store`);
          else if (f.get(43) === 'Y') {
            const s = parse(got[0][1].toString('latin1'));
            if (s.content !== content || s.f.get(52) !== f.get(122)) problem(`PossDup resend of ${seq} is not the stored message`);
          } else if (got[0][1].toString('latin1') !== raw) problem(`message ${seq} differs from the stored bytes`);
        }
        // every acknowledged order has its ExecutionReport in the store
        const next = store.nextSenderSeq();
        const storedFills = new Set<string>();
        for (const [, m] of store.get(1, next - 1)) {
          const p = parse(m.toString('latin1')).f;
          if (p.get(35) === '8') storedFills.add(p.get(11) ?? '');
        }
        for (const id of fills.keys()) if (!storedFills.has(id)) problem(`acknowledged order ${id} has no ExecutionReport in the store`);
        let maxSeen = 0;
        for (const k of firstCopy.keys()) maxSeen = Math.max(maxSeen, k);
        if (next <= maxSeen) problem(`store's next sender seq ${next} <= ${maxSeen} already seen by the counterparty`);
        return { nextSender: next, nextTarget: store.nextTargetSeq(), truncated: store.truncatedBytes };
      } finally {
        store.close();
      }
    };

    // ---- the session ---------------------------------------------------------------------------
    const killAt = new Set<number>();
    while (killAt.size < KILLS) killAt.add(1 + Math.floor(rand() * (ORDERS - 2)));
    let server = await startServer(0);
    const port = server.port;
    const link = new LossyLink(() => port);
    const conn = new FixInitiator(ini, { host: '127.0.0.1', port: await link.ready, reconnectMinMs: 20, reconnectMaxMs: 200 });
    const t0 = wallMs();
    const inFlightAtKill: number[] = [];
    let tornTails = 0;
    let kills = 0;
    let queuedWhileDown = 0;
    const send = (i: number) => {
      const body = Buffer.from(`11=K${i}\x0121=1\x0138=${100 + (i % 9) * 100}\x0140=2\x0144=${(100 + (i % 400) / 100).toFixed(2)}\x0154=${1 + (i % 2)}\x0155=IBM\x0160=20260105-00:00:00\x01`, 'latin1');
      if (!ini.sendApp('D', [], body)) problem(`order ${i} refused by the initiator`);
    };
    try {
      conn.start();
      expect(await until(() => ini.loggedOn, 20_000)).toBe(true);
      for (let i = 0; i < ORDERS; i++) {
        send(i);
        if (killAt.has(i)) {
          // mostly the link stalls first, so the engine's last reports are in flight when it dies
          link.hold = rand() < 0.7;
          if (link.hold || rand() < 0.5) await sleep(1 + Math.floor(rand() * 4));
          inFlightAtKill.push(i + 1 - fills.size);
          server.proc.kill('SIGKILL');
          await closed(server.proc);
          kills++;
          expect(await until(() => !ini.connected, 5_000)).toBe(true);
          link.hold = false;
          const st = checkStore();
          if (st.truncated > 0) tornTails++;
          logonsSeen = [];
          server = await startServer(port);
          // orders keep coming while the engine restarts: stored by the initiator, resent on request
          const extra = Math.floor(rand() * 40);
          for (let k = 0; k < extra && i + 1 < ORDERS && !killAt.has(i + 1); k++) {
            send(++i);
            queuedWhileDown++;
          }
          expect(await until(() => ini.loggedOn, 20_000), server.stderr).toBe(true);
          // the restarted engine continues where its store left off
          expect(logonsSeen[0]).toBe(st.nextSender);
        } else if (i % BATCH === BATCH - 1) {
          await sleep(10);
        }
      }
      expect(await until(() => fills.size === ORDERS, 30_000)).toBe(true);
      const seconds = (wallMs() - t0) / 1000;
      await conn.stop(2000);
      server.proc.kill('SIGTERM'); // clean stop: the fill-server closes its store
      await closed(server.proc);
      const end = checkStore();

      expect(problems).toEqual([]);
      expect(kills).toBe(KILLS);
      // no gap the counterparty cannot fill: every seq it should have is received or gap-filled
      const missing: number[] = [];
      for (let k = 1; k < end.nextSender; k++) if (!covered.has(k)) missing.push(k);
      expect(missing).toEqual([]);
      expect(ini.expectedTargetNum).toBe(end.nextSender);
      expect(ini.expectedSenderNum).toBe(end.nextTarget);
      expect(tooLowLogouts).toBe(0);
      expect(ini.codeCounts.get(Reject.FixSeqNumTooLow) ?? 0).toBe(0);
      // everything filled; the engine saw every order, a second time only as a PossDup resend
      expect(fills.size).toBe(ORDERS);
      for (let i = 0; i < ORDERS; i++) expect(fills.has(`K${i}`)).toBe(true);
      expect(deliveries.size).toBe(ORDERS);
      let twice = 0;
      for (const [id, d] of deliveries) {
        if (d.length > 1) {
          twice++;
          expect(d.slice(1).every((pd) => pd === 1), id).toBe(true);
          expect(fills.get(id)).toBeLessThanOrEqual(d.length);
        } else expect(fills.get(id), id).toBe(1);
      }
      // the kills did hit traffic: resends and gap fills happened in both directions
      expect(ini.counters.resent).toBeGreaterThan(0);
      expect(link.lost).toBeGreaterThan(0);
      expect(ini.counters.resendRequests).toBeGreaterThan(0);
      expect(resentCopies).toBeGreaterThan(0);
      console.log(
        `crash-process: ${ORDERS} orders, ${kills} SIGKILLs in ${seconds.toFixed(1)} s; in flight at the kills ${inFlightAtKill.join(',')};`
        + ` ${queuedWhileDown} orders sent while down; ${ini.counters.resent} orders resent by us; ${resentCopies} PossDup resends and`
        + ` ${gapFills} GapFills received; ${link.lost} bytes lost in flight; ${ini.counters.resendRequests} ResendRequests sent; ${tornTails} torn store tails; ${twice} orders delivered twice`,
      );
    } finally {
      await conn.stop(0);
      if (server.proc.exitCode === null && server.proc.signalCode === null) server.proc.kill('SIGKILL');
      await link.close();
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
