import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FixMessageView, DecodeStatus, FixEncoder, FixFramer, FrameStatus, referenceDecode, referenceEncode,
  formatUtcTimestamp, parseUtcTimestampString, Tag,
} from '../../src/fix/codec/index.js';

const S = '\x01';
const fix = (s: string) => s.replace(/\|/g, S);

function decode(s: string) {
  const v = new FixMessageView();
  const b = Buffer.from(s, 'latin1');
  return { v, st: v.decode(b, 0, b.length) };
}

describe('FixMessageView', () => {
  const nos = referenceEncode('FIX.4.4', [
    { tag: 35, value: 'D' }, { tag: 34, value: '12' }, { tag: 49, value: 'TW' }, { tag: 52, value: '20240102-03:04:05.678' },
    { tag: 56, value: 'ISLD' }, { tag: 11, value: 'ORD1' }, { tag: 38, value: '200' }, { tag: 44, value: '101.2575' },
    { tag: 54, value: '1' }, { tag: 55, value: 'INTC' },
  ]);

  it('decodes fields lazily: ints, prices in units, chars, strings', () => {
    const { v, st } = decode(nos);
    expect(st).toBe(DecodeStatus.Ok);
    expect(v.count).toBe(13);
    expect(v.int(Tag.MsgSeqNum)).toBe(12);
    expect(v.price(44, 10_000)).toBe(1_012_575);
    expect(v.price(44, 100)).toBe(10_126); // 101.2575 -> rounds half up at the first dropped digit
    expect(v.price(38, 1)).toBe(200);
    expect(v.char(54)).toBe(0x31);
    expect(v.get(55)).toBe('INTC');
    expect(v.get(999)).toBeUndefined();
    expect(v.equalsAt(v.indexOf(56), Buffer.from('ISLD'))).toBe(true);
    expect(v.equalsAt(v.indexOf(56), Buffer.from('ISLX'))).toBe(false);
  });

  it('detects garbled messages the way the session layer needs', () => {
    expect(decode(nos.replace('10=', '10=9')).st).toBe(DecodeStatus.CheckSumMismatch);
    expect(decode(nos.replace('9=', '9=1')).st).toBe(DecodeStatus.BodyLengthMismatch);
    expect(decode(nos.replace('49=TW', '4garbled9=TW')).st).toBe(DecodeStatus.BadTag);
    expect(decode(nos.replace('49=TW', '49TW')).st).toBe(DecodeStatus.TagWithoutEquals);
    expect(decode(fix('35=0|8=FIX.4.4|9=5|10=000|')).st).toBe(DecodeStatus.HeaderOutOfOrder);
    expect(decode(nos.slice(0, -1)).st).toBe(DecodeStatus.MissingSoh);
    expect(decode(fix('8=FIX.4.4|9=5|35=0|')).st).toBe(DecodeStatus.MissingCheckSum);
  });

  it('reads data fields by their length field (SOH inside the value)', () => {
    const msg = referenceEncode('FIX.4.2', [{ tag: 35, value: 'C' }, { tag: 95, value: '5' }, { tag: 96, value: 'a\x01b=c' }]);
    const { v, st } = decode(msg);
    expect(st).toBe(DecodeStatus.Ok);
    expect(v.get(96)).toBe('a\x01b=c');
  });

  it('agrees with the reference decoder on random and mutated messages', () => {
    const field = fc.record({
      tag: fc.integer({ min: 1, max: 9999 }).filter((t) => t !== 8 && t !== 9 && t !== 10 && t !== 96 && t !== 91 && t !== 89 && t !== 213),
      value: fc.stringMatching(/^[ -~]{0,12}$/),
    });
    fc.assert(
      fc.property(fc.array(field, { maxLength: 20 }), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), (fields, pos, byte, mutate) => {
        let s = referenceEncode('FIX.4.4', [{ tag: 35, value: 'D' }, ...fields]);
        if (mutate) {
          const p = pos % s.length;
          s = s.slice(0, p) + String.fromCharCode(byte) + s.slice(p + 1);
        }
        const ref = referenceDecode(s);
        const { v, st } = decode(s);
        expect(st === DecodeStatus.Ok).toBe(ref.ok);
        if (ref.ok) {
          expect(v.count).toBe(ref.fields.length);
          ref.fields.forEach((f, i) => {
            expect(v.tags[i]).toBe(f.tag);
            expect(v.stringAt(i)).toBe(f.value);
          });
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('FixEncoder', () => {
  it('writes BodyLength and CheckSum that the decoder and the reference accept', () => {
    const e = new FixEncoder('FIX.4.2');
    const out = e.begin('D').int(34, 7).str(49, 'TW').timestamp(52, Date.UTC(2024, 0, 2, 3, 4, 5, 6)).str(56, 'ISLD')
      .str(11, 'X1').price(44, 1_012_500, 4).price(38, 200, 0).char(54, 0x32).finish();
    const s = out.toString('latin1');
    expect(s).toBe(referenceEncode('FIX.4.2', [
      { tag: 35, value: 'D' }, { tag: 34, value: '7' }, { tag: 49, value: 'TW' }, { tag: 52, value: '20240102-03:04:05.006' },
      { tag: 56, value: 'ISLD' }, { tag: 11, value: 'X1' }, { tag: 44, value: '101.25' }, { tag: 38, value: '200' }, { tag: 54, value: '2' },
    ]));
    const { v, st } = decode(s);
    expect(st).toBe(DecodeStatus.Ok);
    expect(v.price(44, 10_000)).toBe(1_012_500);
  });

  it('keeps BodyLength and CheckSum right for any mix of field writers (incremental byte sum)', () => {
    const e = new FixEncoder('FIX.4.4');
    const notFraming = (t: number) => t !== 8 && t !== 9 && t !== 10;
    const op = fc.oneof(
      fc.record({ k: fc.constant('int'), tag: fc.integer({ min: 1, max: 99999 }).filter(notFraming), v: fc.integer({ min: -1e15, max: 1e15 }) }),
      fc.record({ k: fc.constant('str'), tag: fc.integer({ min: 1, max: 99999 }).filter(notFraming), s: fc.stringMatching(/^[ -~]{0,20}$/) }),
      fc.record({ k: fc.constant('price'), tag: fc.integer({ min: 1, max: 999 }).filter(notFraming), v: fc.integer({ min: -1e12, max: 1e12 }), d: fc.integer({ min: 0, max: 8 }) }),
      fc.record({ k: fc.constant('ts'), tag: fc.integer({ min: 1, max: 999 }).filter(notFraming), v: fc.integer({ min: 0, max: 4e12 }), ms: fc.boolean() }),
      fc.record({ k: fc.constant('char'), tag: fc.integer({ min: 1, max: 999 }).filter(notFraming), c: fc.integer({ min: 33, max: 126 }) }),
      fc.record({ k: fc.constant('raw'), s: fc.stringMatching(/^[a-z]{1,8}$/) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
      e.begin('D');
      for (const o of ops) {
        if (o.k === 'int') e.int(o.tag, o.v);
        else if (o.k === 'str') e.str(o.tag, o.s);
        else if (o.k === 'price') e.price(o.tag, o.v, o.d);
        else if (o.k === 'ts') e.timestamp(o.tag, o.v, o.ms);
        else if (o.k === 'char') e.char(o.tag, o.c);
        else e.raw(Buffer.from(`77=${o.s}\x01`, 'latin1'));
      }
      const s = e.finish().toString('latin1');
      expect(referenceDecode(s).ok).toBe(true);
    }), { numRuns: 500 });
  });

  it('round-trips prices through text in integer units', () => {
    const e = new FixEncoder('FIX.4.4');
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (units) => {
      const s = e.begin('D').price(44, units, 4).finish().toString('latin1');
      expect(decode(s).v.price(44, 10_000)).toBe(units);
    }), { numRuns: 300 });
  });
});

describe('FixFramer', () => {
  it('frames a stream split at every byte, and cuts by BodyLength like QuickFIX', () => {
    const a = referenceEncode('FIX.4.2', [{ tag: 35, value: '0' }, { tag: 34, value: '2' }]);
    const b = referenceEncode('FIX.4.2', [{ tag: 35, value: '1' }, { tag: 112, value: 'HI' }]);
    const stream = Buffer.from('junk' + a + b, 'latin1');
    const f = new FixFramer(16);
    const got: string[] = [];
    for (const byte of stream) {
      f.push(Buffer.from([byte]));
      while (f.next() === 1) got.push(f.buf.toString('latin1', f.frameStart, f.frameEnd));
    }
    expect(got).toEqual([a, b]);
    // a BodyLength too large swallows the next message into one garbled frame
    const f2 = new FixFramer();
    f2.push(Buffer.from(a.replace(/9=\d+/, '9=30') + b, 'latin1'));
    expect(f2.next()).toBe(1);
    expect(f2.frameEnd - f2.frameStart).toBe(a.length + b.length);
    const f3 = new FixFramer();
    f3.push(Buffer.from(fix('8=FIX.4.2|9=x|35=0|10=000|'), 'latin1'));
    expect(f3.next()).toBe(FrameStatus.BadLength);
  });
});

describe('UTC timestamps', () => {
  it('formats and parses without Date on the hot path', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
      const s = formatUtcTimestamp(ms);
      expect(s).toBe(new Date(ms).toISOString().replace(/-/g, '').replace('T', '-').replace('Z', ''));
      expect(parseUtcTimestampString(s)).toBe(ms);
    }), { numRuns: 300 });
    expect(parseUtcTimestampString('20240102-03:04:05')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(Number.isNaN(parseUtcTimestampString('20241302-03:04:05'))).toBe(true);
  });
});

describe('benchFixCodec (smoke: the bench itself runs; figures come from npm run bench)', () => {
  it('decodes and encodes the bench messages and reports positive rates', async () => {
    const { benchFixCodec } = await import('../../src/fix/bench.js');
    const r = benchFixCodec(20_000, 2);
    expect(r.nosBytes).toBe(160);
    expect(r.erBytes).toBe(214);
    for (const k of ['nosDecodePerSecond', 'nosEncodePerSecond', 'erDecodePerSecond', 'erEncodePerSecond'] as const) expect(r[k]).toBeGreaterThan(0);
  });
});
