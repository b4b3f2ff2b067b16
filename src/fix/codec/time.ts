// UTCTimestamp text (FIX "YYYYMMDD-HH:MM:SS[.sss]") to and from epoch milliseconds, written straight
// into a Buffer without Date objects (the encoder stamps SendingTime on every message).
// Calendar arithmetic: Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, UTC).

const MS_PER_DAY = 86_400_000;

export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function put2(buf: Buffer, off: number, v: number): void {
  buf[off] = 48 + ((v / 10) | 0);
  buf[off + 1] = 48 + (v % 10);
}

/**
 * Writes `ms` (epoch milliseconds, UTC) as YYYYMMDD-HH:MM:SS(.sss when withMillis) at `off`;
 * returns the offset after the text (17 or 21 bytes).
 */
export function writeUtcTimestamp(buf: Buffer, off: number, ms: number, withMillis: boolean): number {
  const days = Math.floor(ms / MS_PER_DAY);
  let rem = ms - days * MS_PER_DAY;
  // civil_from_days
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  put2(buf, off, (y / 100) | 0);
  put2(buf, off + 2, y % 100);
  put2(buf, off + 4, m);
  put2(buf, off + 6, d);
  buf[off + 8] = 45; // '-'
  const h = (rem / 3_600_000) | 0;
  rem -= h * 3_600_000;
  const mi = (rem / 60_000) | 0;
  rem -= mi * 60_000;
  const s = (rem / 1000) | 0;
  const milli = rem - s * 1000;
  put2(buf, off + 9, h);
  buf[off + 11] = 58;
  put2(buf, off + 12, mi);
  buf[off + 14] = 58;
  put2(buf, off + 15, s);
  if (!withMillis) return off + 17;
  buf[off + 17] = 46;
  buf[off + 18] = 48 + ((milli / 100) | 0);
  put2(buf, off + 19, milli % 100);
  return off + 21;
}

const scratch = Buffer.alloc(32);

/** Cold-path string form of writeUtcTimestamp. */
export function formatUtcTimestamp(ms: number, withMillis = true): string {
  const end = writeUtcTimestamp(scratch, 0, ms, withMillis);
  return scratch.toString('latin1', 0, end);
}

function digits(buf: Buffer, start: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = buf[start + i] - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parses a UTCTimestamp (seconds, or with 1-9 fractional digits) in buf[start, end) to epoch ms.
 * Returns NaN when the text is not a valid timestamp (the 'Incorrect data format' case).
 */
export function parseUtcTimestamp(buf: Buffer, start: number, end: number): number {
  const len = end - start;
  if (len < 17) return NaN;
  const y = digits(buf, start, 4);
  const mo = digits(buf, start + 4, 2);
  const d = digits(buf, start + 6, 2);
  const h = digits(buf, start + 9, 2);
  const mi = digits(buf, start + 12, 2);
  const s = digits(buf, start + 15, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return NaN;
  if (buf[start + 8] !== 45 || buf[start + 11] !== 58 || buf[start + 14] !== 58) return NaN;
  let ms = 0;
  if (len > 17) {
    if (buf[start + 17] !== 46 || len === 18 || len > 27) return NaN;
    const frac = digits(buf, start + 18, len - 18);
    if (frac < 0) return NaN;
    ms = Math.floor(frac / 10 ** (len - 18 - 3 > 0 ? len - 18 - 3 : 0)) * (len - 18 < 3 ? 10 ** (3 - (len - 18)) : 1);
  }
  return daysFromCivil(y, mo, d) * MS_PER_DAY + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

export function parseUtcTimestampString(s: string): number {
  const b = Buffer.from(s, 'latin1');
  return parseUtcTimestamp(b, 0, b.length);
}
