// Metrics against reference formulas on small series checked by hand (the arithmetic is written out in
// the comments; the expected values are those hand computations, not the code's own output).
import { describe, expect, it } from 'vitest';
import { computeMetrics, maxDrawdown, percentile, roundTrips, sharpeRatio, sortinoRatio, type EquitySample, type FillRow, type OrderRow } from '../../src/backtest/index.js';

const S = 1e9;
const A = 252 * 6.5 * 3600; // annualisation factor for 1 s intervals: 5,896,800

// Equity E at t = 0..5 s: 0, 10, 5, 15, 12, 20
// returns r = 10, -5, 10, -3, 8; mean = 20 / 5 = 4
// deviations 6, -9, 6, -7, 4 -> squares 36 + 81 + 36 + 49 + 16 = 218; sample variance 218 / 4 = 54.5
// downside: min(r, 0)^2 = 25 and 9 -> 34 / 5 = 6.8
// running peak 0, 10, 10, 15, 15, 20 -> drawdowns 0, 0, 5, 0, 3, 0: max 5, from the peak at 1 s, back at
// or above 10 at 3 s -> duration 2 s
const eq = [0, 10, 5, 15, 12, 20];
const ns = eq.map((_, i) => i * S);

describe('equity metrics', () => {
  it('sharpe = mean / sd(n-1) x sqrt(A)', () => {
    expect(sharpeRatio([10, -5, 10, -3, 8], S)).toBeCloseTo((4 / Math.sqrt(54.5)) * Math.sqrt(A), 6);
  });
  it('sortino = mean / sqrt(mean(min(r,0)^2)) x sqrt(A)', () => {
    expect(sortinoRatio([10, -5, 10, -3, 8], S)).toBeCloseTo((4 / Math.sqrt(6.8)) * Math.sqrt(A), 6);
  });
  it('a 10 s interval annualises with A / 10', () => {
    expect(sharpeRatio([10, -5, 10, -3, 8], 10 * S)).toBeCloseTo((4 / Math.sqrt(54.5)) * Math.sqrt(A / 10), 6);
  });
  it('no deviation or too few returns: null', () => {
    expect(sharpeRatio([1, 1, 1], S)).toBeNull();
    expect(sharpeRatio([1], S)).toBeNull();
    expect(sortinoRatio([1, 2, 3], S)).toBeNull();
  });
  it('max drawdown and its duration', () => {
    expect(maxDrawdown(ns, eq)).toEqual({ maxDrawdown: 5, durationNs: 2 * S });
    // never recovers: the duration runs to the last sample (peak 10 at 1 s, end at 3 s)
    expect(maxDrawdown([0, S, 2 * S, 3 * S], [0, 10, 4, 6])).toEqual({ maxDrawdown: 6, durationNs: 2 * S });
    expect(maxDrawdown([0, S], [0, 1])).toEqual({ maxDrawdown: 0, durationNs: 0 });
  });
  it('nearest-rank percentiles', () => {
    const v = [100, 200, 300, 400, 500, 600];
    expect(percentile(v, 50)).toBe(300); // ceil(0.5 x 6) = 3rd
    expect(percentile(v, 90)).toBe(600); // ceil(5.4) = 6th
    expect(percentile(v, 10)).toBe(100); // ceil(0.6) = 1st
    expect(percentile([], 50)).toBeNull();
  });
});

// Fills (engine units, integers), strategy 0, instrument X:
//  t1 buy 100 @ 100000 fee 10; t2 buy 100 @ 101000 fee 10 -> long 200, average cost 100500
//  t3 sell 200 @ 102000 fee 20 -> trade 1: realized (102000 - 100500) x 200 = 300000, fees 40, pnl 299960,
//     entry 100500, exit 102000, held 2 s
//  t4 sell 100 @ 100000 fee 10 -> short 100
//  t5 buy 150 @ 103000 fee 15 -> 100 close the short: realized (100000 - 103000) x 100 = -300000, fee share
//     15 x 100/150 = 10 -> fees 20, pnl -300020, held 1 s; 50 open a long with the other 5 of fee
//  t6 sell 50 @ 104000 fee 5 -> trade 3: realized 1000 x 50 = 50000, fees 10, pnl 49990, held 1 s
const f = (t: number, side: 'buy' | 'sell', qty: number, px: number, fee: number): FillRow => ({ ns: t * S, clOrdId: t, strategy: 0, instrument: 'X', side, qty, px, fee });
const fills = [f(1, 'buy', 100, 100000, 10), f(2, 'buy', 100, 101000, 10), f(3, 'sell', 200, 102000, 20), f(4, 'sell', 100, 100000, 10), f(5, 'buy', 150, 103000, 15), f(6, 'sell', 50, 104000, 5)];

