// Augmented Dickey-Fuller unit-root test, as statsmodels 0.13.5 `adfuller` (tsa/stattools.py) computes it.
//
// Regression for lag p:  dx_t = rho * x_{t-1} + sum_{j=1..p} g_j dx_{t-j} + deterministic terms + e_t,
// statistic = t-value of rho. Deterministic terms ('c' const, 'ct' + t, 'ctt' + t^2, 'n' none) use the
// trend 1..nobs of the regression sample. Lag selection (autolag 'aic' | 'bic' | 't-stat') fits lags
// 0..maxlag on the SAME sample (the one maxlag leaves: nobs = len(x) - 1 - maxlag) and then refits the
// chosen lag on its own, longer sample, which is what `usedLag`/`nobs` report. Default maxlag is
// ceil(12 (len/100)^(1/4)) capped at len//2 - ntrend - 1. p-value: MacKinnon (1994) with N = 1; critical
// values: MacKinnon (2010) at the final nobs.

import { zeros } from './linalg.js';
import type { Mat } from './linalg.js';
import { llfFromSsr, nestedFits, ols } from './ols.js';
import { mackinnoncrit, mackinnonp, parseRegression } from './mackinnon.js';
import type { Regression } from './mackinnon.js';

export type Autolag = 'aic' | 'bic' | 't-stat';

export interface AdfOptions {
  /** Highest lag considered (autolag) or used (autolag null). Default: 12 (nobs/100)^(1/4), capped. */
  maxlag?: number | null;
  regression?: Regression;
  /** Lag selection; null uses maxlag lags. Default 'aic'. */
  autolag?: Autolag | null;
}

export interface AdfResult {
  readonly statistic: number;
  readonly pvalue: number;
  readonly usedLag: number;
  readonly nobs: number;
  readonly critical: { readonly '1%': number; readonly '5%': number; readonly '10%': number };
  /** Best information criterion (or |t| of the last lag for 't-stat'); null without autolag. */
  readonly icbest: number | null;
  readonly maxlag: number;
}

/** 1.645: statsmodels' `stats.norm.ppf(.95)` constant for the t-stat lag rule. */
const T_STOP = 1.6448536269514722;

export function parseAutolag(s: string): Autolag | null {
  const a = s.toLowerCase();
  if (a === 'none' || a === '') return null;
  if (a === 'aic' || a === 'bic' || a === 't-stat') return a;
  throw new Error(`autolag must be one of aic, bic, t-stat, none; got "${s}"`);
}

function ntrendOf(regression: Regression): number {
  return regression === 'n' ? 0 : regression.length;
}

export function defaultMaxlag(nobs: number, regression: Regression): number {
  const m = Math.min(Math.floor(nobs / 2) - ntrendOf(regression) - 1, Math.ceil(12 * Math.pow(nobs / 100, 1 / 4)));
  if (m < 0) throw new Error('sample size is too short to use selected regression component');
  return m;
}

/**
 * The ADF design for `lag` lags: y = dx over the sample, X = [level, dx lags 1..lag] with the trend columns
 * before (prepend) or after them.
 */
export function adfDesign(x: ArrayLike<number>, lag: number, regression: Regression, prepend: boolean): { y: Float64Array; X: Mat } {
  const nd = x.length - 1;
  const nobs = nd - lag;
  const nt = ntrendOf(regression);
  const k = 1 + lag + nt;
  const X = zeros(nobs, k);
  const y = new Float64Array(nobs);
  const lagCol0 = prepend ? nt : 0;
  const trendCol0 = prepend ? 0 : 1 + lag;
  const d = X.data;
  for (let r = 0; r < nobs; r++) {
    const t = lag + r; // index into dx, dx[t] = x[t+1] - x[t]
    y[r] = x[t + 1] - x[t];
    d[r + lagCol0 * nobs] = x[t];
    for (let j = 1; j <= lag; j++) d[r + (lagCol0 + j) * nobs] = x[t - j + 1] - x[t - j];
    if (nt > 0) d[r + trendCol0 * nobs] = 1;
    if (nt > 1) d[r + (trendCol0 + 1) * nobs] = r + 1;
    if (nt > 2) d[r + (trendCol0 + 2) * nobs] = (r + 1) * (r + 1);
  }
  return { y, X };
}

export function adfuller(x: ArrayLike<number>, opts: AdfOptions = {}): AdfResult {
  const regression = parseRegression(opts.regression ?? 'c');
  const autolag = opts.autolag === undefined ? 'aic' : opts.autolag;
  const n = x.length;
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i])) throw new Error(`adfuller: value ${i} is not finite`);
  const nt = ntrendOf(regression);
  let maxlag: number;
  if (opts.maxlag === undefined || opts.maxlag === null) {
    maxlag = defaultMaxlag(n, regression);
  } else {
    maxlag = opts.maxlag;
    if (!Number.isInteger(maxlag) || maxlag < 0) throw new Error(`maxlag must be a non-negative integer, got ${maxlag}`);
    if (maxlag > Math.floor(n / 2) - nt - 1) {
      throw new Error('maxlag must be less than (nobs/2 - 1 - ntrend) where ntrend is the number of included deterministic regressors');
    }
  }
  let usedLag = maxlag;
  let icbest: number | null = null;
  if (autolag !== null) {
    const { y, X } = adfDesign(x, maxlag, regression, true);
    const startlag = nt + 1;
    const fits = nestedFits(y, X, startlag, startlag + maxlag);
    const m = y.length;
    let best = startlag;
    let bestIc = Infinity;
    if (autolag === 't-stat') {
      best = startlag + maxlag;
      bestIc = 0;
      for (let k = startlag + maxlag; k >= startlag; k--) {
        bestIc = fits.absTLast[k - startlag];
        best = k;
        if (bestIc >= T_STOP) break;
      }
    } else {
      const pen = autolag === 'aic' ? 2 : Math.log(m);
      for (let k = startlag; k <= startlag + maxlag; k++) {
        const ic = -2 * llfFromSsr(m, fits.ssr[k - startlag]) + pen * k;
        if (ic < bestIc) { // strict: ties keep the smaller lag, like Python's min over (ic, lag)
          bestIc = ic;
          best = k;
        }
      }
    }
    usedLag = best - startlag;
    icbest = bestIc;
  }
  const { y, X } = adfDesign(x, usedLag, regression, false);
  const res = ols(y, X);
  const statistic = res.tvalues[0];
  const nobs = y.length;
  const [c1, c5, c10] = mackinnoncrit(1, regression, nobs);
  return {
    statistic,
    pvalue: mackinnonp(statistic, regression, 1),
    usedLag,
    nobs,
    critical: { '1%': c1, '5%': c5, '10%': c10 },
    icbest,
    maxlag,
  };
}
