// SimBackend's backtest: the strategy alone in a fresh simulator session (its own market seed),
// run for durationS of simulated time; equity sampled every 100 ms. Stands in for H2's runBacktest.

import type { BacktestReport } from '../backend.js';
import type { StrategySpec } from '../../config/strategy.js';
import { simSession } from '../../kernel/sim-session.js';
import { OrderEvent } from '../../core/events.js';
import { limitsFromSpec, strategyFromSpec } from '../../strategy/factory.js';
import type { OrderEventView, Strategy } from '../../strategy/types.js';

const SYMBOLS = ['AAPL', 'MSFT', 'SPY', 'AssetA', 'AssetB'];

export function runSimBacktest(spec: StrategySpec, durationS: number, seed: number): BacktestReport {
  const inner = strategyFromSpec(spec);
  let fills = 0;
  // Counts fills on the way to the strategy.
  const counting: Strategy = {
    name: inner.name,
    symbols: inner.symbols,
    init: (ctx) => inner.init(ctx),
    onBook: (i) => inner.onBook(i),
    onTrade: (i, px, q, a) => inner.onTrade(i, px, q, a),
    onTimer: (tag) => inner.onTimer(tag),
    onOrderEvent: (ev: OrderEventView) => {
      if (ev.event === OrderEvent.OrderFilled || ev.event === OrderEvent.OrderPartiallyFilled) fills++;
      inner.onOrderEvent(ev);
    },
    hash: (h) => inner.hash(h),
  };
  const s = simSession({ market: { seed }, kernel: { instruments: SYMBOLS, strategies: [{ strategy: counting, limits: limitsFromSpec(spec) }] }, venue: 'sim' });
  const t0 = s.clock.now();
  const t: number[] = [];
  const equity: number[] = [];
  const sampleNs = 100_000_000;
  for (let k = 1; k * sampleNs <= durationS * 1e9; k++) {
    s.run(t0 + k * sampleNs);
    t.push((k * sampleNs) / 1e9);
    equity.push(s.kernel.pnl(0) / 10_000);
  }
  let peak = 0;
  let maxDd = 0;
  const dd: number[] = [];
  for (const v of equity) {
    peak = Math.max(peak, v);
    maxDd = Math.max(maxDd, peak - v);
    dd.push(peak - v);
  }
  const rets = equity.map((v, i) => v - (i === 0 ? 0 : equity[i - 1]));
  const mean = rets.reduce((a, b) => a + b, 0) / Math.max(1, rets.length);
  const sd = Math.sqrt(rets.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, rets.length - 1));
  return {
    strategy: spec.name,
    metrics: { pnl: equity[equity.length - 1] ?? 0, maxDrawdown: maxDd, trades: fills, sharpe: sd > 0 ? (mean / sd) * Math.sqrt(rets.length) : null, durationS, seed },
    series: [{ name: 'equity', unit: 'USD', t, v: equity }, { name: 'drawdown', unit: 'USD', t, v: dd }],
  };
}
