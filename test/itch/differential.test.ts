// The fast book path and its plain twin (decode everything, then apply) must make the same BookSink
// calls, return the same statuses and report the same records for any stream of messages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { ItchBookHandler, type ItchMessageSink } from '../../src/feed/itch/book-handler.js';
import { ItchStreamDecoder } from '../../src/feed/itch/framing.js';
import { ITCH_LAYOUTS, type ItchLayout } from '../../src/feed/itch/layouts.js';
import { ItchReferenceHandler } from '../../src/feed/itch/reference.js';
import { frame, RecordingSink, toMessage } from './helpers.js';

const BOOK_HEAVY = ['A', 'F', 'E', 'C', 'X', 'D', 'U', 'R', 'H'];

function smallMessageArb(layout: ItchLayout): fc.Arbitrary<Record<string, string | number>> {
  const rec: Record<string, fc.Arbitrary<string | number>> = {};
  for (const f of layout.fields) {
    let a: fc.Arbitrary<string | number>;
    if (f.name === 'type') a = fc.constant(layout.type);
    else if (f.name === 'stockLocate') a = fc.integer({ min: 0, max: 6 });
    else if (/orderRef|OrderRef/i.test(f.name)) a = fc.integer({ min: 0, max: 40 });
    else if (f.name === 'side') a = fc.constantFrom('B', 'S', 'X');
    else if (f.name === 'tradingState') a = fc.constantFrom('H', 'P', 'Q', 'T', 'Z');
    else if (f.name === 'stock') a = fc.constantFrom('AAPL', 'MSFT', 'A', '', 'BRK.A');
    else if (f.kind === 'char') a = fc.constantFrom('Y', 'N', ' ');
    else if (f.kind === 'alpha') a = fc.constantFrom('', 'AB');
    else if (f.kind === 'u16') a = fc.integer({ min: 0, max: 0xffff });
    else if (f.kind === 'u48') a = fc.integer({ min: 0, max: 2 ** 48 - 1 });
    else if (f.kind === 'u64' || f.kind === 'price8') a = fc.maxSafeNat();
    else a = fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 0xffffffff }));
    rec[f.name] = a;
  }
  return fc.record(rec);
}

const streamArb = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.oneof(...ITCH_LAYOUTS.filter((l) => BOOK_HEAVY.includes(l.type)).map(smallMessageArb)) },
    { weight: 1, arbitrary: fc.oneof(...ITCH_LAYOUTS.map(smallMessageArb)) },
  ),
  { maxLength: 120 },
);

function run(buf: Buffer, make: (books: RecordingSink, reg: InstrumentRegistry) => ItchMessageSink) {
  const books = new RecordingSink();
  const reg = new InstrumentRegistry();
  const records: string[] = [];
  const dec = new ItchStreamDecoder(make(books, reg), { onRecord: (i, inst, ts) => records.push(`${i}:${inst}:${ts}`) });
  dec.push(buf);
  dec.end();
  return { calls: books.calls, records, stats: dec.stats(), symbols: reg.all().map((i) => `${i.id}:${i.symbol}:${i.lotSize}`) };
}

describe('ItchBookHandler vs ItchReferenceHandler', () => {
  it('agree on calls, records, statuses and registrations for random streams', () => {
    fc.assert(
      fc.property(streamArb, (recs) => {
        const buf = frame(recs.map(toMessage));
        const fast = run(buf, (b, r) => new ItchBookHandler(b, r));
        const ref = run(buf, (b, r) => new ItchReferenceHandler(b, r));
        expect(fast).toEqual(ref);
      }),
      { numRuns: 300 },
    );
  });

  it('produce the same L3 book state hash', () => {
    fc.assert(
      fc.property(streamArb, (recs) => {
        const buf = frame(recs.map(toMessage));
        const a = new L3Books();
        const b = new L3Books();
        for (const [books, h] of [[a, new ItchBookHandler(a, new InstrumentRegistry())], [b, new ItchReferenceHandler(b, new InstrumentRegistry())]] as const) {
          const dec = new ItchStreamDecoder(h);
          dec.push(buf);
          dec.end();
          expect(books.orderCount()).toBeGreaterThanOrEqual(0);
        }
        expect(a.stateHash()).toBe(b.stateHash());
      }),
      { numRuns: 100 },
    );
  });
});
