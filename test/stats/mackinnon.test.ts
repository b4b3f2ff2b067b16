// mackinnonp / mackinnoncrit against statsmodels 0.13.5 itself on a grid (test/fixtures/stats/
// mackinnon.tables.json from scripts/stats/make_fixtures.py): every regression, N = 1..6 for p-values
// (both approximation branches, the cut-offs, beyond the table ends) and every 2010 table row for
// critical values at several sample sizes and asymptotically.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mackinnoncrit, mackinnonp } from '../../src/stats/index.js';
import type { Regression } from '../../src/stats/index.js';
import { FIXTURE_DIR } from './fixtures.js';

interface Doc {
  mackinnonp: { regression: Regression; N: number; stat: number[]; pvalue: number[] }[];
  mackinnoncrit: { regression: Regression; N: number; nobs: number | null; critical: number[] }[];
}

const doc = JSON.parse(readFileSync(FIXTURE_DIR + 'mackinnon.tables.json', 'utf8')) as Doc;

describe('MacKinnon tables vs statsmodels', () => {
  it('mackinnonp equals statsmodels within 1e-12 (p-values need 1e-4)', () => {
    let worst = 0;
    let count = 0;
    for (const row of doc.mackinnonp) {
      row.stat.forEach((t, i) => {
        const err = Math.abs(mackinnonp(t, row.regression, row.N) - row.pvalue[i]);
        worst = Math.max(worst, err);
        count++;
      });
    }
    expect(count).toBeGreaterThan(2000);
    expect(worst).toBeLessThan(1e-12);
  });

  it('mackinnoncrit equals statsmodels within 1e-12 relative for all 12 N and 4 regressions', () => {
    let worst = 0;
    for (const row of doc.mackinnoncrit) {
      const ours = mackinnoncrit(row.N, row.regression, row.nobs ?? Infinity);
      row.critical.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(ours[i] - v) / Math.abs(v));
      });
    }
    expect(doc.mackinnoncrit.length).toBe(3 * 12 * 4 + 4);
    expect(worst).toBeLessThan(1e-12);
  });
});
