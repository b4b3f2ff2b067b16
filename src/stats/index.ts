// Public entry of src/stats: unit-root and cointegration statistics for the stat-arb templates and for
// users (ADF, Engle-Granger, Johansen), matching statsmodels 0.13.5 (see each module's header), plus the
// numeric CSV reader the `hftbot stats` commands use. Pure TypeScript, no dependencies, cold path.

export { adfuller, defaultMaxlag, parseAutolag } from './adf.js';
export type { AdfOptions, AdfResult, Autolag } from './adf.js';
export { coint } from './coint.js';
export type { CointOptions, CointResult } from './coint.js';
export { cointJohansen } from './johansen.js';
export type { JohansenResult } from './johansen.js';
export { mackinnoncrit, mackinnonp, parseRegression, REGRESSIONS } from './mackinnon.js';
export type { Regression } from './mackinnon.js';
export { normCdf, erfc } from './normal.js';
export { ols } from './ols.js';
export type { OlsResult } from './ols.js';
export { parseNumericCsv, pickColumns, readNumericCsv } from './csv.js';
export type { NumericTable } from './csv.js';
