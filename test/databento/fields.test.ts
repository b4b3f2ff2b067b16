import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimalToUnits } from '../../src/core/units.js';
import { daysFromCivil, parseDecimalBytes, parseTimestampBytes, sessionNs, splitCsv, tsOut } from '../../src/feed/databento/fields.js';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('Databento CSV field parsers', () => {
  it('parseDecimalBytes agrees with the reference parseDecimalToUnits', () => {
    for (const s of ['5.510000000', '21.33', '-0.000000001', '0', '', '-', '.', '1.', '.5', '1.2.3', '12a', '9007199.254740993', '0.0000000001', '0.00000000010']) {
      for (const scale of [1, 10_000, 1_000_000_000]) expect(Object.is(parseDecimalBytes(b(s), 0, s.length, scale), parseDecimalToUnits(s, scale)), `${s} @${scale}`).toBe(true);
    }
    fc.assert(
      fc.property(fc.stringMatching(/^-?[0-9]{0,8}(\.[0-9]{0,11})?$/), fc.constantFrom(1, 100, 10_000, 1_000_000_000), (s, scale) => {
        expect(Object.is(parseDecimalBytes(b(s), 0, s.length, scale), parseDecimalToUnits(s, scale))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
  it('parses ISO-8601 ns timestamps and integer epoch ns exactly', () => {
    const iso = '2025-07-17T08:05:03.360677248Z';
    expect(parseTimestampBytes(b(iso), 0, iso.length)).toBe(true);
    expect(tsOut.day).toBe(Date.UTC(2025, 6, 17) / 86_400_000);
    expect(tsOut.nsOfDay).toBe(((8 * 60 + 5) * 60 + 3) * 1e9 + 360677248);
    expect(sessionNs(tsOut.day - 1)).toBe(86_400e9 + tsOut.nsOfDay);
    // the same instant as integer ns since the epoch (a string: it exceeds 2^53)
    const epochNs = (BigInt(Date.UTC(2025, 6, 17, 8, 5, 3)) * 1_000_000n + 360677248n).toString();
    expect(parseTimestampBytes(b(epochNs), 0, epochNs.length)).toBe(true);
    expect(tsOut.day).toBe(Date.UTC(2025, 6, 17) / 86_400_000);
    expect(tsOut.nsOfDay).toBe(((8 * 60 + 5) * 60 + 3) * 1e9 + 360677248);
    const short = '2025-07-17T08:05:03.5Z';
    expect(parseTimestampBytes(b(short), 0, short.length)).toBe(true);
    expect(tsOut.nsOfDay % 1e9).toBe(500_000_000);
    for (const bad of ['2025-13-17T08:05:03Z', '2025-07-17X08:05:03Z', '2025-07-17T08:05:03.Z', '2025-07-17T08:05:03.1234567891Z', 'abc', '']) {
      expect(parseTimestampBytes(b(bad), 0, bad.length), bad).toBe(false);
    }
  });
  it('daysFromCivil matches Date.UTC', () => {
    for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [2025, 7, 17], [1969, 12, 31], [2100, 3, 1]]) {
      expect(daysFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
    }
  });
  it('splitCsv finds field bounds including empty fields', () => {
    const s = b('a,,ccc,');
    const st = new Int32Array(8);
    const en = new Int32Array(8);
    expect(splitCsv(s, 0, s.length, st, en)).toBe(4);
    expect([...st.slice(0, 4)]).toEqual([0, 2, 3, 7]);
    expect([...en.slice(0, 4)]).toEqual([1, 2, 6, 7]);
  });
});
