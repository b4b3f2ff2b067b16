// Order status for reconciliation, port by port: the FIX port's OrderStatusRequest (H) bytes and its
// reading of ExecType I answers (known order, unknown "NONE", AvgPx beyond the price scale); the
// simulator's ledger of port orders, which a port built after a crash answers from.
import { describe, expect, it } from 'vitest';
import { OrderEvent } from '../../src/core/events.js';
import { FixMessageView, referenceEncode } from '../../src/fix/codec/index.js';
import { OrdStatus } from '../../src/oms/table.js';
import { Venue } from '../../src/sim/index.js';
import { EncoderOutput, FixVenuePort, ShadowVenuePort, SimVenuePort, type VenueEventSink } from '../../src/venue/index.js';

interface Answer { cl: number; orderId: number; st: number; cum: number; leaves: number; avg: number; qty: number }

function recorder(): VenueEventSink & { answers: Answer[]; reports: number[][] } {
  const answers: Answer[] = [];
  const reports: number[][] = [];
  return {
    answers, reports,
    execReport: (...a: number[]) => { reports.push(a); },
    orderStatus: (cl, orderId, st, cum, leaves, avg, qty) => { answers.push({ cl, orderId, st, cum, leaves, avg, qty }); },
  };
}

function view(fields: Array<[number, string]>): FixMessageView {
  const s = referenceEncode('FIX.4.4', [[35, '8'], [34, '5'], [49, 'EXCH'], [52, '20260105-10:00:00.000'], [56, 'HFTBOT'], ...fields].map(([tag, value]) => ({ tag: tag as number, value: value as string })));
  const v = new FixMessageView();
  const b = Buffer.from(s, 'latin1');
  expect(v.decode(b, 0, b.length)).toBe(0);
  return v;
}

describe('FIX port: order status', () => {
  it('sends OrderStatusRequest with ClOrdID, Symbol and Side', () => {
    const out = new EncoderOutput('HFTBOT', 'EXCH');
    const p = new FixVenuePort(out, { symbols: ['AAPL', 'MSFT'], epochMs: 0 });
    p.requestStatus(42, 0, 1, 1, 0);
    const text = out.encoder.buf.toString('latin1', out.start, out.end).split('\x01');
    expect(text).toContain('35=H');
    expect(text).toContain('11=42');
    expect(text).toContain('55=MSFT');
    expect(text).toContain('54=2');
  });

  it('reads ExecType I answers: a known order, and an unknown one (OrderID NONE)', () => {
    const p = new FixVenuePort(new EncoderOutput(), { symbols: ['AAPL'], epochMs: 0 });
    const sink = recorder();
    p.attach(sink);
    p.fromApp(view([[37, '77'], [11, '42'], [17, '9'], [150, 'I'], [39, '1'], [55, 'AAPL'], [54, '1'], [38, '100'], [151, '40'], [14, '60'], [6, '190.012345']]));
    p.fromApp(view([[37, 'NONE'], [11, '43'], [17, '10'], [150, 'I'], [39, '8'], [55, 'AAPL'], [54, '1'], [151, '0'], [14, '0'], [6, '0']]));
    expect(sink.reports).toEqual([]); // answers are not execution reports
    expect(sink.answers).toEqual([
      { cl: 42, orderId: 77, st: OrdStatus.PartiallyFilled, cum: 60, leaves: 40, avg: 1_900_123.45, qty: 100 },
      { cl: 43, orderId: 0, st: OrdStatus.Rejected, cum: 0, leaves: 0, avg: 0, qty: 0 },
    ]);
  });
});

describe('simulator port: order status from the venue', () => {
  it('answers from the venue ledger, also for a port built after the one that sent the order', () => {
    const venue = new Venue({ instruments: [{ symbol: 'AAPL', referencePx: 1_900_000, bandBps: 1000 }] });
    const p1 = new SimVenuePort(venue, ['AAPL']);
    const s1 = recorder();
    p1.attach(s1);
    p1.submit(5, 0, 0, 100, 1_900_000, 0, 1); // rests
    expect(venue.newOrder(0, 1, 7, 1, 1, 3, 1_900_000, 30, 0, 0, 2)).toBe(0); // sells 30 into it
    p1.submit(6, 0, 0, 10, 1_800_000, 0, 3); // rests, then cancelled
    p1.cancel(7, 6, 0, 0, 4);
    expect(s1.reports.map((r) => r[0])).toContain(OrderEvent.OrderPartiallyFilled);
    // a new port (the engine restarted): the venue still knows both orders
    const p2 = new SimVenuePort(venue, ['AAPL']);
    const s2 = recorder();
    p2.attach(s2);
    p2.requestStatus(5, 0, 0, 0, 5);
    p2.requestStatus(6, 0, 0, 0, 5);
    p2.requestStatus(99, 0, 0, 0, 5);
    expect(s2.answers[0]).toMatchObject({ cl: 5, st: OrdStatus.PartiallyFilled, cum: 30, leaves: 70, avg: 1_900_000, qty: 100 });
    expect(s2.answers[0].orderId).toBeGreaterThan(0);
    expect(s2.answers[1]).toMatchObject({ cl: 6, st: OrdStatus.Cancelled, cum: 0, leaves: 0 });
    expect(s2.answers[2]).toEqual({ cl: 99, orderId: 0, st: OrdStatus.Rejected, cum: 0, leaves: 0, avg: 0, qty: 0 });
  });
});

describe('shadow port: order status', () => {
  /** A one-instrument book: bid 100 x 5, ask 102 x 3. */
  const book = {
    depth: () => 1, levelPrice: (_i: number, side: number) => (side === 0 ? 100 : 102), levelQty: (_i: number, side: number) => (side === 0 ? 5 : 3),
    levelCount: () => 1, bestBid: () => 100, bestAsk: () => 102, tradingStatus: () => 0, orderCount: () => 2, stateHash: () => '',
  };

  it('answers from its resting orders: New, PartiallyFilled with the average price, unknown once done', () => {
    const p = new ShadowVenuePort(book);
    const sink = recorder();
    p.attach(sink);
    p.submit(1, 0, 0, 10, 101, 0, 0); // rests at 101 (the ask is 102)
    p.submit(2, 0, 0, 10, 102, 0, 0); // takes the 3 shown at 102, 7 rest
    p.onMarket(0, 100, 1, 0); // a print through our 101 bid: 1 fills at 101; the 102 bid still touches the ask: 3 more
    p.requestStatus(1, 0, 0, 0, 0);
    p.requestStatus(2, 0, 0, 0, 0);
    p.requestStatus(3, 0, 0, 0, 0);
    p.cancel(4, 1, 0, 0, 0);
    p.requestStatus(1, 0, 0, 0, 0);
    expect(sink.answers.map((a) => [a.cl, a.st, a.cum, a.leaves, a.avg, a.qty])).toEqual([
      [1, OrdStatus.PartiallyFilled, 1, 9, 101, 10],
      [2, OrdStatus.PartiallyFilled, 6, 4, 102, 10],
      [3, OrdStatus.Rejected, 0, 0, 0, 0],
      [1, OrdStatus.Rejected, 0, 0, 0, 0],
    ]);
    expect(sink.answers[0].orderId).toBeGreaterThan(0);
    expect(sink.answers[2].orderId).toBe(0);
  });
});
