// MoldUDP64 1.00 packet codec (Nasdaq "MoldUDP64 Protocol Specification").
//
// Downstream packet:  Session (10, alpha) | Sequence Number (8, u64: sequence of the first message) |
//                     Message Count (2) | Message Count x [ Message Length (2) | Message Data ].
//   Count 0 is a heartbeat and count 0xFFFF announces the end of the session; both carry the next
//   sequence number and no messages.
// Request packet (to the re-request server): Session (10) | Sequence Number (8) | Requested Message
//   Count (2). The server answers with ordinary downstream packets sent to the requester.
// All integers big-endian. Sequence numbers start at 1; values must stay below 2^53 (a high word
// >= 2^21 is refused as malformed rather than rounded).

import { Reject } from '../../core/rejects.js';
import { U64_HI_LIMIT } from '../itch/status.js';

/** Parse statuses: 0, or the feed reject code for a bad packet. */
export const MoldStatus = { Ok: 0, BadPacket: Reject.FeedBadPacket } as const;

export const MOLD_SESSION_LENGTH = 10;
export const MOLD_HEADER_LENGTH = 20;
export const MOLD_REQUEST_LENGTH = 20;
export const MOLD_HEARTBEAT = 0;
export const MOLD_END_OF_SESSION = 0xffff;
/** IPv4 + UDP header bytes: a packet's UDP payload is at most mtu - 28. */
export const IP_UDP_OVERHEAD = 28;

const TWO32 = 4294967296;

/** A session name as its 10 wire bytes: ASCII, right-padded with spaces. */
export function moldSession(name: string): Buffer {
  if (name.length > MOLD_SESSION_LENGTH) throw new Error(`MoldUDP64 session "${name}" longer than 10 characters`);
  const b = Buffer.alloc(MOLD_SESSION_LENGTH, 0x20);
  b.write(name, 0, 'latin1');
  return b;
}

/** The session name of a packet (trailing spaces removed). Allocates: logs and cold paths. */
export function moldSessionName(buf: Buffer): string {
  return buf.toString('latin1', 0, MOLD_SESSION_LENGTH).replace(/ +$/, '');
}

/** Header fields of the last packet parsed (reused). */
export class MoldHeader {
  sequence = 0;
  count = 0;
  /** Why the last packet was refused (empty when Ok). */
  problem = '';
}

function readU64(buf: Buffer, off: number): number {
  const hi = buf.readUInt32BE(off);
  return hi >= U64_HI_LIMIT ? -1 : hi * TWO32 + buf.readUInt32BE(off + 4);
}

function writeU64(buf: Buffer, off: number, v: number): void {
  const hi = Math.floor(v / TWO32);
  buf.writeUInt32BE(hi, off);
  buf.writeUInt32BE(v - hi * TWO32, off + 4);
}

/**
 * Validates a downstream packet buf[0, len): header, and that the message blocks exactly fill it.
 * Returns MoldStatus.Ok or MoldStatus.BadPacket (with `out.problem` set).
 */
export function parseMoldPacket(buf: Buffer, len: number, out: MoldHeader): number {
  out.problem = '';
  if (len < MOLD_HEADER_LENGTH || len > buf.length) return fail(out, `packet of ${len} bytes is shorter than the 20-byte header`);
  const seq = readU64(buf, 10);
  if (seq < 0) return fail(out, 'sequence number >= 2^53');
  const count = buf.readUInt16BE(18);
  out.sequence = seq;
  out.count = count;
  if (count === MOLD_HEARTBEAT || count === MOLD_END_OF_SESSION) {
    return len === MOLD_HEADER_LENGTH ? MoldStatus.Ok : fail(out, `${len - MOLD_HEADER_LENGTH} bytes after a heartbeat/end-of-session header`);
  }
  let p = MOLD_HEADER_LENGTH;
  for (let i = 0; i < count; i++) {
    if (p + 2 > len) return fail(out, `message ${i + 1} of ${count}: no length (packet ends at ${len})`);
    const l = buf.readUInt16BE(p);
    if (p + 2 + l > len) return fail(out, `message ${i + 1} of ${count}: length ${l} at byte ${p} runs past the packet end ${len}`);
    p += 2 + l;
  }
  if (p !== len) return fail(out, `${len - p} bytes after the last of ${count} messages`);
  return MoldStatus.Ok;
}

function fail(out: MoldHeader, why: string): number {
  out.problem = why;
  return MoldStatus.BadPacket;
}

/** Writes a downstream header at buf[0, 20). */
export function writeMoldHeader(buf: Buffer, session: Buffer, sequence: number, count: number): void {
  session.copy(buf, 0, 0, MOLD_SESSION_LENGTH);
  writeU64(buf, 10, sequence);
  buf.writeUInt16BE(count, 18);
}

/** Builds a complete downstream packet from whole messages (tests, tools). */
export function encodeMoldPacket(session: Buffer, sequence: number, messages: readonly Uint8Array[]): Buffer {
  let size = MOLD_HEADER_LENGTH;
  for (const m of messages) size += 2 + m.length;
  const buf = Buffer.alloc(size);
  writeMoldHeader(buf, session, sequence, messages.length);
  let p = MOLD_HEADER_LENGTH;
  for (const m of messages) {
    buf.writeUInt16BE(m.length, p);
    buf.set(m, p + 2);
    p += 2 + m.length;
  }
  return buf;
}

/** A heartbeat (count 0) or end-of-session (count 0xFFFF) packet. */
export function encodeMoldControl(session: Buffer, nextSequence: number, count: typeof MOLD_HEARTBEAT | typeof MOLD_END_OF_SESSION): Buffer {
  const buf = Buffer.alloc(MOLD_HEADER_LENGTH);
  writeMoldHeader(buf, session, nextSequence, count);
  return buf;
}

export function encodeMoldRequest(session: Buffer, sequence: number, count: number): Buffer {
  const buf = Buffer.alloc(MOLD_REQUEST_LENGTH);
  writeMoldHeader(buf, session, sequence, count);
  return buf;
}

/** Parses a request packet; Ok or Malformed (exactly 20 bytes, sequence >= 1, count >= 1). */
export function parseMoldRequest(buf: Buffer, len: number, out: MoldHeader): number {
  out.problem = '';
  if (len !== MOLD_REQUEST_LENGTH) return fail(out, `request of ${len} bytes (expected 20)`);
  const seq = readU64(buf, 10);
  if (seq < 1) return fail(out, 'request sequence is 0 or >= 2^53');
  const count = buf.readUInt16BE(18);
  if (count === 0) return fail(out, 'request for 0 messages');
  out.sequence = seq;
  out.count = count;
  return MoldStatus.Ok;
}

/** True when the packet's session bytes equal `session`. */
export function sameSession(buf: Buffer, session: Buffer): boolean {
  return buf.compare(session, 0, MOLD_SESSION_LENGTH, 0, MOLD_SESSION_LENGTH) === 0;
}
