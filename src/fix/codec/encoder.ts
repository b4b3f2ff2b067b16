// FIX tag=value encoder writing into one reused Buffer (design principle 4: nothing allocated per
// message or per field). The body is written after a reserved gap; `finish()` then writes
// "8=<BeginString><SOH>9=<len><SOH>" (precomputed bytes plus the length digits) right before the
// body and appends "10=nnn<SOH>", so BodyLength and CheckSum never need a second buffer.
// The returned Buffer is a view of the internal buffer: valid until the next `begin()`.

import { SOH, Tag } from './tags.js';
import { writeUtcTimestamp } from './time.js';

const RESERVE = 40; // room for "8=FIXT.1.1|9=NNNNNNN|"

export class FixEncoder {
  private buf: Buffer;
  private pos = RESERVE;
  private readonly prefix: Uint8Array; // "8=FIX.4.4<SOH>9="
  private readonly tagCache: Uint8Array[] = [];
  // SendingTime on every message: the "YYYYMMDD-" part is cached per UTC day
  private readonly dayBytes = Buffer.alloc(24);
  private day = Number.NaN;

  constructor(beginString: string, capacity = 16384) {
    this.buf = Buffer.allocUnsafe(capacity);
    this.prefix = Uint8Array.from(Buffer.from(`8=${beginString}\x019=`, 'latin1'));
  }

  /** Starts a message: clears the body and writes 35=<msgType>. */
  begin(msgType: string): this {
    this.pos = RESERVE;
    return this.str(Tag.MsgType, msgType);
  }

  private ensure(n: number): void {
    if (this.pos + n + 16 > this.buf.length) {
      const nb = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n + 64));
      this.buf.copy(nb, 0, 0, this.pos);
      this.buf = nb;
    }
  }

  // short copies in JS: a native Buffer.copy costs more than it saves for 3-6 bytes
  private tag(tag: number): void {
    let t = this.tagCache[tag];
    if (t === undefined) {
      t = Uint8Array.from(Buffer.from(`${tag}=`, 'latin1'));
      if (tag >= 0 && tag < 100000) this.tagCache[tag] = t;
    }
    this.ensure(t.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < t.length; i++) buf[p++] = t[i];
    this.pos = p;
  }

  private digits(v: number): void {
    const buf = this.buf;
    if (v < 0) {
      buf[this.pos++] = 45;
      v = -v;
    }
    if (v < 10) {
      buf[this.pos++] = 48 + v;
      return;
    }
    let n = 0;
    for (let x = v; x > 0; x = Math.floor(x / 10)) n++;
    let p = this.pos + n - 1;
    for (let x = v; x > 0; x = Math.floor(x / 10)) buf[p--] = 48 + (x % 10);
    this.pos += n;
  }

  int(tag: number, v: number): this {
    this.tag(tag);
    this.ensure(24);
    this.digits(v);
    this.buf[this.pos++] = SOH;
    return this;
  }

  /** ASCII/latin1 string value. */
  str(tag: number, s: string): this {
    this.tag(tag);
    this.ensure(s.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
    buf[p++] = SOH;
    this.pos = p;
    return this;
  }

  /** Raw bytes value (a value copied from a decoded view: buf[start, end)). */
  bytes(tag: number, src: Uint8Array, start = 0, end = src.length): this {
    this.tag(tag);
    this.ensure(end - start);
    this.buf.set(src.subarray(start, end), this.pos);
    this.pos += end - start;
    this.buf[this.pos++] = SOH;
    return this;
  }

  /** Copies already-encoded "tag=value<SOH>..." bytes verbatim (a stored body, a header block). */
  raw(src: Uint8Array, start = 0, end = src.length): this {
    this.ensure(end - start);
    this.buf.set(src.subarray(start, end), this.pos);
    this.pos += end - start;
    return this;
  }

  char(tag: number, code: number): this {
    this.tag(tag);
    this.ensure(2);
    this.buf[this.pos++] = code;
    this.buf[this.pos++] = SOH;
    return this;
  }

  /**
   * Integer units with `decimals` implied decimals (a price of 1012500 with decimals 4 -> "101.25";
   * trailing zeros after the point are dropped, as FIX allows).
   */
  price(tag: number, units: number, decimals: number): this {
    this.tag(tag);
    this.ensure(32);
    let v = units;
    if (v < 0) {
      this.buf[this.pos++] = 45;
      v = -v;
    }
    let scale = 1;
    for (let i = 0; i < decimals; i++) scale *= 10;
    const ip = Math.floor(v / scale);
    let frac = v - ip * scale;
    this.digits(ip);
    if (frac !== 0) {
      let d = decimals;
      while (frac % 10 === 0) {
        frac /= 10;
        d--;
      }
      this.buf[this.pos++] = 46;
      let p = this.pos + d - 1;
      for (let i = 0; i < d; i++) {
        this.buf[p--] = 48 + (frac % 10);
        frac = Math.floor(frac / 10);
      }
      this.pos += d;
    }
    this.buf[this.pos++] = SOH;
    return this;
  }

  /** UTCTimestamp from epoch milliseconds (with .sss when `millis`). */
  timestamp(tag: number, epochMs: number, millis = true): this {
    this.tag(tag);
    this.ensure(24);
    const day = Math.floor(epochMs / 86_400_000);
    if (day !== this.day) {
      writeUtcTimestamp(this.dayBytes, 0, day * 86_400_000, false);
      this.day = day;
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
    buf[p++] = 48 + ((h / 10) | 0);
    buf[p++] = 48 + (h % 10);
    buf[p++] = 58;
    buf[p++] = 48 + ((mi / 10) | 0);
    buf[p++] = 48 + (mi % 10);
    buf[p++] = 58;
    buf[p++] = 48 + ((sec / 10) | 0);
    buf[p++] = 48 + (sec % 10);
    if (millis) {
      buf[p++] = 46;
      buf[p++] = 48 + ((ms / 100) | 0);
      buf[p++] = 48 + (((ms / 10) | 0) % 10);
      buf[p++] = 48 + (ms % 10);
    }
    buf[p++] = SOH;
    this.pos = p;
    return this;
  }

  /** Bytes written to the body so far (BodyLength of the message if finished now). */
  get bodyLength(): number {
    return this.pos - RESERVE;
  }

  /** Completes the message: header with BodyLength before the body, CheckSum after. */
  finish(): Buffer {
    const buf = this.buf;
    const bodyLen = this.pos - RESERVE;
    let nd = 1;
    for (let x = bodyLen; x >= 10; x = Math.floor(x / 10)) nd++;
    const prefix = this.prefix;
    const start = RESERVE - 1 - nd - prefix.length;
    for (let i = 0; i < prefix.length; i++) buf[start + i] = prefix[i];
    let p = RESERVE - 2;
    for (let x = bodyLen, i = 0; i < nd; i++, x = Math.floor(x / 10)) buf[p--] = 48 + (x % 10);
    buf[RESERVE - 1] = SOH;
    let sum = 0;
    for (let i = start; i < this.pos; i++) sum += buf[i];
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
    return b.subarray(start, q);
  }
}
