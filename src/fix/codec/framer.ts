// Stream framing of FIX messages arriving over TCP, with QuickFIX's Parser semantics so that
// garbled input is cut the same way the acceptance tests expect: skip to "8=", read the length
// in the first "<SOH>9=" field, jump BodyLength bytes, then look for "<SOH>10=" and its SOH.
// A BodyLength that is too large therefore swallows the start of the next message (both are then
// garbled, which the session ignores), exactly as QuickFIX behaves.
//
// The framer owns one growing Buffer; `next()` returns the [start, end) of the next complete
// message in `buf` (valid until the next push), or a negative status.

import { SOH } from './tags.js';

export const FrameStatus = { NeedMore: -1, BadLength: -2 } as const;

const PAT_9 = Buffer.from('\x019=', 'latin1');
const PAT_10 = Buffer.from('\x0110=', 'latin1');
const PAT_8 = Buffer.from('8=', 'latin1');

/**
 * First `pat` wholly inside buf[from, end), or -1. A JS scan, not Buffer.indexOf: every search in a
 * well-formed stream ends within a few bytes, where the native call's fixed cost dominates, and
 * the scan never looks past the buffered data.
 */
function findPat(buf: Buffer, from: number, end: number, pat: Uint8Array): number {
  const n = pat.length;
  const p0 = pat[0];
  for (let i = from, last = end - n; i <= last; i++) {
    if (buf[i] !== p0) continue;
    let k = 1;
    while (k < n && buf[i + k] === pat[k]) k++;
    if (k === n) return i;
  }
  return -1;
}

function findByte(buf: Buffer, from: number, end: number, b: number): number {
  for (let i = from; i < end; i++) if (buf[i] === b) return i;
  return -1;
}

export class FixFramer {
  buf: Buffer;
  private head = 0;
  private tail = 0;
  frameStart = 0;
  frameEnd = 0;

  constructor(capacity = 65536) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** Appends chunk[0, n) (n defaults to the whole chunk; a read buffer reused per read passes its fill). */
  push(chunk: Uint8Array, n: number = chunk.length): void {
    if (this.head === this.tail) {
      this.head = 0;
      this.tail = 0;
    }
    const need = this.tail + n;
    if (need > this.buf.length) {
      const live = this.tail - this.head;
      if (live + n <= this.buf.length) {
        this.buf.copy(this.buf, 0, this.head, this.tail);
      } else {
        const nb = Buffer.allocUnsafe(Math.max(this.buf.length * 2, live + n));
        this.buf.copy(nb, 0, this.head, this.tail);
        this.buf = nb;
      }
      this.head = 0;
      this.tail = live;
    }
    // a short part in JS: a native copy of part of a buffer allocates a view (Buffer.copy does too)
    if (n === chunk.length) this.buf.set(chunk, this.tail);
    else if (n > 512) this.buf.set(chunk.subarray(0, n), this.tail);
    else for (let i = 0, p = this.tail; i < n; i++) this.buf[p + i] = chunk[i];
    this.tail += n;
  }

  get buffered(): number {
    return this.tail - this.head;
  }

  /**
   * Finds the next message. Returns 1 with frameStart/frameEnd set, FrameStatus.NeedMore, or
   * FrameStatus.BadLength (the BodyLength text was not a number; the bytes were discarded as
   * QuickFIX does, and the caller may call next() again).
   */
  next(): number {
    const buf = this.buf;
    if (this.tail - this.head < 2) return FrameStatus.NeedMore;
    const tail = this.tail;
    const s = findPat(buf, this.head, tail, PAT_8);
    if (s < 0 || s >= this.tail - 1) {
      // keep a trailing '8' that may start "8=" in the next chunk
      this.head = buf[this.tail - 1] === 0x38 ? this.tail - 1 : this.tail;
      return FrameStatus.NeedMore;
    }
    this.head = s;
    const v = findPat(buf, s, tail, PAT_9);
    if (v < 0 || v + 3 > this.tail) return FrameStatus.NeedMore;
    const ls = v + 3;
    const le = findByte(buf, ls, tail, SOH);
    if (le < 0 || le >= this.tail) return FrameStatus.NeedMore;
    let len = 0;
    for (let i = ls; i < le; i++) {
      const d = buf[i] - 48;
      if (d < 0 || d > 9 || len > 1e9) {
        this.head = this.tail; // QuickFIX: length unknown, drop what is buffered
        return FrameStatus.BadLength;
      }
      len = len * 10 + d;
    }
    if (le === ls) {
      this.head = this.tail;
      return FrameStatus.BadLength;
    }
    let p = le + 1 + len;
    if (p > this.tail) return FrameStatus.NeedMore;
    const c = findPat(buf, p - 1, tail, PAT_10);
    if (c < 0 || c >= this.tail) return FrameStatus.NeedMore;
    const e = findByte(buf, c + 4, tail, SOH);
    if (e < 0 || e >= this.tail) return FrameStatus.NeedMore;
    p = e + 1;
    this.frameStart = s;
    this.frameEnd = p;
    this.head = p;
    return 1;
  }
}
