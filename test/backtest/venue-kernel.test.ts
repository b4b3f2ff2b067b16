// The backtest venue driven by ITCH bytes, behind the real kernel: the venue's book is fed at exchange
// time (feedItch), the kernel gets the same bytes; the strategy's orders go through risk and the OMS to
// the port, and its reports come back through the kernel's ring into the OMS (positions, order states).
import { describe, expect, it } from 'vitest';
import { BacktestVenuePort, constantLatency } from '../../src/backtest/venue/index.js';
import { SimClock } from '../../src/clock/clock.js';
import { OrderEvent } from '../../src/core/events.js';
import type { StateHasher } from '../../src/core/hash.js';
import { SIDE_BID } from '../../src/core/units.js';
import { encodeItch } from '../../src/feed/itch/codec.js';
import { buildKernel } from '../../src/kernel/build.js';
import { noLimits } from '../../src/risk/index.js';
import type { OrderEventView, Strategy, StrategyContext } from '../../src/strategy/types.js';
import { TimeInForce } from '../../src/venue/types.js';
import { msg } from '../itch/helpers.js';

/** Joins the best bid with 100 lots once; cancels what is left after its first fill. */
class JoinBid implements Strategy {
  readonly name = 'join-bid';
  readonly symbols = ['AAPL'];
  ctx!: StrategyContext;
  cl = 0;
  readonly events: Array<[number, number, number, boolean]> = [];
  init(ctx: StrategyContext): void {
    this.ctx = ctx;
  }
  onBook(inst: number): void {
    if (this.cl !== 0) return;
    const bid = this.ctx.book.bestBid(inst);
    if (bid === bid) this.cl = this.ctx.submit(inst, SIDE_BID, 100, bid, TimeInForce.Day);
  }
  onTrade(): void {}
  onTimer(): void {}
  onOrderEvent(ev: OrderEventView): void {
    this.events.push([ev.event, ev.lastQty, ev.cumQty, ev.done]);
    if (ev.event === OrderEvent.OrderPartiallyFilled) this.ctx.cancel(ev.clOrdId);
  }
  hash(_h: StateHasher): void {}
}

function itch(type: string, fields: Record<string, unknown>): Buffer {
  const b = Buffer.alloc(64);
  const n = encodeItch(msg(type, { stockLocate: 1, ...fields }), b, 0);
  if (n < 0) throw new Error(`encode ${type}: ${n}`);
  return b.subarray(0, n);
}

function run(latencyNs: number) {
  const clock = new SimClock(0);
  const port = new BacktestVenuePort({ symbols: ['AAPL'], orderLatency: constantLatency(latencyNs), reportLatency: constantLatency(latencyNs) });
  const strat = new JoinBid();
  const k = buildKernel({ instruments: ['AAPL'], strategies: [{ strategy: strat, limits: noLimits() }], features: false }, { clock, venue: port });
  const px = 1_000_000;
  const feed: Buffer[] = [
    itch('R', { timestamp: 1, stock: 'AAPL', roundLotSize: 100 }),
    itch('A', { timestamp: 1000, orderRef: 1, side: 'B', shares: 300, stock: 'AAPL', price: px }), // we join behind it
    itch('A', { timestamp: 1100, orderRef: 2, side: 'S', shares: 300, stock: 'AAPL', price: px + 100 }),
    itch('A', { timestamp: 5000, orderRef: 3, side: 'B', shares: 200, stock: 'AAPL', price: px }), // behind us
    itch('E', { timestamp: 6000, orderRef: 1, executedShares: 250, matchNumber: 1 }),
    itch('E', { timestamp: 6001, orderRef: 1, executedShares: 50, matchNumber: 2 }),
    itch('E', { timestamp: 6002, orderRef: 3, executedShares: 60, matchNumber: 3 }), // reaches us: 60 of our 100
    itch('E', { timestamp: 9000, orderRef: 3, executedShares: 100, matchNumber: 4 }), // after our cancel (if it arrived)
    itch('A', { timestamp: 20_000, orderRef: 4, side: 'B', shares: 1, stock: 'AAPL', price: px - 100 }),
  ];
  for (const m of feed) {
    const ts = m.readUInt16BE(5) * 2 ** 32 + m.readUInt32BE(7);
    for (let d = port.nextDue(); d < ts; d = port.nextDue()) { // venue deliveries before the event, each at its time
      clock.set(d);
      port.advance(d);
      k.poll();
    }
    clock.set(ts);
    expect(port.feedItch(m, 0, m.length)).toBe(0);
    k.feedItch(m, 0, m.length, ts);
    k.poll();
  }
  return { k, strat, port };
}

describe('backtest venue behind the kernel (ITCH bytes)', () => {
  it('the FIFO fill, the cancel of the rest and the position reach the OMS and the strategy', () => {
    const { k, strat, port } = run(0);
    expect(strat.cl).toBeGreaterThan(0);
    expect(strat.events).toEqual([
      [OrderEvent.OrderAccepted, 0, 0, false],
      [OrderEvent.OrderPartiallyFilled, 60, 60, false],
      [OrderEvent.OrderCancelled, 0, 60, true],
    ]);
    expect(k.position(0, 0)).toBe(60);
    expect(k.reportsRefused).toBe(0);
    expect(port.resting).toBe(0);
  });

  it('with 3 us each way the cancel arrives after the next print: that one fills the rest', () => {
    const { k, strat, port } = run(3000);
    expect(strat.events.map((e) => e[0])).toEqual([OrderEvent.OrderAccepted, OrderEvent.OrderPartiallyFilled, OrderEvent.OrderFilled]);
    expect(k.position(0, 0)).toBe(100);
    // the cancel reached the venue after the fill: rejected; the kernel had released the done order, so
    // it counts the reject as a report for an unknown order (its documented rule) and nothing else changes
    expect(port.cancelRejects).toBe(1);
    expect(k.reportsRefused).toBe(1);
  });
});
