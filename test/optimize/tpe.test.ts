// Our TPE against Optuna 3.1's TPESampler, without python: test/optimize/fixtures/optuna-*.json are the
// outputs of scripts/optimize/optuna_ref.py (100 trials, seeds 0..9, Debian's python3-optuna). Both sides
// are deterministic, so the comparison is exact: no tolerance. (A tolerance would only be needed for
// platform-dependent floating point; V8 computes Math.exp/log/cos with its own fdlibm port, identical on
// every platform, so our side reproduces bit for bit.) The acceptance line is "at least as good": our
// median best over the same 10 seeds must be <= Optuna's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { medianOf, runTpeOnFunction } from '../../src/optimize/tpe-run.js';
import { TEST_FUNCTIONS, branin, hartmann6 } from '../../src/optimize/functions.js';

interface Ref { function: string; trials: number; seeds: number[]; best: number[]; medianBest: number; optimum: number }
const ref = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/optuna-${name}.json`, import.meta.url), 'utf8')) as Ref;

describe('test functions', () => {
  it('Branin and Hartmann-6 have their known minima', () => {
    expect(branin(-Math.PI, 12.275)).toBeCloseTo(0.397887, 5);
    expect(branin(Math.PI, 2.275)).toBeCloseTo(0.397887, 5);
    expect(hartmann6([0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573])).toBeCloseTo(-3.32237, 4);
    expect(TEST_FUNCTIONS.hartmann6.space.length).toBe(6);
  });
});

describe('TPE vs Optuna 3.1 (fixture)', () => {
  for (const name of ['branin', 'hartmann6']) {
    it(`${name}: median best over seeds 0..9, 100 trials, at least as good as Optuna's`, async () => {
      const r = ref(name);
      expect(r.trials).toBe(100);
      expect(r.seeds).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(r.medianBest).toBeCloseTo(medianOf(r.best), 12);
      const ours: number[] = [];
      for (const s of r.seeds) ours.push((await runTpeOnFunction(name, s, r.trials)).best);
      const m = medianOf(ours);
      expect(m).toBeLessThanOrEqual(r.medianBest);
      expect(m).toBeGreaterThanOrEqual(r.optimum - 1e-6);
    }, 30_000);
  }
});
