// Engle-Granger two-step cointegration test, as statsmodels 0.13.5 `coint` (tsa/stattools.py):
// 1. OLS of y0 on [y1..., deterministic terms] (trend 'c' default, 'ct', 'ctt', 'n');
// 2. ADF with regression 'n' on the residuals (maxlag / autolag passed through; default autolag 'aic' and
//    the default ADF maxlag of the residual series).
// If the first-step R^2 >= 1 - 100 sqrt(eps) (the series are almost perfectly collinear) the statistic is
// -Infinity and the p-value 0, as statsmodels does. p-value: MacKinnon (1994) with N = number of series
// (2..6); critical values: MacKinnon (2010) with N series at nobs - 1 (statsmodels follows Stata's egranger
// there), NaN for trend 'n' (no 2010 table).

import { fromColumns, zeros } from './linalg.js';
import { ols } from './ols.js';
import { adfuller } from './adf.js';
import type { Autolag } from './adf.js';
import { mackinnoncrit, mackinnonp, parseRegression } from './mackinnon.js';
import type { Regression } from './mackinnon.js';

export interface CointOptions {
  trend?: Regression;
  maxlag?: number | null;
  autolag?: Autolag | null;
}

export interface CointResult {
  readonly statistic: number;
  readonly pvalue: number;
  /** [1%, 5%, 10%] */
  readonly critical: [number, number, number];
}

const SQRTEPS = Math.sqrt(2.220446049250313e-16);

export function coint(y0: ArrayLike<number>, y1: readonly ArrayLike<number>[], opts: CointOptions = {}): CointResult {
  const trend = parseRegression(opts.trend ?? 'c');
  const autolag = opts.autolag === undefined ? 'aic' : opts.autolag;
  const nobs = y0.length;
  if (y1.length < 1) throw new Error('coint: need at least one regressor series');
  const kVars = y1.length + 1;
  const nt = trend === 'n' ? 0 : trend.length;
  const reg = fromColumns(y1, nobs);
  const xx = zeros(nobs, reg.cols + nt);
  xx.data.set(reg.data);
  for (let i = 0; i < nobs; i++) {
    if (nt > 0) xx.data[i + reg.cols * nobs] = 1;
    if (nt > 1) xx.data[i + (reg.cols + 1) * nobs] = i + 1;
    if (nt > 2) xx.data[i + (reg.cols + 2) * nobs] = (i + 1) * (i + 1);
  }
  const res = ols(Float64Array.from(y0), xx);
  const statistic = res.rsquared < 1 - 100 * SQRTEPS
    ? adfuller(res.resid, { maxlag: opts.maxlag ?? null, autolag, regression: 'n' }).statistic
    : -Infinity;
  const critical: [number, number, number] = trend === 'n' ? [NaN, NaN, NaN] : mackinnoncrit(kVars, trend, nobs - 1);
  return { statistic, pvalue: mackinnonp(statistic, trend, kVars), critical };
}
