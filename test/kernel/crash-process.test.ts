// kill -9 the ENGINE 20 times during a session against the simulator (issue 5, "Crash"). The venue lives
// in this process: the synthetic market's Venue behind the FIX 4.4 gateway, its ITCH messages streamed to
// the engine over TCP. The engine is a child process (./fixtures/crash-engine.mjs: the kernel with the
// seed momentum spec, FIX venue port, journal file); it is SIGKILLed at seeded random points and restarted
// on the same journal. After each restart: the journal replays without a mismatch, to the state hash the
// killed engine printed for the same number of records; the engine reconciles with the venue (order status
// requests) and its position then equals the venue's record of its fills (fills whose reports died with
// the process included); no ClOrdID reached the gateway twice; every order the gateway saw is in the
// journal (journaled before sent). At the end the whole journal replays (here, in-process) to the last
// engine's state, and its position equals the venue's record of its fills.
// Runs the compiled engine in dist/ (`npm test` builds it first).
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LiveClock, clearLiveTimer, setLiveInterval, setLiveTimeout, wallMs } from '../../src/clock/live.js';
import { startGatewayAcceptor, Gateway } from '../../src/exchange/index.js';
import { FixDictionary } from '../../src/fix/index.js';
import type { FixApplication } from '../../src/fix/index.js';
import { FileJournal } from '../../src/journal/index.js';
import { buildKernel, forEachCommand, replayKernel, K_SUBMIT, K_REPLACE } from '../../src/kernel/index.js';
import { loadStrategies } from '../../src/cli/commands/kernel.js';
import { createSyntheticMarket, defaultInstruments, ItchPublisher, NoopVenueListener } from '../../src/sim/index.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const DICT = here('../../../shared/data/quickfix/spec/FIX44.xml');
const SPECS = [here('../../examples/strategies/seed-momentum.yaml'), here('./fixtures/crash-mm.yaml')];
const CHILD = here('./fixtures/crash-engine.mjs');
const KILLS = 20;
const sleep = (ms: number) => new Promise<void>((r) => setLiveTimeout(r, ms));

/** Fills on the venue by owner: the venue's own record of each participant's net position. */
class Fills extends NoopVenueListener {
  readonly net = new Map<number, number>();
  override onFill(_i: number, _mi: number, mo: number, _ti: number, to: number, takerSide: number, _px: number, qty: number): void {
    const buy = takerSide === 0 ? 1 : -1;
    this.net.set(mo, (this.net.get(mo) ?? 0) - buy * qty);
    this.net.set(to, (this.net.get(to) ?? 0) + buy * qty);
  }
}

interface Line { kind: string; records: number; hash: string; rest: number[] }

class Engine {
  readonly lines: Line[] = [];
  private partial = '';
  readonly exited: Promise<void>;
  constructor(readonly proc: ChildProcess) {
    proc.stdout!.on('data', (d: Buffer) => {
      const parts = (this.partial + d.toString()).split('\n');
      this.partial = parts.pop()!;
      for (const p of parts) {
        const [kind, records, hash, ...rest] = p.split(' ');
        this.lines.push({ kind, records: Number(records), hash, rest: rest.map(Number) });
      }
    });
    this.exited = new Promise((r) => proc.on('exit', () => r()));
  }
  async until(cond: () => boolean, ms = 10_000): Promise<void> {
    const end = wallMs() + ms;
    while (!cond()) {
      if (wallMs() > end) throw new Error(`engine: timed out; stdout ${JSON.stringify(this.lines.slice(-3))}`);
      await sleep(5);
    }
  }
}

