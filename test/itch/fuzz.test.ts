// Random and mutated bytes into the decoder, the stream decoder and the book handler over the real L3
// book: nothing throws, everything terminates, every error names a byte offset inside the input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { ItchBookHandler } from '../../src/feed/itch/book-handler.js';
import { decodeItch } from '../../src/feed/itch/codec.js';
import { ItchStreamDecoder } from '../../src/feed/itch/framing.js';
import { ItchMessage } from '../../src/feed/itch/message.js';
import { ItchReferenceHandler } from '../../src/feed/itch/reference.js';
import { ItchStatus } from '../../src/feed/itch/status.js';
import { anyMessageArb, frame, toMessage } from './helpers.js';

const STATUSES = new Set<number>(Object.values(ItchStatus));

/** A valid stream with some bytes overwritten, some inserted and some removed. */
const mutatedArb = fc
  .tuple(
    fc.array(anyMessageArb, { minLength: 1, maxLength: 60 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 2 })), { maxLength: 8 }),
  )
  .map(([recs, edits]) => {
    const bytes = [...frame(recs.map(toMessage))];
    for (const [pos, val, op] of edits) {
      const i = pos % (bytes.length + 1);
      if (op === 0 && i < bytes.length) bytes[i] = val;
      else if (op === 1) bytes.splice(i, 0, val);
      else bytes.splice(i, 1);
    }
    return Buffer.from(bytes);
  });

const inputArb = fc.oneof(mutatedArb, fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)));

function replay(buf: Buffer, cuts: number[], reference: boolean) {
  const books = new L3Books();
  const reg = new InstrumentRegistry();
  const h = reference ? new ItchReferenceHandler(books, reg) : new ItchBookHandler(books, reg);
  let records = 0;
  const dec = new ItchStreamDecoder(h, {
    onRecord: (i) => {
      records++;
      expect(i).toBe(records);
    },
    maxErrorSamples: 1000,
  });
  let prev = 0;
  for (const c of cuts.map((x) => x % (buf.length + 1)).sort((a, b) => a - b)) {
    dec.push(buf, prev, c);
    prev = c;
  }
  dec.push(buf, prev, buf.length);
  dec.end();
  return dec.stats();
}

describe('ITCH fuzz', () => {
  it('decodeItch returns a known status for any bytes, offset and length', () => {
    const m = new ItchMessage();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.integer({ min: -2, max: 90 }), fc.integer({ min: -2, max: 90 }), (a, off, len) => {
        expect(STATUSES.has(decodeItch(Buffer.from(a), off, len, m))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('the stream decoder and both handlers never throw and always give byte offsets', () => {
    fc.assert(
      fc.property(inputArb, fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (buf, cuts, reference) => {
        const s = replay(buf, cuts, reference);
        expect(s.errorSamples.length).toBeGreaterThanOrEqual(Math.min(s.errors, 1));
        for (const e of s.errorSamples) {
          const m = /^offset (\d+): /.exec(e);
          expect(m, e).not.toBeNull();
          expect(Number(m![1])).toBeLessThanOrEqual(buf.length);
        }
        let typed = 0;
        for (const v of Object.values(s.byType)) typed += v;
        expect(typed).toBe(s.messages);
        // Every message needs at least 3 bytes (length + type).
        expect(s.messages * 3).toBeLessThanOrEqual(buf.length);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same result for any chunking of a damaged stream', () => {
    fc.assert(
      fc.property(mutatedArb, fc.array(fc.nat(), { maxLength: 6 }), (buf, cuts) => {
        expect(replay(buf, cuts, false)).toEqual(replay(buf, [], false));
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same result when a damaged stream arrives one byte at a time', () => {
    fc.assert(
      fc.property(mutatedArb, (buf) => {
        const whole = replay(buf, [], false);
        const books = new L3Books();
        const dec = new ItchStreamDecoder(new ItchBookHandler(books, new InstrumentRegistry()), { maxErrorSamples: 1000 });
        for (let i = 0; i < buf.length; i++) dec.push(buf, i, i + 1);
        dec.end();
        expect(dec.stats()).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it('gets through a megabyte of random bytes quickly', () => {
    const buf = Buffer.alloc(1 << 20);
    let x = 12345;
    for (let i = 0; i < buf.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      buf[i] = x >>> 24;
    }
    const s = replay(buf, [1000, 500_000], false);
    expect(s.errors).toBeGreaterThan(0);
    expect(s.errorSamples[0]).toMatch(/^offset \d+: /);
  });
});
