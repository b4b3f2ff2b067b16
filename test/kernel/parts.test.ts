// The kernel's small parts: the inbound ring (order, copy, full = bug), the timer queue (due order,
// ties in insertion order) and the shadow fill model on a hand-built book.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { L3Books } from '../../src/book/index.js';
import { OrderEvent } from '../../src/core/events.js';
import { EV_EXEC, EV_FEED, InboundRing, TimerQueue } from '../../src/kernel/index.js';
import { ShadowVenuePort, TimeInForce } from '../../src/venue/index.js';

describe('inbound ring', () => {
  it('hands events back in push order with their bytes and fields; grows when full, order kept; bounded', () => {
    const r = new InboundRing(4);
    const msg = Buffer.from([0x41, 1, 2, 3]);
    r.pushBytes(EV_FEED, msg, 0, 4, 10);
    r.pushExec(OrderEvent.OrderFilled, 9, 5, 0, 77, 100, 1_900_000, 3, 0, 11);
    let s = r.peek();
    expect(r.kind[s]).toBe(EV_FEED);
    expect([...r.bytes.subarray(s * 64, s * 64 + r.len[s])]).toEqual([0x41, 1, 2, 3]);
    r.release();
    s = r.peek();
    expect(r.kind[s]).toBe(EV_EXEC);
    expect(r.f[s * 10 + 2]).toBe(5);
    expect(r.f[s * 10 + 6]).toBe(1_900_000);
    r.release();
    expect(r.peek()).toBe(-1);
    // wrapped around, then full: the ring doubles and hands everything back in push order
    for (let i = 0; i < 3; i++) r.pushExec(1, i, 1, 0, 0, 0, 0, 0, 0, 0);
    r.pushBytes(EV_FEED, msg, 1, 3, 12);
    r.pushExec(1, 4, 1, 0, 0, 0, 0, 0, 0, 0);
    expect(r.grown).toBe(1);
    expect(r.capacity).toBe(8);
    const seen: string[] = [];
    for (let x = r.peek(); x >= 0; x = r.peek()) {
      seen.push(r.kind[x] === EV_FEED ? `feed ${[...r.bytes.subarray(x * 64, x * 64 + r.len[x])].join(',')}` : `exec ${r.f[x * 10 + 1]}`);
      r.release();
    }
    expect(seen).toEqual(['exec 0', 'exec 1', 'exec 2', 'feed 1,2,3', 'exec 4']);
    expect(r.highWater).toBe(5);
    const small = new InboundRing(2, 4);
    for (let i = 0; i < 4; i++) small.pushExec(1, i, 1, 0, 0, 0, 0, 0, 0, 0);
    expect(() => small.pushExec(1, 5, 1, 0, 0, 0, 0, 0, 0, 0)).toThrow(/full/);
  });
});

describe('timer queue', () => {
  it('pops in (due, insertion) order for any insertion sequence', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (dues) => {
      const q = new TimerQueue(256);
      dues.forEach((d, i) => q.add(d, 0, i));
      const got: number[] = [];
      while (q.size > 0) { got.push(q.topTag()); q.pop(); }
      const want = dues.map((d, i) => [d, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[1]);
      expect(got).toEqual(want);
    }));
  });
});

describe('shadow fill model', () => {
  function setup() {
    const books = new L3Books();
    books.add(0, 1, 0, 1_899_900, 300, 0); // bid 189.99 x 300
    books.add(0, 2, 1, 1_900_100, 200, 0); // ask 190.01 x 200
    books.add(0, 3, 1, 1_900_200, 500, 0);
    const port = new ShadowVenuePort(books);
    const got: Array<[number, number, number, number]> = [];
    port.attach({ execReport: (ev, _x, cl, _o, _id, q, px) => got.push([ev, cl, q, px]) });
    return { books, port, got };
  }

  it('a crossing order fills at the touch up to the displayed size; the IOC remainder is cancelled', () => {
    const { port, got } = setup();
    port.submit(1, 0, 0, 500, 1_900_200, TimeInForce.Ioc, 0);
    expect(got).toEqual([[OrderEvent.OrderAccepted, 1, 0, 0], [OrderEvent.OrderPartiallyFilled, 1, 200, 1_900_100], [OrderEvent.OrderCancelled, 1, 0, 0]]);
    expect(port.resting).toBe(0);
  });

  it('a passive order fills only when the book trades through its price, at its price', () => {
    const { books, port, got } = setup();
    port.submit(2, 0, 0, 100, 1_900_000, TimeInForce.Day, 0); // bid 190.00: rests
    expect(port.resting).toBe(1);
    port.onMarket(0, 1_900_000, 50, 1); // a print AT our price: the queue ahead is unknown, no fill
    expect(got.length).toBe(1);
    port.onMarket(0, 1_899_900, 60, 2); // a print through it
    expect(got[1]).toEqual([OrderEvent.OrderPartiallyFilled, 2, 60, 1_900_000]);
    books.add(0, 4, 1, 1_900_000, 500, 3); // the ask comes down onto our bid
    port.onMarket(0, NaN, 0, 3);
    expect(got[2]).toEqual([OrderEvent.OrderFilled, 2, 40, 1_900_000]);
    expect(port.resting).toBe(0);
    expect(port.fills).toBe(2);
  });

  it('cancel and replace of resting orders; of unknown ones: cancel rejects', () => {
    const { port, got } = setup();
    port.submit(3, 0, 1, 100, 1_901_000, TimeInForce.Day, 0);
    port.replace(4, 3, 0, 1, 150, 1_902_000, 1);
    expect(got[1]).toEqual([OrderEvent.OrderReplaced, 4, 0, 0]);
    port.cancel(5, 4, 0, 1, 2);
    expect(got[2]).toEqual([OrderEvent.OrderCancelled, 4, 0, 0]);
    port.cancel(6, 4, 0, 1, 3);
    expect(got[3][0]).toBe(OrderEvent.OrderCancelRejected);
  });
});
