import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeItch, encodeItch, encodeItchFramed, itchLength } from '../../src/feed/itch/codec.js';
import { decodeItchTable, encodeItchTable } from '../../src/feed/itch/codec-table.js';
import { ITCH_LAYOUTS } from '../../src/feed/itch/layouts.js';
import { ItchMessage } from '../../src/feed/itch/message.js';
import { ItchStatus } from '../../src/feed/itch/status.js';
import { anyMessageArb, messageArb, msg, toMessage } from './helpers.js';

/** An Add Order written byte by byte at the spec offsets (independent of the layout table). */
function handAddOrder(): Buffer {
  const b = Buffer.alloc(36);
  b.write('A', 0, 'latin1');
  b.writeUInt16BE(7, 1); // locate
  b.writeUInt16BE(3, 3); // tracking
  b.writeUInt16BE(0x1f, 5); // timestamp hi16
  b.writeUInt32BE(0x2468ace0, 7); // timestamp lo32
  b.writeUInt32BE(0x1fffff, 11); // order ref hi (largest allowed)
  b.writeUInt32BE(0xfffffffe, 15);
  b.write('S', 19, 'latin1');
  b.writeUInt32BE(300, 20);
  b.write('AAPL    ', 24, 'latin1');
  b.writeUInt32BE(1_234_500, 32); // $123.45
  return b;
}

describe('decodeItch', () => {
  it('decodes a hand-built Add Order at the spec offsets', () => {
    const m = new ItchMessage();
    expect(decodeItch(handAddOrder(), 0, 36, m)).toBe(ItchStatus.Ok);
    expect(m.type).toBe('A');
    expect(m.stockLocate).toBe(7);
    expect(m.trackingNumber).toBe(3);
    expect(m.timestamp).toBe(0x1f * 2 ** 32 + 0x2468ace0);
    expect(m.orderRef).toBe(Number.MAX_SAFE_INTEGER - 1);
    expect(m.side).toBe('S');
    expect(m.shares).toBe(300);
    expect(m.stock).toBe('AAPL');
    expect(m.price).toBe(1_234_500);
  });

  it('decodes at a non-zero offset and reuses the message object', () => {
    const buf = Buffer.concat([Buffer.alloc(5, 0xee), handAddOrder()]);
    const m = new ItchMessage();
    const keys = Object.keys(m);
    expect(decodeItch(buf, 5, 36, m)).toBe(ItchStatus.Ok);
    expect(m.stock).toBe('AAPL');
    expect(Object.keys(m)).toEqual(keys); // shape unchanged
  });

  it('refuses an 8-byte value with a high word >= 2^21 instead of rounding it', () => {
    const b = handAddOrder();
    b.writeUInt32BE(0x200000, 11);
    const m = new ItchMessage();
    expect(decodeItch(b, 0, 36, m)).toBe(ItchStatus.ValueTooLarge);
    const e = Buffer.alloc(31);
    e.write('E', 0, 'latin1');
    e.writeUInt32BE(0xffffffff, 23); // match number high word
    expect(decodeItch(e, 0, 31, m)).toBe(ItchStatus.ValueTooLarge);
  });

  it('returns truncated / bad length / unknown type statuses', () => {
    const m = new ItchMessage();
    const b = handAddOrder();
    expect(decodeItch(b, 0, 36, m)).toBe(ItchStatus.Ok);
    expect(decodeItch(b.subarray(0, 35), 0, 36, m)).toBe(ItchStatus.Truncated);
    expect(decodeItch(b, 1, 36, m)).toBe(ItchStatus.Truncated);
    expect(decodeItch(b, 0, 35, m)).toBe(ItchStatus.BadLength);
    expect(decodeItch(b, 0, 0, m)).toBe(ItchStatus.BadLength);
    b[0] = 'Z'.charCodeAt(0);
    expect(decodeItch(b, 0, 36, m)).toBe(ItchStatus.UnknownType);
  });
});

