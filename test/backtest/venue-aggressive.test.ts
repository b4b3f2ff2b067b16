// Aggressive orders walk the visible levels at arrival (partial fills, IOC remainder cancelled, Day
// remainder rests), without changing the replayed book; optional impact; maker/taker fees.
import { describe, expect, it } from 'vitest';
import { BacktestVenuePort, Fees, type BacktestVenueOptions } from '../../src/backtest/venue/index.js';
import { OrderEvent } from '../../src/core/events.js';
import { TimeInForce } from '../../src/venue/types.js';
import { ASK, BID, RecordingSink } from './venue-helpers.js';

function withAsks(opts: BacktestVenueOptions = {}) {
  const port = new BacktestVenuePort(opts);
  const sink = new RecordingSink();
  port.attach(sink);
  const m = port.market;
  m.add(0, 1, ASK, 101, 100, 1);
  m.add(0, 2, ASK, 102, 50, 2);
  m.add(0, 3, ASK, 103, 200, 3);
  m.add(0, 4, BID, 99, 100, 4);
  const rec = (): RecordingSink => {
    port.advance(Number.MAX_SAFE_INTEGER);
    return sink;
  };
  return { port, m, rec };
}

describe('backtest venue: aggressive orders', () => {
  it('an IOC buy walks the asks up to its limit, partial fills, remainder cancelled', () => {
    const { port, rec } = withAsks();
    port.submit(7, 0, BID, 200, 102, TimeInForce.Ioc, 10);
    const r = rec().reports;
    expect(r.map((x) => [x.event, x.lastQty, x.lastPx])).toEqual([
      [OrderEvent.OrderAccepted, 0, 0],
      [OrderEvent.OrderPartiallyFilled, 100, 101],
      [OrderEvent.OrderPartiallyFilled, 50, 102],
      [OrderEvent.OrderCancelled, 0, 0],
    ]);
    expect(port.resting).toBe(0);
    // the replayed book is untouched by our fills
    expect(port.view.levelQty(0, ASK, 0)).toBe(100);
    expect(port.view.levelQty(0, ASK, 1)).toBe(50);
  });

  it('a Day sell walks the bids and rests the remainder at its limit', () => {
    const { port, rec } = withAsks();
    port.submit(8, 0, ASK, 150, 99, TimeInForce.Day, 10);
    expect(rec().fills(8)).toMatchObject([{ lastQty: 100, lastPx: 99, event: OrderEvent.OrderPartiallyFilled }]);
    expect(port.resting).toBe(1);
    expect(port.leavesOf(8)).toBe(50);
    expect(port.queueAheadOf(8)).toBe(0);
  });

  it('an order that fills completely at once reports OrderFilled and does not rest', () => {
    const { port, rec } = withAsks();
    port.submit(9, 0, BID, 120, 103, TimeInForce.Day, 10);
    const f = rec().fills(9);
    expect(f.map((x) => [x.lastQty, x.lastPx])).toEqual([[100, 101], [20, 102]]);
    expect(f[1].event).toBe(OrderEvent.OrderFilled);
    expect(port.resting).toBe(0);
  });

  it('without impact the same liquidity is taken twice; with impact it comes back as it decays', () => {
    const plain = withAsks();
    plain.port.submit(1, 0, BID, 100, 101, TimeInForce.Ioc, 10);
    plain.port.submit(2, 0, BID, 100, 101, TimeInForce.Ioc, 11);
    expect(plain.rec().filledQty(2)).toBe(100);

    const imp = withAsks({ impact: { decayNs: 1000 } });
    imp.port.submit(1, 0, BID, 100, 101, TimeInForce.Ioc, 10);
    imp.port.submit(2, 0, BID, 100, 101, TimeInForce.Ioc, 11); // 1 ns later: 99.9 lots still hidden
    imp.port.submit(3, 0, BID, 100, 101, TimeInForce.Ioc, 510); // half of order 1's take has come back
    imp.port.submit(4, 0, BID, 100, 101, TimeInForce.Ioc, 2000); // all of it (order 3's take too)
    const s = imp.rec();
    expect(s.filledQty(1)).toBe(100);
    expect(s.filledQty(2)).toBe(0);
    expect(s.filledQty(3)).toBe(50);
    expect(s.filledQty(4)).toBe(100);
  });

  it('fees: taker per lot on aggressive fills, maker rebate on passive fills, bps of notional', () => {
    const { port, m, rec } = withAsks({ fees: { takerPerLot: 30, makerPerLot: -20, takerBps: 1 } });
    port.submit(1, 0, BID, 150, 102, TimeInForce.Ioc, 10);
    const t = rec().fills(1);
    // 100 @ 101: 100*30 + 1bp * 101*100 = 3000 + 1.01 -> rounded up: 3002; 50 @ 102: 1500 + 0.51 -> 1501
    expect(t.map((x) => x.fee)).toEqual([3002, 1501]);
    port.submit(2, 0, BID, 10, 100, TimeInForce.Day, 20);
    m.add(0, 5, ASK, 100, 10, 30); // crosses our resting bid: we are the maker
    expect(rec().fills(2)).toMatchObject([{ lastQty: 10, lastPx: 100, fee: -200 }]);
    expect(port.feesTotal).toBe(3002 + 1501 - 200);
  });

  it('fee rounding is in the venue favour, exact values stay exact', () => {
    const f = new Fees({ makerBps: -0.5, takerPerLot: 29.5 });
    expect(f.fee(false, 100, 3)).toBe(89); // 88.5 up
    expect(f.fee(true, 1_000_000, 100)).toBe(-5000); // exact
    expect(f.fee(true, 101, 3)).toBe(0); // a rebate of 0.015 units rounds up to nothing
  });
});
