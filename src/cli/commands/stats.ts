// `hftbot stats adf|coint|johansen`: unit-root and cointegration statistics on the columns of a CSV file
// (header line + numeric rows), computed by src/stats to match statsmodels 0.13.5.
//   stats adf      --csv F --column C [--regression c|ct|ctt|n] [--autolag aic|bic|t-stat|none] [--maxlag N]
//   stats coint    --csv F --columns Y,X[,X2...] [--trend c|ct|ctt|n] [--autolag ...] [--maxlag N]
//   stats johansen --csv F [--columns A,B,...] [--det-order -1|0|1] [--k-ar-diff K]
// With --json the last line of stdout is the JSON object (NaN / infinite values print as null); without it,
// a readable table. Bad input (missing column, non-numeric cell) fails with file:line:column.

import type { Command } from 'commander';
import { adfuller, coint, cointJohansen, parseAutolag, parseRegression, pickColumns, readNumericCsv } from '../../stats/index.js';

export interface AdfJson {
  statistic: number;
  pvalue: number;
  usedLag: number;
  nobs: number;
  critical: { '1%': number; '5%': number; '10%': number };
}

export interface CointJson {
  statistic: number;
  pvalue: number;
  critical: [number, number, number];
}

export interface JohansenJson {
  trace: number[];
  maxEig: number[];
  eigenvalues: number[];
  traceCritical: number[][];
  maxEigCritical: number[][];
}

