// FIX tag=value encoder writing into one reused Buffer (design principle 4: nothing allocated per
// message or per field). The body is written after a reserved gap; finishing writes
// "8=<BeginString><SOH>9=<len><SOH>" (precomputed bytes plus the length digits) right before the
// body and appends "10=nnn<SOH>", so BodyLength and CheckSum never need a second buffer or pass:
// the byte sum is accumulated while fields are written (tags' sums are precomputed).
// `finishRaw()` returns the end offset and sets `outStart` (no allocation); `finish()` wraps the
// same bytes in a Buffer view. Either is valid until the next `begin()`.

import { SOH, Tag } from './tags.js';
import { writeUtcTimestamp } from './time.js';

const RESERVE = 40; // room for "8=FIXT.1.1|9=NNNNNNN|"
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

interface TagBytes {
  bytes: Uint8Array; // "tag="
  sum: number;
}

export class FixEncoder {
  /** The buffer the message is written into (read it between outStart and finishRaw()'s end). */
  buf: Buffer;
  outStart = 0;
  private pos = RESERVE;
  private sum = 0;
  private readonly prefix: Uint8Array; // "8=FIX.4.4<SOH>9="
  private readonly prefixSum: number;
  private readonly tagCache: TagBytes[] = [];
  // SendingTime on every message: the "YYYYMMDD-" part is cached per UTC day
  private readonly dayBytes = Buffer.alloc(24);
  private daySum = 0;
  private day = Number.NaN;

  constructor(beginString: string, capacity = 16384) {
    this.buf = Buffer.allocUnsafe(capacity);
    this.prefix = Uint8Array.from(Buffer.from(`8=${beginString}\x019=`, 'latin1'));
    this.prefixSum = this.prefix.reduce((a, b) => a + b, 0);
  }

  /**
   * Gives up the current buffer (someone still reads the last message in it: a pending socket
   * write) and continues in a fresh one of the same size. Cold path: only under back-pressure.
   */
  release(): void {
    this.buf = Buffer.allocUnsafe(this.buf.length);
  }

  /** Starts a message: clears the body and writes 35=<msgType>. */
  begin(msgType: string): this {
    this.pos = RESERVE;
    this.sum = 0;
    return this.str(Tag.MsgType, msgType);
  }

