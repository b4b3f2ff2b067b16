// Behaviour beyond the fixtures: MacKinnon table edges, ADF lag bounds and invariances, the collinear
// Engle-Granger edge, Johansen argument checks, and CSV errors that name file:line:column.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { adfuller, coint, cointJohansen, defaultMaxlag, mackinnoncrit, mackinnonp, parseAutolag, parseNumericCsv, parseRegression, REGRESSIONS } from '../../src/stats/index.js';

function walk(seed: number, n: number, phi = 1): Float64Array {
  const rng = new Rng(seed);
  const x = new Float64Array(n);
  let v = 0;
  for (let i = 0; i < n; i++) {
    v = phi * v + (rng.next() - 0.5);
    x[i] = v;
  }
  return x;
}

describe('MacKinnon', () => {
  it('p-values: 1 above tau_max, 0 below tau_min, monotone in between', () => {
    for (const reg of REGRESSIONS) {
      for (let n = 1; n <= 6; n++) {
        expect(mackinnonp(50, reg, n)).toBe(1);
        expect(mackinnonp(-50, reg, n)).toBe(0);
        let prev = 0;
        for (let t = -15; t <= 0.5; t += 0.05) {
          const p = mackinnonp(t, reg, n);
          expect(p).toBeGreaterThanOrEqual(prev - 2e-3); // the two MacKinnon branches meet with a tiny step
          prev = p;
        }
      }
    }
    expect(() => mackinnonp(-3, 'c', 7)).toThrow(/1\.\.6/);
  });

  it('critical values: finite-sample values tend to the asymptotic ones; tables stop where statsmodels does', () => {
    for (const reg of ['c', 'ct', 'ctt'] as const) {
      for (let n = 1; n <= 12; n++) {
        const inf = mackinnoncrit(n, reg);
        const big = mackinnoncrit(n, reg, 1e9);
        const small = mackinnoncrit(n, reg, 50);
        for (let i = 0; i < 3; i++) {
          expect(Math.abs(big[i] - inf[i])).toBeLessThan(1e-6);
          expect(small[i]).toBeLessThan(inf[i]); // small samples need a more negative statistic
        }
        expect(inf[0]).toBeLessThan(inf[1]);
        expect(inf[1]).toBeLessThan(inf[2]);
      }
    }
    expect(mackinnoncrit(1, 'n', 100).every(Number.isFinite)).toBe(true);
    expect(() => mackinnoncrit(2, 'n', 100)).toThrow();
    expect(() => mackinnoncrit(13, 'c', 100)).toThrow();
  });

  it('parses option spellings', () => {
    expect(parseRegression('CT')).toBe('ct');
    expect(parseRegression('nc')).toBe('n');
    expect(() => parseRegression('t')).toThrow(/c, ct, ctt, n/);
    expect(parseAutolag('AIC')).toBe('aic');
    expect(parseAutolag('none')).toBeNull();
    expect(() => parseAutolag('hqic')).toThrow();
  });
});

describe('adfuller', () => {
  it('default maxlag is ceil(12 (n/100)^(1/4)) capped at n/2 - ntrend - 1', () => {
    expect(defaultMaxlag(3000, 'c')).toBe(29);
    expect(defaultMaxlag(100, 'c')).toBe(12);
    expect(defaultMaxlag(20, 'ctt')).toBe(6);
    expect(() => defaultMaxlag(5, 'ctt')).toThrow(/too short/);
    const x = walk(1, 40);
    expect(() => adfuller(x, { maxlag: 19 })).toThrow(/maxlag/);
    expect(adfuller(x, { maxlag: 18, autolag: null, regression: 'n' }).usedLag).toBe(18);
  });

  it('is invariant to an affine change of units (a + b x) with a constant', () => {
    const x = walk(2, 400);
    const y = x.map((v) => 1000 + 37.5 * v);
    for (const regression of ['c', 'ct', 'ctt'] as const) {
      for (const autolag of ['aic', 'bic', 't-stat', null] as const) {
        const a = adfuller(x, { regression, autolag });
        const b = adfuller(y, { regression, autolag });
        expect(b.usedLag).toBe(a.usedLag);
        expect(Math.abs(b.statistic - a.statistic)).toBeLessThan(1e-8 * Math.abs(a.statistic));
      }
    }
  });

  it('tells a stationary AR(1) from a random walk', () => {
    expect(adfuller(walk(3, 2000, 0.5)).pvalue).toBeLessThan(0.01);
    expect(adfuller(walk(3, 2000, 1)).pvalue).toBeGreaterThan(0.05);
  });

  it('rejects non-finite input', () => {
    const x = walk(4, 100);
    x[10] = NaN;
    expect(() => adfuller(x)).toThrow(/not finite/);
  });
});

describe('coint and johansen', () => {
  it('perfectly collinear series give -inf and p = 0 (statsmodels edge case)', () => {
    const x = walk(5, 300);
    const y = x.map((v) => 2 + 3 * v);
    const r = coint(y, [x]);
    expect(r.statistic).toBe(-Infinity);
    expect(r.pvalue).toBe(0);
    expect(r.critical.every(Number.isFinite)).toBe(true);
    expect(coint(y, [x], { trend: 'n' }).critical.every(Number.isNaN)).toBe(true);
  });

  it('Johansen: statistics are non-negative and decreasing; bad arguments are errors', () => {
    const a = walk(6, 500);
    const b = walk(7, 500);
    const c = a.map((v, i) => v + 0.5 * b[i]);
    const r = cointJohansen([a, b, c.map((v, i) => v + 0.01 * walk(8, 500)[i])], 0, 1);
    for (let i = 1; i < 3; i++) {
      expect(r.trace[i]).toBeLessThan(r.trace[i - 1]);
      expect(r.eigenvalues[i]).toBeLessThanOrEqual(r.eigenvalues[i - 1]);
    }
    expect(r.maxEig[2]).toBeCloseTo(r.trace[2], 10);
    expect(r.eigenvalues.every((l) => l > 0 && l < 1)).toBe(true);
    expect(cointJohansen([a, b], 2, 1).traceCritical[0].every(Number.isNaN)).toBe(true);
    expect(() => cointJohansen([a, b], 0, -1)).toThrow(/k_ar_diff/);
    expect(() => cointJohansen([a, b], -2, 1)).toThrow(/det_order/);
    expect(() => cointJohansen([a.subarray(0, 5), b.subarray(0, 5)], 0, 2)).toThrow(/too few/);
  });
});

describe('numeric CSV', () => {
  it('reads a header and columns, tolerating CRLF, quotes and a trailing blank line', () => {
    const t = parseNumericCsv('"a",b\r\n1,2.5\r\n-3,4e-2\r\n\r\n', 'x.csv');
    expect(t.header).toEqual(['a', 'b']);
    expect(Array.from(t.columns[0])).toEqual([1, -3]);
    expect(Array.from(t.columns[1])).toEqual([2.5, 0.04]);
    expect(t.rows).toBe(2);
  });

  it('names file:line:column of a bad cell', () => {
    expect(() => parseNumericCsv('a,bb,c\n1,2,3\n4,5x,6\n', 'f.csv')).toThrow('f.csv:3:3: column "bb": "5x" is not a number');
    expect(() => parseNumericCsv('a,b\n1,\n', 'f.csv')).toThrow('f.csv:2:3: column "b": empty cell');
    expect(() => parseNumericCsv('a,b\n1,2\n1,2,3\n', 'f.csv')).toThrow('f.csv:3:1: expected 2 cells, found 3');
    expect(() => parseNumericCsv('', 'f.csv')).toThrow('f.csv:1:1: empty file');
  });
});
