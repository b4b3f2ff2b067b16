// The interpretive ITCH 5.0 codec: one loop over the layout table's fields. The plain twin of the
// generated codec (codec.ts / codegen.ts), with the same contract; tests require both to agree.
//
// decodeItchTable(buf, off, len, out): `off` is the first byte of the message (its type byte) and `len` the
// message length from the framing (BinaryFILE or MoldUDP64 length prefix). Fills the fields of that type
// in the reused `out` and returns an ItchStatus: Ok, Truncated (buffer shorter than off+len), BadLength
// (len is not the type's spec length, or < 1), UnknownType, or ValueTooLarge (an 8-byte field above
// 2^53 - 1: such a value is refused rather than rounded). On a non-Ok status `out` may be partly filled.
// Strings come from CHARS / an AlphaCache, so steady-state decoding allocates nothing.
//
// encodeItchTable(msg, buf, off): writes the message (without its length prefix) and returns the number of
// bytes written, or a negative ItchStatus (-UnknownType, -Truncated when the buffer is too small,
// -Malformed when a field value does not fit its wire type).

import { AlphaCache, CHARS, writeAlpha } from './alpha.js';
import { ITCH_LAYOUT_BY_CODE, type ItchFieldKind } from './layouts.js';
import type { ItchMessage, ItchMessageRecord } from './message.js';
import { ItchStatus, U64_HI_LIMIT } from './status.js';

const K_CHAR = 0;
const K_U16 = 1;
const K_U32 = 2;
const K_U48 = 3;
const K_U64 = 4;
const K_ALPHA = 5;

const KIND_CODE: Record<ItchFieldKind, number> = {
  char: K_CHAR, u16: K_U16, u32: K_U32, u48: K_U48, u64: K_U64, price4: K_U32, price8: K_U64, alpha: K_ALPHA,
};

const TWO32 = 4294967296;

/** A layout compiled to parallel arrays (no object per field on the decode loop). */
interface Compiled {
  length: number;
  names: string[];
  offsets: Int32Array;
  lengths: Int32Array;
  kinds: Int32Array;
}

const COMPILED: (Compiled | undefined)[] = ITCH_LAYOUT_BY_CODE.map((l) =>
  l === undefined
    ? undefined
    : {
        length: l.length,
        names: l.fields.map((f) => f.name),
        offsets: Int32Array.from(l.fields.map((f) => f.offset)),
        lengths: Int32Array.from(l.fields.map((f) => f.length)),
        kinds: Int32Array.from(l.fields.map((f) => KIND_CODE[f.kind])),
      },
);

const alphas = new AlphaCache();
// DataView over the last buffer decoded (see book-handler.ts: faster than Buffer.readUInt*BE).
let dvOf: Uint8Array = new Uint8Array(0);
let dv: DataView = new DataView(new ArrayBuffer(0));

export function decodeItchTable(buf: Buffer, off: number, len: number, out: ItchMessage): number {
  if (len < 1 || off < 0) return ItchStatus.BadLength;
  if (off + len > buf.length) return ItchStatus.Truncated;
  const c = COMPILED[buf[off]];
  if (c === undefined) return ItchStatus.UnknownType;
  if (len !== c.length) return ItchStatus.BadLength;
  if (dvOf !== buf) {
    dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    dvOf = buf;
  }
  const rec = out as unknown as ItchMessageRecord;
  const n = c.names.length;
  for (let i = 0; i < n; i++) {
    const o = off + c.offsets[i];
    switch (c.kinds[i]) {
      case K_CHAR:
        rec[c.names[i]] = CHARS[buf[o]];
        break;
      case K_U16:
        rec[c.names[i]] = dv.getUint16(o);
        break;
      case K_U32:
        rec[c.names[i]] = dv.getUint32(o);
        break;
      case K_U48:
        rec[c.names[i]] = dv.getUint16(o) * TWO32 + dv.getUint32(o + 2);
        break;
      case K_U64: {
        const hi = dv.getUint32(o);
        if (hi >= U64_HI_LIMIT) return ItchStatus.ValueTooLarge;
        rec[c.names[i]] = hi * TWO32 + dv.getUint32(o + 4);
        break;
      }
      default:
        rec[c.names[i]] = alphas.read(buf, o, c.lengths[i]);
    }
  }
  return ItchStatus.Ok;
}

function fitsUnsigned(v: unknown, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}

export function encodeItchTable(msg: ItchMessage, buf: Buffer, off: number): number {
  const t = msg.type;
  const c = t.length === 1 ? COMPILED[t.charCodeAt(0)] : undefined;
  if (c === undefined) return -ItchStatus.UnknownType;
  if (off < 0 || off + c.length > buf.length) return -ItchStatus.Truncated;
  const rec = msg as unknown as ItchMessageRecord;
  const n = c.names.length;
  for (let i = 0; i < n; i++) {
    const o = off + c.offsets[i];
    const v = rec[c.names[i]];
    switch (c.kinds[i]) {
      case K_CHAR: {
        // An empty char field is written as a space (the spec's "not applicable" filler in most fields).
        const code = typeof v === 'string' && v.length > 0 ? v.charCodeAt(0) : 0x20;
        if (code > 0xff) return -ItchStatus.Malformed;
        buf[o] = code;
        break;
      }
      case K_U16:
        if (!fitsUnsigned(v, 0xffff)) return -ItchStatus.Malformed;
        buf.writeUInt16BE(v, o);
        break;
      case K_U32:
        if (!fitsUnsigned(v, 0xffffffff)) return -ItchStatus.Malformed;
        buf.writeUInt32BE(v, o);
        break;
      case K_U48: {
        if (!fitsUnsigned(v, 0xffffffffffff)) return -ItchStatus.Malformed;
        const hi = Math.floor(v / TWO32);
        buf.writeUInt16BE(hi, o);
        buf.writeUInt32BE(v - hi * TWO32, o + 2);
        break;
      }
      case K_U64: {
        if (!fitsUnsigned(v, Number.MAX_SAFE_INTEGER)) return -ItchStatus.Malformed;
        const hi = Math.floor(v / TWO32);
        buf.writeUInt32BE(hi, o);
        buf.writeUInt32BE(v - hi * TWO32, o + 4);
        break;
      }
      default: {
        if (typeof v !== 'string' || v.length > c.lengths[i]) return -ItchStatus.Malformed;
        writeAlpha(v, buf, o, c.lengths[i]);
      }
    }
  }
  return c.length;
}
