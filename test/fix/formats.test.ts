// isUtcTimestamp (the validator's format check) accepts exactly what parseUtcTimestamp parses: valid
// stamps with 0-9 fractional digits, and every one-byte mutation, truncation and extension of them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUtcTimestamp } from '../../src/fix/codec/time.js';
import { isUtcTimestamp } from '../../src/fix/dictionary/formats.js';

const agree = (s: string): boolean => {
  const b = Buffer.from(s, 'latin1');
  return isUtcTimestamp(b, 0, b.length) === !Number.isNaN(parseUtcTimestamp(b, 0, b.length));
};

describe('isUtcTimestamp', () => {
  it('agrees with parseUtcTimestamp on hand-picked cases', () => {
    for (const s of ['20260105-14:30:00', '20260105-14:30:00.123', '20260105-14:30:00.123456789', '20260105-14:30:00.', '20260105-14:30:00.1234567890',
      '20261305-14:30:00', '20260100-14:30:00', '20260105-24:00:00', '20260105-14:60:00', '20260105-14:30:60', '20260105-14:30:61', '20260105 14:30:00',
      '2026010514:30:00', '', '20260105-14:30:0a', '+0260105-14:30:00']) {
      expect(agree(s), s).toBe(true);
    }
    expect(isUtcTimestamp(Buffer.from('20260105-14:30:00.5'), 0, 19)).toBe(true);
    expect(isUtcTimestamp(Buffer.from('20260105-24:30:00'), 0, 17)).toBe(false);
  });

  it('agrees on mutated valid stamps', () => {
    const stamp = fc.record({
      y: fc.integer({ min: 0, max: 9999 }), mo: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }),
      h: fc.integer({ min: 0, max: 25 }), mi: fc.integer({ min: 0, max: 61 }), s: fc.integer({ min: 0, max: 62 }), frac: fc.string({ maxLength: 11 }),
    }).map((t) => `${String(t.y).padStart(4, '0')}${String(t.mo).padStart(2, '0')}${String(t.d).padStart(2, '0')}-${String(t.h).padStart(2, '0')}:${String(t.mi).padStart(2, '0')}:${String(t.s).padStart(2, '0')}${t.frac.length > 0 ? `.${t.frac.replace(/[^0-9]/g, '7')}` : ''}`);
    fc.assert(fc.property(stamp, fc.nat(40), fc.integer({ min: 0, max: 255 }), fc.nat(30), (s, at, byte, cut) => {
      const mutated = at < s.length ? s.slice(0, at) + String.fromCharCode(byte) + s.slice(at + 1) : s;
      return agree(s) && agree(mutated) && agree(s.slice(0, Math.min(s.length, cut))) && agree(`${s}${String.fromCharCode(byte)}`);
    }), { numRuns: 3000 });
  });
});
