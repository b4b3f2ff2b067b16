// Unit parsers for configuration values (cold path, design principle 8). Each parser takes what YAML
// gives (a string or a number) and returns a `Parsed`: the value in the engine's unit, or an error
// sentence that the loader prefixes with file:line:col. Nothing here throws on user input.
//
//   durations  "100ms" "1s" "250us" "250µs" "500ns" "5m" "1h" "1.5ms"  -> integer ns (exact: decimal
//              digits are scaled as integers, so "0.1ms" is 100000 ns, never 99999)
//   std units  "2.5 std" "2.5std" "2.5σ" "2.5 sigma" 2.5               -> 2.5 (standard deviations)
//   percents   "0.5%" -> 0.005; a bare number is read as a percent only where the key says so
//   money      10000 "10000" "$10,000" "10,000.50 USD" "10k" "$1.5M"   -> integer cents (USD; the
//              engine's account currency; cents keep money exact and integer, principle 3)
//   quantities 100 "1,000" "5k"                                         -> integer lots
//   rates      50 "50/s" "3000/min" "10 per second"                   -> events per second (number)

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

const ok = (value: number): Parsed => ({ ok: true, value });
const fail = (error: string): Parsed => ({ ok: false, error });

/** A written value as an error message quotes it. */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return `a list ${JSON.stringify(v)}`;
  if (typeof v === 'object') return 'a map of keys';
  return String(v);
}

/** ns per unit, by every spelling accepted. */
export const DURATION_UNITS: Readonly<Record<string, number>> = {
  ns: 1, nanosecond: 1, nanoseconds: 1,
  us: 1_000, 'µs': 1_000, 'μs': 1_000, microsecond: 1_000, microseconds: 1_000,
  ms: 1_000_000, millisecond: 1_000_000, milliseconds: 1_000_000,
  s: 1_000_000_000, sec: 1_000_000_000, secs: 1_000_000_000, second: 1_000_000_000, seconds: 1_000_000_000,
  m: 60_000_000_000, min: 60_000_000_000, mins: 60_000_000_000, minute: 60_000_000_000, minutes: 60_000_000_000,
  h: 3_600_000_000_000, hr: 3_600_000_000_000, hour: 3_600_000_000_000, hours: 3_600_000_000_000,
  d: 86_400_000_000_000, day: 86_400_000_000_000, days: 86_400_000_000_000,
};

const NUMBER_UNIT = /^\s*([+-]?)(\d+(?:\.\d*)?|\.\d+)\s*([^\s\d].*?)?\s*$/u;

/**
 * Scales a non-negative decimal string by an integer factor exactly: "1.5" x 1e6 -> 1500000.
 * Returns NaN when the result is not an integer or not a safe integer.
 */
export function scaleDecimal(digits: string, factor: number): number {
  const dot = digits.indexOf('.');
  const intPart = dot < 0 ? digits : digits.slice(0, dot);
  let frac = dot < 0 ? '' : digits.slice(dot + 1);
  while (frac.endsWith('0')) frac = frac.slice(0, -1);
  let div = 1;
  for (let i = 0; i < frac.length; i++) div *= 10;
  const mantissa = Number((intPart === '' ? '0' : intPart) + frac);
  // Cancel the common factor first so mantissa x factor cannot leave the safe range needlessly.
  let a = factor;
  let b = div;
  while (b !== 0) [a, b] = [b, a % b];
  const f = factor / a;
  const d = div / a;
  if (!Number.isSafeInteger(mantissa) || mantissa % d !== 0) return NaN;
  const num = (mantissa / d) * f;
  return Number.isSafeInteger(num) ? num : NaN;
}

