import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ParzenEstimator, OPTUNA_PARZEN, defaultWeights } from '../../src/optimize/parzen.js';
import { erf, erfc, logNdtr, truncNormPpf, ndtr } from '../../src/optimize/normal.js';
import type { ParamSpec } from '../../src/optimize/space.js';
import { Rng } from '../../src/core/rng.js';

interface Case { spec: ParamSpec; obs: number[]; xs: number[]; logpdf: number[]; mus: number[]; sigmas: number[] }
const cases = JSON.parse(readFileSync(new URL('./fixtures/optuna-parzen.json', import.meta.url), 'utf8')) as Case[];

describe('normal functions', () => {
  it('erf / erfc match known values', () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erf(-1)).toBeCloseTo(-0.8427007929497149, 15);
    expect(erfc(3)).toBeCloseTo(2.209049699858544e-5, 18);
    expect(erfc(10) / 2.088487583762545e-45).toBeCloseTo(1, 12);
    expect(ndtr(-1.959963984540054)).toBeCloseTo(0.025, 12);
  });
  it('logNdtr is continuous across its branches and right in the far tail', () => {
    expect(logNdtr(-20.0000001)).toBeCloseTo(logNdtr(-19.9999999), 4);
    expect(logNdtr(-40)).toBeCloseTo(-804.6084420137538, 8);
    expect(logNdtr(7)).toBeCloseTo(-1.279812543885835e-12, 20);
  });
  it('truncated-normal quantiles invert the CDF', () => {
    for (const [a, b] of [[-1, 2], [0.5, 3], [-8, -6], [4, 30]]) {
      for (const q of [0.01, 0.3, 0.9]) {
        const x = truncNormPpf(q, a, b);
        expect(x).toBeGreaterThanOrEqual(a);
        expect(x).toBeLessThanOrEqual(b);
        const mass = (t: number) => Math.exp(logNdtr(t));
        expect((mass(x) - mass(a)) / (mass(b) - mass(a))).toBeCloseTo(q, 6);
      }
    }
  });
});

describe('Parzen estimator', () => {
  it("default weights: flat below 25, ramp over the oldest above (Optuna's default_weights)", () => {
    expect(defaultWeights(3)).toEqual([1, 1, 1]);
    const w = defaultWeights(30);
    expect(w.length).toBe(30);
    expect(w[0]).toBeCloseTo(1 / 30, 12);
    expect(w[4]).toBeCloseTo(1, 12);
    expect(w.slice(5).every((x) => x === 1)).toBe(true);
  });
  it.each(cases.map((c, i) => [i, c] as const))('case %i equals Optuna 3.1 (same means, bandwidths, log-densities)', (_i, c) => {
    const pe = new ParzenEstimator([c.spec], [c.obs], OPTUNA_PARZEN);
    const dims = (pe as unknown as { dims: Array<{ mus: Float64Array; sigmas: Float64Array }> }).dims;
    expect(Array.from(dims[0].mus)).toEqual(c.mus.map((m) => expect.closeTo(m, 12)));
    // (The fixture's stepped cases have no tied observations: numpy's unstable argsort orders ties arbitrarily.)
    expect(Array.from(dims[0].sigmas)).toEqual(c.sigmas.map((m) => expect.closeTo(m, 12)));
    const lp = pe.logPdf([c.xs]);
    c.logpdf.forEach((v, k) => expect(lp[k]).toBeCloseTo(v, 9));
  });
  it('exact density integrates to 1 over a continuous range', () => {
    const spec: ParamSpec = { name: 'x', low: 0, high: 1, int: false, log: false };
    const pe = new ParzenEstimator([spec], [[0.1, 0.15, 0.8]], { ...OPTUNA_PARZEN, exactDensity: true });
    const n = 4000;
    const xs = Array.from({ length: n }, (_, i) => (i + 0.5) / n);
    const lp = pe.logPdf([xs]);
    const integral = lp.reduce((s, v) => s + Math.exp(v) / n, 0);
    expect(integral).toBeCloseTo(1, 4);
  });
  it('samples stay inside the bounds and on the step', () => {
    const spec: ParamSpec = { name: 'k', low: 2, high: 9, step: 1, int: true, log: false };
    const pe = new ParzenEstimator([spec], [[2, 3, 9]]);
    const s = pe.sample(new Rng(5), 500)[0];
    expect(s.every((v) => Number.isInteger(v) && v >= 2 && v <= 9)).toBe(true);
    expect(new Set(s).size).toBeGreaterThan(4);
  });
});
