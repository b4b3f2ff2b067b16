// Hand-built inputs for the cases the real files do not exercise: modify (known and unknown order),
// clear, side-N trades, order ids >= 2^53, undefined prices, unknown rtypes, truncation, column order,
// instrument_id without a symbol column, integer timestamps, symbol filter.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RefBooks } from '../../src/book/reference.js';
import type { BookSink } from '../../src/book/types.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { SIDE_ASK, SIDE_BID } from '../../src/core/units.js';
import { replayDbn, replayMboCsv } from '../../src/feed/databento/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'dbn-'));
const T0 = 1_752_739_200_000_000_000n; // 2025-07-17T08:00:00Z

function cstrField(s: string, n: number): Buffer {
  const b = Buffer.alloc(n);
  b.write(s, 'latin1');
  return b;
}

/** A DBN v3 file: metadata mapping raw symbol TEST to instrument 42, then the given records. */
function dbnFile(records: Buffer[]): Buffer {
  const u32 = (v: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); return b; };
  const u64 = (v: bigint) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(v); return b; };
  const body = Buffer.concat([
    cstrField('XNAS.ITCH', 16), Buffer.from([0, 0]), u64(T0), u64(T0 + 1n), u64(0n), Buffer.from([1, 7, 0]),
    Buffer.from([71, 0]), Buffer.alloc(53), u32(0), u32(1), cstrField('TEST', 71), u32(0), u32(0),
    u32(1), cstrField('TEST', 71), u32(1), u32(20250717), u32(20250718), cstrField('42', 71),
  ]);
  return Buffer.concat([Buffer.from('DBN\x03', 'latin1'), u32(body.length), body, ...records]);
}

function mbo(o: { id: bigint; px: bigint; size: number; action: string; side: string; dt: number; inst?: number }): Buffer {
  const b = Buffer.alloc(56);
  b[0] = 14;
  b[1] = 0xa0;
  b.writeUInt16LE(2, 2);
  b.writeUInt32LE(o.inst ?? 42, 4);
  b.writeBigUInt64LE(T0 + BigInt(o.dt), 8);
  b.writeBigUInt64LE(o.id, 16);
  b.writeBigInt64LE(o.px, 24);
  b.writeUInt32LE(o.size, 32);
  b[38] = o.action.charCodeAt(0);
  b[39] = o.side.charCodeAt(0);
  b.writeBigUInt64LE(T0 + BigInt(o.dt), 40);
  return b;
}

const PX = (d: number) => BigInt(Math.round(d * 100)) * 10_000_000n;
const UNDEF_PRICE = 0x7fffffffffffffffn;

/** Only the BookSink methods of a book: the feed must then track live orders itself. */
function bare(b: RefBooks): BookSink {
  return {
    add: (...a) => b.add(...a), cancel: (...a) => b.cancel(...a), delete: (...a) => b.delete(...a), execute: (...a) => b.execute(...a),
    replace: (...a) => b.replace(...a), modify: (...a) => b.modify(...a), clear: (...a) => b.clear(...a),
    levelDelta: (...a) => b.levelDelta(...a), status: (...a) => b.status(...a),
  };
}

