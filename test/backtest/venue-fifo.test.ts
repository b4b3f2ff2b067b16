// Exact FIFO queue position on L3 data: our order sits behind every order resting at its price when it
// arrives; only executions and cancels of those orders move it forward.
import { describe, expect, it } from 'vitest';
import { BacktestVenuePort } from '../../src/backtest/venue/index.js';
import { OrderEvent } from '../../src/core/events.js';
import { TimeInForce } from '../../src/venue/types.js';
import { ASK, BID, RecordingSink } from './venue-helpers.js';

/** A port with 300 lots bid at 100 (orders 1: 100, 2: 200) and an ask at 105, then our buy 100 @ 100. */
function setup(queue: 'fifo' | 'risk-adverse' | 'prob-power' = 'fifo') {
  const port = new BacktestVenuePort({ queue });
  const sink = new RecordingSink();
  port.attach(sink);
  const m = port.market;
  m.add(0, 1, BID, 100, 100, 1);
  m.add(0, 2, BID, 100, 200, 2);
  m.add(0, 9, ASK, 105, 100, 3);
  port.submit(1, 0, BID, 100, 100, TimeInForce.Day, 10);
  port.advance(10);
  // reports wait for their release time (zero report latency: the next advance); rec() flushes them
  const rec = (): RecordingSink => {
    port.advance(Number.MAX_SAFE_INTEGER);
    return sink;
  };
  return { port, rec, m };
}

