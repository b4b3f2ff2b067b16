// MacKinnon approximate p-values and critical values for (augmented) Dickey-Fuller and Engle-Granger
// statistics, exactly as statsmodels 0.13.5 tsa/adfvalues.py `mackinnonp` / `mackinnoncrit` compute them
// (same tables, same cut-offs, same Horner evaluation order).

import { CRIT_2010, LARGE_SCALING, PVALUE_TABLES, SMALL_SCALING } from './mackinnon-tables.js';
import type { Regression } from './mackinnon-tables.js';
import { normCdf } from './normal.js';

export type { Regression } from './mackinnon-tables.js';

export const REGRESSIONS: readonly Regression[] = ['c', 'ct', 'ctt', 'n'];

export function parseRegression(s: string): Regression {
  const r = s.toLowerCase();
  if (r === 'nc') return 'n'; // statsmodels' old spelling (rename_trend)
  if ((REGRESSIONS as readonly string[]).includes(r)) return r as Regression;
  throw new Error(`regression must be one of c, ct, ctt, n; got "${s}"`);
}

/** numpy.polyval on coefficients given lowest order first (evaluated from the highest, as numpy does). */
function horner(coefLowFirst: readonly number[], scaling: readonly number[], x: number): number {
  let y = 0;
  for (let i = coefLowFirst.length - 1; i >= 0; i--) y = y * x + coefLowFirst[i] * scaling[i];
  return y;
}

/**
 * MacKinnon (1994) approximate asymptotic p-value of a unit-root / cointegration t-statistic.
 * `n` is the number of I(1) series (1 for ADF; the number of series for Engle-Granger), 1..6.
 */
export function mackinnonp(teststat: number, regression: Regression = 'c', n = 1): number {
  const t = PVALUE_TABLES[regression];
  if (!Number.isInteger(n) || n < 1 || n > t.star.length) {
    throw new Error(`MacKinnon p-values exist for 1..${t.star.length} series, not ${n}`);
  }
  if (Number.isNaN(teststat)) return NaN;
  if (teststat > t.max[n - 1]) return 1.0;
  if (teststat < t.min[n - 1]) return 0.0;
  if (teststat <= t.star[n - 1]) return normCdf(horner(t.smallp[n - 1], SMALL_SCALING, teststat));
  return normCdf(horner(t.largep[n - 1], LARGE_SCALING, teststat));
}

const ONES4: readonly number[] = [1, 1, 1, 1];

/**
 * MacKinnon (2010) critical values [1%, 5%, 10%] for `n` series (1..12; 'n' regression: 1 only) and
 * sample size `nobs` (Infinity: the asymptotic values).
 */
export function mackinnoncrit(n = 1, regression: Regression = 'c', nobs = Infinity): [number, number, number] {
  const tab = CRIT_2010[regression];
  if (!Number.isInteger(n) || n < 1 || n > tab.length) {
    throw new Error(`MacKinnon 2010 critical values for regression "${regression}" exist for 1..${tab.length} series, not ${n}`);
  }
  const rows = tab[n - 1];
  if (nobs === Infinity) return [rows[0][0], rows[1][0], rows[2][0]];
  const x = 1 / nobs;
  return [horner(rows[0], ONES4, x), horner(rows[1], ONES4, x), horner(rows[2], ONES4, x)];
}