/** A duration: a number and a unit ("100ms"); a bare number is refused (which unit?) unless `bareUnit` says. */
export function parseDuration(v: unknown, bareUnit?: string): Parsed {
  if (typeof v === 'number') {
    if (bareUnit === undefined) return fail(`a duration needs a unit, e.g. "${v}ms" (ns, us, ms, s, m, h)`);
    return parseDuration(`${v}${bareUnit}`);
  }
  if (typeof v !== 'string') return fail(`expected a duration like "100ms", got ${show(v)}`);
  const m = NUMBER_UNIT.exec(v);
  if (m === null) return fail(`expected a duration like "100ms", got ${show(v)}`);
  if (m[1] === '-') return fail(`a duration cannot be negative, got ${show(v)}`);
  const unitName = m[3];
  if (unitName === undefined) {
    if (bareUnit === undefined) return fail(`a duration needs a unit, e.g. "${m[2]}ms" (ns, us, ms, s, m, h)`);
    return parseDuration(`${m[2]}${bareUnit}`);
  }
  const unit = DURATION_UNITS[unitName.toLowerCase()] ?? DURATION_UNITS[unitName];
  if (unit === undefined) return fail(`unknown duration unit "${unitName}" in ${show(v)} (use ns, us, ms, s, m, h)`);
  const ns = scaleDecimal(m[2], unit);
  if (Number.isNaN(ns)) return fail(`${show(v)} is not a whole number of nanoseconds or is too large`);
  return ok(ns);
}

/** Formats integer ns with the largest unit that keeps it an integer ("100ms"); parseDuration inverts it. */
export function formatDuration(ns: number): string {
  const units: Array<[string, number]> = [['h', 3_600_000_000_000], ['m', 60_000_000_000], ['s', 1_000_000_000], ['ms', 1_000_000], ['us', 1_000]];
  if (ns === 0) return '0s';
  for (const [name, size] of units) if (ns % size === 0) return `${ns / size}${name}`;
  return `${ns}ns`;
}

/** A plain finite number, from a number or a numeric string. */
function plainNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
  return NaN;
}

/** Standard deviations: "2.5 std", "2.5σ", "2.5 sigma", or a bare number. Never negative. */
export function parseStd(v: unknown): Parsed {
  let n = plainNumber(v);
  if (Number.isNaN(n) && typeof v === 'string') {
    const m = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([^\s\d].*?)\s*$/u.exec(v);
    if (m !== null && /^(std|stds|stdev|sd|sigma|sigmas|σ|z)$/i.test(m[2])) n = Number(m[1]);
    else if (m !== null) return fail(`unknown unit "${m[2]}" in ${show(v)}: thresholds are in standard deviations, e.g. "2.5 std"`);
  }
  if (!Number.isFinite(n)) return fail(`expected standard deviations like "2.5 std", got ${show(v)}`);
  if (n < 0) return fail(`a threshold in std units cannot be negative, got ${show(v)}`);
  return ok(n);
}

/**
 * A fraction from a percent: "0.5%" -> 0.005. A bare number (or numeric string) is a percent when
 * `bareIsPercent` (the key says Percent), else already a fraction. Range [0, 1] after conversion.
 */
export function parsePercent(v: unknown, bareIsPercent: boolean): Parsed {
  let n = plainNumber(v);
  if (!Number.isNaN(n)) n = bareIsPercent ? n / 100 : n;
  else if (typeof v === 'string') {
    const m = NUMBER_UNIT.exec(v);
    if (m !== null && m[3] === '%') n = Number(m[1] + m[2]) / 100;
    else if (m !== null && m[3] !== undefined && /^bps?$/i.test(m[3])) n = Number(m[1] + m[2]) / 10_000;
    else return fail(`expected a percentage like "0.5%", got ${show(v)}`);
  } else return fail(`expected a percentage like "0.5%", got ${show(v)}`);
  if (!(n >= 0 && n <= 1)) return fail(`a percentage must be between 0% and 100%, got ${show(v)}`);
  return ok(n);
}

const SUFFIX: Readonly<Record<string, number>> = { '': 1, k: 1_000, K: 1_000, M: 1_000_000, B: 1_000_000_000 };

/** Digits with optional correct thousands separators: "10,000" or "10000" -> "10000"; anything else null. */
function stripThousands(s: string): string | null {
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) return s.replace(/,/g, '');
  if (/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return s;
  return null;
}

