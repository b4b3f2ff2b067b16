// The embedded default of `hftbot run` (what `npm start` runs without a SYSTEM.yaml): the run config's
// defaults (src/config/run.ts: synthetic market on AAPL, MSFT, SPY, AssetA/AssetB, the simulator as venue,
// 127.0.0.1:8080) plus the seeds' two strategies, written inline as in examples/strategies/:
//   seed-momentum  (seed-momentum.yaml: Momentum on AAPL, 100ms lookback, z 0.7, Low risk)  at paper
//   seed-pairs     (seed-pairs.yaml: Stat-Arb pairs AssetA/AssetB, 1 ms bars, Johansen, 2.5/0.5 std) in shadow
// and examples/alerts/demo.yaml's alert rules; and the synthetic market's instruments per Market.Profile:
//   realistic  src/sim defaultInstruments(): calibrated for 30-minute pairs windows (AssetA 4e-4/sqrt s,
//              spread half-life ~7 s); the pairs template estimates on its default 300 s span.
//   demo       the same but AssetA at 3e-3/sqrt s and AssetB's spread with kappa 4 (half-life ~0.17 s,
//              sd ~$0.03): the pair is cointegrated on a few seconds of mids, so the pairs template's
//              minimum estimation span is 4 s (500 samples 8 ms apart). Measured with the seed's spec in
//              shadow, seeds 1, 7, 42, 99: first shadow fill after 5-6 s of market time, 68-102 fills in 30 s
//              (the momentum seed fills after ~2 s at paper). Symbols outside the defaults get a plain
//              $100 instrument.

import { fileURLToPath } from 'node:url';
import { defaultInstruments, type SyntheticInstrument } from '../sim/agents.js';
import type { TemplateOptions } from '../strategy/factory.js';

export const DEFAULT_RUN: Readonly<Record<string, unknown>> = {
  Run: 'hftbot-demo',
  Market: { Source: 'synthetic', Instruments: ['AAPL', 'MSFT', 'SPY', 'AssetA', 'AssetB'], Seed: 42, Profile: 'demo' },
  Venue: { Kind: 'simulator' },
  Strategies: [
    { Name: 'seed-momentum', Stage: 'paper', Spec: { Strategy: 'Momentum', Asset: 'AAPL', LookbackWindow: '100ms', EntryThreshold: 0.7, RiskTolerance: 'Low' } },
    {
      Name: 'seed-pairs', Stage: 'shadow',
      Spec: {
        Strategy: 'Stat-Arb Pair-Trading',
        Inputs: {
          Assets: ['AssetA', 'AssetB'], Timeframe_ms: 1, StatisticalModel: 'Cointegration (Johansen)', EntryThreshold: '2.5 std',
          ExitThreshold: '0.5 std', RiskLimits: { MaxPositionUSD: 10000, StopLossPercent: '0.5%' },
        },
      },
    },
  ],
  Server: { Host: '127.0.0.1', Port: 8080 },
  // evaluated in process (src/alerts/evaluate.ts) and shown on the dashboard; an absolute path, so the demo
  // finds it from any working directory
  Alerts: fileURLToPath(new URL('../../examples/alerts/demo.yaml', import.meta.url)),
};

/** The synthetic market's instruments for the listed symbols (followers bring their leader). */
export function marketInstruments(symbols: readonly string[], profile: 'demo' | 'realistic'): SyntheticInstrument[] {
  const known = defaultInstruments().map((i): SyntheticInstrument => {
    if (profile !== 'demo') return i;
    if (i.symbol === 'AssetA') return { ...i, volPerSqrtSec: 3e-3 };
    if (i.symbol === 'AssetB' && i.follows !== undefined) return { ...i, follows: { ...i.follows, kappa: 4, spreadVol: 0.08 } };
    return i;
  });
  const want = new Set(symbols);
  for (const k of known) if (want.has(k.symbol) && k.follows !== undefined) want.add(k.follows.leader);
  const out = known.filter((k) => want.has(k.symbol));
  for (const s of symbols) if (!known.some((k) => k.symbol === s)) out.push({ symbol: s, startPrice: 100 });
  return out;
}

/** Template options for the profile (the pairs estimation span: see the header). */
export function templateOptions(profile: 'demo' | 'realistic'): TemplateOptions {
  return profile === 'demo' ? { pairs: { minEstimationSpanNs: 4_000_000_000 } } : {};
}
