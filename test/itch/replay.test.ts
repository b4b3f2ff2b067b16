import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { TradingStatus } from '../../src/core/events.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { SIDE_ASK, SIDE_BID } from '../../src/core/units.js';
import { ItchBookHandler } from '../../src/feed/itch/book-handler.js';
import { ItchStreamDecoder } from '../../src/feed/itch/framing.js';
import { ItchFileWriter, replayItch, writeItchFile } from '../../src/feed/itch/replay.js';
import { frame, msg, RecordingSink } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'hftbot-itch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = 34_200_000_000_000; // 09:30 in ns since midnight

function day() {
  return [
    msg('S', { timestamp: T0 - 1000, eventCode: 'O' }),
    msg('R', { stockLocate: 5, timestamp: T0 - 900, stock: 'AAPL', roundLotSize: 100, marketCategory: 'Q' }),
    msg('R', { stockLocate: 6, timestamp: T0 - 800, stock: 'MSFT', roundLotSize: 10 }),
    msg('H', { stockLocate: 5, timestamp: T0 - 700, stock: 'AAPL', tradingState: 'T' }),
    msg('A', { stockLocate: 5, timestamp: T0 + 1, orderRef: 1, side: 'B', shares: 100, stock: 'AAPL', price: 1_500_000 }),
    msg('F', { stockLocate: 6, timestamp: T0 + 2, orderRef: 2, side: 'S', shares: 50, stock: 'MSFT', price: 4_000_100, attribution: 'GSCO' }),
    msg('E', { stockLocate: 5, timestamp: T0 + 3, orderRef: 1, executedShares: 10, matchNumber: 77 }),
    msg('C', { stockLocate: 5, timestamp: T0 + 4, orderRef: 1, executedShares: 5, matchNumber: 78, printable: 'Y', executionPrice: 1_499_900 }),
    msg('X', { stockLocate: 5, timestamp: T0 + 5, orderRef: 1, cancelledShares: 5 }),
    msg('U', { stockLocate: 5, timestamp: T0 + 6, originalOrderRef: 1, newOrderRef: 3, shares: 70, price: 1_500_100 }),
    msg('P', { stockLocate: 6, timestamp: T0 + 7, orderRef: 0, side: 'B', shares: 5, stock: 'MSFT', price: 4_000_000, matchNumber: 79 }),
    msg('Q', { stockLocate: 6, timestamp: T0 + 8, crossShares: 1000, stock: 'MSFT', crossPrice: 4_000_000, matchNumber: 80, crossType: 'O' }),
    msg('B', { stockLocate: 6, timestamp: T0 + 9, matchNumber: 79 }),
    msg('I', { stockLocate: 6, timestamp: T0 + 10, stock: 'MSFT', pairedShares: 10, imbalanceShares: 5, imbalanceDirection: 'B' }),
    msg('H', { stockLocate: 6, timestamp: T0 + 11, stock: 'MSFT', tradingState: 'H', reason: 'T1' }),
    msg('D', { stockLocate: 5, timestamp: T0 + 12, orderRef: 3 }),
  ];
}

const EXPECTED_CALLS = [
  `status 0 ${TradingStatus.Trading} ${T0 - 700}`,
  `add 0 1 ${SIDE_BID} 1500000 100 ${T0 + 1}`,
  `add 1 2 ${SIDE_ASK} 4000100 50 ${T0 + 2}`,
  `execute 1 10 ${T0 + 3}`,
  `execute 1 5 ${T0 + 4}`,
  `cancel 1 5 ${T0 + 5}`,
  `replace 1 3 1500100 70 ${T0 + 6}`,
  `status 1 ${TradingStatus.Halted} ${T0 + 11}`,
  `delete 3 ${T0 + 12}`,
];

interface Run { calls: string[]; records: string[]; stats: ReturnType<ItchStreamDecoder['stats']> }

function runChunks(buf: Buffer, cuts: number[]): Run {
  const sink = new RecordingSink();
  const records: string[] = [];
  const dec = new ItchStreamDecoder(new ItchBookHandler(sink, new InstrumentRegistry()), {
    onRecord: (i, inst, ts) => records.push(`${i}:${inst}:${ts}`),
  });
  let prev = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    dec.push(buf, prev, c);
    prev = c;
  }
  dec.push(buf, prev, buf.length);
  dec.end();
  return { calls: sink.calls, records, stats: dec.stats() };
}

