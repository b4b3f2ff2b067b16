// The decoder's fast path (decoder.ts: scans without a bounds test when the range ends with SOH)
// must never look past `end`, nor behave differently from a message decoded on its own: the same
// bytes placed inside a larger buffer, between arbitrary bytes (SOH, '=', digits...), decode to the
// same status, error offset, fields, BodyLength and CheckSum, relative to where the message starts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FixMessageView, referenceEncode } from '../../src/fix/codec/index.js';

function snapshot(v: FixMessageView, st: number, base: number) {
  const fields: Array<[number, number, number, number]> = [];
  for (let i = 0; i < v.count; i++) fields.push([v.tags[i], v.fieldStart[i] - base, v.valueStart[i] - base, v.valueEnd[i] - base]);
  return { st, at: st === 0 ? 0 : v.errorOffset - base, fields, bodyLength: v.computedBodyLength, checkSum: v.computedCheckSum };
}

describe('decoder bounds', () => {
  it('decodes a message the same inside any surrounding bytes (fast and bounded paths)', () => {
    const byteArb = fc.oneof(fc.constantFrom(1, 61, 48, 57, 45), fc.integer({ min: 0, max: 255 }));
    const field = fc.record({
      tag: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.constantFrom(10, 95, 96, 35, 1234567890)),
      value: fc.oneof(fc.stringMatching(/^[ -~]{0,24}$/), fc.constantFrom('', '3', 'a\x01b', '-1')),
    });
    const mutation = fc.tuple(fc.nat(), byteArb, fc.constantFrom('set', 'del', 'ins', 'cut'));
    const a = new FixMessageView(64);
    const b = new FixMessageView(64);
    let fast = 0;
    let bounded = 0;
    fc.assert(
      fc.property(fc.array(field, { maxLength: 16 }), fc.array(mutation, { maxLength: 3 }), fc.array(byteArb, { maxLength: 8 }), fc.array(byteArb, { maxLength: 8 }),
        (fields, muts, before, after) => {
          let s = referenceEncode('FIX.4.4', [{ tag: 35, value: 'D' }, ...fields]);
          for (const [pos, byte, kind] of muts) {
            const p = pos % (s.length + 1);
            const c = String.fromCharCode(byte);
            s = kind === 'set' ? s.slice(0, p) + c + s.slice(p + 1) : kind === 'del' ? s.slice(0, p) + s.slice(p + 1) : kind === 'ins' ? s.slice(0, p) + c + s.slice(p) : s.slice(0, p);
          }
          const msg = Buffer.from(s, 'latin1');
          const wide = Buffer.concat([Buffer.from(before), msg, Buffer.from(after)]);
          const alone = snapshot(a, a.decode(msg, 0, msg.length), 0);
          const inside = snapshot(b, b.decode(wide, before.length, before.length + msg.length), before.length);
          if (msg.length > 0 && msg[msg.length - 1] === 1) fast++;
          else bounded++;
          expect(inside).toEqual(alone);
        }),
      { numRuns: 3000 },
    );
    expect(fast).toBeGreaterThan(100); // both paths exercised
    expect(bounded).toBeGreaterThan(100);
  });
});
