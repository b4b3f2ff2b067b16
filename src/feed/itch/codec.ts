// The ITCH 5.0 codec for tools, tests, the synthetic-day writer and the exchange simulator: every field
// of every type, through per-type functions generated from the layout table (codegen.ts). The replay hot
// path is book-handler.ts, which reads only the fields a book needs. Plain twin: codec-table.ts.
//
// decodeItch(buf, off, len, out): `off` is the first byte of the message (its type byte) and `len` the
// message length from the framing (BinaryFILE or MoldUDP64 length prefix). Fills the fields of that type
// in the reused `out` and returns an ItchStatus: Ok, Truncated (buffer shorter than off+len), BadLength
// (len is not the type's spec length, or < 1), UnknownType, or ValueTooLarge (an 8-byte field above
// 2^53 - 1: such a value is refused rather than rounded). On a non-Ok status `out` may be partly filled.
// Strings come from CHARS / an AlphaCache, so steady-state decoding allocates nothing.
//
// encodeItch(msg, buf, off): writes the message (without its length prefix) and returns the number of
// bytes written, or a negative ItchStatus (-UnknownType, -Truncated when the buffer is too small,
// -Malformed when a field value does not fit its wire type; the buffer may then be partly written).
// encodeItchFramed adds the 2-byte length prefix.

import { AlphaCache } from './alpha.js';
import { compileDecoders, compileEncoders } from './codegen.js';
import { ITCH_LENGTH } from './layouts.js';
import type { ItchMessage } from './message.js';
import { ItchStatus } from './status.js';

const DECODERS = compileDecoders(new AlphaCache());
const ENCODERS = compileEncoders();

// DataViews over the last buffers used (one per buffer, not per message).
let rdOf: Uint8Array = new Uint8Array(0);
let rd: DataView = new DataView(new ArrayBuffer(0));
let wrOf: Uint8Array = new Uint8Array(0);
let wr: DataView = new DataView(new ArrayBuffer(0));

export function decodeItch(buf: Uint8Array, off: number, len: number, out: ItchMessage): number {
  if (len < 1 || off < 0) return ItchStatus.BadLength;
  if (off + len > buf.length) return ItchStatus.Truncated;
  const t = buf[off];
  const dec = DECODERS[t];
  if (dec === undefined) return ItchStatus.UnknownType;
  if (len !== ITCH_LENGTH[t]) return ItchStatus.BadLength;
  if (rdOf !== buf) {
    rd = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    rdOf = buf;
  }
  return dec(buf, rd, off, out);
}

/** Spec length of a message type letter, or 0 when unknown. */
export function itchLength(type: string): number {
  if (type.length !== 1) return 0;
  const c = type.charCodeAt(0);
  return c < 256 ? ITCH_LENGTH[c] : 0;
}

export function encodeItch(msg: ItchMessage, buf: Uint8Array, off: number): number {
  const t = msg.type;
  const code = t.length === 1 ? t.charCodeAt(0) : 256;
  const enc = code < 256 ? ENCODERS[code] : undefined;
  if (enc === undefined) return -ItchStatus.UnknownType;
  if (off < 0 || off + ITCH_LENGTH[code] > buf.length) return -ItchStatus.Truncated;
  if (wrOf !== buf) {
    wr = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    wrOf = buf;
  }
  return enc(msg, buf, wr, off);
}

/** Writes the 2-byte big-endian length prefix and the message; returns bytes written or a negative status. */
export function encodeItchFramed(msg: ItchMessage, buf: Uint8Array, off: number): number {
  if (off < 0 || off + 2 > buf.length) return -ItchStatus.Truncated;
  const n = encodeItch(msg, buf, off + 2);
  if (n < 0) return n;
  buf[off] = n >>> 8;
  buf[off + 1] = n & 0xff;
  return n + 2;
}
