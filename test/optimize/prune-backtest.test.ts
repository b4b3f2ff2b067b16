// Median pruning of backtest trials: the backtest objective reports the net PnL so far at fixed fractions
// of the data (src/backtest onStep), and a pruned trial's backtest stops early. In-process (the objective
// module is the source file: no dist build needed); a worker runs the same executeTrial on its side.
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBacktestObjective } from '../../src/optimize/backtest-objective.js';
import { optimize } from '../../src/optimize/optimize.js';
import { floatParam, intParam } from '../../src/optimize/space.js';
import { executeTrial } from '../../src/optimize/study.js';
import { buildProgram } from '../../src/cli/main.js';

const MBO = new URL('../../../shared/data/databento/mbo.csv', import.meta.url).pathname;
const MODULE = new URL('../../src/optimize/backtest-objective.ts', import.meta.url).href;
const SPACE = [floatParam('entryZ', 0.3, 3), intParam('lookbackNs', 1e9, 60e9, { step: 1e9 })];

function arg(metric: string) {
  if (!existsSync(MBO)) throw new Error(`shared data missing: ${MBO}`);
  const dir = mkdtempSync(join(tmpdir(), 'prune-'));
  const yaml = join(dir, 'mom.yaml');
  writeFileSync(yaml, 'Strategy: Momentum\nAsset: ARL\nLookbackWindow: 10s\nEntryThreshold: 0.5\nOrderQty: 100\nRiskTolerance: Medium\n');
  return { strategy: yaml, data: [{ path: MBO, format: 'mbo' as const }], metric, sampleNs: 60e9 };
}

describe('backtest objective: intermediate values and pruning', () => {
  it('reports the net PnL so far at steps 1..19 (never the final step), without changing the value', async () => {
    const fn = await createBacktestObjective(arg('pnl'));
    const params = { entryZ: 0.5, lookbackNs: 10e9 };
    const plain = await fn(params);
    const seen: Array<[number, number, boolean | undefined]> = [];
    const hooked = await fn(params, { report: (s, v, latest) => (seen.push([s, v, latest]), false) });
    expect(hooked).toEqual(plain);
    expect(seen.map((x) => x[0])).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(seen.every((x) => x[2] === true)).toBe(true);
    expect(new Set(seen.map((x) => x[1])).size).toBeGreaterThan(1);
  });

  it('a trial told to prune stops its backtest: state pruned, value the PnL at that step', async () => {
    const fn = await createBacktestObjective(arg('pnl'));
    // a reference whose median at step 3 is +infinity PnL: any trial is worse there (loss = -value)
    const out = await executeTrial(fn, { number: 0, params: { entryZ: 0.5, lookbackNs: 10e9 }, sign: -1, prune: { warmup: 0, interval: 1, medians: [[3, -Infinity]] } });
    expect(out.state).toBe('pruned');
    expect(out.intermediate.map((x) => x[0])).toEqual([1, 2, 3]);
    expect(out.value).toBe(out.intermediate[2][1]);
    const full = await executeTrial(fn, { number: 0, params: { entryZ: 0.5, lookbackNs: 10e9 }, sign: -1 });
    expect(full.state).toBe('complete');
    expect(full.intermediate.length).toBe(19);
    expect(full.intermediate[2]).toEqual(out.intermediate[2]);
    // the pruned run covered ~3/20 of the data: its metrics are the partial run's
    expect((out.metrics as { orders: number }).orders).toBeLessThan((full.metrics as { orders: number }).orders);
  });

  it('optimize: clearly worse trials are pruned with the median pruner, none with pruning off; the best is not worse', async () => {
    const run = (pruner: false | Record<string, never>, metric = 'pnl') =>
      optimize({ objective: { module: MODULE, exportName: 'createBacktestObjective', arg: arg(metric) }, space: SPACE, trials: 12, sampler: 'random', seed: 1, pruner });
    const on = await run({}); // the CLI's default (Optuna's MedianPruner defaults)
    const off = await run(false); // --no-prune
    const tOn = on.studies[0].result.trials;
    const tOff = off.studies[0].result.trials;
    expect(tOff.filter((t) => t.state === 'pruned').length).toBe(0);
    const pruned = tOn.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) {
      expect(t.intermediate.size).toBeLessThan(19); // stopped before the end of the data
      // a pruned trial was behind: its plain run (same params: the random sampler ignores history) ends
      // below the best complete one
      expect(tOff[t.number].params).toEqual(t.params);
      expect(tOff[t.number].value!).toBeLessThan(on.best!.value);
    }
    // complete trials are the same runs as without pruning
    for (const t of tOn.filter((x) => x.state === 'complete')) expect(t.value).toBe(tOff[t.number].value);
    // deterministic case (random sampler, one thread): the best with pruning is the same or better
    expect(on.best!.value).toBeGreaterThanOrEqual(off.best!.value);
    // and the same seed again gives the same pruned set (pruning is reproducible)
    const again = await run({});
    expect(again.studies[0].result.trials.map((t) => [t.state, t.value])).toEqual(tOn.map((t) => [t.state, t.value]));
  }, 10_000);

  it('a metric other than pnl (sharpe) still prunes on the PnL so far', async () => {
    const r = await optimize({ objective: { module: MODULE, exportName: 'createBacktestObjective', arg: arg('sharpe') }, space: SPACE, trials: 10, sampler: 'random', seed: 1, pruner: {} });
    const trials = r.studies[0].result.trials;
    expect(trials.some((t) => t.state === 'pruned')).toBe(true);
    for (const t of trials.filter((x) => x.state === 'complete')) expect(t.value).toBe(t.metrics!.sharpe ?? 0);
  }, 10_000);

  it('hftbot optimize checks --prune-startup / --prune-warmup', async () => {
    const a = arg('pnl');
    for (const bad of [['--prune-warmup', 'x'], ['--prune-startup', '-1'], ['--prune-startup', '2.5']]) {
      await expect(buildProgram().exitOverride().parseAsync(['node', 'hftbot', 'optimize', a.strategy, '--data', MBO, '--param', 'entryZ=1:3:1', ...bad])).rejects.toThrow(bad[0]);
    }
  });
});
