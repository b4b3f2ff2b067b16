// Acceptance (issue 2), through the CLI exactly as a user runs it:
//   hftbot replay ../shared/data/databento/mbo.csv --format mbo --symbol ARL --levels 10 --book-out OUT.csv
// reproduces the top 10 (px, sz, ct) of mbp.csv after every event that mbp.csv records (all 3,928 rows),
// with the join of test/databento/mbp-join.ts. Prices are compared in integer 1e-9 units.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDecimalToUnits } from '../../src/core/units.js';
import { joinRows, MBO, mbp } from '../databento/mbp-join.js';
import { hftbot } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'hftbot-mbo-mbp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const px = (s: string) => (s === '' ? 'empty' : String(parseDecimalToUnits(s, 1_000_000_000)));

describe('hftbot replay --format mbo', () => {
  it('reproduces every row of mbp.csv', async () => {
    const out = join(dir, 'book.csv');
    const r = await hftbot(['replay', MBO, '--format', 'mbo', '--symbol', 'ARL', '--levels', '10', '--book-out', out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    const head = rows[0].split(',');
    const byEvent = new Map<number, string[]>();
    for (const l of rows.slice(1)) {
      const f = l.split(',');
      byEvent.set(Number(f[0]), f);
    }
    const at = joinRows();
    let compared = 0;
    for (let i = 0; i < at.length; i++) {
      const k = at[i];
      if (k < 0) continue;
      const ours = byEvent.get(i + 1);
      expect(ours, `no book-out row for event ${i + 1}`).toBeDefined();
      const want = mbp.rows[k];
      for (let lvl = 0; lvl < 10; lvl++) {
        const ll = String(lvl).padStart(2, '0');
        for (const side of ['bid', 'ask']) {
          const o = (name: string) => ours![head.indexOf(`${side}_${name}_${lvl + 1}`)];
          const w = (name: string) => want[mbp.col(`${side}_${name}_${ll}`)];
          const label = `mbp row ${k}, ${side} level ${lvl + 1}`;
          expect(px(o('px')), label).toBe(px(w('px')));
          expect(o('sz') === '' ? '0' : o('sz'), label).toBe(w('sz'));
          expect(o('ct') === '' ? '0' : o('ct'), label).toBe(w('ct'));
        }
      }
      compared++;
    }
    expect(compared).toBe(3928);
  });
});
