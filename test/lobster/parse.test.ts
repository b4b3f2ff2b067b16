import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RefBooks } from '../../src/book/reference.js';
import type { BookSink } from '../../src/book/types.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { TradingStatus } from '../../src/core/events.js';
import { SIDE_ASK, SIDE_BID } from '../../src/core/units.js';
import {
  newLobsterMessage,
  parseLobsterBookRow,
  parseLobsterMessage,
  replayLobster,
  tickerFromFileName,
} from '../../src/feed/lobster/index.js';

function parse(line: string) {
  const m = newLobsterMessage();
  const b = Buffer.from(line, 'latin1');
  const rc = parseLobsterMessage(b, 0, b.length, m);
  return { rc, m };
}

describe('LOBSTER message parsing', () => {
  it('turns seconds with up to 9 decimals into exact integer ns', () => {
    expect(parse('34200.004241176,1,16113575,18,5853300,1').m).toEqual({
      ts: 34200004241176, type: 1, orderId: 16113575, size: 18, price: 5853300, direction: 1,
    });
    expect(parse('34200.00426064,1,1,1,1,-1').m.ts).toBe(34200004260640);
    expect(parse('57599.999999999,3,1,1,1,-1').m.ts).toBe(57599999999999);
    expect(parse('36023,7,0,0,-1,-1').m).toMatchObject({ ts: 36023e9, type: 7, price: -1, direction: -1 });
    expect(parse('36023.5,7,0,0,0,-1').m.ts).toBe(36023500000000);
  });
  it('rejects malformed lines with a status, never throws', () => {
    for (const bad of ['', 'x', '34200.1,1,2,3,4', '34200.1,1,2,3,4,1,9', '34200.1,1,2,x,4,1', '34200.1234567891,1,2,3,4,1', '1e5,1,2,3,4,1']) {
      expect(parse(bad).rc, bad).not.toBe(0);
    }
    expect(parse('34200.1234567890,1,2,3,4,1').rc).toBe(0); // a trailing zero below 1 ns is harmless
  });
  it('parses orderbook rows and file-name tickers', () => {
    const row = parseLobsterBookRow('5859400,200,5853300,18,9999999999,0,-9999999999,0', 2)!;
    expect(row).toEqual({ askPx: [5859400, 9999999999], askSz: [200, 0], bidPx: [5853300, -9999999999], bidSz: [18, 0] });
    expect(parseLobsterBookRow('1,2,3', 1)).toBeNull();
    expect(tickerFromFileName('/a/b/AAPL_2012-06-21_34200000_57600000_message_10.csv')).toBe('AAPL');
    expect(tickerFromFileName('messages.csv')).toBe('');
  });
});

describe('LOBSTER replay edge cases', () => {
  for (const wrap of [false, true]) it(`handles unknown orders by price, halts, bad lines, and names the instrument${wrap ? ' (bare BookSink)' : ''}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lobster-'));
    const path = join(dir, 'weird name.csv');
    writeFileSync(
      path,
      [
        '34200.1,1,1,100,1000000,1', // add bid 100 @ 100.00
        '34200.2,1,2,50,1010000,-1', // add ask 50 @ 101.00
        '34200.3,3,99,30,1000000,1', // delete of an order never seen: level shrinks by 30
        '34200.4,4,1,20,1000000,1', // execution of a known order
        '34200.5,5,0,10,1005000,1', // hidden execution: nothing
        '34200.6,7,0,0,-1,-1', // halt
        'garbage',
        '34200.7,2,2,50,1010000,-1', // partial cancel of the whole size removes the order
        '34200.8,9,1,1,1,1', // unknown type
        '',
      ].join('\n'),
    );
    const books = new RefBooks();
    const registry = new InstrumentRegistry();
    const seen: number[] = [];
    const sink: BookSink = wrap
      ? { add: (...a) => books.add(...a), cancel: (...a) => books.cancel(...a), delete: (...a) => books.delete(...a), execute: (...a) => books.execute(...a),
          replace: (...a) => books.replace(...a), modify: (...a) => books.modify(...a), clear: (...a) => books.clear(...a),
          levelDelta: (...a) => books.levelDelta(...a), status: (...a) => books.status(...a) }
      : books;
    const stats = await replayLobster(path, { books: sink, registry, onRecord: (i) => seen.push(i) });
    expect(registry.get(0)!.symbol).toBe('');
    expect(stats.messages).toBe(9);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(stats.errors).toBe(2);
    expect(stats.errorSamples[0]).toContain(':7:');
    expect(stats.unknownOrder).toBe(1);
    expect(books.depth(0, SIDE_BID)).toBe(1);
    // the unknown delete can only take anonymous size (clamped at 0): the known order keeps its 100 - 20
    expect(books.levelQty(0, SIDE_BID, 0)).toBe(100 - 20);
    expect(books.depth(0, SIDE_ASK)).toBe(0);
    expect(books.tradingStatus(0)).toBe(TradingStatus.Halted);
    const again = await replayLobster(path, { books: new RefBooks(), registry, symbol: 'XYZ' });
    expect(registry.get(again.instrument)!.symbol).toBe('XYZ');
  });
});
