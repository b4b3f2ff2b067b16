// Framing of a stream of ITCH messages, each preceded by a 2-byte big-endian length (Nasdaq BinaryFILE;
// the same framing as the message blocks of MoldUDP64 and SoupBinTCP payloads).
//
// ItchStreamDecoder accepts arbitrary chunks (`push`), hands every complete message to an
// ItchMessageSink straight from the chunk (no copy), and copies only a message that spans two chunks
// (at most 65537 bytes are ever kept). After each message it calls `onRecord(recordIndex, instrument, ts)`
// (1-based index over every message, including unknown types). Nothing is allocated per message.
//
// Corruption policy (never throws, never loops; every error is counted with its absolute byte offset
// in the decompressed stream, the first few kept as samples):
// - unknown type: counted by type and skipped by its length when the next frame header looks valid (a
//   newer spec revision may add types); otherwise an error followed by resynchronisation;
// - length 0, or a length that is not the known type's spec length: an error; the frame is skipped by its
//   length when the next frame header looks valid (its length is its type's spec length), otherwise the
//   decoder resynchronises: it scans forward byte by byte for the first offset where RESYNC_CHAIN
//   consecutive valid frames start (or valid frames run exactly to end of data);
// - at end of data, a length larger than what is left: an error, then the same resynchronisation on the
//   remaining bytes (a truncated last message just ends the stream).
// Error decisions need a little lookahead (the next frame header); on a live stream a damaged frame is
// therefore decided when more data (or end()) arrives, while valid known-type frames never wait.
// Handler statuses other than Ok (e.g. an order reference >= 2^53) are counted as errors too; the message
// still counts as a record.

import type { FeedStats, RecordObserver } from '../types.js';
import type { ItchMessageSink } from './book-handler.js';
import { ITCH_LENGTH } from './layouts.js';
import { itchStatusName } from './status.js';

const RESYNC_CHAIN = 3;
const APPEND_STEP = 72 * 1024;
const TWO32 = 4294967296;

export interface ItchStreamOptions {
  onRecord?: RecordObserver;
  /** Error descriptions kept in errorSamples (default 20). */
  maxErrorSamples?: number;
}

/** Name of a type byte in FeedStats.byType: the letter, or 0xNN when not printable. */
export function itchTypeName(code: number): string {
  return code > 0x20 && code < 0x7f ? String.fromCharCode(code) : '0x' + code.toString(16).padStart(2, '0');
}

export class ItchStreamDecoder {
  /** Messages per type byte. */
  readonly typeCounts = new Float64Array(256);
  messages = 0;
  errors = 0;
  readonly errorSamples: string[] = [];
  private readonly onRecord: RecordObserver | undefined;
  private readonly maxSamples: number;
  private pending: Buffer = Buffer.allocUnsafe(4096); // grows (doubling) to what a spanning frame needs
  private pendingLen = 0;
  /** Stream offset of pending[0]. */
  private pendingBase = 0;
  /** Stream offset of the next byte pushed. */
  private streamPos = 0;
  private resync = false;
  private resyncFrom = 0;
  private ended = false;

  constructor(
    private readonly sink: ItchMessageSink,
    opts: ItchStreamOptions = {},
  ) {
    this.onRecord = opts.onRecord;
    this.maxSamples = opts.maxErrorSamples ?? 20;
  }

  /** Feeds chunk[start, end). The chunk may be reused by the caller as soon as this returns. */
  push(chunk: Buffer, start = 0, end = chunk.length): void {
    if (this.ended || end <= start) return;
    let cpos = start;
    while (this.pendingLen > 0 && cpos < end) {
      const old = this.pendingLen;
      // Copy only what completes the spanning frame (plus a little lookahead), not a whole step: the rest
      // of the chunk is then read in place. Pending starts at a frame boundary unless resynchronising.
      let take = APPEND_STEP;
      if (!this.resync && old >= 2) take = Math.max(64, 2 + ((this.pending[0] << 8) | this.pending[1]) + 8 - old);
      take = Math.min(end - cpos, take);
      this.append(chunk, cpos, cpos + take);
      const c = this.walk(this.pending, 0, this.pendingLen, false, this.pendingBase);
      if (c >= old) {
        // The spanning message is done; continue straight from the chunk.
        cpos += c - old;
        this.pendingBase += c;
        this.pendingLen = 0;
      } else {
        this.pending.copyWithin(0, c, this.pendingLen);
        this.pendingLen -= c;
        this.pendingBase += c;
        cpos += take;
      }
    }
    if (this.pendingLen === 0 && cpos < end) {
      const base = this.streamPos - start; // stream offset of chunk[0]
      const c = this.walk(chunk, cpos, end, false, base);
      this.pendingLen = 0;
      this.pendingBase = base + c;
      this.append(chunk, c, end);
    }
    this.streamPos += end - start;
  }

  /** End of data: decides what is left (a truncated final message is an error). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.pendingLen > 0) this.walk(this.pending, 0, this.pendingLen, true, this.pendingBase);
    this.pendingLen = 0;
  }

  /** Bytes pushed so far. */
  get position(): number {
    return this.streamPos;
  }

  /** Counts so far as FeedStats (cold: allocates). */
  stats(): FeedStats {
    const byType: Record<string, number> = {};
    for (let c = 0; c < 256; c++) if (this.typeCounts[c] > 0) byType[itchTypeName(c)] = this.typeCounts[c];
    return { messages: this.messages, byType, errors: this.errors, errorSamples: this.errorSamples.slice() };
  }

