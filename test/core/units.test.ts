import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatUnits, parseDecimalToUnits, toUnits } from '../../src/core/units.js';
import { InstrumentRegistry, usEquity } from '../../src/core/instruments.js';
import { StateHasher } from '../../src/core/hash.js';
import { SimClock } from '../../src/clock/clock.js';
import { Reject, rejectName } from '../../src/core/rejects.js';

describe('units', () => {
  it('parses decimals straight to integer units', () => {
    expect(parseDecimalToUnits('5.51', 10_000)).toBe(55_100);
    expect(parseDecimalToUnits('5.510000000', 1_000_000_000)).toBe(5_510_000_000);
    expect(parseDecimalToUnits('-0.0003', 10_000)).toBe(-3);
    expect(parseDecimalToUnits('12', 100)).toBe(1200);
    expect(parseDecimalToUnits('0.00001', 10_000)).toBeNaN();
    expect(parseDecimalToUnits('1.2300', 100)).toBe(123);
    expect(parseDecimalToUnits('abc', 100)).toBeNaN();
    expect(parseDecimalToUnits('', 100)).toBeNaN();
    expect(parseDecimalToUnits('.', 100)).toBeNaN();
  });

  it('rounds floats to units instead of truncating', () => {
    expect(toUnits(5.51, 10_000)).toBe(55_100);
    expect(Math.trunc(0.29 * 100)).toBe(28); // why: truncation loses a unit here
    expect(toUnits(0.29, 100)).toBe(29);
  });

  it('formats units with trailing zeros removed and round-trips', () => {
    expect(formatUnits(55_100, 10_000)).toBe('5.51');
    expect(formatUnits(5_510_000_000, 1_000_000_000)).toBe('5.51');
    expect(formatUnits(-3, 10_000)).toBe('-0.0003');
    expect(formatUnits(120_000, 10_000)).toBe('12');
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(1, 100, 10_000, 1_000_000_000), (v, s) => {
        expect(parseDecimalToUnits(formatUnits(v, s), s)).toBe(v);
      }),
    );
  });
});

describe('core', () => {
  it('registers instruments densely and idempotently', () => {
    const r = new InstrumentRegistry();
    const a = r.register(usEquity('AAPL'));
    const m = r.register(usEquity('MSFT'));
    expect(a.id).toBe(0);
    expect(m.id).toBe(1);
    expect(r.register(usEquity('AAPL'))).toBe(a);
    expect(r.find('MSFT')?.id).toBe(1);
    expect(r.size).toBe(2);
  });

  it('hashes deterministically and sensitively', () => {
    const h = new StateHasher();
    h.int(1); h.int(2 ** 40 + 3); h.str('AAPL');
    const d1 = h.digest();
    h.reset();
    h.int(1); h.int(2 ** 40 + 3); h.str('AAPL');
    expect(h.digest()).toBe(d1);
    h.reset();
    h.int(1); h.int(2 ** 40 + 4); h.str('AAPL');
    expect(h.digest()).not.toBe(d1);
    expect(d1).toMatch(/^[0-9a-f]{16}$/);
  });

  it('sim clock never goes backwards', () => {
    const c = new SimClock(10);
    c.set(5);
    expect(c.now()).toBe(10);
    c.set(20);
    c.advance(5);
    expect(c.now()).toBe(25);
  });

  it('names reject codes', () => {
    expect(rejectName(Reject.BookUnknownOrder)).toBe('BookUnknownOrder');
  });
});
