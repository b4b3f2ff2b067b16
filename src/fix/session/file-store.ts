// Durable message store (issue 3, item 4): one append-only file per session holding every sent
// message and every sequence-number change as checksummed records. A record is written with a
// synchronous write() BEFORE the message goes to the socket, so it survives kill -9 of the process;
// surviving power loss needs fsync, chosen by the policy:
//   none  - never fsync (the OS flushes when it likes; survives process crashes, not power loss)
//   batch - fsync when sync() is called (the owner's timer, e.g. every 10 ms) or every `batchRecords`
//           records, whichever comes first (the default)
//   every - fsync after every record (slowest; nothing acknowledged is ever lost)
// Record: magic 0x46 0x53 ('FS'), kind u8, pad u8, seq u32, payload length u32, CRC-32 of
// (kind, seq, payload) u32, payload. Kinds: 1 sent message (payload = bytes, seq = its MsgSeqNum,
// next sender = seq + 1), 2 next target seq (seq), 3 reset (both back to 1, messages dropped),
// 4 next sender seq (seq), 5 creation time (payload: float64 Unix ms); a reset truncates the file (kind 3 is read for compatibility). Opening replays the file; a torn or corrupt tail (a crash mid-write)
// is cut off at the last good record. Sent messages are not kept in memory: an index of offsets
// is, and get() reads them back for a ResendRequest. Cold path apart from append(); the file is
// this process's.

import { openSync, writeSync, readSync, fsyncSync, closeSync, readFileSync, existsSync, mkdirSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageStore } from './store.js';

export type FsyncPolicy = 'none' | 'batch' | 'every';