describe('ItchBookHandler through the stream decoder', () => {
  it('maps every book message to one BookSink call and reports each record', () => {
    const r = runChunks(frame(day()), []);
    expect(r.calls).toEqual(EXPECTED_CALLS);
    expect(r.stats.messages).toBe(16);
    expect(r.stats.errors).toBe(0);
    expect(r.stats.byType).toEqual({ S: 1, R: 2, H: 2, A: 1, F: 1, E: 1, C: 1, X: 1, U: 1, P: 1, Q: 1, B: 1, I: 1, D: 1 });
    expect(r.records[0]).toBe(`1:-1:${T0 - 1000}`); // S: no instrument
    expect(r.records[1]).toBe(`2:0:${T0 - 900}`);
    expect(r.records[5]).toBe(`6:1:${T0 + 2}`);
    expect(r.records.at(-1)).toBe(`16:0:${T0 + 12}`);
  });

  it('registers symbols from R with their round lot, and from A when no R came first', () => {
    const reg = new InstrumentRegistry();
    const dec = new ItchStreamDecoder(new ItchBookHandler(new RecordingSink(), reg));
    dec.push(frame([...day(), msg('A', { stockLocate: 9, orderRef: 10, side: 'S', shares: 1, stock: 'ZVZZT', price: 100 })]));
    dec.end();
    expect(reg.all().map((i) => [i.id, i.symbol, i.lotSize, i.priceScale])).toEqual([
      [0, 'AAPL', 100, 10_000], [1, 'MSFT', 10, 10_000], [2, 'ZVZZT', 100, 10_000],
    ]);
  });

  it('gives the same calls and records for any chunking of the stream', () => {
    const buf = frame(day());
    const whole = runChunks(buf, []);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: buf.length }), { maxLength: 12 }), (cuts) => {
        const r = runChunks(buf, cuts);
        expect(r.calls).toEqual(whole.calls);
        expect(r.records).toEqual(whole.records);
        expect(r.stats).toEqual(whole.stats);
      }),
      { numRuns: 200 },
    );
  });

  it('builds the real L3 book', () => {
    const books = new L3Books();
    const dec = new ItchStreamDecoder(new ItchBookHandler(books, new InstrumentRegistry()));
    const d = day().slice(0, 10); // up to the replace: order 3 (70 @ 150.01) rests on AAPL's bid
    dec.push(frame(d));
    dec.end();
    expect(books.bestBid(0)).toBe(1_500_100);
    expect(books.levelQty(0, SIDE_BID, 0)).toBe(70);
    expect(books.bestAsk(1)).toBe(4_000_100);
    expect(books.orderCount()).toBe(2);
    expect(books.tradingStatus(0)).toBe(TradingStatus.Trading);
  });
});

describe('corruption handling', () => {
  const good = day();
  const goodBuf = frame(good);
  // Offsets of each frame's length prefix.
  const offsets: number[] = [];
  for (let p = 0; p < goodBuf.length; p += 2 + goodBuf.readUInt16BE(p)) offsets.push(p);

  function splice(at: number, insert: Buffer, remove = 0): Buffer {
    return Buffer.concat([goodBuf.subarray(0, at), insert, goodBuf.subarray(at + remove)]);
  }

  it('counts a zero-length frame with its offset and loses nothing else', () => {
    const r = runChunks(splice(offsets[4], Buffer.from([0, 0])), [offsets[4] + 1]);
    expect(r.stats.errors).toBe(1);
    expect(r.stats.errorSamples[0]).toContain(`offset ${offsets[4]}: zero length`);
    expect(r.calls).toEqual(EXPECTED_CALLS);
    expect(r.stats.messages).toBe(16);
  });

  it('skips a frame whose length is not its type spec length', () => {
    const bad = Buffer.alloc(38);
    bad.writeUInt16BE(36, 0);
    bad.write('E', 2, 'latin1'); // E is 31 bytes
    const r = runChunks(splice(offsets[6], bad), []);
    expect(r.stats.errors).toBe(1);
    expect(r.stats.errorSamples[0]).toContain(`offset ${offsets[6]}: type E length 36, spec 31`);
    expect(r.calls).toEqual(EXPECTED_CALLS);
  });

  it('resynchronises after a corrupted length prefix', () => {
    const buf = Buffer.from(goodBuf);
    buf.writeUInt16BE(0x3000, offsets[5]); // the F message's length
    for (const cuts of [[], [offsets[5] + 1], [offsets[7] + 3, offsets[9]]]) {
      const r = runChunks(buf, cuts);
      expect(r.stats.errors).toBe(1);
      expect(r.stats.errorSamples[0]).toContain(`offset ${offsets[5]}:`);
      expect(r.stats.errorSamples[1]).toContain(`resynchronised at offset ${offsets[6]}`);
      // Everything but the F (and the executions that would have followed its add) reaches the book.
      expect(r.calls).toEqual(EXPECTED_CALLS.filter((c) => !c.startsWith('add 1 ')));
      expect(r.stats.messages).toBe(15);
    }
  });

  it('resynchronises after garbage bytes between messages', () => {
    const garbage = Buffer.from([0xff, 0x13, 0x00, 0x05, 0x99, 0x00, 0x24]);
    const r = runChunks(splice(offsets[8], garbage), [offsets[8] + 4]);
    expect(r.stats.errors).toBeGreaterThanOrEqual(1);
    expect(r.stats.errorSamples[0]).toContain(`offset ${offsets[8]}:`);
    expect(r.calls).toEqual(EXPECTED_CALLS);
  });

  it('ends cleanly on a truncated last message', () => {
    const r = runChunks(goodBuf.subarray(0, goodBuf.length - 4), []);
    expect(r.stats.messages).toBe(15);
    expect(r.stats.errors).toBe(1);
    expect(r.stats.errorSamples[0]).toContain(`offset ${offsets[15]}: length 19 but only 15 bytes left`);
    const r1 = runChunks(goodBuf.subarray(0, offsets[15] + 1), []);
    expect(r1.stats.errorSamples[0]).toContain(`offset ${offsets[15]}: truncated length prefix`);
  });

  it('counts and skips unknown types without an error', () => {
    const unk = Buffer.alloc(14);
    unk.writeUInt16BE(12, 0);
    unk.write('z', 2, 'latin1');
    unk.writeUInt32BE(1234, 9); // timestamp low word (message offset 7)
    const r = runChunks(splice(offsets[3], unk), []);
    expect(r.stats.errors).toBe(0);
    expect(r.stats.byType.z).toBe(1);
    expect(r.stats.messages).toBe(17);
    expect(r.records[3]).toBe('4:-1:1234');
    expect(r.calls).toEqual(EXPECTED_CALLS);
  });

  it('does not trust the length of an unknown type that is not followed by a valid frame', () => {
    const many = frame(Array.from({ length: 3000 }, (_, k) => msg('D', { stockLocate: 5, orderRef: k + 1 })));
    // Garbage claiming a 60000-byte frame of type 0x00 in front of 3000 good 21-byte frames.
    const buf = Buffer.concat([Buffer.from([0xea, 0x60, 0x00, 0x01]), many]);
    const r = runChunks(buf, [1000, 30_000]);
    expect(r.stats.errors).toBe(1);
    expect(r.stats.errorSamples[0]).toContain('offset 0: unknown type 0x00 with length 60000');
    expect(r.stats.errorSamples[1]).toContain('resynchronised at offset 4');
    expect(r.calls.length).toBe(3000);
    expect(r.stats.messages).toBe(3000);
  });

  it('refuses an order reference >= 2^53 with an error and leaves the book alone', () => {
    const buf = Buffer.from(goodBuf);
    buf.writeUInt32BE(0x00200000, offsets[4] + 2 + 11); // A's order ref high word
    const r = runChunks(buf, []);
    expect(r.stats.errors).toBe(1);
    expect(r.stats.errorSamples[0]).toContain(`offset ${offsets[4]}: type A: 64-bit value >= 2^53`);
    expect(r.calls).not.toContain(EXPECTED_CALLS[1]);
    expect(r.stats.messages).toBe(16);
  });
});

