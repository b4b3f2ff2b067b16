// The journal writer shared by the file and the in-memory journal: builds a record in a reused buffer
// (header, payload, CRC) and hands it to the sink in ONE write, then applies the fsync policy.
// Contract: append()/commit() return only after the sink's write returned (for a file, a synchronous
// write(2): the record is in the OS page cache and survives kill -9 of the process). Durability against
// power loss depends on the policy:
//   none  - never fsync
//   batch - fsync every `batchRecords` records, or `batchMs` after the first unsynced record when a timer
//           is injected (the live clock's setLiveTimeout, or a manual timer in tests); the default
//   every - fsync after each record (nothing acknowledged is lost; slowest)
// Callers write a record as: off = j.begin(type, maxLen); fill j.buf[off, off + len); seq = j.commit(len);
// or append(type, bytes). No allocation per record (the buffer grows only for a larger record).
// Threading: one owner thread (the kernel's). A timer callback runs on the same thread (event loop).

import { crc32 } from './crc32.js';
import { HEADER_BYTES, MAGIC, MAX_PAYLOAD, OVERHEAD } from './format.js';
import type { RecordHandler, ScanResult } from './format.js';

export type FsyncPolicy = 'none' | 'batch' | 'every';

/** The timer the batch policy uses; inject the live clock's (setLiveTimeout/clearLiveTimer) or a manual one. */
export interface JournalTimer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface JournalOptions {
  fsync?: FsyncPolicy;
  /** batch: fsync after this many records (default 64). */
  batchRecords?: number;
  /** batch: fsync this long after the first unsynced record, when a timer is given (default 10 ms). */
  batchMs?: number;
  timer?: JournalTimer | null;
  /** Initial record buffer (grows on demand; default 64 KiB). */
  bufferBytes?: number;
}

export interface Journal {
  readonly policy: FsyncPolicy;
  /** The record buffer: begin() returns where the payload goes in it. */
  readonly buf: Buffer;
  /** seq the next record will get. */
  readonly nextSeq: number;
  /** Records appended through this object (not counting recovered ones). */
  readonly appended: number;
  /** fsync calls made (for tests and the benchmark). */
  readonly syncs: number;
  begin(type: number, maxLen: number): number;
  commit(len: number): number;
  append(type: number, payload: Uint8Array, off?: number, len?: number): number;
  /** Flushes to stable storage now (unless the policy is none). */
  sync(): void;
  /** Verifies the whole journal and feeds its records (seq >= fromSeq) to the handler. */
  replay(handler: RecordHandler, fromSeq?: number): ScanResult;
  close(): void;
}

function put32(b: Buffer, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = v >>> 24;
}

export abstract class JournalWriter implements Journal {
  readonly policy: FsyncPolicy;
  buf: Buffer;
  nextSeq = 1;
  appended = 0;
  syncs = 0;
  private readonly batchRecords: number;
  private readonly batchMs: number;
  private readonly timer: JournalTimer | null;
  private timerHandle: unknown = null;
  private unsynced = 0;
  private type = 0;
  private maxLen = -1;
  private readonly onTimer: () => void;

  constructor(opts: JournalOptions) {
    this.policy = opts.fsync ?? 'batch';
    this.batchRecords = opts.batchRecords ?? 64;
    this.batchMs = opts.batchMs ?? 10;
    this.timer = opts.timer ?? null;
    this.buf = Buffer.alloc(Math.max(opts.bufferBytes ?? 65_536, 256));
    this.onTimer = () => {
      this.timerHandle = null;
      this.sync();
    };
  }

  /** Writes bytes [0, n) of `b` at the end of the journal; returns when the write returned. */
  protected abstract write(b: Buffer, n: number): void;
  /** Makes everything written durable. */
  protected abstract flush(): void;
  abstract replay(handler: RecordHandler, fromSeq?: number): ScanResult;
  protected abstract closeSink(): void;

  begin(type: number, maxLen: number): number {
    if (!(type > 0 && type <= 0xffff) || !(maxLen >= 0 && maxLen <= MAX_PAYLOAD)) throw new RangeError(`journal: bad record type ${type} or length ${maxLen}`);
    if (this.buf.length < maxLen + OVERHEAD) {
      // cold: a record larger than any before
      const nb = Buffer.alloc(Math.max(maxLen + OVERHEAD, this.buf.length * 2));
      this.buf = nb;
    }
    this.type = type;
    this.maxLen = maxLen;
    return HEADER_BYTES;
  }

  commit(len: number): number {
    if (this.maxLen < 0 || len > this.maxLen || len < 0) throw new RangeError('journal: commit without begin, or longer than reserved');
    const b = this.buf;
    const seq = this.nextSeq;
    // byte stores: Buffer.writeUInt32LE validates its arguments on every call
    const t = this.type;
    b[0] = MAGIC & 0xff;
    b[1] = MAGIC >>> 8;
    b[2] = t & 0xff;
    b[3] = t >>> 8;
    put32(b, 4, len);
    put32(b, 8, seq % 4294967296);
    put32(b, 12, Math.floor(seq / 4294967296));
    put32(b, HEADER_BYTES + len, crc32(b, 0, HEADER_BYTES + len));
    this.maxLen = -1;
    this.write(b, len + OVERHEAD);
    this.nextSeq = seq + 1;
    this.appended++;
    if (this.policy === 'every') this.doSync();
    else if (this.policy === 'batch') {
      if (++this.unsynced >= this.batchRecords) this.sync();
      else if (this.timer !== null && this.timerHandle === null) this.timerHandle = this.timer.set(this.onTimer, this.batchMs);
    }
    return seq;
  }

  append(type: number, payload: Uint8Array, off = 0, len = payload.length - off): number {
    const p = this.begin(type, len);
    this.buf.set(payload.subarray(off, off + len), p);
    return this.commit(len);
  }

  sync(): void {
    if (this.timerHandle !== null && this.timer !== null) {
      this.timer.clear(this.timerHandle);
      this.timerHandle = null;
    }
    if (this.policy === 'none' || this.unsynced === 0) {
      this.unsynced = 0;
      return;
    }
    this.doSync();
  }

  private doSync(): void {
    this.flush();
    this.syncs++;
    this.unsynced = 0;
  }

  close(): void {
    this.sync();
    this.closeSink();
  }
}
