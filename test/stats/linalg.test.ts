// The linear-algebra kernels on seeded random problems: QR least squares (normal equations hold, the
// fast nested-prefix fits equal one OLS per prefix), Jacobi eigen (A V = V diag), the generalized problem
// (A v = l B v, v' B v = 1), Cholesky and SPD inverse, and the normal CDF against known values.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { cholesky, crossprod, fromColumns, invSpd, matmul, residualize, symEigen, symGenEigen, transpose, zeros } from '../../src/stats/linalg.js';
import type { Mat } from '../../src/stats/linalg.js';
import { nestedFits, nestedFitsReference, ols } from '../../src/stats/ols.js';
import { erfc, normCdf } from '../../src/stats/normal.js';

function gauss(rng: Rng): number {
  // Box-Muller; 1 - next() keeps the log argument in (0, 1].
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function randMat(rng: Rng, rows: number, cols: number): Mat {
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = gauss(rng);
  return m;
}

function randSpd(rng: Rng, n: number): Mat {
  const a = randMat(rng, n + 3, n);
  return crossprod(a, a);
}

function maxAbs(m: Mat): number {
  let s = 0;
  for (const v of m.data) s = Math.max(s, Math.abs(v));
  return s;
}

function sub(a: Mat, b: Mat): Mat {
  const out = zeros(a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i] - b.data[i];
  return out;
}

describe('least squares', () => {
  it('OLS residuals are orthogonal to the regressors and params solve the normal equations', () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 20; trial++) {
      const n = 30 + rng.int(200);
      const k = 1 + rng.int(8);
      const x = randMat(rng, n, k);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) y[i] = gauss(rng) + 3 * x.data[i];
      const r = ols(y, x);
      const xr = crossprod(x, fromColumns([r.resid]));
      expect(maxAbs(xr)).toBeLessThan(1e-9 * Math.sqrt(n));
      // (X'X) b = X'y
      const lhs = matmul(crossprod(x, x), fromColumns([r.params]));
      const rhs = crossprod(x, fromColumns([y]));
      expect(maxAbs(sub(lhs, rhs))).toBeLessThan(1e-8 * maxAbs(rhs));
      // bse^2 = scale * diag((X'X)^-1)
      const inv = invSpd(crossprod(x, x));
      for (let j = 0; j < k; j++) expect(r.bse[j] ** 2).toBeCloseTo(r.scale * inv.data[j + j * k], 10);
      expect(r.aic).toBeCloseTo(-2 * r.llf + 2 * k, 9);
    }
  });

  it('nested prefix fits equal one OLS per prefix (fast path vs reference twin)', () => {
    const rng = new Rng(12);
    for (let trial = 0; trial < 15; trial++) {
      const n = 40 + rng.int(300);
      const k = 2 + rng.int(12);
      const x = randMat(rng, n, k);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) y[i] = gauss(rng) + 0.3 * x.data[i + n];
      const kMin = 1 + rng.int(k);
      const fast = nestedFits(y, x, kMin);
      const ref = nestedFitsReference(y, x, kMin);
      expect(fast.ssr.length).toBe(k - kMin + 1);
      for (let i = 0; i < fast.ssr.length; i++) {
        expect(Math.abs(fast.ssr[i] - ref.ssr[i]) / ref.ssr[i]).toBeLessThan(1e-12);
        expect(Math.abs(fast.absTLast[i] - ref.absTLast[i])).toBeLessThan(1e-10 * Math.max(1, ref.absTLast[i]));
      }
    }
  });

  it('a collinear design is an error, not a silent answer', () => {
    const a = Float64Array.from({ length: 20 }, (_, i) => i);
    const b = a.map((v) => 2 * v);
    expect(() => ols(new Float64Array(20).fill(1), fromColumns([a, b]))).toThrow(/linearly dependent/);
  });

  it('residualize matches y - X b column by column', () => {
    const rng = new Rng(13);
    const x = randMat(rng, 50, 3);
    const y = randMat(rng, 50, 2);
    const r = residualize(y, x);
    expect(maxAbs(crossprod(x, r))).toBeLessThan(1e-10);
    expect(residualize(y, zeros(50, 0)).data).toEqual(y.data);
  });
});

