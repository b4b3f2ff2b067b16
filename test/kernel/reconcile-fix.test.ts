// Reconciliation after a restart against the real FIX venue: the exchange gateway (src/exchange) in front
// of a simulator Venue, over TCP. The engine dies between send and ack: order B reached the venue and was
// filled there, its reports never handled; resting order A was filled at the venue after the engine went
// quiet; order C was journaled but the process died before it left. The engine restarts from its journal
// (resumeKernel), logs on again and reconciles: OrderStatusRequests for every open or in-doubt order, the
// venue's answers (ExecType I) applied as reports. Afterwards the OMS, risk position and strategy agree
// with the venue, every difference was reported, and the whole journal replays to the resumed state.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../src/clock/clock.js';
import { LiveClock, setLiveTimeout, wallMs } from '../../src/clock/live.js';
import { OrderEvent } from '../../src/core/events.js';
import type { StateHasher } from '../../src/core/hash.js';
import { Reject } from '../../src/core/rejects.js';
import { startGatewayAcceptor, Gateway, defaultSessionPolicy } from '../../src/exchange/index.js';
import { FixDictionary, FixInitiator, FixSession, MemoryStore, defaultSessionConfig } from '../../src/fix/index.js';
import { MemoryJournal } from '../../src/journal/index.js';
import { buildKernel, replayKernel, resumeKernel, type Kernel } from '../../src/kernel/index.js';
import { OrdStatus } from '../../src/oms/table.js';
import { noLimits } from '../../src/risk/index.js';
import { NoopVenueListener, Venue } from '../../src/sim/index.js';
import type { OrderEventView, Strategy, StrategyContext } from '../../src/strategy/index.js';
import { FixVenuePort, sessionOutput, type FixOrderOutput, type VenuePort } from '../../src/venue/index.js';

const dict = FixDictionary.fromFile(fileURLToPath(new URL('../../../shared/data/quickfix/spec/FIX44.xml', import.meta.url)));
const sleep = (ms: number) => new Promise<void>((r) => setLiveTimeout(r, ms));
async function until(cond: () => boolean, ms = 5000): Promise<boolean> {
  const end = wallMs() + ms;
  while (!cond() && wallMs() < end) await sleep(2);
  return cond();
}

class Scripted implements Strategy {
  readonly name = 'scripted';
  readonly symbols = ['AAPL'];
  ctx!: StrategyContext;
  readonly events: Array<{ event: number; clOrdId: number; lastQty: number; done: boolean }> = [];
  init(ctx: StrategyContext): void { this.ctx = ctx; }
  onBook(): void {}
  onTrade(): void {}
  onTimer(): void {}
  onOrderEvent(ev: OrderEventView): void { this.events.push({ event: ev.event, clOrdId: ev.clOrdId, lastQty: ev.lastQty, done: ev.done }); }
  hash(h: StateHasher): void { h.int(this.events.length); }
}

/** The session as the port's output; `dead` drops everything (the process died after the journal write). */
class Output implements FixOrderOutput {
  dead = false;
  constructor(private readonly inner: FixOrderOutput) {}
  sendApp(t: string, b: Buffer, n: number): boolean {
    return this.dead ? true : this.inner.sendApp(t, b, n);
  }
}

class Net extends NoopVenueListener {
  readonly net = new Map<number, number>();
  override onFill(_i: number, _mi: number, mo: number, _ti: number, to: number, takerSide: number, _px: number, qty: number): void {
    const buy = takerSide === 0 ? 1 : -1;
    this.net.set(mo, (this.net.get(mo) ?? 0) - buy * qty);
    this.net.set(to, (this.net.get(to) ?? 0) + buy * qty);
  }
}

