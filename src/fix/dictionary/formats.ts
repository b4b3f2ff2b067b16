// Data-format checks per FIX type, as QuickFIX's field convertors accept them
// (FieldConvertors.h): integers "-?\d+", decimals "-?\d*\.?\d*" with at least one digit and no '+',
// CHAR one byte, BOOLEAN Y/N, UTCTIMESTAMP YYYYMMDD-HH:MM:SS[.fff], UTCTIMEONLY HH:MM:SS[.fff],
// UTCDATE YYYYMMDD. Strings, data and the rest are free text.


function isInt(b: Buffer, s: number, e: number): boolean {
  if (s < e && b[s] === 45) s++;
  if (s === e) return false;
  for (let i = s; i < e; i++) if (b[i] < 48 || b[i] > 57) return false;
  return true;
}

function isDecimal(b: Buffer, s: number, e: number): boolean {
  if (s < e && b[s] === 45) s++;
  let digits = 0;
  let dot = false;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === 46) {
      if (dot) return false;
      dot = true;
    } else if (c >= 48 && c <= 57) digits++;
    else return false;
  }
  return digits > 0;
}

function digitsAt(b: Buffer, s: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = b[s + i] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Exactly the texts parseUtcTimestamp (codec/time.ts) accepts, without computing the time: the check
 * runs on SendingTime and TransactTime of every validated message (test/fix/formats.test.ts compares).
 */
export function isUtcTimestamp(b: Buffer, s: number, e: number): boolean {
  const len = e - s;
  if (len < 17) return false;
  const y = digitsAt(b, s, 4);
  const mo = digitsAt(b, s + 4, 2);
  const d = digitsAt(b, s + 6, 2);
  const h = digitsAt(b, s + 9, 2);
  const mi = digitsAt(b, s + 12, 2);
  const sec = digitsAt(b, s + 15, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60) return false;
  if (b[s + 8] !== 45 || b[s + 11] !== 58 || b[s + 14] !== 58) return false;
  if (len === 17) return true;
  if (b[s + 17] !== 46 || len === 18 || len > 27) return false;
  for (let i = s + 18; i < e; i++) if (b[i] < 48 || b[i] > 57) return false;
  return true;
}

function isTimeOnly(b: Buffer, s: number, e: number): boolean {
  const len = e - s;
  if (len < 8 || b[s + 2] !== 58 || b[s + 5] !== 58) return false;
  const h = digitsAt(b, s, 2), m = digitsAt(b, s + 3, 2), sec = digitsAt(b, s + 6, 2);
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return false;
  if (len === 8) return true;
  return b[s + 8] === 46 && len > 9 && digitsAt(b, s + 9, len - 9) >= 0;
}

function isDate(b: Buffer, s: number, e: number): boolean {
  if (e - s !== 8) return false;
  const y = digitsAt(b, s, 4), m = digitsAt(b, s + 4, 2), d = digitsAt(b, s + 6, 2);
  return y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/** Format classes, resolved once per field at dictionary load (no string switch per message). */
export const Fmt = { Free: 0, Int: 1, Decimal: 2, Char: 3, Boolean: 4, Timestamp: 5, TimeOnly: 6, Date: 7 } as const;

export function formatCode(type: string): number {
  switch (type) {
    case 'INT': case 'LENGTH': case 'NUMINGROUP': case 'SEQNUM': case 'TAGNUM': case 'DAYOFMONTH':
      return Fmt.Int;
    case 'PRICE': case 'AMT': case 'QTY': case 'FLOAT': case 'PRICEOFFSET': case 'PERCENTAGE':
      return Fmt.Decimal;
    case 'CHAR':
      return Fmt.Char;
    case 'BOOLEAN':
      return Fmt.Boolean;
    case 'UTCTIMESTAMP':
      return Fmt.Timestamp;
    case 'UTCTIMEONLY':
      return Fmt.TimeOnly;
    case 'UTCDATE': case 'UTCDATEONLY':
      return Fmt.Date;
    default:
      return Fmt.Free;
  }
}

export function checkFormatCode(code: number, b: Buffer, s: number, e: number): boolean {
  switch (code) {
    case Fmt.Int:
      return isInt(b, s, e);
    case Fmt.Decimal:
      return isDecimal(b, s, e);
    case Fmt.Char:
      return e - s === 1;
    case Fmt.Boolean:
      return e - s === 1 && (b[s] === 89 || b[s] === 78);
    case Fmt.Timestamp:
      return isUtcTimestamp(b, s, e);
    case Fmt.TimeOnly:
      return isTimeOnly(b, s, e);
    case Fmt.Date:
      return isDate(b, s, e);
    default:
      return true;
  }
}

export function checkFormat(type: string, b: Buffer, s: number, e: number): boolean {
  return checkFormatCode(formatCode(type), b, s, e);
}
