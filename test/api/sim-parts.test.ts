// SimBackend's parts: the step histogram's quantiles and the blotter's ordering by last activity.
import { expect, test } from 'vitest';
import { Log2Histogram } from '../../src/api/sim/histogram.js';
import { Blotter } from '../../src/api/sim/blotter.js';
import { OrderEvent } from '../../src/core/events.js';
import type { OrderEventView } from '../../src/strategy/types.js';

test('Log2Histogram: counts, bucket bounds and quantiles in seconds', () => {
  const h = new Log2Histogram('m', { a: 'b' });
  for (let i = 0; i < 98; i++) h.record(3); // bucket <= 4 us
  h.record(100); // <= 128 us
  h.record(5000); // <= 8192 us
  const info = h.info();
  expect(info.count).toBe(100);
  expect(info.buckets.reduce((a, b) => a + b.count, 0)).toBe(100);
  expect(info.buckets.find((b) => b.le === 4e-6)!.count).toBe(98);
  expect(info.p50).toBe(4e-6);
  expect(info.p99).toBe(128e-6);
  expect(info.p999).toBe(5000e-6); // capped at the max seen
  expect(info.max).toBe(5000e-6);
});

test('Blotter: orders by last activity, fills recorded, working filter', () => {
  const b = new Blotter(['AAPL', 'MSFT'], 10_000);
  b.submitted('s1', 'paper', 1, 0, 0, 100, 1_900_000);
  b.submitted('s2', 'shadow', 2, 1, 1, 50, 4_200_000);
  const ev = (event: number, clOrdId: number, lastQty: number, leavesQty: number, cumQty: number): OrderEventView =>
    ({ event, clOrdId, origClOrdId: 0, instrument: 0, side: 0, lastQty, lastPx: 1_900_000, leavesQty, cumQty, done: leavesQty === 0, reason: 0 });
  expect(b.orders({ limit: 10 }).map((o) => o.clOrdId)).toEqual([2, 1]);
  expect(b.event(ev(OrderEvent.OrderAccepted, 1, 0, 100, 0))).toBe(false);
  expect(b.orders({ limit: 10 }).map((o) => o.clOrdId)).toEqual([1, 2]);
  expect(b.event(ev(OrderEvent.OrderPartiallyFilled, 1, 40, 60, 40))).toBe(true);
  expect(b.fills({ limit: 10 })).toMatchObject([{ clOrdId: 1, strategy: 's1', qty: 40, px: 190, shadow: false }]);
  expect(b.orders({ open: true, limit: 10 }).map((o) => o.clOrdId)).toEqual([1, 2]);
  b.event(ev(OrderEvent.OrderCancelled, 2, 0, 0, 0));
  expect(b.orders({ open: true, limit: 10 }).map((o) => o.clOrdId)).toEqual([1]);
  expect(b.orders({ strategy: 's2', limit: 10 })[0]).toMatchObject({ status: 'cancelled', instrument: 'MSFT', side: 'sell', px: 420 });
  b.print(1, 4_200_100, 7, 0);
  expect(b.trades(1, 5)).toMatchObject([{ instrument: 'MSFT', px: 420.01, qty: 7, side: 'buy' }]);
});