describe('replayDbn on a hand-built MBO stream', () => {
  for (const wrap of [false, true]) it(`applies adds, modifies, cancels, clears; rejects ids >= 2^53 and undefined add prices${wrap ? ' (bare BookSink)' : ''}`, async () => {
    const unknown = Buffer.alloc(24);
    unknown[0] = 6;
    unknown[1] = 0x99;
    const path = join(tmp, 'x.dbn');
    writeFileSync(path, dbnFile([
      mbo({ id: 1n, px: PX(100.5), size: 10, action: 'A', side: 'B', dt: 1 }),
      mbo({ id: 2n, px: PX(101), size: 5, action: 'A', side: 'A', dt: 2 }),
      mbo({ id: 1n, px: PX(100.25), size: 8, action: 'M', side: 'B', dt: 3 }),
      mbo({ id: 3n, px: PX(99), size: 4, action: 'M', side: 'B', dt: 4 }), // modify of an unseen order: an add
      mbo({ id: 2n, px: PX(101), size: 5, action: 'C', side: 'A', dt: 5 }),
      mbo({ id: 1n << 53n, px: PX(101), size: 1, action: 'A', side: 'A', dt: 6 }),
      mbo({ id: 9n, px: UNDEF_PRICE, size: 1, action: 'A', side: 'A', dt: 7 }),
      mbo({ id: 0n, px: PX(100), size: 3, action: 'T', side: 'N', dt: 8 }),
      unknown,
      mbo({ id: 0n, px: UNDEF_PRICE, size: 0, action: 'R', side: 'N', dt: 9 }),
      mbo({ id: 1n, px: PX(100), size: 1, action: 'A', side: 'B', dt: 10 }), // id 1 is free again after R
      Buffer.from([14, 0xa0, 0, 0]), // truncated
    ]));
    const books = new RefBooks();
    const registry = new InstrumentRegistry();
    const snaps: string[] = [];
    const stats = await replayDbn(path, {
      books: wrap ? bare(books) : books, registry,
      onRecord: (i, inst, ts) => {
        const lv = (s: 0 | 1) => Array.from({ length: books.depth(0, s) }, (_, l) => `${books.levelPrice(0, s, l) / 1e9}x${books.levelQty(0, s, l)}`).join(' ');
        snaps.push(`${i} ${inst} ${ts - 8 * 3600e9} | ${lv(SIDE_BID)} | ${lv(SIDE_ASK)}`);
      },
    });
    expect(registry.get(0)!.symbol).toBe('TEST');
    expect(snaps).toEqual([
      '1 0 1 | 100.5x10 | ',
      '2 0 2 | 100.5x10 | 101x5',
      '3 0 3 | 100.25x8 | 101x5',
      '4 0 4 | 100.25x8 99x4 | 101x5',
      '5 0 5 | 100.25x8 99x4 | ',
      '6 0 6 | 100.25x8 99x4 | ',
      '7 0 7 | 100.25x8 99x4 | ',
      '8 0 8 | 100.25x8 99x4 | ',
      '9 -1 8 | 100.25x8 99x4 | ', // unknown rtype: no instrument; its zero ts_event repeats the last ts
      '10 0 9 |  | ',
      '11 0 10 | 100x1 | ',
    ]);
    expect(stats.unknownRtype).toBe(1);
    expect(stats.byType).toEqual({ mbo: 10, 'rtype-0x99': 1 });
    expect(stats.errors).toBe(3); // id >= 2^53, undefined add price, truncated tail
    expect(stats.errorSamples.join('\n')).toMatch(/FeedOrderRefTooLarge[\s\S]*FeedMalformedRecord[\s\S]*FeedTruncatedMessage/);
  });

  it('refuses a file that is not DBN', async () => {
    const path = join(tmp, 'junk.dbn');
    writeFileSync(path, 'hello, world');
    const stats = await replayDbn(path, { books: new RefBooks(), registry: new InstrumentRegistry() });
    expect(stats.errors).toBe(1);
    expect(stats.messages).toBe(0);
  });
});

describe('replayMboCsv edge cases', () => {
  it('reads columns by name, falls back to instrument_id, takes integer ns timestamps, filters by symbol', async () => {
    const path = join(tmp, 'mbo.csv');
    const t = (s: number) => (T0 + BigInt(s) * 1_000_000_000n).toString();
    writeFileSync(path, [
      'order_id,price,size,side,action,ts_event,instrument_id',
      `5,10.25,100,B,A,${t(1)},7`,
      `6,10.5,50,A,A,${t(2)},8`,
      `5,10.25,40,B,C,${t(3)},7`,
      `0,10.3,10,N,T,${t(4)},7`,
      `5,10.2,60,B,M,${t(5)},7`,
      `x,10.2,60,B,M,${t(6)},7`,
      `7,10.2,60,B`,
      `8,,1,B,A,${t(7)},7`,
    ].join('\n') + '\n');
    const books = new RefBooks();
    const registry = new InstrumentRegistry();
    const insts: number[] = [];
    const stats = await replayMboCsv(path, { books, registry, onRecord: (_i, inst) => insts.push(inst) });
    expect(registry.all().map((i) => i.symbol)).toEqual(['7', '8']);
    expect(insts).toEqual([0, 1, 0, 0, 0, 0, -1, 0]);
    expect(stats.messages).toBe(8);
    expect(stats.errors).toBe(3);
    expect(books.depth(0, SIDE_BID)).toBe(1);
    expect([books.levelPrice(0, SIDE_BID, 0), books.levelQty(0, SIDE_BID, 0)]).toEqual([10_200_000_000, 60]);
    expect(books.levelQty(1, SIDE_ASK, 0)).toBe(50);

    const filtered = await replayMboCsv(path, { books: new RefBooks(), registry: new InstrumentRegistry(), symbol: '8' });
    expect(filtered.filtered).toBe(6);
  });
});

