import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration, formatMoney, parseDuration, parseMoney, parsePercent, parseQty, parseRate, parseStd, scaleDecimal } from '../../src/config/units.js';

const value = (r: { ok: boolean; value?: number; error?: string }): number => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error}`);
  return r.value!;
};

describe('durations', () => {
  it('parses the units people write into integer ns', () => {
    expect(value(parseDuration('100ms'))).toBe(100_000_000);
    expect(value(parseDuration('1s'))).toBe(1_000_000_000);
    expect(value(parseDuration('250us'))).toBe(250_000);
    expect(value(parseDuration('250µs'))).toBe(250_000);
    expect(value(parseDuration('5m'))).toBe(300_000_000_000);
    expect(value(parseDuration('1.5 ms'))).toBe(1_500_000);
    expect(value(parseDuration('0.1ms'))).toBe(100_000);
    expect(value(parseDuration(1, 'ms'))).toBe(1_000_000);
    expect(value(parseDuration('500', 'ns'))).toBe(500);
  });

  it('round-trips every ns count through formatDuration', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 52 }), (ns) => value(parseDuration(formatDuration(ns))) === ns));
  });

  it('scales decimal digits exactly for any unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom(['us', 1_000], ['ms', 1_000_000], ['s', 1_000_000_000]), (ip, frac, [u, size]) => {
        const text = `${ip}.${String(frac).padStart(3, '0')}${u}`;
        return value(parseDuration(text)) === ip * size + (frac * size) / 1000;
      }),
    );
  });

  it('refuses bare numbers, unknown units, negatives and sub-ns fractions', () => {
    expect(parseDuration(100)).toEqual({ ok: false, error: 'a duration needs a unit, e.g. "100ms" (ns, us, ms, s, m, h)' });
    expect(parseDuration('100')).toEqual({ ok: false, error: 'a duration needs a unit, e.g. "100ms" (ns, us, ms, s, m, h)' });
    expect(parseDuration('3 fortnights')).toEqual({ ok: false, error: 'unknown duration unit "fortnights" in "3 fortnights" (use ns, us, ms, s, m, h)' });
    expect(parseDuration('-1s')).toEqual({ ok: false, error: 'a duration cannot be negative, got "-1s"' });
    expect(parseDuration('1.5ns').ok).toBe(false);
    fc.assert(fc.property(fc.string(), (s) => {
      const r = parseDuration(s);
      return !r.ok || (Number.isSafeInteger(r.value) && r.value >= 0 && /\d/.test(s));
    }));
  });
});

describe('std units, percents, money, quantities, rates', () => {
  it('reads std thresholds with or without the unit', () => {
    expect(value(parseStd('2.5 std'))).toBe(2.5);
    expect(value(parseStd('2.5σ'))).toBe(2.5);
    expect(value(parseStd(0.7))).toBe(0.7);
    expect(parseStd('2.5 bananas').ok).toBe(false);
    expect(parseStd('-1 std').ok).toBe(false);
    fc.assert(fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (x) => value(parseStd(`${x} std`)) === x && value(parseStd(x)) === x));
  });

  it('reads percents as fractions', () => {
    expect(value(parsePercent('0.5%', true))).toBe(0.005);
    expect(value(parsePercent(0.5, true))).toBe(0.005);
    expect(value(parsePercent(0.005, false))).toBe(0.005);
    expect(value(parsePercent('25 bps', false))).toBe(0.0025);
    expect(parsePercent('150%', true).ok).toBe(false);
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => Math.abs(value(parsePercent(`${bp / 100}%`, false)) - bp / 10_000) < 1e-15));
  });

  it('reads money into integer cents and round-trips formatMoney', () => {
    expect(value(parseMoney(10000))).toBe(1_000_000);
    expect(value(parseMoney('10000'))).toBe(1_000_000);
    expect(value(parseMoney('$10,000'))).toBe(1_000_000);
    expect(value(parseMoney('10,000.50 USD'))).toBe(1_000_050);
    expect(value(parseMoney('10k'))).toBe(1_000_000);
    expect(value(parseMoney('$1.5M'))).toBe(150_000_000);
    expect(parseMoney('$10,00').ok).toBe(false);
    expect(parseMoney('€100')).toEqual({ ok: false, error: 'only USD amounts are supported, got "€100"' });
    expect(parseMoney('$0.001').ok).toBe(false);
    expect(parseMoney(-5).ok).toBe(false);
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 50 }), (c) => value(parseMoney(formatMoney(c))) === c));
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (d) => value(parseMoney(d)) === d * 100 && value(parseMoney(String(d))) === d * 100));
  });

  it('reads quantities and rates', () => {
    expect(value(parseQty('1,000'))).toBe(1000);
    expect(value(parseQty('5k'))).toBe(5000);
    expect(parseQty(0).ok).toBe(false);
    expect(value(parseQty(0, true))).toBe(0);
    expect(parseQty(1.5).ok).toBe(false);
    expect(value(parseRate('50/s'))).toBe(50);
    expect(value(parseRate('3000/min'))).toBe(50);
    expect(value(parseRate('10 per second'))).toBe(10);
    expect(parseRate('fast').ok).toBe(false);
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 40 }), (n) => value(parseQty(n.toLocaleString('en-US'))) === n));
  });

  it('scaleDecimal rejects results that are not whole', () => {
    expect(scaleDecimal('1.25', 10)).toBeNaN();
    expect(scaleDecimal('1.25', 100)).toBe(125);
    expect(scaleDecimal('.5', 2)).toBe(1);
  });
});
