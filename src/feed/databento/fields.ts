// Byte-level field parsers for Databento CSV (no strings, no allocation per row).
//
// - splitCsv: finds the comma-separated field bounds of one line into preallocated Int32Arrays
//   (Databento CSV never quotes numeric fields; a quoted field is taken verbatim, quotes included).
// - parseDecimalBytes: the byte twin of parseDecimalToUnits (src/core/units.ts), which stays the
//   reference; test/databento/fields.test.ts checks they agree.
// - Timestamps: ISO-8601 "2025-07-17T08:05:03.360677248Z" (pretty_ts) or integer ns since the UNIX
//   epoch; both become (UTC day number, ns into the day) so callers can rebase to their session epoch
//   without ever holding epoch nanoseconds in a number (they exceed 2^53).

/** Splits buf[start..end) at commas; returns the field count (at most starts.length). */
export function splitCsv(buf: Buffer, start: number, end: number, starts: Int32Array, ends: Int32Array): number {
  let n = 0;
  let s = start;
  const max = starts.length;
  for (let i = start; i < end; i++) {
    if (buf[i] === 44) {
      if (n < max) { starts[n] = s; ends[n] = i; }
      n++;
      s = i + 1;
    }
  }
  if (n < max) { starts[n] = s; ends[n] = end; }
  return n + 1;
}

/** Decimal bytes -> integer units of `scale` (a power of ten); NaN when malformed, empty or inexact. */
export function parseDecimalBytes(buf: Buffer, start: number, end: number, scale: number): number {
  let i = start;
  let neg = false;
  if (i >= end) return NaN;
  if (buf[i] === 45) { neg = true; i++; }
  let intPart = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = buf[i];
    if (c === 46) break;
    if (c < 48 || c > 57) return NaN;
    intPart = intPart * 10 + (c - 48);
    digits++;
  }
  let frac = 0;
  let fracScale = scale;
  if (i < end) {
    i++;
    for (; i < end; i++) {
      const c = buf[i];
      if (c < 48 || c > 57) return NaN;
      digits++;
      if (fracScale >= 10) {
        fracScale /= 10;
        frac += (c - 48) * fracScale;
      } else if (c !== 48) {
        return NaN;
      }
    }
  }
  if (digits === 0) return NaN;
  const v = intPart * scale + frac;
  if (!Number.isSafeInteger(v)) return NaN;
  return neg ? -v : v;
}

/** Unsigned integer bytes; NaN when empty, not digits, or not a safe integer. */
export function parseUintBytes(buf: Buffer, start: number, end: number): number {
  if (start >= end) return NaN;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c < 48 || c > 57) return NaN;
    v = v * 10 + (c - 48);
  }
  return Number.isSafeInteger(v) ? v : NaN;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Output of parseTimestampBytes (module-level: parsing is single-threaded and allocation-free). */
export const tsOut = { day: 0, nsOfDay: 0 };

const NS_PER_DAY = 86_400_000_000_000;

function digitsAt(buf: Buffer, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = buf[i + k] - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parses an ISO-8601 UTC timestamp (YYYY-MM-DDTHH:MM:SS[.fffffffff][Z]) or integer ns since the UNIX
 * epoch into tsOut (day number, ns of day). Returns false when malformed.
 */
export function parseTimestampBytes(buf: Buffer, start: number, end: number): boolean {
  const len = end - start;
  if (len >= 19 && buf[start + 4] === 45) {
    const y = digitsAt(buf, start, 4);
    const mo = digitsAt(buf, start + 5, 2);
    const d = digitsAt(buf, start + 8, 2);
    const t = buf[start + 10];
    const h = digitsAt(buf, start + 11, 2);
    const mi = digitsAt(buf, start + 14, 2);
    const s = digitsAt(buf, start + 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || (t !== 84 && t !== 32) || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return false;
    if (buf[start + 7] !== 45 || buf[start + 13] !== 58 || buf[start + 16] !== 58) return false;
    let i = start + 19;
    let frac = 0;
    let digits = 0;
    if (i < end && buf[i] === 46) {
      i++;
      for (; i < end; i++) {
        const c = buf[i];
        if (c < 48 || c > 57) break;
        if (digits < 9) { frac = frac * 10 + (c - 48); digits++; } else if (c !== 48) return false;
      }
      if (digits === 0) return false;
      while (digits < 9) { frac *= 10; digits++; }
    }
    if (i < end && buf[i] === 90) i++;
    if (i !== end) return false;
    tsOut.day = daysFromCivil(y, mo, d);
    tsOut.nsOfDay = ((h * 60 + mi) * 60 + s) * 1_000_000_000 + frac;
    return true;
  }
  // integer ns since the epoch: seconds = all but the last 9 digits (fits easily), then the rest
  if (len < 1 || len > 20) return false;
  const split = Math.max(start, end - 9);
  const sec = split > start ? parseUintBytes(buf, start, split) : 0;
  const ns = parseUintBytes(buf, split, end);
  if (Number.isNaN(sec) || Number.isNaN(ns)) return false;
  const day = Math.floor(sec / 86400);
  tsOut.day = day;
  tsOut.nsOfDay = (sec - day * 86400) * 1_000_000_000 + ns; // the last 9 digits are the ns
  if (tsOut.nsOfDay >= NS_PER_DAY) return false;
  return true;
}

/** ns since the session epoch (UTC midnight of day `epochDay`) for the last parsed timestamp. */
export function sessionNs(epochDay: number): number {
  return (tsOut.day - epochDay) * NS_PER_DAY + tsOut.nsOfDay;
}

/**
 * Splits a u64 ns-since-UNIX-epoch given as two u32 halves into tsOut (day number, ns of day) exactly,
 * without BigInt: 2^48 = 281474 s + 976710656 ns and 2^32 = 4 s + 294967296 ns, so every partial
 * product stays below 2^53. Returns false for UNDEF_TIMESTAMP (u64::MAX).
 */
export function splitEpochNs(hi: number, lo: number): boolean {
  if (hi === 0xffffffff && lo === 0xffffffff) return false;
  const hiHi = hi >>> 16;
  const hiLo = hi & 0xffff;
  const rest = hiHi * 976_710_656 + hiLo * 294_967_296 + lo;
  const restSec = Math.floor(rest / 1_000_000_000);
  const sec = hiHi * 281_474 + hiLo * 4 + restSec;
  const day = Math.floor(sec / 86_400);
  tsOut.day = day;
  tsOut.nsOfDay = (sec - day * 86_400) * 1_000_000_000 + (rest - restSec * 1_000_000_000);
  return true;
}
