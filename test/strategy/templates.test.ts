// Strategy templates: the rolling statistics, Avellaneda-Stoikov quotes and their inventory skew on a
// scripted context, and the mean-reversion and market-making examples running in the kernel.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { loadSpec, validateStrategy } from '../../src/config/index.js';
import type { StrategySpec } from '../../src/config/index.js';
import { SIDE_BID } from '../../src/core/units.js';
import { simSession } from '../../src/kernel/index.js';
import { defaultInstruments } from '../../src/sim/index.js';
import { MarketMakingStrategy, MeanReversionStrategy, PairsStrategy, Rolling, limitsFromSpec, strategyFromSpec } from '../../src/strategy/index.js';
import type { StrategyContext } from '../../src/strategy/index.js';

const OPEN = 34_200e9;

function spec(raw: Record<string, unknown>): StrategySpec {
  const r = validateStrategy(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('Rolling', () => {
  it('keeps the last n values; mean and sample std match a plain computation', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 20 }), fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 0, maxLength: 60 }), (n, xs) => {
      const r = new Rolling(n);
      xs.forEach((x) => r.push(x));
      const kept = xs.slice(-n);
      expect(r.count).toBe(kept.length);
      for (let i = 0; i < kept.length; i++) expect(r.at(i)).toBe(kept[i]);
      if (kept.length >= 2) {
        const m = kept.reduce((a, b) => a + b, 0) / kept.length;
        const sd = Math.sqrt(kept.reduce((a, b) => a + (b - m) ** 2, 0) / (kept.length - 1));
        expect(r.mean()).toBeCloseTo(m, 6);
        expect(r.std()).toBeCloseTo(sd, 6);
      }
    }));
  });
});

/** A scripted context: a one-instrument book with a settable touch, a settable position. */
function fakeContext(): StrategyContext & { bid: number; ask: number; pos: number; orders: Array<[string, number, number, number]>; timers: number } {
  let seq = 0;
  const c = {
    bid: 1_899_900, ask: 1_900_100, pos: 0, orders: [] as Array<[string, number, number, number]>, timers: 0,
    strategyId: 0,
    book: {
      bestBid: () => c.bid, bestAsk: () => c.ask, depth: () => 1, levelPrice: () => NaN, levelQty: () => 100, levelCount: () => 1,
      tradingStatus: () => 4, orderCount: () => 2, stateHash: () => '',
    },
    now: () => 0,
    instrument: () => 0,
    priceScale: () => 10_000,
    tickSize: () => 100,
    submit: (_i: number, side: number, qty: number, px: number) => { c.orders.push([side === SIDE_BID ? 'buy' : 'sell', qty, px, ++seq]); return seq; },
    cancel: () => 0,
    replace: (_cl: number, qty: number, px: number) => { c.orders.push(['replace', qty, px, ++seq]); return seq; },
    position: () => c.pos,
    avgCost: () => 0,
    pnl: () => 0,
    openOrders: () => 0,
    setTimer: () => { c.timers++; },
    features: () => null,
  };
  return c;
}

