// Loads the statsmodels fixtures written by scripts/stats/make_fixtures.py (test/fixtures/stats/) and
// provides the tolerance checks the issue asks for: statistics/eigenvalues/critical values within 1e-6
// relative, p-values within 1e-4 absolute. Tracks the worst errors seen so the suite can print them.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { readNumericCsv } from '../../src/stats/csv.js';
import type { NumericTable } from '../../src/stats/csv.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/stats/', import.meta.url));

export interface AdfCase {
  regression: 'c' | 'ct' | 'ctt' | 'n';
  autolag: 'AIC' | 'BIC' | 't-stat' | null;
  maxlag: number | null;
  statistic: number;
  pvalue: number;
  usedLag: number;
  nobs: number;
  critical: Record<'1%' | '5%' | '10%', number>;
  icbest: number | null;
}

export interface CointCase {
  trend: 'c' | 'ct' | 'ctt' | 'n';
  autolag: 'aic' | 'bic' | 't-stat' | null;
  maxlag: number | null;
  statistic: number;
  pvalue: number;
  critical: (number | null)[];
}

export interface JohansenCase {
  detOrder: number;
  kArDiff: number;
  trace: number[];
  maxEig: number[];
  eigenvalues: number[];
  eigenvectors: number[][];
  traceCritical: number[][];
  maxEigCritical: number[][];
}

export interface Fixture {
  name: string;
  csv: string;
  columns: string[];
  rows: number;
  adfuller: Record<string, AdfCase[]>;
  coint?: CointCase[];
  johansen?: JohansenCase[];
  table: NumericTable;
}

export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.tables.json'))
    .sort()
    .map((f) => {
      const doc = JSON.parse(readFileSync(FIXTURE_DIR + f, 'utf8')) as Omit<Fixture, 'name' | 'table'>;
      return { ...doc, name: f.replace(/\.json$/, ''), table: readNumericCsv(FIXTURE_DIR + doc.csv) };
    });
}

export const REL_TOL = 1e-6;
export const P_TOL = 1e-4;

/** Worst error seen per kind of quantity (printed by the parity suite). */
export const worst = new Map<string, { err: number; where: string }>();

function track(kind: string, err: number, where: string): void {
  const w = worst.get(kind);
  if (!w || err > w.err) worst.set(kind, { err, where });
}

/** The kind of a checked quantity, from the last word(s) of its label. */
function kindOf(where: string): string {
  const m = /(statistic|crit|cvt|cvm|eig|lr1|lr2|icbest)/.exec(where);
  if (!m) return 'other';
  return ({ crit: 'critical', cvt: 'critical', cvm: 'critical', lr1: 'trace', lr2: 'maxEig', eig: 'eigenvalue' } as Record<string, string>)[m[1]] ?? m[1];
}

/** |ours - theirs| <= REL_TOL * |theirs| (absolute below 1e-9 in magnitude, where relative means nothing). */
export function expectRel(ours: number, theirs: number | null, where: string): void {
  if (theirs === null) {
    expect(Number.isFinite(ours), `${where}: expected no value (NaN/inf), got ${ours}`).toBe(false);
    return;
  }
  const err = Math.abs(ours - theirs) / Math.max(Math.abs(theirs), 1e-9);
  track(`${kindOf(where)} (relative)`, err, where);
  expect(err, `${where}: ours ${ours} statsmodels ${theirs}`).toBeLessThanOrEqual(REL_TOL);
}

export function expectP(ours: number, theirs: number, where: string): void {
  const err = Math.abs(ours - theirs);
  track('pvalue (absolute)', err, where);
  expect(err, `${where}: ours ${ours} statsmodels ${theirs}`).toBeLessThanOrEqual(P_TOL);
}
