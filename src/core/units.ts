// Units used everywhere in the engine (design principle 3).
// - Prices are integers in an instrument's price units: `priceScale` units per currency unit
//   (ITCH and LOBSTER: 10_000, i.e. 1/100 of a cent; Databento: 1e9 on the wire, rescaled at the edge).
// - Sizes are integer lots (shares, contracts).
// - Timestamps are integer nanoseconds since the session epoch (the first midnight of the data).
//   2^53 ns is about 104 days, so a number holds any multi-day session exactly.

export type Px = number; // integer price units
export type Qty = number; // integer lots
export type Nanos = number; // integer ns since the session epoch

export const SIDE_BID = 0;
export const SIDE_ASK = 1;
export type Side = typeof SIDE_BID | typeof SIDE_ASK;

export const NS_PER_US = 1_000;
export const NS_PER_MS = 1_000_000;
export const NS_PER_SEC = 1_000_000_000;

/** Rounds (never truncates) a decimal to integer units: 5.51 * 10000 = 55099.999... -> 55100. */
export function toUnits(value: number, scale: number): number {
  return Math.round(value * scale);
}

/**
 * Parses a decimal string ("5.51", "-0.0003", "12") straight into integer units of `scale`
 * (a power of ten) without going through a float, so no rounding error can creep in.
 * Returns NaN on a malformed string or when the value has more decimals than the scale holds.
 */
export function parseDecimalToUnits(s: string, scale: number): number {
  let i = 0;
  let neg = false;
  if (s.length === 0) return NaN;
  if (s.charCodeAt(0) === 45) { neg = true; i = 1; }
  let intPart = 0;
  let digits = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return NaN;
    intPart = intPart * 10 + (c - 48);
    digits++;
  }
  let frac = 0;
  let fracScale = scale;
  if (i < s.length) {
    i++;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return NaN;
      digits++;
      if (fracScale >= 10) {
        fracScale /= 10;
        frac += (c - 48) * fracScale;
      } else if (c !== 48) {
        return NaN; // more precision than the scale carries
      }
    }
  }
  if (digits === 0) return NaN;
  const v = intPart * scale + frac;
  if (!Number.isSafeInteger(v)) return NaN;
  return neg ? -v : v;
}

/** Formats integer units as a plain decimal with trailing zeros removed: 55100 @1e4 -> "5.51". */
export function formatUnits(units: number, scale: number): string {
  if (scale === 1) return String(units);
  const neg = units < 0;
  const a = neg ? -units : units;
  const ip = Math.floor(a / scale);
  let fp = a - ip * scale;
  if (fp === 0) return (neg ? '-' : '') + String(ip);
  let width = 0;
  for (let s = scale; s > 1; s /= 10) width++;
  let fs = String(fp).padStart(width, '0');
  let end = fs.length;
  while (end > 0 && fs.charCodeAt(end - 1) === 48) end--;
  fs = fs.slice(0, end);
  fp = 0;
  return (neg ? '-' : '') + String(ip) + '.' + fs;
}