describe('backtest venue: exact FIFO queue', () => {
  it('joins behind the 300 lots resting at its price', () => {
    const { port, rec } = setup();
    expect(rec().of(OrderEvent.OrderAccepted).map((r) => r.clOrdId)).toEqual([1]);
    expect(port.resting).toBe(1);
    expect(port.queueAheadOf(1)).toBe(300);
  });

  it('300 ahead: prints of 250 do not fill us, another 100 fills 50 of ours', () => {
    const { port, rec, m } = setup();
    m.add(0, 3, BID, 100, 400, 20); // behind us
    m.execute(1, 100, 30);
    m.execute(2, 150, 31);
    expect(port.queueAheadOf(1)).toBe(50);
    expect(rec().fills()).toEqual([]);
    // the next 100-lot print: 50 finish order 2 (ahead of us), 50 reach order 3, which is behind us
    m.execute(2, 50, 40);
    expect(port.queueAheadOf(1)).toBe(0);
    expect(rec().fills()).toEqual([]);
    m.execute(3, 50, 41);
    const f = rec().fills();
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ event: OrderEvent.OrderPartiallyFilled, clOrdId: 1, lastQty: 50, lastPx: 100, ts: 41 });
    expect(port.leavesOf(1)).toBe(50);
    // the book itself is the replayed market's: our fill removed nothing
    expect(port.view.orderQty(3)).toBe(350);
    m.execute(3, 80, 50);
    expect(rec().filledQty(1)).toBe(100);
    expect(rec().fills().at(-1)!.event).toBe(OrderEvent.OrderFilled);
    expect(port.resting).toBe(0);
  });

  it('cancels behind us do not advance us; cancels ahead do', () => {
    const { port, rec, m } = setup();
    m.add(0, 3, BID, 100, 500, 20); // behind
    m.delete(3, 21);
    expect(port.queueAheadOf(1)).toBe(300);
    m.add(0, 4, BID, 100, 70, 22); // behind
    m.cancel(4, 30, 23);
    expect(port.queueAheadOf(1)).toBe(300);
    m.cancel(1, 40, 24); // ahead: partial cancel
    expect(port.queueAheadOf(1)).toBe(260);
    m.delete(2, 25); // ahead: gone
    expect(port.queueAheadOf(1)).toBe(60);
    // the only order ahead modifies in place (priority kept): shrinks our queue too
    m.modify(1, 100, 10, 26);
    expect(port.queueAheadOf(1)).toBe(10);
    expect(rec().fills()).toEqual([]);
    // a print of 10 against order 1 and 5 against order 4 (behind us): we get 5
    m.execute(1, 10, 30);
    m.execute(4, 5, 31);
    expect(rec().filledQty(1)).toBe(5);
  });

  it('an order ahead that loses priority (replace, modify up) goes behind us', () => {
    const { port, m } = setup();
    m.replace(1, 11, 100, 100, 20); // ITCH replace: new id, back of the queue
    expect(port.queueAheadOf(1)).toBe(200);
    m.modify(2, 100, 250, 21); // size up: back of the queue
    expect(port.queueAheadOf(1)).toBe(0);
  });

  it('same scenario under risk-adverse: cancels ahead do not advance us', () => {
    const { port, m } = setup('risk-adverse');
    m.add(0, 3, BID, 100, 500, 20);
    m.cancel(1, 40, 24);
    m.delete(2, 25);
    // the level (100 - 40) + 500 is still larger than the 300 we assumed ahead
    expect(port.queueAheadOf(1)).toBe(300);
  });

  it('a print through our price fills us at our price (we would have been hit first)', () => {
    const { port, rec, m } = setup();
    port.submit(2, 0, BID, 50, 102, TimeInForce.Day, 40); // better than the best bid: nothing ahead
    port.advance(40);
    expect(port.queueAheadOf(2)).toBe(0);
    m.execute(1, 30, 50); // a seller hit 100: ours at 102 came first
    expect(rec().fills(2)).toMatchObject([{ lastQty: 30, lastPx: 102, event: OrderEvent.OrderPartiallyFilled }]);
    expect(rec().fills(1)).toEqual([]); // order 1 was ahead of our order at 100
    expect(port.queueAheadOf(1)).toBe(270);
  });

  it('new opposite liquidity at or through our price fills us (an incoming order would have crossed)', () => {
    const { rec, m } = setup();
    m.add(0, 20, ASK, 101, 40, 50); // does not reach our bid at 100
    expect(rec().fills()).toEqual([]);
    m.add(0, 21, ASK, 100, 30, 51);
    expect(rec().fills(1)).toMatchObject([{ lastQty: 30, lastPx: 100 }]);
  });

  it('our own orders at one price fill in arrival order from one print', () => {
    const { port, rec, m } = setup();
    port.submit(2, 0, BID, 100, 100, TimeInForce.Day, 20);
    port.advance(20);
    expect(port.queueAheadOf(2)).toBe(300); // our first order is not in the replayed book
    m.add(0, 3, BID, 100, 500, 21);
    m.execute(1, 100, 30);
    m.execute(2, 200, 31);
    m.execute(3, 150, 32); // behind both of ours: 150 lots reach ours, the first one first
    expect(rec().filledQty(1)).toBe(100);
    expect(rec().filledQty(2)).toBe(50);
  });

  it('a replace keeps priority when it only reduces size, loses it on a price change', () => {
    const { port, rec, m } = setup();
    m.add(0, 3, BID, 100, 500, 20);
    m.execute(1, 100, 21); // ahead now 200
    port.replace(2, 1, 0, BID, 60, 100, 30);
    port.advance(30);
    expect(rec().of(OrderEvent.OrderReplaced)).toMatchObject([{ clOrdId: 2, origClOrdId: 1 }]);
    expect(port.queueAheadOf(2)).toBe(200);
    expect(port.leavesOf(2)).toBe(60);
    port.replace(3, 2, 0, BID, 60, 99, 31);
    port.advance(31);
    expect(port.queueAheadOf(3)).toBe(0); // nothing rests at 99
    port.replace(4, 3, 0, BID, 60, 100, 32);
    port.advance(32);
    expect(port.queueAheadOf(4)).toBe(700); // back at 100: behind everything there now
  });

  it('anonymous size (LOBSTER orders from before the file) is ahead when we arrive, behind when added later', () => {
    const port = new BacktestVenuePort();
    const sink = new RecordingSink();
    port.attach(sink);
    const m = port.market;
    m.levelDelta(0, BID, 100, 200, 2, 1); // resting before the data starts
    m.add(0, 1, BID, 100, 100, 2);
    port.submit(1, 0, BID, 100, 100, TimeInForce.Day, 3);
    port.advance(3);
    expect(port.queueAheadOf(1)).toBe(300);
    m.levelDelta(0, BID, 100, -150, -1, 4); // an anonymous order ahead of us leaves
    expect(port.queueAheadOf(1)).toBe(150);
    m.levelDelta(0, BID, 100, 40, 1, 5); // anonymous size joining now is behind us
    m.levelDelta(0, BID, 100, -60, -1, 6); // taken from the 40 behind first, then 20 from the front
    expect(port.queueAheadOf(1)).toBe(130);
    m.execute(1, 100, 7);
    expect(port.queueAheadOf(1)).toBe(30);
    m.levelDelta(0, BID, 100, -30, -1, 8);
    expect(port.queueAheadOf(1)).toBe(0);
    m.add(0, 2, BID, 100, 50, 9);
    m.execute(2, 30, 10);
    port.advance(10);
    expect(sink.filledQty(1)).toBe(30);
  });

  it('a cleared instrument cancels our orders on it', () => {
    const { port, rec, m } = setup();
    m.clear(0, 50);
    expect(port.resting).toBe(0);
    expect(rec().of(OrderEvent.OrderCancelled)).toMatchObject([{ clOrdId: 1, ts: 50 }]);
  });
});