const HEADER = 16;
const KIND_MSG = 1;
const KIND_TARGET = 2;
const KIND_RESET = 3;
const KIND_SENDER = 4;
const KIND_CREATED = 5;

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 (IEEE) of buf[start, end), continuing from `crc` (pass 0 to start). */
export function crc32(buf: Uint8Array, start = 0, end = buf.length, crc = 0): number {
  let c = ~crc;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

export interface FileStoreOptions {
  dir: string;
  /** File name stem, e.g. "FIX.4.4-ISLD-TW44". */
  name: string;
  fsync?: FsyncPolicy;
  batchRecords?: number;
}

export class FileStore implements MessageStore {
  readonly path: string;
  private readonly fd: number;
  private readonly policy: FsyncPolicy;
  private readonly batchRecords: number;
  private unsynced = 0;
  private sender = 1;
  private target = 1;
  // sent messages stay on disk: the store keeps where each payload is (memory bounded by the index)
  private readonly offsets = new Map<number, number>();
  private readonly lengths = new Map<number, number>();
  private readonly head = Buffer.alloc(HEADER);
  private created = Number.NaN;
  /** Bytes cut off a torn tail when the file was opened (0 after a clean shutdown). */
  readonly truncatedBytes: number;
  /** Records written since open (for tests and metrics). */
  records = 0;

  constructor(opts: FileStoreOptions) {
    mkdirSync(opts.dir, { recursive: true });
    this.path = join(opts.dir, `${opts.name}.store`);
    this.policy = opts.fsync ?? 'batch';
    this.batchRecords = opts.batchRecords ?? 64;
    const good = existsSync(this.path) ? this.replay(readFileSync(this.path)) : { end: 0, size: 0 };
    this.fd = openSync(this.path, existsSync(this.path) ? 'r+' : 'w+');
    this.truncatedBytes = good.size - good.end;
    if (this.truncatedBytes > 0) ftruncateSync(this.fd, good.end);
    this.pos = good.end;
  }

  private pos = 0;

  private replay(file: Buffer): { end: number; size: number } {
    let p = 0;
    while (p + HEADER <= file.length) {
      if (file[p] !== 0x46 || file[p + 1] !== 0x53) break;
      const kind = file[p + 2];
      const seq = file.readUInt32LE(p + 4);
      const len = file.readUInt32LE(p + 8);
      const crc = file.readUInt32LE(p + 12);
      if (p + HEADER + len > file.length) break;
      let c = crc32(file, p + 2, p + 3);
      c = crc32(file, p + 4, p + 8, c);
      c = crc32(file, p + HEADER, p + HEADER + len, c);
      if (c !== crc) break;
      this.apply(kind, seq, file.subarray(p + HEADER, p + HEADER + len), p + HEADER);
      p += HEADER + len;
    }
    return { end: p, size: file.length };
  }

  private apply(kind: number, seq: number, payload: Buffer, offset: number): void {
    if (kind === KIND_MSG) {
      this.offsets.set(seq, offset);
      this.lengths.set(seq, payload.length);
      this.sender = seq + 1;
    } else if (kind === KIND_TARGET) this.target = seq;
    else if (kind === KIND_SENDER) this.sender = seq;
    else if (kind === KIND_CREATED && payload.length === 8) this.created = payload.readDoubleLE(0);
    else if (kind === KIND_RESET) {
      this.sender = 1;
      this.target = 1;
      this.offsets.clear();
      this.lengths.clear();
      this.created = Number.NaN;
    }
  }

  private append(kind: number, seq: number, payload: Uint8Array | null): void {
    const h = this.head;
    const len = payload === null ? 0 : payload.length;
    h[0] = 0x46;
    h[1] = 0x53;
    h[2] = kind;
    h[3] = 0;
    h.writeUInt32LE(seq, 4);
    h.writeUInt32LE(len, 8);
    let c = crc32(h, 2, 3);
    c = crc32(h, 4, 8, c);
    if (payload !== null) c = crc32(payload, 0, len, c);
    h.writeUInt32LE(c, 12);
    // one write for small records keeps a crash from separating header and payload more often
    const rec = payload === null ? h : Buffer.concat([h, payload]);
    writeSync(this.fd, rec, 0, rec.length, this.pos);
    this.pos += rec.length;
    this.records++;
    if (this.policy === 'every') fsyncSync(this.fd);
    else if (this.policy === 'batch' && ++this.unsynced >= this.batchRecords) this.sync();
  }

  /** Flushes to stable storage (policy batch: call it from a timer). */
  sync(): void {
    if (this.unsynced === 0 && this.policy !== 'every') return;
    if (this.policy !== 'none') fsyncSync(this.fd);
    this.unsynced = 0;
  }

  creationMs(): number {
    return this.created;
  }
  setCreationMs(ms: number): void {
    this.created = ms;
    const b = Buffer.alloc(8);
    b.writeDoubleLE(ms, 0);
    this.append(KIND_CREATED, 0, b);
  }
  nextSenderSeq(): number {
    return this.sender;
  }
  nextTargetSeq(): number {
    return this.target;
  }
  setNextSenderSeq(n: number): void {
    if (n === this.sender) return;
    this.sender = n;
    this.append(KIND_SENDER, n, null);
  }
  setNextTargetSeq(n: number): void {
    this.target = n;
    this.append(KIND_TARGET, n, null);
  }
  set(seq: number, msg: Buffer): void {
    const at = this.pos + HEADER;
    this.append(KIND_MSG, seq, msg);
    this.offsets.set(seq, at);
    this.lengths.set(seq, msg.length);
    this.sender = Math.max(this.sender, seq + 1);
  }
  /** Reads the requested messages back from the file (a ResendRequest is a cold path). */
  get(begin: number, end: number): Array<[number, Buffer]> {
    const seqs: number[] = [];
    if (end - begin < this.offsets.size) {
      for (let s = begin; s <= end; s++) if (this.offsets.has(s)) seqs.push(s);
    } else {
      for (const s of this.offsets.keys()) if (s >= begin && s <= end) seqs.push(s);
      seqs.sort((a, b) => a - b);
    }
    return seqs.map((s) => {
      const len = this.lengths.get(s)!;
      const b = Buffer.allocUnsafe(len);
      readSync(this.fd, b, 0, len, this.offsets.get(s)!);
      return [s, b];
    });
  }
  /** An empty file means "both sequence numbers 1, nothing sent": a reset just truncates. */
  reset(): void {
    this.sender = 1;
    this.target = 1;
    this.offsets.clear();
    this.lengths.clear();
    this.created = Number.NaN;
    ftruncateSync(this.fd, 0);
    this.pos = 0;
    if (this.policy !== 'none') fsyncSync(this.fd);
    this.unsynced = 0;
  }

  close(): void {
    this.sync();
    closeSync(this.fd);
  }
}
