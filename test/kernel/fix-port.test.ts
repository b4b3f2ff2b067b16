// The FIX venue port against a real FIX 4.4 venue: the exchange gateway (src/exchange) in front of a
// simulator Venue, over TCP on localhost. Orders leave the kernel as NewOrderSingle / Cancel / Replace;
// ExecutionReports come back through the session into the kernel's ring, then OMS, risk and strategy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { LiveClock, setLiveTimeout, wallMs } from '../../src/clock/live.js';
import { OrderEvent } from '../../src/core/events.js';
import type { StateHasher } from '../../src/core/hash.js';
import { startGatewayAcceptor, Gateway, type GatewayAcceptor } from '../../src/exchange/index.js';
import { FixDictionary, FixInitiator, FixSession, MemoryStore, defaultSessionConfig } from '../../src/fix/index.js';
import { buildKernel, type Kernel } from '../../src/kernel/index.js';
import { noLimits } from '../../src/risk/index.js';
import { Venue } from '../../src/sim/index.js';
import type { OrderEventView, Strategy, StrategyContext } from '../../src/strategy/index.js';
import { EncoderOutput, FixVenuePort, sessionOutput } from '../../src/venue/index.js';

const dict = FixDictionary.fromFile(fileURLToPath(new URL('../../../shared/data/quickfix/spec/FIX44.xml', import.meta.url)));
const sleep = (ms: number) => new Promise<void>((r) => setLiveTimeout(r, ms));
async function until(cond: () => boolean, ms = 5000): Promise<boolean> {
  const end = wallMs() + ms;
  while (!cond() && wallMs() < end) await sleep(2);
  return cond();
}

/** A strategy the test drives by hand: it records every order event it is told about. */
class Scripted implements Strategy {
  readonly name = 'scripted';
  readonly symbols = ['AAPL'];
  ctx!: StrategyContext;
  readonly events: Array<{ event: number; clOrdId: number; lastQty: number; lastPx: number; leaves: number; done: boolean }> = [];
  init(ctx: StrategyContext): void { this.ctx = ctx; }
  onBook(): void {}
  onTrade(): void {}
  onTimer(): void {}
  onOrderEvent(ev: OrderEventView): void {
    this.events.push({ event: ev.event, clOrdId: ev.clOrdId, lastQty: ev.lastQty, lastPx: ev.lastPx, leaves: ev.leavesQty, done: ev.done });
  }
  hash(h: StateHasher): void { h.int(this.events.length); }
}