  private ensure(n: number): void {
    if (this.pos + n + 16 > this.buf.length) {
      const nb = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n + 64));
      this.buf.copy(nb, 0, 0, this.pos);
      this.buf = nb;
    }
  }

  private tagBytes(tag: number): TagBytes {
    let t = this.tagCache[tag];
    if (t === undefined) {
      const bytes = Uint8Array.from(Buffer.from(`${tag}=`, 'latin1'));
      t = { bytes, sum: bytes.reduce((a, b) => a + b, 0) };
      if (tag >= 0 && tag < 100000) this.tagCache[tag] = t;
    }
    return t;
  }

  // short copies in JS: a native Buffer.copy costs more than it saves for 3-6 bytes
  private tag(tag: number, room: number): void {
    const t = this.tagBytes(tag);
    const b = t.bytes;
    this.ensure(b.length + room);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < b.length; i++) buf[p++] = b[i];
    this.pos = p;
    this.sum += t.sum;
  }

  /** Writes the decimal digits of a non-negative integer; returns their byte sum. */
  private digits(v: number): number {
    const buf = this.buf;
    let n = 1;
    while (n < 16 && v >= (n < 10 ? POW10[n] : 10 ** n)) n++;
    let p = this.pos + n - 1;
    let s = 0;
    if (v <= 0x7fffffff) {
      let x = v | 0;
      for (let i = 0; i < n; i++) {
        const q = (x / 10) | 0;
        const c = 48 + x - q * 10;
        buf[p--] = c;
        s += c;
        x = q;
      }
    } else {
      let x = v;
      for (let i = 0; i < n; i++) {
        const q = Math.floor(x / 10);
        const c = 48 + x - q * 10;
        buf[p--] = c;
        s += c;
        x = q;
      }
    }
    this.pos += n;
    return s;
  }

  int(tag: number, v: number): this {
    this.tag(tag, 24);
    let s = 0;
    if (v < 0) {
      this.buf[this.pos++] = 45;
      s = 45;
      v = -v;
    }
    s += this.digits(v);
    this.buf[this.pos++] = SOH;
    this.sum += s + SOH;
    return this;
  }

  /** ASCII/latin1 string value. */
  str(tag: number, s: string): this {
    this.tag(tag, s.length);
    const buf = this.buf;
    let p = this.pos;
    let sum = SOH;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i) & 0xff;
      buf[p++] = c;
      sum += c;
    }
    buf[p++] = SOH;
    this.pos = p;
    this.sum += sum;
    return this;
  }

  /** Raw bytes value (a value copied from a decoded view: buf[start, end)). */
  bytes(tag: number, src: Uint8Array, start = 0, end = src.length): this {
    this.tag(tag, end - start);
    this.copyIn(src, start, end);
    this.buf[this.pos++] = SOH;
    this.sum += SOH;
    return this;
  }

  /** Copies already-encoded "tag=value<SOH>..." bytes verbatim (a stored body, a header block). */
  raw(src: Uint8Array, start = 0, end = src.length): this {
    this.ensure(end - start);
    this.copyIn(src, start, end);
    return this;
  }

  private copyIn(src: Uint8Array, start: number, end: number): void {
    const buf = this.buf;
    let p = this.pos;
    let s = 0;
    for (let i = start; i < end; i++) {
      const c = src[i];
      buf[p++] = c;
      s += c;
    }
    this.pos = p;
    this.sum += s;
  }

  char(tag: number, code: number): this {
    this.tag(tag, 2);
    this.buf[this.pos++] = code;
    this.buf[this.pos++] = SOH;
    this.sum += code + SOH;
    return this;
  }

  /**
   * Integer units with `decimals` implied decimals (a price of 1012500 with decimals 4 -> "101.25";
   * trailing zeros after the point are dropped, as FIX allows).
   */
  price(tag: number, units: number, decimals: number): this {
    this.tag(tag, 32);
    let s = 0;
    let v = units;
    if (v < 0) {
      this.buf[this.pos++] = 45;
      s = 45;
      v = -v;
    }
    const scale = decimals < 10 ? POW10[decimals] : 10 ** decimals;
    const ip = Math.floor(v / scale);
    let frac = v - ip * scale;
    s += this.digits(ip);
    if (frac !== 0) {
      let d = decimals;
      while (frac % 10 === 0) {
        frac /= 10;
        d--;
      }
      const buf = this.buf;
      buf[this.pos++] = 46;
      s += 46;
      let p = this.pos + d - 1;
      for (let i = 0; i < d; i++) {
        const q = Math.floor(frac / 10);
        const c = 48 + frac - q * 10;
        buf[p--] = c;
        s += c;
        frac = q;
      }
      this.pos += d;
    }
    this.buf[this.pos++] = SOH;
    this.sum += s + SOH;
    return this;
  }

  /** UTCTimestamp from epoch milliseconds (with .sss when `millis`). */
  timestamp(tag: number, epochMs: number, millis = true): this {
    this.tag(tag, 24);
    const day = Math.floor(epochMs / 86_400_000);
    if (day !== this.day) {
      writeUtcTimestamp(this.dayBytes, 0, day * 86_400_000, false);
      this.day = day;
      this.daySum = 0;
      for (let i = 0; i < 9; i++) this.daySum += this.dayBytes[i];
    }
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < 9; i++) buf[p++] = this.dayBytes[i];
    let rem = epochMs - day * 86_400_000;
    const h = (rem / 3_600_000) | 0;
    rem -= h * 3_600_000;
    const mi = (rem / 60_000) | 0;
    rem -= mi * 60_000;
    const sec = (rem / 1000) | 0;
    const ms = rem - sec * 1000;
    const h1 = 48 + ((h / 10) | 0), h2 = 48 + (h % 10);
    const m1 = 48 + ((mi / 10) | 0), m2 = 48 + (mi % 10);
    const s1 = 48 + ((sec / 10) | 0), s2 = 48 + (sec % 10);
    buf[p++] = h1;
    buf[p++] = h2;
    buf[p++] = 58;
    buf[p++] = m1;
    buf[p++] = m2;
    buf[p++] = 58;
    buf[p++] = s1;
    buf[p++] = s2;
    let sum = this.daySum + h1 + h2 + m1 + m2 + s1 + s2 + 58 + 58 + SOH;
    if (millis) {
      const a = 48 + ((ms / 100) | 0), b = 48 + (((ms / 10) | 0) % 10), c = 48 + (ms % 10);
      buf[p++] = 46;
      buf[p++] = a;
      buf[p++] = b;
      buf[p++] = c;
      sum += 46 + a + b + c;
    }
    buf[p++] = SOH;
    this.pos = p;
    this.sum += sum;
    return this;
  }

  /** Bytes written to the body so far (BodyLength of the message if finished now). */
  get bodyLength(): number {
    return this.pos - RESERVE;
  }

  /** Completes the message in place; returns its end offset (it starts at `outStart`). */
  finishRaw(): number {
    const buf = this.buf;
    const bodyLen = this.pos - RESERVE;
    let nd = 1;
    while (nd < 10 && bodyLen >= POW10[nd]) nd++;
    const prefix = this.prefix;
    const start = RESERVE - 1 - nd - prefix.length;
    for (let i = 0; i < prefix.length; i++) buf[start + i] = prefix[i];
    let sum = this.sum + this.prefixSum + SOH;
    let p = RESERVE - 2;
    for (let x = bodyLen, i = 0; i < nd; i++) {
      const q = (x / 10) | 0;
      const c = 48 + x - q * 10;
      buf[p--] = c;
      sum += c;
      x = q;
    }
    buf[RESERVE - 1] = SOH;
    sum &= 255;
    this.ensure(7);
    const b = this.buf;
    let q = this.pos;
    b[q++] = 49; // '1'
    b[q++] = 48; // '0'
    b[q++] = 61; // '='
    b[q++] = 48 + ((sum / 100) | 0);
    b[q++] = 48 + (((sum / 10) | 0) % 10);
    b[q++] = 48 + (sum % 10);
    b[q++] = SOH;
    this.outStart = start;
    return q;
  }

  /** Completes the message: a Buffer view of it (one small view object; finishRaw avoids even that). */
  finish(): Buffer {
    const end = this.finishRaw();
    return this.buf.subarray(this.outStart, end);
  }
}
