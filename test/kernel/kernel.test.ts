// Kernel contract: commands go through risk then the OMS then the port; refusals come back as negative
// reject codes; venue reports the OMS refuses stop there; a kill-switch breach cancels the open orders.
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/clock/clock.js';
import { OrderEvent } from '../../src/core/events.js';
import type { StateHasher } from '../../src/core/hash.js';
import { Reject } from '../../src/core/rejects.js';
import { buildKernel } from '../../src/kernel/index.js';
import { Check, noLimits } from '../../src/risk/index.js';
import type { OrderEventView, Strategy, StrategyContext } from '../../src/strategy/index.js';
import type { VenueEventSink, VenuePort } from '../../src/venue/index.js';

class Scripted implements Strategy {
  readonly name = 'scripted';
  readonly symbols = ['AAPL'];
  ctx!: StrategyContext;
  readonly events: number[] = [];
  timers: number[] = [];
  init(ctx: StrategyContext): void { this.ctx = ctx; }
  onBook(): void {}
  onTrade(): void {}
  onTimer(tag: number): void { this.timers.push(tag); }
  onOrderEvent(ev: OrderEventView): void { this.events.push(ev.event); }
  hash(h: StateHasher): void { h.int(this.events.length); }
}

class Capture implements VenuePort {
  readonly kind = 'null';
  readonly sent: string[] = [];
  sink!: VenueEventSink;
  attach(s: VenueEventSink): void { this.sink = s; }
  submit(cl: number, _i: number, side: number, qty: number, px: number): void { this.sent.push(`new ${cl} ${side} ${qty}@${px}`); }
  cancel(req: number, orig: number): void { this.sent.push(`cancel ${orig} (${req})`); }
  replace(cl: number, orig: number, _i: number, _s: number, qty: number, px: number): void { this.sent.push(`replace ${orig}->${cl} ${qty}@${px}`); }
  onMarket(): void {}
}

function setup(limits = noLimits()) {
  const clock = new SimClock(1_000);
  const port = new Capture();
  const s = new Scripted();
  const k = buildKernel({ instruments: ['AAPL'], strategies: [{ strategy: s, limits }], features: false }, { clock, venue: port });
  k.risk.setReference(0, 1_900_000, clock.now());
  return { clock, port, s, k };
}

describe('kernel commands and reports', () => {
  it('a risk reject returns -code and nothing is sent; an accepted order reaches the port', () => {
    const l = noLimits();
    l.maxOrderQty = 100;
    const { port, s } = setup(l);
    expect(s.ctx.submit(0, 0, 200, 1_900_000, 0)).toBe(-Reject.RiskOrderQty);
    expect(port.sent).toEqual([]);
    const cl = s.ctx.submit(0, 0, 100, 1_900_000, 0);
    expect(cl).toBeGreaterThan(0);
    expect(port.sent).toEqual([`new ${cl} 0 100@1900000`]);
    expect(s.ctx.openOrders()).toBe(1);
  });

  it('reports flow venue -> OMS -> risk -> strategy; a duplicate or unknown report stops at the OMS', () => {
    const { port, s, k } = setup();
    const cl = s.ctx.submit(0, 1, 50, 1_900_000, 0);
    port.sink.execReport(OrderEvent.OrderAccepted, 1, cl, 0, 99, 0, 0, 0, 0, 0);
    port.sink.execReport(OrderEvent.OrderPartiallyFilled, 2, cl, 0, 99, 20, 1_900_000, 6, 0, 0);
    port.sink.execReport(OrderEvent.OrderPartiallyFilled, 2, cl, 0, 99, 20, 1_900_000, 6, 0, 0); // duplicate execId
    port.sink.execReport(OrderEvent.OrderFilled, 3, 12345, 0, 0, 30, 1_900_000, 0, 0, 0); // unknown order
    expect(s.events).toEqual([]); // queued, not handled yet
    expect(k.poll()).toBe(4);
    expect(s.events).toEqual([OrderEvent.OrderAccepted, OrderEvent.OrderPartiallyFilled]);
    expect(k.reportsRefused).toBe(2);
    expect(s.ctx.position(0)).toBe(-20);
    expect(k.risk.positions.fees[0]).toBe(6);
  });

  it('replace and cancel: the port gets FIX-style requests; the replaced order lives on under its new id', () => {
    const { port, s, k } = setup();
    const cl = s.ctx.submit(0, 0, 100, 1_890_000, 0);
    port.sink.execReport(OrderEvent.OrderAccepted, 1, cl, 0, 7, 0, 0, 0, 0, 0);
    k.poll();
    const cl2 = s.ctx.replace(cl, 150, 1_891_000);
    expect(port.sent[1]).toBe(`replace ${cl}->${cl2} 150@1891000`);
    expect(s.ctx.replace(cl, 150, 1_892_000)).toBe(-Reject.OmsPendingRequest); // one request in flight
    port.sink.execReport(OrderEvent.OrderReplaced, 2, cl2, cl, 7, 0, 0, 0, 0, 0);
    k.poll();
    expect(s.events).toEqual([OrderEvent.OrderAccepted, OrderEvent.OrderReplaced]);
    expect(s.ctx.openOrders()).toBe(1);
    expect(s.ctx.cancel(cl2)).toBe(0);
    expect(port.sent[2]).toMatch(new RegExp(`^cancel ${cl2} `));
    port.sink.execReport(OrderEvent.OrderCancelled, 3, cl2, 0, 7, 0, 0, 0, 0, 0);
    k.poll();
    expect(s.ctx.openOrders()).toBe(0);
    expect(k.oms.orders.used).toBe(0); // done orders are released
  });

  it('a max-loss breach engages the kill switch and cancels the open orders', () => {
    const l = noLimits();
    l.maxLoss = 500_000; // $50 at priceScale 10_000
    l.killOnBreach = [Check.MaxLoss];
    const { clock, port, s, k } = setup(l);
    const a = s.ctx.submit(0, 0, 100, 1_900_000, 0);
    const b = s.ctx.submit(0, 0, 100, 1_899_000, 0);
    port.sink.execReport(OrderEvent.OrderAccepted, 1, a, 0, 1, 0, 0, 0, 0, 0);
    port.sink.execReport(OrderEvent.OrderAccepted, 2, b, 0, 2, 0, 0, 0, 0, 0);
    port.sink.execReport(OrderEvent.OrderFilled, 3, a, 0, 1, 100, 1_900_000, 0, 0, 0);
    k.poll();
    clock.set(2_000);
    k.risk.setReference(0, 1_890_000, clock.now()); // -$1 x 100: a $100 loss
    expect(s.ctx.pnl()).toBe(-1_000_000);
    expect(s.ctx.submit(0, 1, 100, 1_890_000, 3)).toBe(-Reject.RiskMaxLoss);
    expect(port.sent[port.sent.length - 1]).toMatch(new RegExp(`^cancel ${b} `));
    expect(s.ctx.submit(0, 1, 100, 1_890_000, 3)).toBe(-Reject.RiskKillSwitch);
  });

  it('timers fire in due order when the clock reaches them, through poll', () => {
    const { clock, s, k } = setup();
    s.ctx.setTimer(300, 3);
    s.ctx.setTimer(100, 1);
    s.ctx.setTimer(100, 2);
    k.poll();
    expect(s.timers).toEqual([]);
    clock.set(1_100);
    k.poll();
    expect(s.timers).toEqual([1, 2]);
    clock.set(5_000);
    k.poll();
    expect(s.timers).toEqual([1, 2, 3]);
  });
});
