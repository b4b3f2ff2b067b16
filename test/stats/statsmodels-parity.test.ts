// Our ADF / Engle-Granger / Johansen against statsmodels 0.13.5 on the committed seeded fixtures
// (scripts/stats/make_fixtures.py): every column x regression x lag rule, every coint trend/lag rule,
// every Johansen det_order x k_ar_diff.

import { afterAll, describe, expect, it } from 'vitest';
import { adfuller, coint, cointJohansen, parseAutolag } from '../../src/stats/index.js';
import { expectP, expectRel, loadFixtures, worst } from './fixtures.js';

const fixtures = loadFixtures();
let worstEvec = 0;

describe('statsmodels parity', () => {
  it('has the fixture set (datasets with 1..4 series, short and long)', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
    expect(Math.min(...fixtures.map((f) => f.rows))).toBeLessThanOrEqual(150);
    expect(Math.max(...fixtures.map((f) => f.rows))).toBeGreaterThanOrEqual(2500);
    expect(fixtures.filter((f) => f.johansen).length).toBeGreaterThanOrEqual(5);
  });

  for (const fx of fixtures) {
    it(`${fx.name}: adfuller`, () => {
      let n = 0;
      for (const [colName, cases] of Object.entries(fx.adfuller)) {
        const x = fx.table.columns[fx.table.header.indexOf(colName)];
        for (const c of cases) {
          const where = `${fx.name}.${colName} adf ${c.regression}/${c.autolag}/${c.maxlag}`;
          const r = adfuller(x, { regression: c.regression, autolag: c.autolag === null ? null : parseAutolag(c.autolag), maxlag: c.maxlag });
          expect(r.usedLag, where).toBe(c.usedLag);
          expect(r.nobs, where).toBe(c.nobs);
          expectRel(r.statistic, c.statistic, `${where} statistic`);
          expectP(r.pvalue, c.pvalue, `${where} pvalue`);
          for (const lv of ['1%', '5%', '10%'] as const) expectRel(r.critical[lv], c.critical[lv], `${where} crit ${lv}`);
          if (c.icbest === null) expect(r.icbest).toBeNull();
          else expectRel(r.icbest!, c.icbest, `${where} icbest`);
          n++;
        }
      }
      expect(n).toBeGreaterThan(0);
    });

    if (fx.coint) {
      it(`${fx.name}: coint`, () => {
        const [y0, ...y1] = fx.table.columns;
        for (const c of fx.coint!) {
          const where = `${fx.name} coint ${c.trend}/${c.autolag}/${c.maxlag}`;
          const r = coint(y0, y1, { trend: c.trend, autolag: c.autolag, maxlag: c.maxlag });
          expectRel(r.statistic, c.statistic, `${where} statistic`);
          expectP(r.pvalue, c.pvalue, `${where} pvalue`);
          c.critical.forEach((v, i) => expectRel(r.critical[i], v, `${where} crit ${i}`));
        }
      });
    }

    if (fx.johansen) {
      it(`${fx.name}: coint_johansen`, () => {
        for (const c of fx.johansen!) {
          const where = `${fx.name} johansen det=${c.detOrder} k=${c.kArDiff}`;
          const r = cointJohansen(fx.table.columns, c.detOrder, c.kArDiff);
          c.eigenvalues.forEach((v, i) => expectRel(r.eigenvalues[i], v, `${where} eig ${i}`));
          c.trace.forEach((v, i) => expectRel(r.trace[i], v, `${where} lr1 ${i}`));
          c.maxEig.forEach((v, i) => expectRel(r.maxEig[i], v, `${where} lr2 ${i}`));
          c.traceCritical.forEach((row, i) => row.forEach((v, j) => expectRel(r.traceCritical[i][j], v, `${where} cvt ${i},${j}`)));
          c.maxEigCritical.forEach((row, i) => row.forEach((v, j) => expectRel(r.maxEigCritical[i][j], v, `${where} cvm ${i},${j}`)));
          // Eigenvectors: statsmodels fixes only the overall sign, so compare each column up to sign.
          const k = c.eigenvectors.length;
          for (let j = 0; j < k; j++) {
            const sign = Math.sign(r.eigenvectors[0][j]) === Math.sign(c.eigenvectors[0][j]) ? 1 : -1;
            let norm = 0;
            let diff = 0;
            for (let i = 0; i < k; i++) {
              norm = Math.max(norm, Math.abs(c.eigenvectors[i][j]));
              diff = Math.max(diff, Math.abs(sign * r.eigenvectors[i][j] - c.eigenvectors[i][j]));
            }
            worstEvec = Math.max(worstEvec, diff / norm);
            expect(diff / norm, `${where} evec column ${j}`).toBeLessThan(1e-6);
          }
        }
      });
    }
  }

  afterAll(() => {
    for (const [kind, w] of [...worst].sort()) console.log(`max ${kind} error ${w.err.toExponential(2)} at ${w.where}`);
    console.log(`max eigenvector error (max-norm, relative to the column, up to sign) ${worstEvec.toExponential(2)}`);
    expect(worst.size).toBeGreaterThanOrEqual(6);
  });
});
