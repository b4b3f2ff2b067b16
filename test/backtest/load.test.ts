// Data loading: LOBSTER and Databento files converted to ITCH give the same books as their own replays;
// several sources merge in time order with distinct locates; a recording reads back as it was written.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { SIDE_ASK, SIDE_BID, type Side } from '../../src/core/units.js';
import { ItchBookHandler } from '../../src/feed/itch/book-handler.js';
import { replayLobster } from '../../src/feed/lobster/index.js';
import { encodeMboDbn, replayMboCsv, replayDbn, syntheticMboEvents } from '../../src/feed/databento/index.js';
import { writeSyntheticItchFile } from '../../src/feed/synthetic/index.js';
import { FeedLog, inferFormat, loadData, mergeLogs, type FeedLog as Log } from '../../src/backtest/index.js';

const shared = (p: string): string => fileURLToPath(new URL(`../../../shared/data/${p}`, import.meta.url));
const LOB = shared('lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv');
const LOB_BOOK = shared('lobster/AAPL_2012-06-21_34200000_57600000_orderbook_10.csv');
const MBO = shared('databento/mbo.csv');
const DBN = shared('databento/dbn/test_data.mbo.dbn');

/** Applies a FeedLog through the ITCH handler into fresh L3 books. */
function booksOf(log: Log): { books: L3Books; registry: InstrumentRegistry } {
  const registry = new InstrumentRegistry();
  const books = new L3Books();
  const h = new ItchBookHandler(books, registry);
  for (let i = 0; i < log.n; i++) expect(h.onMessage(log.bytes, log.off[i], log.len[i])).toBe(0);
  return { books, registry };
}

/** [price, qty] per level, both sides, prices divided by `div`. */
function levels(b: L3Books, inst: number, div = 1): number[][][] {
  return [SIDE_BID, SIDE_ASK].map((s) => {
    const out: number[][] = [];
    for (let l = 0; l < b.depth(inst, s as Side); l++) out.push([b.levelPrice(inst, s as Side, l) / div, b.levelQty(inst, s as Side, l)]);
    return out;
  });
}

describe('conversion to ITCH', () => {
  it('LOBSTER (seeded from its orderbook file) gives the replay\'s book', async () => {
    const { feed } = await loadData([{ path: LOB }]);
    const ref = new L3Books();
    const reg = new InstrumentRegistry();
    const st = await replayLobster(LOB, { books: ref, registry: reg, seedBookPath: LOB_BOOK });
    expect(st.messages).toBeGreaterThan(900);
    const { books, registry } = booksOf(feed);
    const inst = registry.find('AAPL')!.id;
    const want = levels(ref, reg.find('AAPL')!.id);
    expect(want[0].length).toBeGreaterThan(5);
    expect(levels(books, inst)).toEqual(want);
    // executions of orders the file never added still print: E messages against the synthetic seed orders
    let executions = 0;
    for (let i = 0; i < feed.n; i++) if (feed.bytes[feed.off[i]] === 0x45) executions++;
    expect(executions).toBeGreaterThan(0);
  });

  it('Databento MBO CSV gives the replay\'s book (prices rescaled from 1e-9 to 1e-4)', async () => {
    const { feed } = await loadData([{ path: MBO, format: 'mbo' }]);
    const ref = new L3Books();
    const reg = new InstrumentRegistry();
    await replayMboCsv(MBO, { books: ref, registry: reg });
    const { books, registry } = booksOf(feed);
    const want = levels(ref, reg.find('ARL')!.id, 1e5);
    expect(want[0].length + want[1].length).toBeGreaterThan(0);
    expect(levels(books, registry.find('ARL')!.id)).toEqual(want);
  });

  it('Databento DBN gives the replay\'s book', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-dbn-'));
    const path = join(dir, 'syn.mbo.dbn');
    writeFileSync(path, encodeMboDbn(syntheticMboEvents(20_000, 5)));
    const { feed } = await loadData([{ path }]);
    const ref = new L3Books();
    const reg = new InstrumentRegistry();
    await replayDbn(path, { books: ref, registry: reg });
    const { books, registry } = booksOf(feed);
    expect(registry.size).toBe(reg.size);
    for (const inst of reg.all()) {
      const want = levels(ref, inst.id, 1e5);
      expect(want[0].length + want[1].length).toBeGreaterThan(3);
      expect(levels(books, registry.find(inst.symbol.slice(0, 8))!.id)).toEqual(want);
    }
    // the shared sample's two records change no book: nothing to convert, and loading still succeeds
    expect((await loadData([{ path: DBN }])).feed.n).toBe(0);
  });
});

describe('merging', () => {
  it('several sources: time order, ties to the earlier source, locates renumbered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-load-'));
    const a = join(dir, 'a.itch');
    writeSyntheticItchFile(a, { messages: 5_000, symbols: 2, seed: 3, liveTarget: 50 });
    const { feed, counts } = await loadData([{ path: a }, { path: LOB }, { path: MBO }]);
    expect(counts.length).toBe(3);
    expect(feed.n).toBe(counts[0] + counts[1] + counts[2]);
    expect(feed.sorted()).toBe(true);
    // every symbol gets its own locate: the LOBSTER AAPL shares the synthetic AAPL's, ARL gets a new one
    const locOf = new Map<string, number>();
    for (let i = 0; i < feed.n; i++) {
      const o = feed.off[i];
      if (feed.bytes[o] !== 0x52) continue;
      const sym = feed.bytes.toString('latin1', o + 11, o + 19).trim();
      const loc = feed.bytes.readUInt16BE(o + 1);
      if (locOf.has(sym)) expect(locOf.get(sym)).toBe(loc);
      locOf.set(sym, loc);
    }
    expect([...locOf.keys()].sort()).toEqual(['AAPL', 'ARL', 'MSFT']);
    expect(new Set(locOf.values()).size).toBe(3);
  });

  it('mergeLogs is stable on equal times', () => {
    const x = new FeedLog();
    const y = new FeedLog();
    const m = (tag: number): Uint8Array => Uint8Array.of(0x53, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, tag);
    x.push(m(1), 0, 12, 5);
    x.push(m(2), 0, 12, 9);
    y.push(m(3), 0, 12, 5);
    y.push(m(4), 0, 12, 7);
    const z = mergeLogs([x, y]);
    expect(Array.from({ length: z.n }, (_, i) => z.bytes[z.off[i] + 11])).toEqual([1, 3, 4, 2]);
  });

  it('infers formats from file names', () => {
    expect(inferFormat(LOB)).toBe('lobster');
    expect(inferFormat(MBO)).toBe('mbo');
    expect(inferFormat(DBN)).toBe('dbn');
    expect(inferFormat('x.dbn.zst')).toBe('dbn');
    expect(inferFormat('01302019.NASDAQ_ITCH50.gz')).toBe('itch');
    expect(inferFormat('session.journal')).toBe('recording');
  });
});
