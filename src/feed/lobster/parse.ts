// LOBSTER text parsing (LOBSTER_SampleFiles_ReadMe.txt, "Output Structure").
//
// Message file: one message per line, 6 comma-separated columns:
//   Time (seconds after midnight, decimal, up to 9 decimals), Type (1..7), Order ID, Size,
//   Price (dollars x 10000, an integer), Direction (1 buy, -1 sell).
// Orderbook file: per level L: Ask Price L, Ask Size L, Bid Price L, Bid Size L; empty levels are
//   +/-9999999999 with size 0.
// The message parser reads straight from the bytes into a reused object and returns a status (0 = ok,
// else a Reject code); it never throws and never allocates. Timestamps become integer ns since
// midnight by digit arithmetic (no float: 34200.004241176 -> 34200004241176 exactly).

import { Reject } from '../../core/rejects.js';

export interface LobsterMessage {
  /** ns after midnight */
  ts: number;
  type: number;
  orderId: number;
  size: number;
  /** dollars x 10000 */
  price: number;
  /** 1 buy, -1 sell */
  direction: number;
}

export function newLobsterMessage(): LobsterMessage {
  return { ts: 0, type: 0, orderId: 0, size: 0, price: 0, direction: 0 };
}

/** Dummy price LOBSTER writes for an unoccupied level (negative on the bid side). */
export const LOBSTER_EMPTY_PRICE = 9999999999;

// Field cursor state, module-level so the parser allocates nothing (single-threaded).
let pos = 0;
let fieldOk = true;

/** Parses a signed integer field ending at ',' or `end`; sets fieldOk=false on junk or an empty field. */
function intField(buf: Buffer, end: number): number {
  let i = pos;
  let neg = false;
  if (i < end && buf[i] === 45) { neg = true; i++; }
  let v = 0;
  const first = i;
  for (; i < end; i++) {
    const c = buf[i];
    if (c === 44) break;
    if (c < 48 || c > 57) { fieldOk = false; break; }
    v = v * 10 + (c - 48);
  }
  if (i === first) fieldOk = false;
  // skip to after the comma
  while (i < end && buf[i] !== 44) i++;
  pos = i + 1;
  if (!Number.isSafeInteger(v)) fieldOk = false;
  return neg ? -v : v;
}

/** Seconds with up to 9 decimals -> integer ns. */
function timeField(buf: Buffer, end: number): number {
  let i = pos;
  let sec = 0;
  const first = i;
  for (; i < end; i++) {
    const c = buf[i];
    if (c === 46 || c === 44) break;
    if (c < 48 || c > 57) { fieldOk = false; break; }
    sec = sec * 10 + (c - 48);
  }
  if (i === first) fieldOk = false;
  let frac = 0;
  let digits = 0;
  if (i < end && buf[i] === 46) {
    i++;
    for (; i < end; i++) {
      const c = buf[i];
      if (c === 44) break;
      if (c < 48 || c > 57) { fieldOk = false; break; }
      if (digits === 9) {
        if (c !== 48) fieldOk = false; // finer than 1 ns: refuse rather than round silently
        continue;
      }
      frac = frac * 10 + (c - 48);
      digits++;
    }
  }
  while (digits < 9) { frac *= 10; digits++; }
  while (i < end && buf[i] !== 44) i++;
  pos = i + 1;
  return sec * 1_000_000_000 + frac;
}

/** Parses one message line `buf[start..end)` into `out`. Returns 0 or a Reject code. */
export function parseLobsterMessage(buf: Buffer, start: number, end: number, out: LobsterMessage): number {
  pos = start;
  fieldOk = true;
  out.ts = timeField(buf, end);
  out.type = intField(buf, end);
  out.orderId = intField(buf, end);
  out.size = intField(buf, end);
  out.price = intField(buf, end);
  if (pos > end + 1) return Reject.FeedMalformedRecord; // a column is missing
  out.direction = intField(buf, end);
  if (!fieldOk || pos !== end + 1) return Reject.FeedMalformedRecord;
  if (!Number.isSafeInteger(out.ts)) return Reject.FeedMalformedRecord;
  return 0;
}

export interface LobsterBookRow {
  /** Per level, best first; dummy levels are kept as written (+/-9999999999, size 0). */
  askPx: number[];
  askSz: number[];
  bidPx: number[];
  bidSz: number[];
}

/**
 * Parses one orderbook-file line (cold path: seeding and tests). Returns null when the line does not
 * hold exactly 4 x `levels` integer columns.
 */
export function parseLobsterBookRow(line: string, levels: number): LobsterBookRow | null {
  const cols = line.trim().split(',');
  if (cols.length !== 4 * levels) return null;
  const row: LobsterBookRow = { askPx: [], askSz: [], bidPx: [], bidSz: [] };
  for (let l = 0; l < levels; l++) {
    const v = [0, 1, 2, 3].map((k) => (/^-?\d+$/.test(cols[4 * l + k]) ? Number(cols[4 * l + k]) : NaN));
    if (v.some((x) => !Number.isSafeInteger(x))) return null;
    row.askPx.push(v[0]);
    row.askSz.push(v[1]);
    row.bidPx.push(v[2]);
    row.bidSz.push(v[3]);
  }
  return row;
}

/** True for LOBSTER's filler level (no price level there). */
export function isEmptyLevel(price: number, size: number): boolean {
  return size === 0 || price === LOBSTER_EMPTY_PRICE || price === -LOBSTER_EMPTY_PRICE;
}

/** The ticker that starts a LOBSTER file name (AAPL_2012-06-21_34200000_57600000_message_10.csv), or ''. */
export function tickerFromFileName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? '';
  const m = /^([A-Za-z0-9.^-]+)_\d{4}-\d{2}-\d{2}_/.exec(base);
  return m ? m[1] : '';
}