  /** Records one error at stream offset `at` (the description is built only while samples are kept). */
  error(at: number, what: string | (() => string)): void {
    this.errors++;
    this.sample(at, what);
  }

  private sample(at: number, what: string | (() => string)): void {
    if (this.errorSamples.length < this.maxSamples) {
      this.errorSamples.push(`offset ${at}: ${typeof what === 'string' ? what : what()}`);
    }
  }

  private append(src: Buffer, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    if (this.pendingLen + n > this.pending.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.pending.length * 2, this.pendingLen + n));
      this.pending.copy(bigger, 0, 0, this.pendingLen);
      this.pending = bigger;
    }
    src.copy(this.pending, this.pendingLen, from, to);
    this.pendingLen += n;
  }

  /**
   * Consumes frames from buf[p, end); returns the first byte not consumed (kept for the next push).
   * `base` is the stream offset of buf[0]. With eof, consumes everything.
   */
  private walk(buf: Buffer, p: number, end: number, eof: boolean, base: number): number {
    const sink = this.sink;
    const lengths = ITCH_LENGTH;
    const counts = this.typeCounts;
    const onRecord = this.onRecord;
    for (;;) {
      if (this.resync) {
        const q = this.scan(buf, p, end, eof);
        if (this.resync) return q; // need more data (or nothing valid left at eof)
        const at = base + q;
        // Not a new error: the skip belongs to the error that started the resynchronisation.
        this.sample(this.resyncFrom, () => `resynchronised at offset ${at} (skipped ${at - this.resyncFrom} bytes)`);
        p = q;
      }
      const avail = end - p;
      if (avail < 2) {
        if (eof && avail > 0) this.error(base + p, 'truncated length prefix at end of data');
        return eof ? end : p;
      }
      const len = (buf[p] << 8) | buf[p + 1];
      if (avail < 2 + len) {
        if (!eof) return p;
        this.error(base + p, () => `length ${len} but only ${avail - 2} bytes left`);
        this.startResync(base + p + 1);
        p++;
        continue;
      }
      const t = len > 0 ? buf[p + 2] : -1;
      const spec = t >= 0 ? lengths[t] : -1;
      if (spec === len) {
        const status = sink.onMessage(buf, p + 2, len);
        this.messages++;
        counts[t]++;
        if (status !== 0) this.error(base + p, () => `type ${itchTypeName(t)}: ${itchStatusName(status)}`);
        if (onRecord !== undefined) onRecord(this.messages, sink.instrument, sink.ts);
        p += 2 + len;
        continue;
      }
      if (spec === 0) {
        // Unknown type: count and skip when the next frame header confirms the length (a later spec
        // revision may add types); otherwise it is garbage, and trusting its length could skip up to
        // 64 KiB of good messages.
        const v = this.plausibleAt(buf, p + 2 + len, end, eof);
        if (v < 0) return p;
        if (v === 0) {
          this.error(base + p, () => `unknown type ${itchTypeName(t)} with length ${len} not followed by a valid frame`);
          this.startResync(base + p + 1);
          p++;
          continue;
        }
        // All ITCH types share the header, so its timestamp is read if present.
        this.messages++;
        counts[t]++;
        if (onRecord !== undefined) {
          const ts = len >= 11 ? ((buf[p + 7] << 8) | buf[p + 8]) * TWO32 + buf.readUInt32BE(p + 9) : sink.ts;
          onRecord(this.messages, -1, ts);
        }
        p += 2 + len;
        continue;
      }
      // Length 0, or a known type with the wrong length.
      const next = p + 2 + len;
      const v = this.plausibleAt(buf, next, end, eof);
      if (v < 0) return p;
      this.error(base + p, () => (len === 0 ? 'zero length' : `type ${itchTypeName(t)} length ${len}, spec ${spec}`));
      if (v === 1) {
        p = next;
      } else {
        this.startResync(base + p + 1);
        p++;
      }
    }
  }

  private startResync(at: number): void {
    this.resync = true;
    this.resyncFrom = at;
  }

  /** 1: a valid frame header (or exactly end of data) at q; 0: not; -1: need more data to tell. */
  private plausibleAt(buf: Buffer, q: number, end: number, eof: boolean): number {
    if (q === end && eof) return 1;
    if (end - q < 3) return eof ? 0 : -1;
    const l = (buf[q] << 8) | buf[q + 1];
    return l !== 0 && ITCH_LENGTH[buf[q + 2]] === l ? 1 : 0;
  }

  /** Resync scan from p; clears `resync` and returns the offset when a valid chain starts there. */
  private scan(buf: Buffer, p: number, end: number, eof: boolean): number {
    for (let q = p; q < end; q++) {
      const v = this.chainAt(buf, q, end, eof);
      if (v < 0) return q;
      if (v === 1) {
        this.resync = false;
        return q;
      }
    }
    return end;
  }

  private chainAt(buf: Buffer, q: number, end: number, eof: boolean): number {
    let r = q;
    for (let k = 0; k < RESYNC_CHAIN; k++) {
      if (k > 0 && r === end && eof) return 1;
      if (end - r < 3) return eof ? 0 : -1;
      const l = (buf[r] << 8) | buf[r + 1];
      if (l === 0 || ITCH_LENGTH[buf[r + 2]] !== l) return 0;
      r += 2 + l;
      if (r > end) return eof ? 0 : -1;
    }
    return 1;
  }
}
