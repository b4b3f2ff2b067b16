// Kernel journal records (design principles 6 and 10): the kernel appends every input it takes from the
// edges and every command it issues, BEFORE acting on it, to a src/journal Journal. Types 0x0900-0x09FF
// belong to the kernel (0x0600-0x06FF are the OMS's own records when a JournaledOms is used instead).
// Payloads: little-endian float64 fields (all values are safe integers), `now` first: the kernel clock
// reading at which the record was handled, so a replay sets a SimClock to it and every decision repeats.
//   START    now: the kernel was built (its strategies set their first timers at this time)
//   FEED     now, then the raw market-data message bytes (ITCH 5.0, type byte first)
//   EXEC     now event execId clOrdId origClOrdId orderId lastQty lastPx fee reason
//   TIMERS   now: the kernel fired the timers due at `now`
//   SUBMIT   now clOrdId strategy instrument side qty px tif      (written before risk, OMS and port)
//   CANCEL   now requestId clOrdId strategy
//   REPLACE  now newClOrdId clOrdId strategy qty px
// Replay (./replay.ts) builds the fresh kernel at START's time, then feeds FEED/EXEC/TIMERS back into a fresh kernel whose venue port is the null port;
// the strategies regenerate the commands, which are compared one by one with the SUBMIT/CANCEL/REPLACE
// records (a difference means the kernel is not deterministic: a bug).
// The writers below fill the journal's reused record buffer (no allocation per record).

import type { Journal } from '../journal/journal.js';

export const K_RECORD_BASE = 0x0900;
export const K_START = 0x0900;
export const K_FEED = 0x0901;
export const K_EXEC = 0x0902;
export const K_TIMERS = 0x0903;
export const K_SUBMIT = 0x0911;
export const K_CANCEL = 0x0912;
export const K_REPLACE = 0x0913;

/** A record whose payload is `now` alone (START, TIMERS). */
export function writeNow(j: Journal, type: number, now: number): void {
  const p = j.begin(type, 8);
  j.buf.writeDoubleLE(now, p);
  j.commit(8);
}

export function writeFeed(j: Journal, now: number, src: Buffer, off: number, len: number): void {
  const p = j.begin(K_FEED, 8 + len);
  j.buf.writeDoubleLE(now, p);
  src.copy(j.buf, p + 8, off, off + len);
  j.commit(8 + len);
}

/** EXEC: now, then the 9 report fields at f[o, o + 9) (the ring's slot layout). */
export function writeExec(j: Journal, now: number, f: Float64Array, o: number): void {
  const p = j.begin(K_EXEC, 80);
  const b = j.buf;
  b.writeDoubleLE(now, p);
  for (let k = 0; k < 9; k++) b.writeDoubleLE(f[o + k], p + 8 + 8 * k);
  j.commit(80);
}

/** SUBMIT (7 fields), CANCEL (3) or REPLACE (5) after `now`; unused trailing fields are not written. */
export function writeCommand(j: Journal, type: number, now: number, a: number, b: number, c: number, d: number, e: number, f: number, g: number): void {
  const n = type === K_SUBMIT ? 7 : type === K_CANCEL ? 3 : 5;
  const p = j.begin(type, 8 + 8 * n);
  const buf = j.buf;
  buf.writeDoubleLE(now, p);
  buf.writeDoubleLE(a, p + 8);
  buf.writeDoubleLE(b, p + 16);
  buf.writeDoubleLE(c, p + 24);
  if (n > 3) {
    buf.writeDoubleLE(d, p + 32);
    buf.writeDoubleLE(e, p + 40);
  }
  if (n > 5) {
    buf.writeDoubleLE(f, p + 48);
    buf.writeDoubleLE(g, p + 56);
  }
  j.commit(8 + 8 * n);
}
