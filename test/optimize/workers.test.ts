// Worker threads run compiled JS: these tests use dist/ (built by `npm test`'s pretest step).
import { describe, expect, it } from 'vitest';
import { distAvailable, distUrl, WorkerPool } from '../../src/optimize/pool.js';
import { optimize } from '../../src/optimize/optimize.js';
import { GridSampler, TpeSampler } from '../../src/optimize/samplers.js';
import { intParam, floatParam } from '../../src/optimize/space.js';
import { runStudy } from '../../src/optimize/study.js';
import type { ObjectiveSpec } from '../../src/optimize/objective.js';
import { monoNs } from '../../src/clock/live.js';
import { createBacktestObjective, shareData } from '../../src/optimize/backtest-objective.js';
import { RandomSampler } from '../../src/optimize/samplers.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const spec = (name: string, spin = 0, sleepMs = 0): ObjectiveSpec => ({ module: distUrl('functions.js').href, exportName: 'createTestFunction', arg: { name, spin, sleepMs } });

describe('worker threads', () => {
  it('dist/ is built (npm test builds it first)', () => {
    expect(distAvailable()).toBe(true);
  });

  it('2 workers give the same trials and best as 1 worker with grid sampling', async () => {
    const space = [intParam('x', -4, 4), intParam('y', -3, 3)];
    const base = { objective: spec('sphere'), space, trials: 200, sampler: 'grid' as const, seed: 5, direction: 'minimize' as const, pruner: false as const };
    const one = await optimize({ ...base, workers: 1 });
    const two = await optimize({ ...base, workers: 2 });
    const strip = (r: typeof one) => r.studies[0].result.trials.map((t) => [t.number, t.params, t.value, t.state]);
    expect(one.studies[0].result.trials.length).toBe(63);
    expect(strip(two)).toEqual(strip(one));
    expect(two.best).toEqual(one.best);
    expect(one.best!.params).toEqual({ x: 0, y: 0 });
  }, 20_000);

  it('TPE on 2 workers is reproducible for a seed (fixed feedback delay, not thread timing)', async () => {
    const space = [floatParam('x1', -5, 10), floatParam('x2', 0, 15)];
    const run = async () => {
      const pool = await WorkerPool.start(spec('branin', 2000), 2);
      try {
        return await runStudy({ space, sampler: new TpeSampler({ seed: 11 }), nTrials: 30, executor: pool });
      } finally {
        await pool.close();
      }
    };
    const a = await run();
    const b = await run();
    expect(a.trials.map((t) => t.params)).toEqual(b.trials.map((t) => t.params));
    expect(a.trials.every((t) => t.state === 'complete')).toBe(true);
    expect(a.best!.value).toBeLessThan(5);
  }, 20_000);

  it('a grid study with a worker pool visits the whole grid (no lost or repeated trials)', async () => {
    const pool = await WorkerPool.start(spec('sphere'), 2);
    try {
      const space = [intParam('x', 0, 9), intParam('y', 0, 9)];
      const r = await runStudy({ space, sampler: new GridSampler(1), nTrials: 100, executor: pool, direction: 'minimize' });
      expect(new Set(r.trials.map((t) => `${t.params.x},${t.params.y}`)).size).toBe(100);
      expect(r.best!.value).toBe(0);
    } finally {
      await pool.close();
    }
  }, 20_000);

  it('a worker whose objective cannot be built fails the pool start with the reason', async () => {
    await expect(WorkerPool.start({ ...spec('nope'), arg: { name: 'nope' } }, 1)).rejects.toThrow(/unknown test function nope/);
  }, 20_000);

  it('per-trial overhead is small: 2 workers finish 24 trials of 25 ms (blocking sleep) at least 1.7x faster than 1', async () => {
    // Sleeping trials need no CPU, so this measures the pool and scheduler (postMessage, proposals), not
    // the machine's free cores. TPE keeps its feedback lag (2K) so the proposals are on the path too.
    const space = [floatParam('x1', -5, 10), floatParam('x2', 0, 15)];
    const time = async (k: number) => {
      const pool = await WorkerPool.start(spec('branin', 0, 25), k);
      try {
        const t0 = monoNs();
        await runStudy({ space, sampler: new TpeSampler({ seed: 2 }), nTrials: 24, executor: pool });
        return (monoNs() - t0) / 1e6;
      } finally {
        await pool.close();
      }
    };
    const one = await time(1);
    const two = await time(2);
    expect(one).toBeGreaterThanOrEqual(24 * 25);
    expect(one / two).toBeGreaterThanOrEqual(1.7);
  }, 20_000);

  it('a crashing worker fails its trial; when every worker is gone the remaining trials fail instead of hanging', async () => {
    const space = [intParam('x', 0, 9)];
    const pool = await WorkerPool.start({ ...spec('sphere'), arg: { name: 'sphere', crashAbove: 4 } }, 2);
    try {
      const r = await runStudy({ space, sampler: new GridSampler(3), nTrials: 10, executor: pool, direction: 'minimize' });
      expect(r.trials.length).toBe(10);
      for (const t of r.trials) if (t.state === 'complete') expect(t.params.x).toBeLessThanOrEqual(4);
      const failed = r.trials.filter((t) => t.state === 'failed');
      expect(failed.length).toBeGreaterThanOrEqual(2);
      expect(failed.some((t) => /crashed|no worker/.test(t.error ?? ''))).toBe(true);
    } finally {
      await pool.close();
    }
  }, 20_000);

  it('backtest objective on shared data (one copy for all workers) gives the same values as loading per run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'share-'));
    const yaml = join(dir, 'mom.yaml');
    writeFileSync(yaml, 'Strategy: Momentum\nAsset: ARL\nLookbackWindow: 10s\nEntryThreshold: 0.5\nOrderQty: 100\nRiskTolerance: Medium\n');
    const mbo = new URL('../../../shared/data/databento/mbo.csv', import.meta.url).pathname;
    const arg = { strategy: yaml, data: [{ path: mbo, format: 'mbo' as const }], metric: 'pnl', sampleNs: 60e9 };
    const shared = await shareData(arg);
    expect(shared.shared?.n).toBeGreaterThan(5000);
    const space = [floatParam('entryZ', 0.3, 2), intParam('lookbackNs', 1e9, 30e9, { step: 1e9 })];
    const pool = await WorkerPool.start({ module: distUrl('backtest-objective.js').href, exportName: 'createBacktestObjective', arg: shared }, 2);
    try {
      const r = await runStudy({ space, sampler: new RandomSampler(3), nTrials: 4, executor: pool, direction: 'maximize' });
      const direct = await createBacktestObjective(arg);
      for (const t of r.trials) {
        const v = await direct(t.params);
        expect(t.value).toBe(typeof v === 'object' ? v.value : v);
      }
      expect(new Set(r.trials.map((t) => t.metrics?.trades)).size).toBeGreaterThan(1);
    } finally {
      await pool.close();
    }
  }, 30_000);
});
