// Acceptance: the LOBSTER AAPL 2012-06-21 sample (999 level-10 messages, /work/shared/data/lobster,
// see SOURCES.md there). Seeded from orderbook row 1 (the book after message 1), replaying messages
// 2..999 must reproduce every following orderbook row wherever KnownDepth says our level is knowable.
//
// Finding (asserted below): levels 1-9 are NOT always knowable from the messages. Levels that sit beyond
// the 10th when an order arrives there are never reported; when the book thins they move into view with
// sizes no message explained (e.g. the ask at 5873000 from row 48 on: no message in the file names that
// price). A naive comparison of every level first fails at row 13 (level 10), row 49 (level 9) and, once
// prices drift, row 441 (level 1): no rule can promise levels 1-9. The one-step test shows every message
// explains its row exactly; the full replay shows where a messages-only book can and cannot be vouched for.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { RefBooks } from '../../src/book/reference.js';
import type { BookSink, BookView } from '../../src/book/types.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { SIDE_ASK, SIDE_BID, type Side } from '../../src/core/units.js';
import {
  KnownDepth,
  LOBSTER_EMPTY_PRICE,
  LobsterApplier,
  newLobsterMessage,
  parseLobsterBookRow,
  parseLobsterMessage,
  replayLobster,
  seedFromRow,
  type LobsterBookRow,
} from '../../src/feed/lobster/index.js';

const dir = new URL('../../../shared/data/lobster/', import.meta.url);
const MSG = fileURLToPath(new URL('AAPL_2012-06-21_34200000_57600000_message_10.csv', dir));
const BOOK = fileURLToPath(new URL('AAPL_2012-06-21_34200000_57600000_orderbook_10.csv', dir));
const L = 10;
const rows: LobsterBookRow[] = readFileSync(BOOK, 'latin1').trim().split('\n').map((l) => parseLobsterBookRow(l, L)!);
const msgLines = readFileSync(MSG, 'latin1').trim().split('\n');

function ours(books: BookView, side: Side, lvl: number): [number, number] {
  if (lvl < books.depth(0, side)) return [books.levelPrice(0, side, lvl), books.levelQty(0, side, lvl)];
  return [side === SIDE_ASK ? LOBSTER_EMPTY_PRICE : -LOBSTER_EMPTY_PRICE, 0];
}
function truth(row: LobsterBookRow, side: Side, lvl: number): [number, number] {
  return side === SIDE_BID ? [row.bidPx[lvl], row.bidSz[lvl]] : [row.askPx[lvl], row.askSz[lvl]];
}

async function fullReplay(books: BookSink & BookView) {
  const registry = new InstrumentRegistry();
  let known: KnownDepth | null = null;
  const r = { compared: 0, level10Compared: 0, level10Possible: 0, unknowable: 0, unknowableDiffering: 0, mismatches: [] as string[] };
  const stats = await replayLobster(MSG, {
    books,
    registry,
    seedBookPath: BOOK,
    onRecord: (i, inst) => {
      expect(inst).toBe(0);
      if (known === null) {
        known = new KnownDepth(inst, L);
        known.seed(rows[0]);
      }
      known.update(books);
      for (const side of [SIDE_BID, SIDE_ASK] as const) {
        for (let l = 0; l < L; l++) {
          const [p, q] = ours(books, side, l);
          const [tp, tq] = truth(rows[i - 1], side, l);
          if (l === L - 1) r.level10Possible++;
          if (!known.isLevelKnown(books, side, l)) {
            r.unknowable++;
            if (p !== tp || q !== tq) r.unknowableDiffering++;
            continue;
          }
          if (l === L - 1) r.level10Compared++;
          r.compared++;
          if (p !== tp || q !== tq) r.mismatches.push(`row ${i} ${side === SIDE_BID ? 'bid' : 'ask'} L${l + 1}: ${p}x${q} want ${tp}x${tq}`);
        }
      }
    },
  });
  return { ...r, stats, registry };
}

describe('LOBSTER replay of the AAPL sample', () => {
  expect(rows.length).toBe(999);

  for (const [name, make] of [['L3Books', () => new L3Books()], ['RefBooks', () => new RefBooks()]] as const) {
    it(`reproduces every orderbook row wherever knowable (${name})`, async () => {
      const r = await fullReplay(make());
      expect(r.mismatches.slice(0, 5)).toEqual([]);
      expect(r.stats.messages).toBe(999);
      expect(r.stats.errors).toBe(0);
      expect(r.stats.byType).toEqual({ '1': 471, '3': 369, '4': 98, '5': 61 });
      expect(r.compared + r.unknowable).toBe(999 * 2 * L);
      expect(r.level10Possible).toBe(999 * 2);
      expect(r.level10Compared).toBeGreaterThan(0);
      expect(r.compared).toBeGreaterThan(0.3 * 999 * 2 * L);
      // the rule is needed: many levels it refuses really differ from the truth
      expect(r.unknowableDiffering).toBeGreaterThan(0);
      expect(r.stats.unknownOrder).toBeGreaterThan(0);
      console.log(
        `LOBSTER ${name}: ${r.compared} level comparisons, all equal; level 10 compared in ${r.level10Compared}/${r.level10Possible} ` +
          `side-rows; refused ${r.unknowable} (${r.unknowableDiffering} of those really differ); unknown-order messages ${r.stats.unknownOrder}`,
      );
      expect(r.registry.get(0)!.symbol).toBe('AAPL');
      expect(r.registry.get(0)!.priceScale).toBe(10_000);
    });
  }

  it('one step at a time: row i-1 + message i = row i on every level that can be explained', () => {
    // Seeds a fresh book from row i-1, applies message i, compares row i. The only level a message cannot
    // explain is one that moves into the 10th place from beyond (after a level empties): not compared.
    const msg = newLobsterMessage();
    let levelsCompared = 0;
    const bad: string[] = [];
    for (let i = 1; i < rows.length; i++) {
      const books = new L3Books();
      seedFromRow(books, 0, rows[i - 1], 0);
      const line = Buffer.from(msgLines[i], 'latin1');
      expect(parseLobsterMessage(line, 0, line.length, msg)).toBe(0);
      expect(new LobsterApplier(books, 0).apply(msg)).toBe(true);
      for (const side of [SIDE_BID, SIDE_ASK] as const) {
        const d = Math.min(L, books.depth(0, side));
        expect(d).toBeGreaterThanOrEqual(L - 1);
        for (let l = 0; l < d; l++) {
          levelsCompared++;
          const [p, q] = ours(books, side, l);
          const [tp, tq] = truth(rows[i], side, l);
          if (p !== tp || q !== tq) bad.push(`msg ${i + 1} L${l + 1}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(levelsCompared).toBeGreaterThan(998 * 2 * (L - 1));
  });
});