describe('encodeItch', () => {
  it('round-trips every message type with random field values', () => {
    const buf = Buffer.alloc(64);
    for (const layout of ITCH_LAYOUTS) {
      fc.assert(
        fc.property(messageArb(layout), (rec) => {
          const n = encodeItch(toMessage(rec), buf, 3);
          expect(n).toBe(layout.length);
          const out = new ItchMessage();
          expect(decodeItch(buf, 3, n, out)).toBe(ItchStatus.Ok);
          const got: Record<string, unknown> = {};
          for (const f of layout.fields) got[f.name] = (out as unknown as Record<string, unknown>)[f.name];
          expect(got).toEqual(rec);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('writes the spec bytes for a hand-built Add Order', () => {
    const m = msg('A', {
      stockLocate: 7, trackingNumber: 3, timestamp: 0x1f * 2 ** 32 + 0x2468ace0, orderRef: Number.MAX_SAFE_INTEGER - 1,
      side: 'S', shares: 300, stock: 'AAPL', price: 1_234_500,
    });
    const buf = Buffer.alloc(36);
    expect(encodeItch(m, buf, 0)).toBe(36);
    expect(buf.equals(handAddOrder())).toBe(true);
  });

  it('frames with a 2-byte length and reports bad input as negative statuses', () => {
    const buf = Buffer.alloc(64);
    expect(encodeItchFramed(msg('D', { orderRef: 9 }), buf, 0)).toBe(21);
    expect(buf.readUInt16BE(0)).toBe(19);
    expect(itchLength('D')).toBe(19);
    expect(itchLength('Z')).toBe(0);
    expect(encodeItch(msg('Z'), buf, 0)).toBe(-ItchStatus.UnknownType);
    expect(encodeItch(msg('D'), buf, 50)).toBe(-ItchStatus.Truncated);
    expect(encodeItch(msg('D', { orderRef: 2 ** 53 }), buf, 0)).toBe(-ItchStatus.Malformed);
    expect(encodeItch(msg('X', { cancelledShares: -1 }), buf, 0)).toBe(-ItchStatus.Malformed);
    expect(encodeItch(msg('A', { stock: 'TOOLONGSYM' }), buf, 0)).toBe(-ItchStatus.Malformed);
    expect(encodeItch(msg('S', { timestamp: 1.5 }), buf, 0)).toBe(-ItchStatus.Malformed);
  });
});

describe('generated codec vs the interpretive twin', () => {
  it('encode the same bytes and decode the same fields for random messages of every type', () => {
    const a = Buffer.alloc(64);
    const b = Buffer.alloc(64);
    fc.assert(
      fc.property(anyMessageArb, (rec) => {
        const m = toMessage(rec);
        const n = encodeItch(m, a, 1);
        expect(encodeItchTable(m, b, 1)).toBe(n);
        expect(a.equals(b)).toBe(true);
        const x = new ItchMessage();
        const y = new ItchMessage();
        expect(decodeItch(a, 1, n, x)).toBe(decodeItchTable(a, 1, n, y));
        expect(x).toEqual(y);
      }),
      { numRuns: 500 },
    );
  });

  it('return the same status and fields for random bytes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ITCH_LAYOUTS), fc.uint8Array({ minLength: 50, maxLength: 50 }), (l, bytes) => {
        const buf = Buffer.from(bytes);
        buf[0] = l.type.charCodeAt(0);
        const x = new ItchMessage();
        const y = new ItchMessage();
        expect(decodeItch(buf, 0, l.length, x)).toBe(decodeItchTable(buf, 0, l.length, y));
        expect(x).toEqual(y);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuse the same bad values', () => {
    const a = Buffer.alloc(64);
    const bad: Partial<ItchMessage>[] = [{ orderRef: -1 }, { orderRef: 2 ** 53 }, { shares: 2 ** 32 }, { stock: 'NINECHARS' }, { side: '\u0100' }, { timestamp: 2 ** 48 }, { stockLocate: 0.5 }];
    for (const f of bad) {
      const m = msg('A', f);
      expect(encodeItch(m, a, 0)).toBe(-ItchStatus.Malformed);
      expect(encodeItchTable(m, a, 0)).toBe(-ItchStatus.Malformed);
    }
  });
});