describe('reconciliation with the FIX venue after a restart', () => {
  it('a kill between send and ack: missed fills booked, an unsent order rejected, differences reported', async () => {
    const venue = new Venue({ instruments: [{ symbol: 'AAPL', referencePx: 1_900_000, bandBps: 1000 }] });
    const net = new Net();
    venue.addListener(net);
    const clock = new LiveClock();
    const epochMs = Math.round((wallMs() - clock.now() / 1e6) / 86_400_000) * 86_400_000;
    const time = { clock, epochMs };
    // resting orders survive the disconnect, so the venue keeps working them while the engine is down
    const gateway = new Gateway({ venue, clock, epochMs, policy: () => ({ ...defaultSessionPolicy, cancelOnDisconnect: false }) });
    const acceptor = await startGatewayAcceptor({ host: '127.0.0.1', port: 0, compId: 'EXCH', allowed: null, dictionary: dict, app: gateway, time });
    const connect = (): { session: FixSession; port: FixVenuePort; out: Output; initiator: FixInitiator } => {
      let port: FixVenuePort | null = null;
      const session = new FixSession(
        { ...defaultSessionConfig, beginString: 'FIX.4.4', senderCompId: 'HFTBOT', targetCompId: 'EXCH', initiator: true, dictionary: dict, resetOnLogon: true },
        new MemoryStore(), { fromApp: (m) => port!.fromApp(m), onLogon: () => port!.onLogon() }, time,
      );
      const out = new Output(sessionOutput(session));
      port = new FixVenuePort(out, { symbols: ['AAPL'], epochMs });
      const initiator = new FixInitiator(session, { host: '127.0.0.1', port: acceptor.port, reconnectMinMs: 50, reconnectMaxMs: 200 });
      return { session, port, out, initiator };
    };
    const journal = new MemoryJournal({ fsync: 'none' });
    const s1 = new Scripted();
    const build = (strategy: Scripted) => (c: Clock, p: VenuePort): Kernel =>
      buildKernel({ instruments: ['AAPL'], strategies: [{ strategy, limits: noLimits() }], features: false }, { clock: c, venue: p });
    const c1 = connect();
    const k1 = buildKernel({ instruments: ['AAPL'], strategies: [{ strategy: s1, limits: noLimits() }], features: false }, { clock, venue: c1.port, journal });
    let alive1 = true;
    const live: { k2: Kernel | null } = { k2: null };
    let polling = true;
    void (async () => {
      while (polling) {
        if (alive1) k1.poll();
        live.k2?.poll();
        await sleep(1);
      }
    })();
    const c2 = connect();
    try {
      c1.initiator.start();
      expect(await until(() => c1.session.loggedOn)).toBe(true);
      // A rests (acknowledged); the engine then goes quiet (reports from here on are never handled)
      const a = s1.ctx.submit(0, 0, 10, 1_890_000, 0);
      expect(await until(() => s1.events.some((e) => e.clOrdId === a && e.event === OrderEvent.OrderAccepted))).toBe(true);
      alive1 = false;
      // B: sent, filled at the venue against resting liquidity; its ack and fill die with the process
      expect(venue.newOrder(0, 1, 7, 1, 1, 0, 1_900_000, 100, 0, 0, clock.now())).toBe(0);
      const b = s1.ctx.submit(0, 0, 60, 1_900_000, 3);
      expect(b).toBeGreaterThan(a);
      const owner = () => gateway.session('HFTBOT')!.owner;
      expect(await until(() => net.net.get(owner()) === 60)).toBe(true);
      // A filled at the venue meanwhile: another participant sells into it
      expect(venue.newOrder(0, 2, 8, 1, 1, 3, 1_890_000, 10, 0, 0, clock.now())).toBe(0);
      expect(net.net.get(owner())).toBe(70);
      // C: journaled, then the process dies before the send
      c1.out.dead = true;
      const cOrder = s1.ctx.submit(0, 0, 5, 1_880_000, 0);
      expect(cOrder).toBeGreaterThan(b);
      await c1.initiator.stop(100);
      expect(k1.position(0, 0)).toBe(0); // the dead engine never heard of any fill

      // restart from the journal, log on, reconcile
      const s2 = new Scripted();
      const j2 = MemoryJournal.from(journal.bytes());
      const r = resumeKernel(j2, { clock, port: c2.port }, build(s2));
      const k = r.kernel;
      expect(k.replayMismatches).toBe(0);
      expect(k.stateHash()).toBe(k1.stateHash());
      live.k2 = k;
      c2.initiator.start();
      expect(await until(() => c2.session.loggedOn)).toBe(true);
      expect(k.reconcile()).toBe(3); // A, B, C
      expect(k.recon.holding).toBe(true);
      expect(s2.ctx.submit(0, 0, 1, 1_880_000, 0)).toBe(-Reject.OmsReconciling); // new orders wait
      expect(await until(() => !k.recon.holding)).toBe(true);

      // the venue's record, applied: A and B filled (fills booked), C unknown there (rejected)
      expect(k.position(0, 0)).toBe(70);
      expect(k.oms.positions.bought[0]).toBe(70);
      expect(k.oms.slotOf(a)).toBe(-1); // done, released
      expect(k.oms.slotOf(b)).toBe(-1);
      expect(k.oms.slotOf(cOrder)).toBe(-1);
      expect(k.risk.positions.openCount[0]).toBe(0);
      const doneOf = (cl: number) => s2.events.find((e) => e.clOrdId === cl && e.done)?.event;
      expect(doneOf(a)).toBe(OrderEvent.OrderFilled);
      expect(doneOf(b)).toBe(OrderEvent.OrderFilled);
      expect(doneOf(cOrder)).toBe(OrderEvent.OrderRejected);
      const kinds = k.discrepancies.map((d) => `${d.kind} ${d.clOrdId}`);
      expect(kinds).toContain(`QtyMismatch ${a}`);
      expect(kinds).toContain(`QtyMismatch ${b}`);
      expect(kinds).toContain(`MissingAtVenue ${cOrder}`);
      const missing = k.discrepancies.find((d) => d.kind === 'MissingAtVenue')!;
      expect(missing.local!.ordStatus).toBe(OrdStatus.PendingNew);
      expect(missing.venue!.ordStatus).toBe(OrdStatus.Rejected);
      // trading resumes; the whole journal (before and after the restart) replays to this state
      const d = s2.ctx.submit(0, 0, 5, 1_880_000, 0);
      expect(d).toBeGreaterThan(cOrder);
      expect(await until(() => s2.events.some((e) => e.clOrdId === d && e.event === OrderEvent.OrderAccepted))).toBe(true);
      const all = replayKernel(j2, (c, p) => build(new Scripted())(c, p));
      expect(all.kernel.replayMismatches).toBe(0);
      expect(all.kernel.unmatchedCommands).toBe(0);
      expect(all.kernel.stateHash()).toBe(k.stateHash());
    } finally {
      polling = false;
      await c1.initiator.stop(100);
      await c2.initiator.stop(200);
      await acceptor.close();
    }
  }, 20_000);

  it('a reconnect: the port starts reconciliation at logon; a fill made while disconnected is booked', async () => {
    const venue = new Venue({ instruments: [{ symbol: 'AAPL', referencePx: 1_900_000, bandBps: 1000 }] });
    const clock = new LiveClock();
    const epochMs = Math.round((wallMs() - clock.now() / 1e6) / 86_400_000) * 86_400_000;
    const time = { clock, epochMs };
    const gateway = new Gateway({ venue, clock, epochMs, policy: () => ({ ...defaultSessionPolicy, cancelOnDisconnect: false }) });
    const acceptor = await startGatewayAcceptor({ host: '127.0.0.1', port: 0, compId: 'EXCH', allowed: null, dictionary: dict, app: gateway, time });
    let port: FixVenuePort | null = null;
    const session = new FixSession(
      { ...defaultSessionConfig, beginString: 'FIX.4.4', senderCompId: 'HFTBOT', targetCompId: 'EXCH', initiator: true, dictionary: dict, resetOnLogon: true },
      new MemoryStore(), { fromApp: (m) => port!.fromApp(m), onLogon: () => port!.onLogon() }, time,
    );
    port = new FixVenuePort(sessionOutput(session), { symbols: ['AAPL'], epochMs });
    const s = new Scripted();
    const k = buildKernel({ instruments: ['AAPL'], strategies: [{ strategy: s, limits: noLimits() }], features: false }, { clock, venue: port, journal: new MemoryJournal({ fsync: 'none' }) });
    port.onConnected = () => k.reconcile();
    const initiator = new FixInitiator(session, { host: '127.0.0.1', port: acceptor.port, reconnectMinMs: 30, reconnectMaxMs: 60 });
    let polling = true;
    void (async () => { while (polling) { k.poll(); await sleep(1); } })();
    try {
      initiator.start();
      expect(await until(() => session.loggedOn)).toBe(true);
      const a = s.ctx.submit(0, 0, 10, 1_890_000, 0);
      expect(await until(() => s.events.some((e) => e.clOrdId === a && e.event === OrderEvent.OrderAccepted))).toBe(true);
      const rounds = k.recon.rounds;
      session.disconnect(); // the connection drops; the initiator reconnects on its own
      expect(venue.newOrder(0, 2, 8, 1, 1, 3, 1_890_000, 10, 0, 0, clock.now())).toBe(0); // A fills meanwhile
      expect(await until(() => port!.logons === 2 && !k.recon.holding && k.recon.rounds === rounds + 1)).toBe(true);
      expect(await until(() => k.position(0, 0) === 10)).toBe(true);
      expect(s.events.find((e) => e.clOrdId === a && e.done)?.event).toBe(OrderEvent.OrderFilled);
      expect(k.discrepancies.map((d) => `${d.kind} ${d.clOrdId}`)).toContain(`QtyMismatch ${a}`);
      expect(gateway.session('HFTBOT')).toBeDefined();
    } finally {
      polling = false;
      await initiator.stop(200);
      await acceptor.close();
    }
  }, 20_000);
});
