// Latency: orders become live at the venue only at send time + order latency, reports reach the kernel
// at venue time + report latency, cancels race fills; latency models are deterministic.
import { describe, expect, it } from 'vitest';
import { BacktestVenuePort, FifoLink, constantLatency, empiricalLatency, recordedLatency } from '../../src/backtest/venue/index.js';
import { OrderEvent } from '../../src/core/events.js';
import { Reject } from '../../src/core/rejects.js';
import { TimeInForce } from '../../src/venue/types.js';
import { ASK, BID, RecordingSink } from './venue-helpers.js';

function port(orderNs: number, reportNs = 0) {
  const p = new BacktestVenuePort({ orderLatency: constantLatency(orderNs), reportLatency: constantLatency(reportNs) });
  const sink = new RecordingSink();
  p.attach(sink);
  p.market.add(0, 1, ASK, 101, 100, 0);
  p.market.add(0, 2, BID, 99, 100, 0);
  return { p, sink, m: p.market };
}

describe('backtest venue: latency', () => {
  it('an order sent just before the price moves away does not fill at the old price', () => {
    for (const [latency, expected] of [[100, 100], [500, 0]] as const) {
      const { p, sink, m } = port(latency);
      p.submit(5, 0, BID, 100, 101, TimeInForce.Ioc, 1000); // at the touch when sent
      m.delete(1, 1200); // the ask leaves at 1200 ...
      m.add(0, 3, ASK, 102, 100, 1200); // ... and comes back a tick higher
      m.add(0, 4, BID, 98, 10, 2000); // later market traffic
      p.advance(3000);
      expect(sink.filledQty(5)).toBe(expected);
      expect(sink.of(OrderEvent.OrderAccepted)[0].ts).toBe(1000 + latency);
    }
  });

  it('reports are held until venue time + report latency, then released in order with that stamp', () => {
    const { p, sink } = port(100, 250);
    p.submit(5, 0, BID, 40, 101, TimeInForce.Day, 1000); // arrives 1100, fills at once
    p.advance(1100);
    expect(sink.reports).toEqual([]);
    expect(p.nextEventTime()).toBe(1350);
    p.advance(1349);
    expect(sink.reports).toEqual([]);
    p.advance(1350);
    expect(sink.reports.map((r) => [r.event, r.ts])).toEqual([[OrderEvent.OrderAccepted, 1350], [OrderEvent.OrderFilled, 1350]]);
    expect(p.nextEventTime()).toBe(Infinity);
  });

  it('market events never release reports: only advance() does, at the runner\'s clock', () => {
    const { p, sink, m } = port(0, 0);
    p.submit(5, 0, BID, 10, 100, TimeInForce.Day, 0);
    m.add(0, 3, BID, 98, 5, 100); // the order arrived (time 0) before this event
    expect(p.resting).toBe(1);
    m.add(0, 4, ASK, 100, 10, 200); // fills us at venue time 200
    m.add(0, 5, BID, 97, 5, 300);
    expect(sink.reports).toEqual([]); // the kernel (feed-delayed, say) is not at 200 yet
    expect(p.nextDue()).toBe(0);
    p.advance(250);
    expect(sink.reports.map((r) => [r.event, r.ts])).toEqual([[OrderEvent.OrderAccepted, 0], [OrderEvent.OrderFilled, 200]]);
  });

  it('a cancel that arrives after the fill gets a cancel reject; one that arrives before wins', () => {
    for (const [cancelAt, filled] of [[1400, 50], [1100, 0]] as const) {
      const { p, sink, m } = port(200);
      p.submit(5, 0, BID, 50, 100, TimeInForce.Day, 1000); // live at 1200, first at 100
      p.cancel(6, 5, 0, BID, cancelAt); // arrives cancelAt + 200
      m.add(0, 7, ASK, 100, 80, 1500); // an incoming sell crosses our bid at 1500
      p.advance(5000);
      expect(sink.filledQty(5)).toBe(filled);
      if (filled > 0) {
        expect(sink.of(OrderEvent.OrderCancelRejected)).toMatchObject([{ clOrdId: 6, origClOrdId: 5, reason: Reject.MatchUnknownOrder, ts: 1600 }]);
      } else {
        expect(sink.of(OrderEvent.OrderCancelled)).toMatchObject([{ clOrdId: 5, ts: 1300 }]);
        expect(sink.of(OrderEvent.OrderCancelRejected)).toEqual([]);
      }
    }
  });

  it('a replace takes effect only when it arrives', () => {
    const { p, sink, m } = port(300);
    p.submit(5, 0, BID, 50, 98, TimeInForce.Day, 0); // live at 300
    p.replace(6, 5, 0, BID, 50, 100, 1000); // to 100, live at 1300
    m.add(0, 7, ASK, 100, 20, 1200); // crosses 100 but our order is still at 98
    m.add(0, 8, ASK, 100, 30, 1400); // now it is at 100
    p.advance(5000);
    expect(sink.fills(5)).toEqual([]);
    // at 1300 the replaced order crosses the 20 lots resting at 100 (taker), then the 30 arriving at 1400 hit it
    expect(sink.fills(6).map((r) => [r.lastQty, r.lastPx, r.ts])).toEqual([[20, 100, 1300], [30, 100, 1400]]);
    expect(p.takerFills).toBe(1);
    expect(p.makerFills).toBe(1);
  });

  it('the links are FIFO: a shorter latency never lets a message overtake an earlier one', () => {
    const link = new FifoLink(recordedLatency([500, 10, 10, 700, 0]));
    expect([0, 1, 2, 3, 4].map((t) => link.arrival(t * 100, 0))).toEqual([500, 500, 500, 1000, 1000]);
    // the venue sees an order before its cancel even when the cancel's latency is shorter
    const p = new BacktestVenuePort({ orderLatency: recordedLatency([1000, 1]) });
    const sink = new RecordingSink();
    p.attach(sink);
    p.submit(1, 0, BID, 10, 100, TimeInForce.Day, 0);
    p.cancel(2, 1, 0, BID, 10);
    p.advance(2000);
    expect(sink.reports.map((r) => r.event)).toEqual([OrderEvent.OrderAccepted, OrderEvent.OrderCancelled]);
  });

  it('feed latency: feedTime is ts + latency, monotone', () => {
    const p = new BacktestVenuePort({ feedLatency: recordedLatency([50, 0, 20]) });
    expect([p.feedTime(100), p.feedTime(110), p.feedTime(200)]).toEqual([150, 150, 220]);
  });

  it('empirical latency: same samples and seed give the same draws; reset rewinds; seeds differ', () => {
    const samples = [1000, 2500, 4000, 12_000, 800];
    const a = empiricalLatency(samples, 42);
    const b = empiricalLatency(samples, 42);
    const c = empiricalLatency(samples, 43);
    const da = Array.from({ length: 200 }, (_, i) => a.next(i, i));
    const db = Array.from({ length: 200 }, (_, i) => b.next(i, i));
    const dc = Array.from({ length: 200 }, (_, i) => c.next(i, i));
    expect(da).toEqual(db);
    expect(da).not.toEqual(dc);
    for (const v of da) expect(samples).toContain(v);
    expect(new Set(da).size).toBe(samples.length); // 200 draws reach every sample
    a.reset();
    expect(Array.from({ length: 200 }, (_, i) => a.next(i, i))).toEqual(da);
  });

  it('recorded latency: by position (last value repeats) or by clOrdId', () => {
    const s = recordedLatency([10, 20.4, -5]);
    expect([s.next(0, 0), s.next(0, 0), s.next(0, 0), s.next(0, 0)]).toEqual([10, 20, 0, 0]);
    const k = recordedLatency(new Map([[7, 300], [9, 900]]), 50);
    expect([k.next(0, 9), k.next(0, 8), k.next(0, 7)]).toEqual([900, 50, 300]);
  });

  it('the same inputs give the same reports (empirical latencies, seeded)', () => {
    const run = (seed: number) => {
      const p = new BacktestVenuePort({
        orderLatency: empiricalLatency([100, 300, 900, 2000], seed), reportLatency: empiricalLatency([50, 500], seed + 1),
      });
      const sink = new RecordingSink();
      p.attach(sink);
      const m = p.market;
      let id = 1;
      for (let t = 0; t < 200; t++) {
        const ts = t * 100;
        m.add(0, id++, t % 2 === 0 ? BID : ASK, t % 2 === 0 ? 99 - (t % 3) : 101 + (t % 3), 10 + (t % 7), ts);
        if (t % 5 === 0) p.submit(1000 + t, 0, t % 10 === 0 ? BID : ASK, 5, t % 10 === 0 ? 101 : 99, TimeInForce.Ioc, ts);
        if (t % 4 === 3) m.execute(id - 2, 3, ts + 50);
      }
      p.advance(1e9);
      return sink.reports;
    };
    const a = run(1);
    expect(a.length).toBeGreaterThan(40);
    expect(run(1)).toEqual(a);
    expect(run(2).map((r) => r.ts)).not.toEqual(a.map((r) => r.ts));
  });
});
