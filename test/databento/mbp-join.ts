// The mbp.csv <-> mbo.csv join used by the acceptance tests (test/databento/mbo.test.ts for the library,
// test/cli/mbo-mbp.test.ts for `hftbot replay`). See mbo.test.ts for the rules.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const dir = new URL('../../../shared/data/databento/', import.meta.url);
export const MBO = fileURLToPath(new URL('mbo.csv', dir));
export const MBP = fileURLToPath(new URL('mbp.csv', dir));

export function table(path: string) {
  const lines = readFileSync(path, 'latin1').trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const col = (n: string) => {
    const i = head.indexOf(n);
    expect(i, n).toBeGreaterThanOrEqual(0);
    return i;
  };
  return { rows: lines.slice(1).map((l) => l.split(',')), col };
}

export const mbo = table(MBO);
export const mbp = table(MBP);
const M = { ts: mbo.col('ts_event'), seq: mbo.col('sequence'), action: mbo.col('action'), side: mbo.col('side'), oid: mbo.col('order_id') };
const P = { ts: mbp.col('ts_event'), seq: mbp.col('sequence'), action: mbp.col('action'), side: mbp.col('side'), oid: mbp.col('order_id') };

/** For each mbo row index, the mbp row index compared after it (or -1). */
export function joinRows(): Int32Array {
  const at = new Int32Array(mbo.rows.length).fill(-1);
  let j = 0;
  for (let k = 0; k < mbp.rows.length; k++) {
    const p = mbp.rows[k];
    const act = p[P.action];
    while (j < mbo.rows.length) {
      const m = mbo.rows[j];
      const sameEvent = m[M.ts] === p[P.ts] && m[M.seq] === p[P.seq] && m[M.action] === act;
      if (sameEvent && (act === 'T' || m[M.oid] === p[P.oid])) break;
      j++;
    }
    expect(j, `mbp row ${k} has no mbo event`).toBeLessThan(mbo.rows.length);
    let point = j;
    if (act === 'T' && mbo.rows[j][M.side] !== 'N') {
      while (point + 1 < mbo.rows.length && mbo.rows[point + 1][M.ts] === p[P.ts] && mbo.rows[point + 1][M.seq] === p[P.seq]) point++;
      expect(mbo.rows[point][M.action]).toBe('C');
    }
    at[point] = k;
    j = point + 1;
  }
  return at;
}