describe('DBN error, system and symbol-mapping records (v1 and v2+ layouts)', () => {
  function rec(rtype: number, len: number, fill: (b: Buffer) => void, inst = 0): Buffer {
    const b = Buffer.alloc(len);
    b[0] = len / 4;
    b[1] = rtype;
    b.writeUInt32LE(inst, 4);
    b.writeBigUInt64LE(T0, 8);
    fill(b);
    return b;
  }
  it('decodes them and names instruments from symbol mappings', async () => {
    const { decodeDbnFile } = await import('../../src/feed/databento/index.js');
    const recs = [
      rec(0x15, 80, (b) => b.write('v1 error', 16, 'latin1')), // ErrorMsgV1: char[64]
      rec(0x15, 320, (b) => { b.write('v2 error', 16, 'latin1'); b[16 + 302] = 3; b[16 + 303] = 1; }), // ErrorMsg: char[302], code, is_last
      rec(0x17, 320, (b) => { b.write('heartbeat', 16, 'latin1'); b[16 + 303] = 7; }), // SystemMsg: char[303], code
      rec(0x16, 176, (b) => { b[16] = 1; b.write('AAPL', 17, 'latin1'); b[88] = 7; b.write('77', 89, 'latin1'); b.writeBigUInt64LE(1n, 160); b.writeBigUInt64LE(2n, 168); }, 77),
      rec(0x16, 80, (b) => { b.write('MSFT', 16, 'latin1'); b.write('78', 38, 'latin1'); b.writeBigUInt64LE(3n, 64); b.writeBigUInt64LE(4n, 72); }, 78),
      mbo({ id: 1n, px: PX(1), size: 1, action: 'A', side: 'B', dt: 1, inst: 77 }),
      mbo({ id: 2n, px: PX(1), size: 1, action: 'A', side: 'B', dt: 2, inst: 78 }),
    ];
    const path = join(tmp, 'sys.dbn');
    writeFileSync(path, dbnFile(recs));
    const got: unknown[] = [];
    await decodeDbnFile(path, (r) => {
      if (r.kind === 'error' || r.kind === 'system') got.push({ kind: r.kind, text: r.text, code: r.code, isLast: r.isLast });
      if (r.kind === 'symbolMapping') got.push({ in: r.stypeInSymbol, out: r.stypeOutSymbol, s: r.stypeIn, o: r.stypeOut, start: r.startTs, end: r.endTs });
    });
    expect(got).toEqual([
      { kind: 'error', text: 'v1 error', code: 0, isLast: 0 },
      { kind: 'error', text: 'v2 error', code: 3, isLast: 1 },
      { kind: 'system', text: 'heartbeat', code: 7, isLast: 0 },
      { in: 'AAPL', out: '77', s: 1, o: 7, start: 1n, end: 2n },
      { in: 'MSFT', out: '78', s: 0xff, o: 0xff, start: 3n, end: 4n },
    ]);
    const registry = new InstrumentRegistry();
    const stats = await replayDbn(path, { books: new RefBooks(), registry });
    expect(stats.errors).toBe(0);
    expect(registry.all().map((i) => i.symbol)).toEqual(['AAPL', 'MSFT']);
    expect(stats.byType).toMatchObject({ error: 2, system: 1, 'symbol-mapping': 2, mbo: 2 });
  });
});

describe('replayMboCsv with interleaved symbols', () => {
  it('keeps every symbol apart when rows alternate', async () => {
    const path = join(tmp, 'multi.csv');
    const rows = ['ts_event,action,side,price,size,order_id,symbol'];
    const syms = ['AAA', 'BB', 'AAA.W', 'C', 'BB'];
    for (let i = 0; i < 50; i++) rows.push(`2025-07-17T10:00:00.${String(i).padStart(9, '0')}Z,A,B,1.${i % 10},${i + 1},${i + 1},${syms[i % syms.length]}`);
    writeFileSync(path, rows.join('\n'));
    const books = new RefBooks();
    const registry = new InstrumentRegistry();
    const stats = await replayMboCsv(path, { books, registry });
    expect(stats.errors).toBe(0);
    expect(registry.all().map((x) => x.symbol)).toEqual(['AAA', 'BB', 'AAA.W', 'C']);
    const qty = (sym: string) => {
      const id = registry.find(sym)!.id;
      let q = 0;
      for (let l = 0; l < books.depth(id, SIDE_BID); l++) q += books.levelQty(id, SIDE_BID, l);
      return q;
    };
    const want = (pick: (i: number) => boolean) => Array.from({ length: 50 }, (_, i) => (pick(i) ? i + 1 : 0)).reduce((a, b) => a + b, 0);
    expect(qty('AAA')).toBe(want((i) => i % 5 === 0));
    expect(qty('BB')).toBe(want((i) => i % 5 === 1 || i % 5 === 4));
    expect(qty('AAA.W')).toBe(want((i) => i % 5 === 2));
    expect(qty('C')).toBe(want((i) => i % 5 === 3));
  });
});
