// Ordinary least squares with the pieces the unit-root and cointegration tests need, defined as
// statsmodels' OLS results define them (linear_model.py): ssr, scale = ssr/df_resid, bse, tvalues,
// llf = -n/2 (log 2pi + log(ssr/n) + 1), aic = -2 llf + 2 k, bic = -2 llf + log(n) k (k = rank = number of
// columns; statsmodels' df_model + k_constant), rsquared centered iff a constant column is present.
//
// `nestedFits` is the fast path for lag selection: one QR of the widest design gives, for every prefix
// of its columns, the residual sum of squares (sum of the trailing squared entries of Q'y) and the
// t-statistic of the prefix's last column (|(Q'y)_{k-1}| / s_k, since row k-1 of R^-1 is just 1/R_kk).
// `nestedFitsReference` refits every prefix from scratch; the tests compare the two.

import { applyQt, backSolve, col, qrFactor, xtxInvDiag } from './linalg.js';
import type { Mat } from './linalg.js';

const LOG_2PI = Math.log(2 * Math.PI);

export interface OlsResult {
  readonly nobs: number;
  readonly k: number;
  readonly params: Float64Array;
  readonly resid: Float64Array;
  readonly ssr: number;
  readonly dfResid: number;
  readonly scale: number;
  readonly bse: Float64Array;
  readonly tvalues: Float64Array;
  readonly llf: number;
  readonly aic: number;
  readonly bic: number;
  readonly rsquared: number;
}

export function llfFromSsr(nobs: number, ssr: number): number {
  return -0.5 * nobs * (LOG_2PI + Math.log(ssr / nobs) + 1);
}

/** True when some column is constant and non-zero (statsmodels' k_constant test on explicit constants). */
function hasConstantColumn(x: Mat): boolean {
  for (let j = 0; j < x.cols; j++) {
    const c = col(x, j);
    if (c.length === 0 || c[0] === 0) continue;
    let same = true;
    for (let i = 1; i < c.length && same; i++) same = c[i] === c[0];
    if (same) return true;
  }
  return false;
}

export function ols(y: Float64Array, x: Mat): OlsResult {
  const n = x.rows;
  const k = x.cols;
  if (y.length !== n) throw new Error(`ols: y has ${y.length} rows, X has ${n}`);
  if (n <= k) throw new Error(`ols: ${n} observations are not enough for ${k} regressors`);
  const f = qrFactor(x);
  const qty = Float64Array.from(y);
  applyQt(f, qty);
  const params = backSolve(f, qty);
  const resid = new Float64Array(n);
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    let fit = 0;
    for (let j = 0; j < k; j++) fit += x.data[i + j * n] * params[j];
    const r = y[i] - fit;
    resid[i] = r;
    ssr += r * r;
  }
  const dfResid = n - k;
  const scale = ssr / dfResid;
  const d = xtxInvDiag(f);
  const bse = new Float64Array(k);
  const tvalues = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    bse[j] = Math.sqrt(scale * d[j]);
    tvalues[j] = params[j] / bse[j];
  }
  const llf = llfFromSsr(n, ssr);
  let tss = 0;
  if (hasConstantColumn(x)) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += y[i];
    mean /= n;
    for (let i = 0; i < n; i++) tss += (y[i] - mean) * (y[i] - mean);
  } else {
    for (let i = 0; i < n; i++) tss += y[i] * y[i];
  }
  return {
    nobs: n, k, params, resid, ssr, dfResid, scale, bse, tvalues, llf,
    aic: -2 * llf + 2 * k,
    bic: -2 * llf + Math.log(n) * k,
    rsquared: 1 - ssr / tss,
  };
}

/** For each prefix width k in [kMin, kMax] of X's columns: ssr_k and |t| of column k-1. */
export interface NestedFits {
  readonly kMin: number;
  readonly ssr: Float64Array; // index k - kMin
  readonly absTLast: Float64Array; // index k - kMin
}

export function nestedFits(y: Float64Array, x: Mat, kMin: number, kMax: number = x.cols): NestedFits {
  const n = x.rows;
  if (kMin < 1 || kMax > x.cols || kMin > kMax) throw new Error('nestedFits: bad prefix range');
  if (n <= kMax) throw new Error(`ols: ${n} observations are not enough for ${kMax} regressors`);
  const sub: Mat = kMax === x.cols ? x : { rows: n, cols: kMax, data: x.data.subarray(0, n * kMax) };
  const f = qrFactor(sub);
  const qty = Float64Array.from(y);
  applyQt(f, qty);
  // tail[k] = sum_{i >= k} qty_i^2 = ssr of the first-k-columns fit.
  let tail = 0;
  for (let i = kMax; i < n; i++) tail += qty[i] * qty[i];
  const m = kMax - kMin + 1;
  const ssr = new Float64Array(m);
  const absTLast = new Float64Array(m);
  for (let k = kMax; k >= kMin; k--) {
    ssr[k - kMin] = tail;
    absTLast[k - kMin] = Math.abs(qty[k - 1]) / Math.sqrt(tail / (n - k));
    tail += qty[k - 1] * qty[k - 1];
  }
  return { kMin, ssr, absTLast };
}

/** Plain twin of nestedFits: one full OLS per prefix. */
export function nestedFitsReference(y: Float64Array, x: Mat, kMin: number, kMax: number = x.cols): NestedFits {
  const n = x.rows;
  const m = kMax - kMin + 1;
  const ssr = new Float64Array(m);
  const absTLast = new Float64Array(m);
  for (let k = kMin; k <= kMax; k++) {
    const r = ols(y, { rows: n, cols: k, data: x.data.slice(0, n * k) });
    ssr[k - kMin] = r.ssr;
    absTLast[k - kMin] = Math.abs(r.tvalues[k - 1]);
  }
  return { kMin, ssr, absTLast };
}