describe('kill -9 the engine during a FIX session against the simulator', () => {
  it('20 SIGKILLs: replay to the printed state, no order sent twice or lost, positions equal the venue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hftbot-crash-'));
    const journalPath = join(dir, 'engine.journal');
    // the venue: synthetic AAPL market, gateway, acceptor; its ITCH to the engine over TCP
    const clock = new LiveClock();
    const epochMs = Math.round((wallMs() - clock.now() / 1e6) / 86_400_000) * 86_400_000;
    const market = createSyntheticMarket({ seed: 5, instruments: defaultInstruments().filter((i) => i.symbol === 'AAPL'), startNs: clock.now() });
    const fills = new Fills();
    market.venue.addListener(fills);
    let mdSock: Socket | null = null;
    const frame = Buffer.alloc(2);
    new ItchPublisher(market.venue, {
      taps: [(b, off, len) => {
        if (mdSock === null || mdSock.destroyed) return;
        frame.writeUInt16LE(len, 0);
        mdSock.write(Buffer.concat([frame, b.subarray(off, off + len)]));
      }],
    });
    const md: Server = createServer((s) => { s.on('error', () => undefined); mdSock = s; });
    await new Promise<void>((r) => md.listen(0, '127.0.0.1', () => r()));
    const mdPort = (md.address() as { port: number }).port;
    market.open();
    const gateway = new Gateway({ venue: market.venue, clock, epochMs, beforeCommand: (now) => void market.step(now) });
    // every NewOrderSingle / replace ClOrdID the gateway is handed
    const sent = new Map<string, number>();
    // a kill armed for the next order: fires as the gateway is handed it (the venue acts, the engine is gone)
    let onOrder: (() => void) | null = null;
    const app: FixApplication = {
      onLogon: (h) => gateway.onLogon(h),
      onLogout: (h) => gateway.onLogout(h),
      fromApp: (m, st, h) => {
        const t = m.char(35);
        if (t === 0x44 || t === 0x47) {
          const id = m.get(11) ?? '';
          sent.set(id, (sent.get(id) ?? 0) + 1);
          onOrder?.();
          onOrder = null;
        }
        return gateway.fromApp(m, st, h);
      },
    };
    const acceptor = await startGatewayAcceptor({ host: '127.0.0.1', port: 0, compId: 'EXCH', allowed: null, dictionary: FixDictionary.fromFile(DICT), app, time: { clock, epochMs } });
    const timer = setLiveInterval(() => market.step(clock.now()), 2);

    let current: Engine | null = null;
    const start = () => (current = new Engine(spawn(process.execPath, [CHILD, String(acceptor.port), String(mdPort), journalPath, DICT, 'HFTBOT', ...SPECS], { stdio: ['pipe', 'pipe', 'inherit'] })));
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const owner = () => gateway.session('HFTBOT')!.owner;
    const restarts: Array<{ printed: Line | undefined; resumed: Line; reconciled: Line; venueNet: number }> = [];
    /** Waits for the engine's reconciliation; the venue's net then (the engine is idle until "go"). */
    const reconciled = async (e: Engine): Promise<{ line: Line; venueNet: number }> => {
      await e.until(() => e.lines.some((l) => l.kind === 'C'));
      const venueNet = fills.net.get(owner()) ?? 0;
      e.proc.stdin!.write('go\n');
      return { line: e.lines.find((l) => l.kind === 'C')!, venueNet };
    };
    try {
      let e = start();
      await reconciled(e);
      await e.until(() => e.lines.some((l) => l.kind === 'S'));
      for (let i = 0; i < KILLS; i++) {
        const cur = e;
        if (rand() < 0.5) {
          let fired = false;
          onOrder = () => { fired = true; cur.proc.kill('SIGKILL'); };
          await cur.until(() => fired, 1500).catch(() => undefined); // no order in time: killed below
          onOrder = null;
        } else await sleep(200 + Math.floor(rand() * 700));
        e.proc.kill('SIGKILL');
        await e.exited;
        const printed = e.lines.filter((l) => l.kind === 'S' || l.kind === 'R').at(-1);
        e = start();
        await e.until(() => e.lines.some((l) => l.kind === 'R'));
        const resumed = e.lines.find((l) => l.kind === 'R')!;
        const c = await reconciled(e);
        restarts.push({ printed, resumed, reconciled: c.line, venueNet: c.venueNet });
        await e.until(() => e.lines.some((l) => l.kind === 'S'));
      }
      await sleep(500);
      e.proc.stdin!.write('stop\n');
      await e.until(() => e.lines.some((l) => l.kind === 'F'));
      await e.exited;
      const final = e.lines.find((l) => l.kind === 'F')!;

      // after each restart: a clean replay, to the printed state when the journal ends where the print was
      let samePrefix = 0;
      for (const r of restarts) {
        expect(r.resumed.rest[0]).toBe(0); // replay mismatches
        expect(r.resumed.rest[1]).toBe(0); // journaled commands not regenerated
        expect(r.printed).toBeDefined();
        expect(r.resumed.records).toBeGreaterThanOrEqual(r.printed!.records);
        if (r.resumed.records === r.printed!.records) {
          samePrefix++;
          expect(r.resumed.hash).toBe(r.printed!.hash);
        }
      }
      expect(samePrefix).toBeGreaterThan(0);

      // the whole journal replays (in this process) to the last engine's state; the orders it holds
      const entries = await loadStrategies(SPECS);
      const journal = new FileJournal(journalPath, { fsync: 'none' });
      const journaled = new Set<string>();
      journal.replay((type, _seq, buf, off, len) => {
        forEachCommand(type, Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), off, len, (code, id) => {
          if (code === K_SUBMIT || code === K_REPLACE) journaled.add(String(id));
        });
      });
      const all = replayKernel(journal, (c, p) => buildKernel({ instruments: ['AAPL'], strategies: entries }, { clock: c, venue: p }));
      journal.close();
      expect(all.kernel.replayMismatches).toBe(0);
      expect(all.kernel.stateHash()).toBe(final.hash);

      // no ClOrdID reached the venue twice; every one it got was journaled first
      expect(sent.size).toBeGreaterThan(0);
      expect([...sent.values()].filter((n) => n > 1)).toEqual([]);
      expect([...sent.keys()].filter((id) => !journaled.has(id))).toEqual([]);

      // positions: the engine's equals the venue's record of its fills, at every restart and at the end
      expect(final.rest[0]).toBe(fills.net.get(owner()) ?? 0);
      expect(restarts.map((r) => r.reconciled.rest[0] - r.venueNet)).toEqual(restarts.map(() => 0));
      // the journal cannot know everything (reports queued at a kill die with it): the venue filled it in
      expect(restarts.some((r) => r.reconciled.rest[1] > 0)).toBe(true);
    } finally {
      const left = current as Engine | null;
      if (left !== null && left.proc.exitCode === null && left.proc.signalCode === null) left.proc.kill('SIGKILL');
      clearLiveTimer(timer);
      await acceptor.close();
      (mdSock as Socket | null)?.destroy();
      await new Promise<void>((r) => md.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