describe('market making (Avellaneda-Stoikov)', () => {
  const mm = spec({ Strategy: 'Market Making', Asset: 'SPY', Gamma: 0.5, Kappa: 100, Horizon: '30s', VolWindow: '1s', QuoteQty: 100, MaxInventory: 300, RefreshInterval: '100ms', RiskTolerance: 'Medium' });

  function warm(s: MarketMakingStrategy, c: ReturnType<typeof fakeContext>): void {
    s.init(c);
    for (let i = 0; i < 12; i++) { // a mid wobbling by one tick: some volatility
      c.bid = 1_899_900 + (i % 2) * 100;
      c.ask = c.bid + 200;
      s.onTimer(1);
    }
  }

  it('quotes around the mid when flat, and skews both quotes down with a long inventory', () => {
    if (mm.template !== 'market-making') throw new Error();
    const flat = new MarketMakingStrategy('mm', 'SPY', mm.params);
    const c0 = fakeContext();
    warm(flat, c0);
    const mid = (c0.bid + c0.ask) / 2;
    expect(flat.lastBid).toBeLessThan(mid);
    expect(flat.lastAsk).toBeGreaterThan(mid);
    expect(flat.lastBid % 100).toBe(0);
    expect(Math.abs(mid - flat.lastBid - (flat.lastAsk - mid))).toBeLessThanOrEqual(100); // symmetric to a tick
    const long = new MarketMakingStrategy('mm', 'SPY', mm.params);
    const c1 = fakeContext();
    c1.pos = 200;
    warm(long, c1);
    expect(long.lastBid).toBeLessThan(flat.lastBid);
    expect(long.lastAsk).toBeLessThan(flat.lastAsk);
  });

  it('stops bidding at the inventory limit and replaces a quote whose price moved', () => {
    if (mm.template !== 'market-making') throw new Error();
    const s = new MarketMakingStrategy('mm', 'SPY', mm.params);
    const c = fakeContext();
    c.pos = 250; // + 100 would pass MaxInventory 300
    warm(s, c);
    expect(c.orders.some((o) => o[0] === 'buy')).toBe(false);
    expect(c.orders.some((o) => o[0] === 'sell')).toBe(true);
    expect(c.orders.some((o) => o[0] === 'replace')).toBe(true);
    expect(s.live[1]).toBeGreaterThan(0);
  });

  it('runs in the kernel against the simulator: quotes rest, some trade', () => {
    const sp = spec({ Strategy: 'Market Making', Asset: 'AAPL', Gamma: 0.1, Kappa: 150, Horizon: '10s', VolWindow: '1s', QuoteQty: 100, MaxInventory: 300, RefreshInterval: '50ms', RiskTolerance: 'Medium' });
    const s = strategyFromSpec(sp) as MarketMakingStrategy;
    const session = simSession({ market: { seed: 9, instruments: defaultInstruments().filter((i) => i.symbol === 'AAPL') }, kernel: { instruments: ['AAPL'], strategies: [{ strategy: s, limits: limitsFromSpec(sp) }] } });
    session.run(OPEN + 30e9);
    expect(s.quotes).toBeGreaterThan(50);
    expect(s.fills).toBeGreaterThan(0);
    expect(Math.abs(session.kernel.position(0, 0))).toBeLessThanOrEqual(400); // MaxInventory + one quote
    expect(session.kernel.risk.positions.openCount[0]).toBeLessThanOrEqual(2);
  });
});

describe('mean reversion', () => {
  it('the shipped example runs in the kernel: z computed, positions taken and closed', () => {
    const r = loadSpec(fileURLToPath(new URL('../../examples/strategies/mean-reversion.yaml', import.meta.url)));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const sp = r.spec as StrategySpec;
    const s = strategyFromSpec(sp) as MeanReversionStrategy;
    const session = simSession({ market: { seed: 5, instruments: defaultInstruments().filter((i) => i.symbol === 'MSFT') }, kernel: { instruments: ['MSFT'], strategies: [{ strategy: s, limits: limitsFromSpec(sp) }] } });
    session.run(OPEN + 120e9);
    expect(Number.isFinite(s.lastZ)).toBe(true);
    expect(s.executor.orders).toBeGreaterThan(1);
    expect(s.executor.fills).toBeGreaterThan(1);
  });
});

describe('pairs, Engle-Granger', () => {
  it('finds the synthetic pair cointegrated (coint p-value), hedges by the OLS ratio, trades both legs', () => {
    const sp = spec({ Strategy: 'Pairs', Assets: ['AssetA', 'AssetB'], Timeframe: '1s', StatisticalModel: 'Engle-Granger', Window: 300, ReestimateEvery: 60, EntryThreshold: '1.5 std', ExitThreshold: '0.3 std', RiskTolerance: 'High' });
    const s = strategyFromSpec(sp) as PairsStrategy;
    expect(s.sampleNs).toBe(1e9); // 300 samples of 1 s already span the 300 s minimum
    const session = simSession({ market: { seed: 3, instruments: defaultInstruments().filter((i) => i.symbol.startsWith('Asset')) }, kernel: { instruments: ['AssetA', 'AssetB'], strategies: [{ strategy: s, limits: limitsFromSpec(sp) }] } });
    session.run(OPEN + 480e9);
    expect(s.estimations).toBeGreaterThanOrEqual(3);
    expect(s.cointegratedCount).toBeGreaterThan(0);
    expect(s.lastPValue).toBeLessThan(0.05);
    expect(s.beta).toBeGreaterThan(0.5);
    expect(s.beta).toBeLessThan(1.5);
    expect(s.entries).toBeGreaterThan(0);
    expect(s.executor.fills).toBeGreaterThan(1);
    // both legs traded: the OMS holds a position slot for each instrument
    expect(session.kernel.oms.positions.count).toBe(2);
  });
});
