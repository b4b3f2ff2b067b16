// Acceptance (issue 5): the seeds' YAML examples, verbatim, validate and run against the in-process
// synthetic market; each run sends orders, gets fills and shows PnL.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../src/config/index.js';
import type { StrategySpec } from '../../src/config/index.js';
import { simSession } from '../../src/kernel/index.js';
import { defaultInstruments } from '../../src/sim/index.js';
import { MomentumStrategy, PairsStrategy, limitsFromSpec, strategyFromSpec } from '../../src/strategy/index.js';

const OPEN = 34_200e9;
const S = 1e9;

function load(name: string): StrategySpec {
  const r = loadSpec(fileURLToPath(new URL(`../../examples/strategies/${name}`, import.meta.url)));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  expect(r.kind).toBe('strategy');
  return r.spec as StrategySpec;
}

describe('seed strategies against the simulator', () => {
  it('seed-momentum.yaml: AAPL, 100ms lookback, z 0.7, Low preset -> orders, fills, PnL', () => {
    const spec = load('seed-momentum.yaml');
    expect(spec.template).toBe('momentum');
    const strategy = strategyFromSpec(spec) as MomentumStrategy;
    const session = simSession({
      market: { seed: 7, instruments: defaultInstruments().filter((i) => i.symbol === 'AAPL') },
      kernel: { instruments: ['AAPL'], strategies: [{ strategy, limits: limitsFromSpec(spec) }] },
    });
    session.run(OPEN + 60 * S);
    const k = session.kernel;
    const ex = strategy.executor;
    expect(strategy.samples).toBeGreaterThan(500);
    expect(ex.orders).toBeGreaterThan(10);
    expect(ex.fills).toBeGreaterThan(5);
    expect(k.oms.positions.count).toBe(1);
    const pnl = k.pnl(0);
    expect(Number.isFinite(pnl)).toBe(true);
    expect(k.risk.positions.fees[0]).not.toBe(0); // taker fees were charged
    console.log(`momentum: orders ${ex.orders} fills ${ex.fills} rejects ${ex.rejects} (last ${ex.lastReject}) pnl $${(pnl / 10_000).toFixed(2)} pos ${k.position(0, 0)}`);
  });

  it('seed-pairs.yaml: Johansen on AssetA/AssetB, 1 ms bars, 2.5/0.5 std -> cointegration found, orders, fills, PnL', () => {
    const spec = load('seed-pairs.yaml');
    expect(spec.template).toBe('pairs');
    if (spec.template !== 'pairs') return;
    expect(spec.params.timeframeNs).toBe(1_000_000);
    expect(spec.params.model).toBe('johansen');
    expect(spec.risk.maxPositionCents).toBe(1_000_000);
    const strategy = strategyFromSpec(spec) as PairsStrategy;
    // 1 ms bars; the estimation window of 500 samples spans the 300 s minimum: samples 600 ms apart
    expect(strategy.sampleNs).toBe(600_000_000);
    const session = simSession({
      market: { seed: 3, instruments: defaultInstruments().filter((i) => i.symbol.startsWith('Asset')) },
      kernel: { instruments: ['AssetA', 'AssetB'], strategies: [{ strategy, limits: limitsFromSpec(spec) }] },
    });
    session.run(OPEN + 480 * S);
    const k = session.kernel;
    const ex = strategy.executor;
    console.log(`pairs: estimations ${strategy.estimations} cointegrated ${strategy.cointegratedCount} beta ${strategy.beta.toFixed(3)} entries ${strategy.entries} orders ${ex.orders} fills ${ex.fills} rejects ${ex.rejects} (last ${ex.lastReject}) stops ${ex.stops} pnl $${(k.pnl(0) / 10_000).toFixed(2)}`);
    expect(strategy.estimations).toBeGreaterThanOrEqual(3);
    expect(strategy.cointegratedCount).toBeGreaterThan(0);
    expect(strategy.beta).toBeGreaterThan(0.5);
    expect(strategy.beta).toBeLessThan(1.5);
    expect(ex.orders).toBeGreaterThan(1);
    expect(ex.fills).toBeGreaterThan(1);
    expect(Number.isFinite(k.pnl(0))).toBe(true);
    expect(k.risk.positions.fees[0]).not.toBe(0);
  });
});
