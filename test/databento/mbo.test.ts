// Acceptance: Databento MBO CSV (real XNAS.ITCH events for ARL, /work/shared/data/databento, see
// SOURCES.md and README.source.md there) replayed into L3 books must give, after the matching event, the
// top 10 (px, sz, ct) of EVERY row of the reference mbp.csv (3,928 rows), exactly in integer units.
//
// The join (mbp row -> mbo event), in order of appearance:
// - R, A and C rows: the next mbo row with the same ts_event, sequence, action and order_id.
// - T rows: the mbo 'T' with the same ts_event and sequence. A side-N trade touches no book, so the
//   comparison point is that T itself. Any other trade is a T -> F -> C sequence (one sequence number) and
//   the reference prints the book after the C (it treats the triple as one trade), so the comparison
//   point is the last mbo row of that (ts_event, sequence) group; that C gets no mbp row of its own.
// - Every mbo row that is not a comparison point (adds/cancels beyond level 10, T/F inside a trade)
//   must leave the top 10 unchanged: this checks that the mbp file misses no change.
import { describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { RefBooks } from '../../src/book/reference.js';
import type { BookSink, BookView } from '../../src/book/types.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { parseDecimalToUnits, SIDE_ASK, SIDE_BID } from '../../src/core/units.js';
import { replayMboCsv } from '../../src/feed/databento/index.js';
import * as join from './mbp-join.js';

const { MBO, mbo, mbp, joinRows } = join;

const SCALE = 1_000_000_000;

const TOP_COLS = (['bid', 'ask'] as const).flatMap((side) =>
  Array.from({ length: 10 }, (_, l) => {
    const ll = String(l).padStart(2, '0');
    return [mbp.col(`${side}_px_${ll}`), mbp.col(`${side}_sz_${ll}`), mbp.col(`${side}_ct_${ll}`)];
  }),
);

/** The mbp row's top 10 as [px, sz, ct] x (bid levels 0-9, ask levels 0-9), px in 1e-9 units. */
function expectedTop(row: string[]): number[] {
  const out: number[] = [];
  for (const [p, z, c] of TOP_COLS) out.push(row[p] === '' ? NaN : parseDecimalToUnits(row[p], SCALE), Number(row[z]), Number(row[c]));
  return out;
}

function snapshot(books: BookView, inst: number): number[] {
  const out: number[] = [];
  for (const side of [SIDE_BID, SIDE_ASK] as const) {
    const d = books.depth(inst, side);
    for (let l = 0; l < 10; l++) {
      if (l < d) out.push(books.levelPrice(inst, side, l), books.levelQty(inst, side, l), books.levelCount(inst, side, l));
      else out.push(NaN, 0, 0);
    }
  }
  return out;
}

async function check(books: BookSink & BookView) {
  const at = joinRows();
  const registry = new InstrumentRegistry();
  const mismatches: string[] = [];
  let compared = 0;
  let unchangedChecked = 0;
  let prev = snapshot(books, 0);
  const stats = await replayMboCsv(MBO, {
    books,
    registry,
    symbol: 'ARL',
    onRecord: (i, inst) => {
      if (inst !== 0) mismatches.push(`mbo row ${i}: instrument ${inst}`);
      const snap = snapshot(books, inst);
      const k = at[i - 1];
      if (k < 0) {
        unchangedChecked++;
        if (!snap.every((v, x) => Object.is(v, prev[x]))) mismatches.push(`mbo row ${i} changed the top 10 but has no mbp row`);
      } else {
        compared++;
        const want = expectedTop(mbp.rows[k]);
        for (let x = 0; x < want.length; x++) {
          if (!Object.is(snap[x], want[x])) {
            mismatches.push(`mbp row ${k} (mbo row ${i}): field ${x} = ${snap[x]}, want ${want[x]}`);
            break;
          }
        }
      }
      prev = snap;
    },
  });
  return { stats, compared, unchangedChecked, mismatches, registry };
}

describe('Databento MBO CSV replay reproduces mbp.csv', () => {
  it('joins every mbp row to an mbo event', () => {
    const at = joinRows();
    expect(mbp.rows.length).toBe(3928);
    expect(at.filter((k) => k >= 0).length).toBe(3928);
  });
  for (const [name, make] of [['L3Books', () => new L3Books()], ['RefBooks', () => new RefBooks()]] as const) {
    it(`top 10 equals every mbp row (${name})`, async () => {
      const r = await check(make());
      expect(r.mismatches.slice(0, 5)).toEqual([]);
      expect(r.compared).toBe(3928);
      expect(r.unchangedChecked).toBe(mbo.rows.length - 3928);
      expect(r.stats.messages).toBe(mbo.rows.length);
      expect(r.stats.errors).toBe(0);
      expect(r.stats.byType).toEqual({ A: 2915, C: 2913, F: 11, T: 46, R: 1 });
      expect(r.registry.get(0)).toMatchObject({ symbol: 'ARL', priceScale: SCALE });
      // session epoch: the UTC midnight of 2025-07-17
      expect(r.stats.epochDay).toBe(Date.UTC(2025, 6, 17) / 86_400_000);
    });
  }
});
