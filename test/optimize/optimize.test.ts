import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optimize } from '../../src/optimize/optimize.js';
import { distUrl } from '../../src/optimize/pool.js';
import { readTrials } from '../../src/optimize/store.js';
import { floatParam, intParam } from '../../src/optimize/space.js';
import { createBacktestObjective, dataSpan } from '../../src/optimize/backtest-objective.js';
import { parseWalkForward } from '../../src/optimize/walk-forward.js';
import { writeFileSync } from 'node:fs';
import { vi } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';

const MBO = new URL('../../../shared/data/databento/mbo.csv', import.meta.url).pathname;

describe('optimize()', () => {
  it('writes a DuckDB file with one row per trial, an offline HTML summary and a JSON summary', async () => {
    const out = mkdtempSync(join(tmpdir(), 'opt-'));
    const r = await optimize({
      objective: { module: distUrl('functions.js').href, exportName: 'createTestFunction', arg: { name: 'sphere' } },
      space: [floatParam('x', -5, 5), floatParam('y', -5, 5)],
      trials: 25,
      sampler: 'tpe',
      seed: 3,
      direction: 'minimize',
      pruner: false,
      outDir: out,
    });
    expect(r.files.map((f) => f.split('/').pop())).toEqual(['optimize.duckdb', 'optimize.html', 'optimize.json']);
    const rows = await readTrials(join(out, 'optimize.duckdb'));
    expect(rows.length).toBe(25);
    expect(rows.map((x) => x.number)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const trials = r.studies[0].result.trials;
    for (const row of rows) {
      const t = trials[row.number as number];
      expect(row.params).toEqual(t.params);
      expect(row.value).toBe(t.value);
      expect(row.state).toBe('complete');
    }
    const html = readFileSync(join(out, 'optimize.html'), 'utf8');
    expect((html.match(/<svg /g) ?? []).length).toBe(3); // x, y, history
    expect(html).toContain('objective vs x');
    expect(html).not.toMatch(/<script|src="http|href="http|<link /);
    const json = JSON.parse(readFileSync(join(out, 'optimize.json'), 'utf8'));
    expect(json.best.value).toBe(r.best!.value);
    expect(r.best!.value).toBe(Math.min(...trials.map((t) => t.value!)));
  }, 20_000);

  it('walk-forward: optimises each train window and evaluates the best params on the following test window', async () => {
    if (!existsSync(MBO)) throw new Error(`shared data missing: ${MBO}`);
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    const yaml = join(dir, 'mom.yaml');
    writeFileSync(yaml, 'Strategy: Momentum\nAsset: ARL\nLookbackWindow: 10s\nEntryThreshold: 0.5\nOrderQty: 100\nRiskTolerance: Medium\n');
    const arg = { strategy: yaml, data: [{ path: MBO, format: 'mbo' as const }], metric: 'pnl', sampleNs: 60e9 };
    const span = await dataSpan(arg.data);
    const r = await optimize({
      objective: { module: distUrl('backtest-objective.js').href, exportName: 'createBacktestObjective', arg },
      space: [floatParam('entryZ', 0.3, 3), intParam('lookbackNs', 1e9, 60e9, { step: 1e9 })],
      trials: 3,
      sampler: 'random',
      seed: 1,
      pruner: false,
      walkForward: { spec: parseWalkForward('50%:25%'), span },
    });
    expect(r.folds.length).toBe(2);
    expect(r.studies.map((s) => s.fold)).toEqual([0, 1]);
    const direct = await createBacktestObjective(arg);
    for (const f of r.folds) {
      expect(f.window.testFrom).toBe(f.window.trainTo);
      const best = r.studies[f.fold].result.best!;
      expect(f.bestParams).toEqual(best.params);
      expect(f.trainValue).toBe(best.value);
      // in-sample value: the same backtest restricted to the train window
      const inSample = await direct(best.params, undefined, { from: f.window.trainFrom, to: f.window.trainTo });
      expect(typeof inSample === 'object' ? inSample.value : inSample).toBe(f.trainValue);
      // out-of-sample: the same params on the test window
      const oos = await direct(best.params, undefined, { from: f.window.testFrom, to: f.window.testTo });
      expect(typeof oos === 'object' ? oos.value : oos).toBe(f.testValue);
      expect(f.testMetrics).toHaveProperty('pnl', f.testValue);
    }
  }, 30_000);

  it('hftbot optimize: parses --param / --sampler / --walk-forward and prints the summary as the last JSON line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const yaml = join(dir, 'mom.yaml');
    writeFileSync(yaml, 'Strategy: Momentum\nAsset: ARL\nLookbackWindow: 10s\nEntryThreshold: 0.5\nOrderQty: 100\nRiskTolerance: Medium\n');
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (lines.push(String(c)), true));
    try {
      await buildProgram().parseAsync(['node', 'hftbot', 'optimize', yaml, '--data', MBO, '--format', 'mbo', '--param', 'entryZ=1:3:1', '--param', 'exitZ=0:0.5:0.5',
        '--trials', '50', '--sampler', 'grid', '--metric', 'pnl', '--walk-forward', '60%:40%', '--out', join(dir, 'out'), '--json']);
    } finally {
      spy.mockRestore();
    }
    const summary = JSON.parse(lines.join('').trim().split('\n').pop()!);
    expect(summary.sampler).toBe('grid');
    expect(summary.metric).toBe('pnl');
    expect(summary.studies).toHaveLength(1);
    // the whole 3 x 2 grid (median pruning is on: the 6th trial may stop early, src/optimize/backtest-objective.ts)
    expect(summary.studies[0].complete + summary.studies[0].pruned).toBe(6);
    expect(summary.studies[0].complete).toBeGreaterThanOrEqual(5);
    expect(summary.folds).toHaveLength(1);
    expect(summary.folds[0].bestParams).toEqual(summary.studies[0].best.params);
    expect(typeof summary.folds[0].testValue).toBe('number');
    expect(existsSync(join(dir, 'out', 'optimize.duckdb'))).toBe(true);
  }, 30_000);
});
