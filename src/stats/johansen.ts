// Johansen cointegration-rank test, as statsmodels 0.13.5 `coint_johansen(endog, det_order, k_ar_diff)`
// (tsa/vector_ar/vecm.py) computes it, step for step:
//   endog <- endog detrended with order det_order (-1 none, 0 demeaned, 1 linear trend removed);
//   dx = diff(endog); z = [dx_{t-1} .. dx_{t-k}] (k = k_ar_diff); lx = endog[1 : n-k] (levels lagged k);
//   z, dx, lx demeaned when det_order > -1 (f = 0), untouched when det_order = -1;
//   r0t = dx residualized on z, rkt = lx residualized on z (T = n - 1 - k rows);
//   S00, S0k, Skk the moment matrices over T; eigenvalues l of Skk^-1 Sk0 S00^-1 S0k, descending;
//   trace[i] = -T sum_{j >= i} log(1 - l_j), maxEig[i] = -T log(1 - l_i);
//   critical values (90%, 95%, 99%) for neqs - i series from the c_sjt / c_sja tables (NaN beyond 12 or for
//   det_order outside -1..1, as statsmodels).
// The eigenproblem is solved as the symmetric-definite one Sk0 S00^-1 S0k v = l Skk v (Cholesky + Jacobi)
// instead of numpy's general eig; eigenvectors are normalized v' Skk v = 1, each signed so its first
// non-zero entry is positive (statsmodels fixes only the overall sign, so compare other columns up to sign).

import { cholesky, crossprod, fromColumns, invSpd, matmul, residualize, scale, symGenEigen, transpose, zeros } from './linalg.js';
import type { Mat } from './linalg.js';
import { MAX_EIG_CRIT, TRACE_CRIT } from './johansen-tables.js';

export interface JohansenResult {
  /** lr1: trace statistics for H0: rank <= i, i = 0..neqs-1. */
  readonly trace: number[];
  /** lr2: maximum-eigenvalue statistics. */
  readonly maxEig: number[];
  /** eig, descending. */
  readonly eigenvalues: number[];
  /** evec as rows (eigenvectors[i][j] = component i of eigenvector j). */
  readonly eigenvectors: number[][];
  /** cvt: [90%, 95%, 99%] per row i. */
  readonly traceCritical: number[][];
  /** cvm */
  readonly maxEigCritical: number[][];
}

function critRow(table: readonly (readonly (readonly number[])[])[], n: number, detOrder: number): number[] {
  if (detOrder < -1 || detOrder > 1 || n < 1 || n > 12) return [NaN, NaN, NaN];
  return [...table[detOrder + 1][n - 1]];
}

/** numpy.linspace(-1, 1, n) */
function linspace(n: number): Float64Array {
  const out = new Float64Array(n);
  const step = 2 / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step - 1;
  if (n > 1) out[n - 1] = 1;
  return out;
}

/** Residuals of each column on the polynomial trend of the given order (-1: none). */
function detrend(y: Mat, order: number): Mat {
  if (order === -1 || y.cols === 0) return y;
  const v = zeros(y.rows, order + 1);
  const t = linspace(y.rows);
  for (let i = 0; i < y.rows; i++) {
    for (let p = 0; p <= order; p++) v.data[i + p * y.rows] = Math.pow(t[i], order - p);
  }
  return residualize(y, v);
}

function rowsSlice(m: Mat, from: number, to: number): Mat {
  const out = zeros(to - from, m.cols);
  for (let j = 0; j < m.cols; j++) out.data.set(m.data.subarray(j * m.rows + from, j * m.rows + to), j * (to - from));
  return out;
}

/** endog: one array per series (column), all the same length. */
export function cointJohansen(endogCols: readonly ArrayLike<number>[], detOrder: number, kArDiff: number): JohansenResult {
  if (!Number.isInteger(detOrder) || detOrder < -1) throw new Error(`det_order must be an integer >= -1, got ${detOrder}`);
  if (!Number.isInteger(kArDiff) || kArDiff < 0) throw new Error(`k_ar_diff must be a non-negative integer, got ${kArDiff}`);
  const neqs = endogCols.length;
  if (neqs < 1) throw new Error('johansen: no series');
  const endog = detrend(fromColumns(endogCols), detOrder);
  const n = endog.rows;
  if (n - 1 - kArDiff <= neqs * (kArDiff + 1) + 1) throw new Error(`johansen: ${n} rows are too few for ${neqs} series and k_ar_diff ${kArDiff}`);
  const f = detOrder > -1 ? 0 : detOrder;
  const dxAll = zeros(n - 1, neqs);
  for (let j = 0; j < neqs; j++) {
    for (let i = 0; i < n - 1; i++) dxAll.data[i + j * (n - 1)] = endog.data[i + 1 + j * n] - endog.data[i + j * n];
  }
  const T = n - 1 - kArDiff;
  // z row r (time t = k + r of dx): lag l (1..k) of series j in column (l-1)*neqs + j.
  let z = zeros(T, neqs * kArDiff);
  for (let l = 1; l <= kArDiff; l++) {
    for (let j = 0; j < neqs; j++) {
      const c = (l - 1) * neqs + j;
      for (let r = 0; r < T; r++) z.data[r + c * T] = dxAll.data[kArDiff + r - l + j * (n - 1)];
    }
  }
  z = detrend(z, f);
  const r0t = residualize(detrend(rowsSlice(dxAll, kArDiff, n - 1), f), z);
  const rkt = residualize(detrend(rowsSlice(endog, 1, n - kArDiff), f), z);
  const skk = scale(crossprod(rkt, rkt), 1 / T);
  const sk0 = scale(crossprod(rkt, r0t), 1 / T);
  const s00 = scale(crossprod(r0t, r0t), 1 / T);
  cholesky(s00); // throws a clear error if S00 is singular
  const sig = matmul(matmul(sk0, invSpd(s00)), transpose(sk0));
  const eig = symGenEigen(sig, skk);
  const a = Array.from(eig.values);
  const vec = eig.vectors;
  for (let j = 0; j < neqs; j++) {
    let first = 0;
    for (let i = 0; i < neqs && first === 0; i++) first = vec.data[i + j * neqs];
    if (first < 0) for (let i = 0; i < neqs; i++) vec.data[i + j * neqs] = -vec.data[i + j * neqs];
  }
  const trace: number[] = [];
  const maxEig: number[] = [];
  const traceCritical: number[][] = [];
  const maxEigCritical: number[][] = [];
  for (let i = 0; i < neqs; i++) {
    let s = 0;
    for (let j = i; j < neqs; j++) s += Math.log(1 - a[j]);
    trace.push(-T * s);
    maxEig.push(-T * Math.log(1 - a[i]));
    traceCritical.push(critRow(TRACE_CRIT, neqs - i, detOrder));
    maxEigCritical.push(critRow(MAX_EIG_CRIT, neqs - i, detOrder));
  }
  const eigenvectors = Array.from({ length: neqs }, (_, i) => Array.from({ length: neqs }, (_, j) => vec.data[i + j * neqs]));
  return { trace, maxEig, eigenvalues: a, eigenvectors, traceCritical, maxEigCritical };
}