describe('FIX venue port', () => {
  let acceptor: GatewayAcceptor;
  let venue: Venue;
  let initiator: FixInitiator;
  let session: FixSession;
  let kernel: Kernel;
  const s = new Scripted();
  let polling = true;

  beforeAll(async () => {
    venue = new Venue({ instruments: [{ symbol: 'AAPL', referencePx: 1_900_000, bandBps: 1000 }] });
    const clock = new LiveClock();
    const epochMs = Math.round((wallMs() - clock.now() / 1e6) / 86_400_000) * 86_400_000;
    const time = { clock, epochMs };
    const gateway = new Gateway({ venue, clock, epochMs });
    acceptor = await startGatewayAcceptor({ host: '127.0.0.1', port: 0, compId: 'EXCH', allowed: null, dictionary: dict, app: gateway, time });
    // the kernel: its FIX port is the session's application; the session is its output
    let port: FixVenuePort | null = null;
    session = new FixSession(
      { ...defaultSessionConfig, beginString: 'FIX.4.4', senderCompId: 'HFTBOT', targetCompId: 'EXCH', initiator: true, dictionary: dict, resetOnLogon: true },
      new MemoryStore(), { fromApp: (m) => port!.fromApp(m) }, time,
    );
    port = new FixVenuePort(sessionOutput(session), { symbols: ['AAPL'], epochMs });
    kernel = buildKernel({ instruments: ['AAPL'], strategies: [{ strategy: s, limits: noLimits() }], features: false }, { clock, venue: port });
    kernel.risk.setReference(0, 1_900_000, clock.now());
    initiator = new FixInitiator(session, { host: '127.0.0.1', port: acceptor.port, reconnectMinMs: 50, reconnectMaxMs: 200 });
    initiator.start();
    expect(await until(() => session.loggedOn)).toBe(true);
    // the kernel's poll loop (in production: the event loop's tick)
    void (async () => { while (polling) { kernel.poll(); await sleep(1); } })();
  });

  afterAll(async () => {
    polling = false;
    await initiator.stop(300);
    await acceptor.close();
  });

  it('a marketable order is filled by the venue: OMS, risk position and strategy see the fill', async () => {
    // liquidity from another participant, straight on the venue
    expect(venue.newOrder(0, 1, 7, 1, 1, 0, 1_900_000, 100, 0, 0, kernel.clock.now())).toBe(0);
    const cl = s.ctx.submit(0, 0, 60, 1_900_000, 3);
    expect(cl).toBeGreaterThan(0);
    expect(await until(() => s.events.some((e) => e.clOrdId === cl && e.done))).toBe(true);
    const evs = s.events.filter((e) => e.clOrdId === cl);
    expect(evs.map((e) => e.event)).toEqual([OrderEvent.OrderAccepted, OrderEvent.OrderFilled]);
    expect(evs[1].lastQty).toBe(60);
    expect(evs[1].lastPx).toBe(1_900_000);
    expect(s.ctx.position(0)).toBe(60);
    expect(kernel.oms.positions.bought[0]).toBe(60);
  });

  it('a resting order is replaced, then cancelled, by FIX requests', async () => {
    const cl = s.ctx.submit(0, 0, 10, 1_890_000, 0);
    expect(await until(() => s.events.some((e) => e.clOrdId === cl && e.event === OrderEvent.OrderAccepted))).toBe(true);
    const cl2 = s.ctx.replace(cl, 20, 1_895_000);
    expect(cl2).toBeGreaterThan(cl);
    expect(await until(() => s.events.some((e) => e.clOrdId === cl2 && e.event === OrderEvent.OrderReplaced))).toBe(true);
    expect(venue.engine(0).stateHash()).toBeTypeOf('string');
    expect(s.ctx.cancel(cl2)).toBe(0);
    expect(await until(() => s.events.some((e) => e.clOrdId === cl2 && e.event === OrderEvent.OrderCancelled))).toBe(true);
    expect(s.ctx.openOrders()).toBe(0);
    expect(kernel.reportsRefused).toBe(0);
  });

  it('a venue reject reaches the strategy as OrderRejected (price outside the venue band)', async () => {
    const cl = s.ctx.submit(0, 0, 10, 2_500_000, 0);
    expect(cl).toBeGreaterThan(0);
    expect(await until(() => s.events.some((e) => e.clOrdId === cl && e.done))).toBe(true);
    expect(s.events.find((e) => e.clOrdId === cl && e.done)!.event).toBe(OrderEvent.OrderRejected);
  });

  it('encodes a NewOrderSingle the way the wire carries it (encoder output)', () => {
    const out = new EncoderOutput('HFTBOT', 'EXCH');
    const p = new FixVenuePort(out, { symbols: ['AAPL'], epochMs: 1_767_571_200_000 });
    p.submit(42, 0, 1, 300, 1_900_100, 3, 36_000_000_000_000);
    const text = out.encoder.buf.toString('latin1', out.start, out.end).split('\x01');
    expect(text).toContain('35=D');
    expect(text).toContain('11=42');
    expect(text).toContain('55=AAPL');
    expect(text).toContain('54=2');
    expect(text).toContain('38=300');
    expect(text).toContain('44=190.01');
    expect(text).toContain('59=3');
    expect(text).toContain('60=20260105-10:00:00.000');
    expect(text[text.length - 2]).toMatch(/^10=\d{3}$/);
  });
});