function intOption(name: string, v: string | undefined, min: number): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  if (v.trim() === '' || !Number.isSafeInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got "${v}"`);
  return n;
}

function columnList(v: string): string[] {
  const names = v.split(',').map((s) => s.trim());
  if (names.some((s) => s === '')) throw new Error(`--columns has an empty name: "${v}"`);
  return names;
}

export function statsAdf(o: { csv: string; column: string; regression?: string; autolag?: string; maxlag?: string }): AdfJson {
  const t = readNumericCsv(o.csv);
  const [x] = pickColumns(t, [o.column]);
  const r = adfuller(x, {
    regression: parseRegression(o.regression ?? 'c'),
    autolag: parseAutolag(o.autolag ?? 'aic'),
    maxlag: intOption('--maxlag', o.maxlag, 0),
  });
  return { statistic: r.statistic, pvalue: r.pvalue, usedLag: r.usedLag, nobs: r.nobs, critical: { ...r.critical } };
}

export function statsCoint(o: { csv: string; columns: string; trend?: string; autolag?: string; maxlag?: string }): CointJson {
  const t = readNumericCsv(o.csv);
  const names = columnList(o.columns);
  if (names.length < 2) throw new Error(`--columns needs Y and at least one X, got "${o.columns}"`);
  const [y0, ...y1] = pickColumns(t, names);
  const r = coint(y0, y1, {
    trend: parseRegression(o.trend ?? 'c'),
    autolag: parseAutolag(o.autolag ?? 'aic'),
    maxlag: intOption('--maxlag', o.maxlag, 0),
  });
  return { statistic: r.statistic, pvalue: r.pvalue, critical: [...r.critical] };
}

export function statsJohansen(o: { csv: string; columns?: string; detOrder?: string; kArDiff?: string }): JohansenJson {
  const t = readNumericCsv(o.csv);
  const names = o.columns === undefined ? [...t.header] : columnList(o.columns);
  if (names.length < 2) throw new Error(`johansen needs at least two series; ${o.csv} gives ${names.length}`);
  const detOrder = intOption('--det-order', o.detOrder ?? '0', -1)!;
  if (detOrder > 1) throw new Error(`--det-order must be -1, 0 or 1, got ${detOrder}`);
  const r = cointJohansen(pickColumns(t, names), detOrder, intOption('--k-ar-diff', o.kArDiff ?? '1', 0)!);
  return { trace: r.trace, maxEig: r.maxEig, eigenvalues: r.eigenvalues, traceCritical: r.traceCritical, maxEigCritical: r.maxEigCritical };
}

/** JSON with NaN / +-Infinity as null (JSON.stringify's own rule, stated here on purpose). */
export function toJsonLine(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x)) + '\n';
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(4) : String(x));
const pad = (s: string, w: number): string => s.padStart(w);

export function formatAdf(column: string, r: AdfJson): string {
  return [
    `Augmented Dickey-Fuller test on "${column}" (H0: unit root)`,
    `  statistic      ${fmt(r.statistic)}`,
    `  p-value        ${fmt(r.pvalue)}`,
    `  lags used      ${r.usedLag}`,
    `  observations   ${r.nobs}`,
    `  critical  1%   ${fmt(r.critical['1%'])}`,
    `  critical  5%   ${fmt(r.critical['5%'])}`,
    `  critical 10%   ${fmt(r.critical['10%'])}`,
    '',
  ].join('\n');
}

export function formatCoint(names: string[], r: CointJson): string {
  return [
    `Engle-Granger cointegration test, ${names[0]} on ${names.slice(1).join(', ')} (H0: no cointegration)`,
    `  statistic      ${fmt(r.statistic)}`,
    `  p-value        ${fmt(r.pvalue)}`,
    `  critical  1%   ${fmt(r.critical[0])}`,
    `  critical  5%   ${fmt(r.critical[1])}`,
    `  critical 10%   ${fmt(r.critical[2])}`,
    '',
  ].join('\n');
}

export function formatJohansen(r: JohansenJson): string {
  const head = `${pad('rank<=', 7)}${pad('eigenvalue', 12)}${pad('trace', 11)}${pad('90%', 10)}${pad('95%', 10)}${pad('99%', 10)}` +
    `${pad('max-eig', 11)}${pad('90%', 10)}${pad('95%', 10)}${pad('99%', 10)}`;
  const rows = r.trace.map((_, i) =>
    pad(String(i), 7) + pad(fmt(r.eigenvalues[i]), 12) + pad(fmt(r.trace[i]), 11) +
    r.traceCritical[i].map((c) => pad(fmt(c), 10)).join('') + pad(fmt(r.maxEig[i]), 11) +
    r.maxEigCritical[i].map((c) => pad(fmt(c), 10)).join(''));
  return ['Johansen cointegration test (reject rank<=r when the statistic exceeds its critical value)', head, ...rows, ''].join('\n');
}

export function registerStats(program: Command): void {
  const stats = program.command('stats').description('unit-root and cointegration tests on CSV columns (statsmodels-compatible)');
  stats
    .command('adf')
    .description('augmented Dickey-Fuller unit-root test of one column')
    .requiredOption('--csv <file>', 'CSV file with a header line')
    .requiredOption('--column <name>', 'column to test')
    .option('--regression <r>', 'deterministic terms: c, ct, ctt or n', 'c')
    .option('--autolag <m>', 'lag selection: aic, bic, t-stat or none', 'aic')
    .option('--maxlag <n>', 'highest lag (default 12*(nobs/100)^(1/4))')
    .option('--json', 'print the result as JSON on the last line')
    .action((o: { csv: string; column: string; regression: string; autolag: string; maxlag?: string; json?: boolean }) => {
      const r = statsAdf(o);
      process.stdout.write(o.json ? toJsonLine(r) : formatAdf(o.column, r));
    });
  stats
    .command('coint')
    .description('Engle-Granger cointegration test of Y on X (and more X columns)')
    .requiredOption('--csv <file>', 'CSV file with a header line')
    .requiredOption('--columns <Y,X,...>', 'dependent column, then the regressor columns')
    .option('--trend <t>', 'deterministic terms in the cointegrating regression: c, ct, ctt or n', 'c')
    .option('--autolag <m>', 'lag selection of the residual ADF: aic, bic, t-stat or none', 'aic')
    .option('--maxlag <n>', 'highest lag of the residual ADF')
    .option('--json', 'print the result as JSON on the last line')
    .action((o: { csv: string; columns: string; trend: string; autolag: string; maxlag?: string; json?: boolean }) => {
      const r = statsCoint(o);
      process.stdout.write(o.json ? toJsonLine(r) : formatCoint(columnList(o.columns), r));
    });
  stats
    .command('johansen')
    .description('Johansen cointegration-rank test (trace and maximum-eigenvalue) of all (or the given) columns')
    .requiredOption('--csv <file>', 'CSV file with a header line')
    .option('--columns <A,B,...>', 'columns to use (default: all)')
    .option('--det-order <d>', '-1 no deterministic terms, 0 constant, 1 linear trend', '0')
    .option('--k-ar-diff <k>', 'number of lagged differences', '1')
    .option('--json', 'print the result as JSON on the last line')
    .action((o: { csv: string; columns?: string; detOrder: string; kArDiff: string; json?: boolean }) => {
      const r = statsJohansen(o);
      process.stdout.write(o.json ? toJsonLine(r) : formatJohansen(r));
    });
}