describe('round trips', () => {
  it('flat to flat, splitting a fill that crosses flat', () => {
    const { trades, open } = roundTrips(fills);
    expect(open).toBe(0);
    expect(trades.map((t) => [t.side, t.qty, t.entryPx, t.exitPx, t.pnl, t.fees, t.exitNs - t.entryNs])).toEqual([
      ['long', 200, 100500, 102000, 299960, 40, 2 * S],
      ['short', 100, 100000, 103000, -300020, 20, S],
      ['long', 50, 103000, 104000, 49990, 10, S],
    ]);
  });
  it('a trade still open at the end is not listed', () => {
    expect(roundTrips(fills.slice(0, 2))).toEqual({ trades: [], open: 1 });
  });
});

describe('computeMetrics', () => {
  // orders: sent 100 + 100 + 200 + 100 + 200 + 50 = 750, filled 700 -> fill ratio 700/750;
  // acks after 100..600 ns -> mean 350, p50 300, p99 600
  const qty = [100, 100, 200, 100, 200, 50];
  const filled = [100, 100, 200, 100, 150, 50];
  const orders: OrderRow[] = qty.map((q, i) => ({
    clOrdId: i + 1, rootClOrdId: i + 1, strategy: 0, instrument: 'X', side: 'buy', qty: q, px: 1, kind: 'submit',
    sentNs: 0, ackNs: (i + 1) * 100, status: 'filled', filledQty: filled[i],
  }));
  orders.push({ ...orders[0], clOrdId: 7, kind: 'cancel', qty: 0, sentNs: 1000, ackNs: 1250, filledQty: 0 });
  const equity: EquitySample[] = eq.map((e, i) => ({ ns: ns[i], equity: e, position: [0], mid: [1] }));
  const trades = roundTrips(fills).trades;
  const m = computeMetrics({ equity, fills, trades, orders, fees: 3, intervalNs: S, startNs: 0, endNs: 10 * S });

  it('PnL, risk-adjusted ratios and drawdown', () => {
    expect(m.pnl).toBe(20);
    expect(m.grossPnl).toBe(23);
    expect(m.sharpe).toBeCloseTo((4 / Math.sqrt(54.5)) * Math.sqrt(A), 6);
    expect(m.maxDrawdown).toBe(5);
    expect(m.maxDrawdownDurationNs).toBe(2 * S);
    // calmar: 20 x (252 x 6.5 h / 10 s) / 5 = 20 x 589,680 / 5 = 2,358,720
    expect(m.calmar).toBeCloseTo(2_358_720, 3);
  });
  it('trade statistics', () => {
    expect(m.trades).toBe(3);
    expect(m.hitRate).toBeCloseTo(2 / 3, 12);
    expect(m.profitFactor).toBeCloseTo((299960 + 49990) / 300020, 12);
    expect(m.avgHoldingTimeNs).toBeCloseTo((4 / 3) * S, 3);
  });
  it('turnover, fill ratio, exposure, latency', () => {
    // 100x100000 + 100x101000 + 200x102000 + 100x100000 + 150x103000 + 50x104000
    expect(m.turnover).toBe(10_000_000 + 10_100_000 + 20_400_000 + 10_000_000 + 15_450_000 + 5_200_000);
    expect(m.fillRatio).toBeCloseTo(700 / 750, 12);
    // not flat from 1 s to 3 s and from 4 s to 6 s (the flip at 5 s never touches flat): 4 s of 10 s
    expect(m.exposure).toBeCloseTo(0.4, 12);
    expect(m.latency.orderAckNs).toEqual({ count: 6, mean: 350, p50: 300, p90: 600, p99: 600, max: 600 });
    expect(m.latency.cancelAckNs).toEqual({ count: 1, mean: 250, p50: 250, p90: 250, p99: 250, max: 250 });
    expect(m.orders).toBe(6);
    expect(m.fills).toBe(6);
  });
});