describe('eigenproblems', () => {
  it('Jacobi: A V = V diag(l), V orthonormal, l descending', () => {
    const rng = new Rng(21);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + rng.int(12);
      const b = randMat(rng, n, n);
      const a = zeros(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a.data[i + j * n] = b.data[i + j * n] + b.data[j + i * n];
      const e = symEigen(a);
      for (let i = 1; i < n; i++) expect(e.values[i]).toBeLessThanOrEqual(e.values[i - 1]);
      const av = matmul(a, e.vectors);
      const vl = zeros(n, n);
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) vl.data[i + j * n] = e.vectors.data[i + j * n] * e.values[j];
      expect(maxAbs(sub(av, vl))).toBeLessThan(1e-10 * Math.max(1, maxAbs(a)));
      const vtv = crossprod(e.vectors, e.vectors);
      for (let i = 0; i < n; i++) vtv.data[i + i * n] -= 1;
      expect(maxAbs(vtv)).toBeLessThan(1e-12);
    }
  });

  it('generalized: A v = l B v with v\' B v = 1', () => {
    const rng = new Rng(22);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + rng.int(8);
      const a = randSpd(rng, n);
      const b = randSpd(rng, n);
      const e = symGenEigen(a, b);
      const av = matmul(a, e.vectors);
      const bv = matmul(b, e.vectors);
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) bv.data[i + j * n] *= e.values[j];
      expect(maxAbs(sub(av, bv))).toBeLessThan(1e-9 * maxAbs(a));
      const vbv = matmul(transpose(e.vectors), matmul(b, e.vectors));
      for (let i = 0; i < n; i++) vbv.data[i + i * n] -= 1;
      expect(maxAbs(vbv)).toBeLessThan(1e-9);
    }
  });

  it('Cholesky reproduces A and rejects an indefinite matrix; invSpd inverts', () => {
    const rng = new Rng(23);
    const a = randSpd(rng, 6);
    const l = cholesky(a);
    expect(maxAbs(sub(matmul(l, transpose(l)), a))).toBeLessThan(1e-10 * maxAbs(a));
    const eye = matmul(a, invSpd(a));
    for (let i = 0; i < 6; i++) eye.data[i + i * 6] -= 1;
    expect(maxAbs(eye)).toBeLessThan(1e-9);
    expect(() => cholesky(fromColumns([[1, 2], [2, 1]]))).toThrow(/positive definite/);
  });
});

describe('normal CDF', () => {
  it('matches reference values (scipy.stats.norm.cdf) across the body and both tails', () => {
    const ref: [number, number][] = [
      [0, 0.5],
      [1, 0.8413447460685429],
      [-1.959963984540054, 0.025],
      [2.5, 0.9937903346742238],
      [-3.2, 0.0006871379379158471],
      [-5, 2.866515718791933e-7],
      [-8, 6.22096057427174e-16],
    ];
    for (const [x, p] of ref) expect(Math.abs(normCdf(x) - p) / p).toBeLessThan(1e-12);
    expect(normCdf(-40)).toBe(0);
    expect(normCdf(Infinity)).toBe(1);
    expect(erfc(0)).toBe(1);
  });

  it('is monotone and continuous across the series / continued-fraction switch', () => {
    const s = 3 * Math.SQRT2; // erfc switches method at 3, i.e. normCdf at -3 sqrt 2
    expect(Math.abs(normCdf(-s + 1e-12) - normCdf(-s - 1e-12))).toBeLessThan(1e-15);
    let prev = 0;
    for (let x = -10; x <= 10; x += 0.01) {
      const p = normCdf(x);
      expect(p).toBeGreaterThanOrEqual(prev);
      prev = p;
    }
  });
});