/** Money in USD -> integer cents: 10000, "$10,000", "10,000.50 USD", "10k", "$1.5M". Never negative. */
export function parseMoney(v: unknown): Parsed {
  const bad = fail(`expected an amount of money like "$10,000" or 10000 (USD), got ${show(v)}`);
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return v < 0 ? fail(`an amount cannot be negative, got ${v}`) : bad;
    const c = Math.round(v * 100); // YAML gave a float; round, never truncate (principle 3)
    if (Math.abs(c - v * 100) > 1e-6 * Math.max(1, Math.abs(c))) return fail(`${v} has more than 2 decimals (cents)`);
    return Number.isSafeInteger(c) ? ok(c) : bad;
  }
  if (typeof v !== 'string') return bad;
  const m = /^\s*(-?)\s*(\$|USD\s*)?\s*([\d.,]+)\s*([kKMB]?)\s*(USD)?\s*$/i.exec(v);
  if (m === null) {
    if (/^\s*[€£¥]|\b(EUR|GBP|JPY|CHF)\b/i.test(v)) return fail(`only USD amounts are supported, got ${show(v)}`);
    return bad;
  }
  if (m[1] === '-') return fail(`an amount cannot be negative, got ${show(v)}`);
  const digits = stripThousands(m[3]);
  if (digits === null) return bad;
  const factor = SUFFIX[m[4].toUpperCase()] ?? 1;
  const cents = scaleDecimal(digits, 100 * factor);
  if (Number.isNaN(cents)) return fail(`${show(v)} is not a whole number of cents or is too large`);
  return ok(cents);
}

/** Formats cents as "$12,345.67" (or "$12,345" when whole); parseMoney inverts it. */
export function formatMoney(cents: number): string {
  const whole = Math.floor(cents / 100);
  const c = cents - whole * 100;
  const w = String(whole).replace(/\B(?=(\d{3})+$)/g, ',');
  return c === 0 ? `$${w}` : `$${w}.${String(c).padStart(2, '0')}`;
}

/** Integer lots: 100, "1,000", "5k". Positive unless `allowZero`. */
export function parseQty(v: unknown, allowZero = false): Parsed {
  let n = NaN;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const m = /^\s*([\d.,]+)\s*([kKM]?)\s*(lots?|shares?|contracts?)?\s*$/.exec(v);
    const digits = m === null ? null : stripThousands(m[1]);
    if (m !== null && digits !== null) n = scaleDecimal(digits, SUFFIX[m[2]] ?? 1);
  }
  if (!Number.isSafeInteger(n)) return fail(`expected a whole number of lots like 100 or "1,000", got ${show(v)}`);
  if (n < 0 || (n === 0 && !allowZero)) return fail(`a quantity must be ${allowZero ? 'zero or more' : 'positive'}, got ${show(v)}`);
  return ok(n);
}

const RATE_PER: Readonly<Record<string, number>> = { s: 1, sec: 1, second: 1, ms: 1000, m: 1 / 60, min: 1 / 60, minute: 1 / 60, h: 1 / 3600, hour: 1 / 3600 };

/** A rate in events per second: 50, "50/s", "3000/min", "10 per second". Positive. */
export function parseRate(v: unknown): Parsed {
  let n = plainNumber(v);
  if (Number.isNaN(n) && typeof v === 'string') {
    const m = /^\s*(\d+(?:\.\d*)?)\s*(?:\/|per\s+)\s*([a-z]+)\s*$/i.exec(v);
    const per = m === null ? undefined : RATE_PER[m[2].toLowerCase()];
    if (m !== null && per !== undefined) n = Number(m[1]) * per;
    else return fail(`expected a rate like "50/s" or "3000/min", got ${show(v)}`);
  }
  if (!(Number.isFinite(n) && n > 0)) return fail(`expected a positive rate like "50/s", got ${show(v)}`);
  return ok(n);
}