describe('replayItch and the file writer', () => {
  it('replays plain and gzipped files written by ItchFileWriter', async () => {
    for (const name of ['day.itch', 'day.itch.gz']) {
      const path = join(dir, name);
      const w = new ItchFileWriter(path, { bufferSize: 1 << 16 });
      // Enough messages to cross several writer flushes (gzip members) and framing chunks.
      for (let k = 0; k < 2000; k++) for (const m of day()) expect(w.write(m)).toBeGreaterThan(0);
      w.close();
      expect(w.messages).toBe(32_000);
      const sink = new RecordingSink();
      let last = 0;
      const stats = await replayItch(path, { books: sink, registry: new InstrumentRegistry(), onRecord: (i) => { last = i; } });
      expect(stats.messages).toBe(32_000);
      expect(stats.errors).toBe(0);
      expect(last).toBe(32_000);
      expect(sink.calls.slice(0, EXPECTED_CALLS.length)).toEqual(EXPECTED_CALLS);
      expect(sink.calls.length).toBe(2000 * EXPECTED_CALLS.length);
    }
  });

  it('writeItchFile writes exactly the framed bytes', () => {
    const path = join(dir, 'small.itch');
    expect(writeItchFile(path, day())).toBe(16);
    expect(readFileSync(path).equals(frame(day()))).toBe(true);
  });

  it('appends to an existing file, plain or gzipped', async () => {
    for (const name of ['app.itch', 'app.itch.gz']) {
      const path = join(dir, name);
      writeItchFile(path, day());
      const w = new ItchFileWriter(path, { append: true });
      for (const m of day()) w.write(m);
      w.close();
      const stats = await replayItch(path, { books: new RecordingSink(), registry: new InstrumentRegistry() });
      expect([name, stats.messages, stats.errors]).toEqual([name, 32, 0]);
    }
  });

  it('reports a truncated gzip file as an error, keeping what was decoded', async () => {
    const path = join(dir, 'cut.itch.gz');
    const big = Buffer.concat(Array.from({ length: 2000 }, () => frame(day())));
    const gz = gzipSync(big);
    writeFileSync(path, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const stats = await replayItch(path, { books: new RecordingSink(), registry: new InstrumentRegistry() });
    expect(stats.messages).toBeGreaterThan(0);
    expect(stats.messages).toBeLessThan(32_000);
    expect(stats.errorSamples.some((s) => s.includes('gzip:'))).toBe(true);
  });

  it('rejects a missing file', async () => {
    await expect(replayItch(join(dir, 'nope.itch.gz'), { books: new RecordingSink(), registry: new InstrumentRegistry() })).rejects.toThrow(/ENOENT/);
    await expect(replayItch(join(dir, 'nope.itch'), { books: new RecordingSink(), registry: new InstrumentRegistry() })).rejects.toThrow(/ENOENT/);
  });
});
