// Minimal protobuf wire-format reader and writer (proto3 encoding rules), enough for the ONNX schema
// subset in ./onnx-proto.ts. Cold path (model load / export): clarity over speed.
// Reader: a cursor over one message's bytes; `next()` yields (field, wireType) until the end, then the
// caller reads the value with the method matching the field's declared type, or `skip()`s it.
// Malformed input (truncated varint, a length past the end, wire types 3/4 groups) throws ProtobufError
// naming the byte offset: this is a load-time failure of a model file, reported to the user.

export class ProtobufError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

export class PbReader {
  pos: number;
  field = 0;
  wire = 0;
  private readonly view: DataView;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** Advances to the next field's key; false at the end of the message. */
  next(): boolean {
    if (this.pos >= this.end) return false;
    const key = this.varint();
    this.field = Math.floor(key / 8);
    this.wire = key % 8;
    if (this.field === 0) throw new ProtobufError(`field number 0 at byte ${this.pos}`);
    return true;
  }

  /** An unsigned varint as a number (exact up to 2^53; int64 fields beyond that lose precision). */
  varint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError(`truncated varint at byte ${this.pos}`);
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw new ProtobufError(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  /** int64 / int32 fields: negative values arrive as 10-byte two's complement varints (exact via BigInt). */
  int64(): number {
    let v = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError(`truncated varint at byte ${this.pos}`);
      const b = this.buf[this.pos++];
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return Number(BigInt.asIntN(64, v));
      shift += 7n;
    }
    throw new ProtobufError(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  /** The byte range of a length-delimited field: [start, end). */
  lenRange(): [number, number] {
    const n = this.varint();
    const s = this.pos;
    if (s + n > this.end) throw new ProtobufError(`length ${n} at byte ${s} runs past the end (${this.end})`);
    this.pos = s + n;
    return [s, s + n];
  }

  bytes(): Uint8Array {
    const [s, e] = this.lenRange();
    return this.buf.subarray(s, e);
  }

  string(): string {
    return new TextDecoder().decode(this.bytes());
  }

  /** A sub-reader over an embedded message. */
  message(): PbReader {
    const [s, e] = this.lenRange();
    return new PbReader(this.buf, s, e);
  }

  float32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  float64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** Repeated scalar field, packed (LEN) or not: appends to `out`. */
  repeated(out: number[], read: (r: PbReader) => number): void {
    if (this.wire === WIRE_LEN) {
      const sub = this.message();
      while (sub.pos < sub.end) out.push(read(sub));
    } else out.push(read(this));
  }

  skip(): void {
    switch (this.wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_I64:
        this.need(8);
        this.pos += 8;
        return;
      case WIRE_LEN:
        this.lenRange();
        return;
      case WIRE_I32:
        this.need(4);
        this.pos += 4;
        return;
      default:
        throw new ProtobufError(`unsupported wire type ${this.wire} (field ${this.field}) at byte ${this.pos}`);
    }
  }

  private need(n: number): void {
    if (this.pos + n > this.end) throw new ProtobufError(`truncated fixed-width field at byte ${this.pos}`);
  }
}

/** Protobuf writer: appends fields to a growable byte buffer. Embedded messages are written by callbacks. */
export class PbWriter {
  private buf = new Uint8Array(256);
  private len = 0;
  private readonly scratch = new DataView(new ArrayBuffer(8));

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }

  rawVarint(v: number): void {
    this.ensure(10);
    if (v < 0) {
      // int64 two's complement: ten bytes, exact through BigInt.
      let u = BigInt.asUintN(64, BigInt(v));
      while (u >= 128n) {
        this.buf[this.len++] = Number(u & 0x7fn) | 0x80;
        u >>= 7n;
      }
      this.buf[this.len++] = Number(u);
      return;
    }
    while (v >= 128) {
      this.buf[this.len++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.len++] = v;
  }

  private key(field: number, wire: number): void {
    this.rawVarint(field * 8 + wire);
  }

  varint(field: number, v: number): void {
    this.key(field, WIRE_VARINT);
    this.rawVarint(v);
  }

  bytes(field: number, b: Uint8Array): void {
    this.key(field, WIRE_LEN);
    this.rawVarint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  string(field: number, s: string): void {
    this.bytes(field, new TextEncoder().encode(s));
  }

  float32(field: number, v: number): void {
    this.key(field, WIRE_I32);
    this.scratch.setFloat32(0, v, true);
    this.ensure(4);
    for (let i = 0; i < 4; i++) this.buf[this.len++] = this.scratch.getUint8(i);
  }

  message(field: number, write: (w: PbWriter) => void): void {
    const sub = new PbWriter();
    write(sub);
    this.bytes(field, sub.finish());
  }

  packedVarints(field: number, vs: ArrayLike<number>): void {
    const sub = new PbWriter();
    for (let i = 0; i < vs.length; i++) sub.rawVarint(vs[i]);
    this.bytes(field, sub.finish());
  }
}
