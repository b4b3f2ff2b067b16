// DBN byte stream: format detection, zstd, framing. Cold setup, allocation-free per record.
//
// Input kinds, detected by magic bytes (not by file name):
//   "DBN" + version          plain DBN (metadata, then records)
//   28 B5 2F FD              zstd (one or more frames; fzstd streaming Decompress), holding plain DBN,
//                            or a metadata-less record fragment when opts.fragmentVersion is given
//   skippable frame + "DBZ"  legacy DBZ: metadata in the skippable frame, records (v1 layouts) in zstd
//   anything else            a plain record fragment when opts.fragmentVersion is given, else an error
// Records are delivered as (buf, offset, byteLength) views into a reused carry buffer, valid only during
// the callback. A record length below 16 bytes cannot be framed past: decoding stops with an error.

import { open } from 'node:fs/promises';
import { Decompress } from 'fzstd';
import { decodeDbnMetadata, decodeDbzMetadata, isSkippableMagic, ZSTD_MAGIC, type DbnMetadata } from './dbn-meta.js';

export interface DbnStreamHandlers {
  onMetadata(meta: DbnMetadata): void;
  /** `version`: DBN version of the record layouts (0 for DBZ = v1 layouts). */
  onRecord(buf: Buffer, off: number, len: number, version: number): void;
}

export interface DbnStreamOptions {
  /** Decode a metadata-less fragment (".dbn.frag") written with this DBN version. */
  fragmentVersion?: number;
  /** Read size in bytes (tests use tiny reads to cross every boundary); default 1 MiB. */
  chunkSize?: number;
}

export interface DbnStreamResult {
  format: 'dbn' | 'dbn.zst' | 'dbz' | 'frag' | 'frag.zst';
  error: string | null;
  /** Bytes left over at the end that do not form a whole record. */
  trailingBytes: number;
}

const CHUNK = 1 << 20;

/** Framing state machine over decompressed DBN bytes. */
export class DbnFramer {
  private buf = Buffer.allocUnsafe(CHUNK * 2);
  private start = 0;
  private end = 0;
  /** 0 prelude, 1 metadata, 2 records, 3 failed */
  private state: number;
  private metaLen = 0;
  version: number;
  error: string | null = null;

  constructor(
    private readonly h: DbnStreamHandlers,
    recordsVersion: number | null,
  ) {
    this.state = recordsVersion === null ? 0 : 2;
    this.version = recordsVersion ?? 0;
  }

  push(chunk: Uint8Array): void {
    if (this.state === 3) return;
    const n = chunk.length;
    if (this.buf.length - this.end < n) {
      const live = this.end - this.start;
      if (this.buf.length - live < n) {
        const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, live + n));
        this.buf.copy(bigger, 0, this.start, this.end);
        this.buf = bigger;
      } else this.buf.copy(this.buf, 0, this.start, this.end);
      this.start = 0;
      this.end = live;
    }
    this.buf.set(chunk, this.end);
    this.end += n;
    this.drain();
  }

  private fail(msg: string): void {
    this.error = msg;
    this.state = 3;
  }

  private drain(): void {
    const b = this.buf;
    if (this.state === 0) {
      if (this.end - this.start < 8) return;
      if (b[this.start] !== 0x44 || b[this.start + 1] !== 0x42 || b[this.start + 2] !== 0x4e) return this.fail('not DBN: missing "DBN" prefix');
      this.version = b[this.start + 3];
      this.metaLen = b.readUInt32LE(this.start + 4);
      this.start += 8;
      this.state = 1;
    }
    if (this.state === 1) {
      if (this.end - this.start < this.metaLen) return;
      const res = decodeDbnMetadata(this.version, Buffer.from(b.subarray(this.start, this.start + this.metaLen)));
      if (!res.ok) return this.fail(res.error);
      this.start += this.metaLen;
      this.state = 2;
      this.h.onMetadata(res.meta);
    }
    if (this.state !== 2) return;
    const h = this.h;
    const v = this.version;
    let s = this.start;
    const e = this.end;
    while (s < e) {
      const len = b[s] * 4;
      if (len < 16) {
        this.start = s;
        return this.fail(`record length ${len} < 16 at stream byte ${s}`);
      }
      if (e - s < len) break;
      h.onRecord(b, s, len, v);
      s += len;
    }
    this.start = s;
  }

  get pending(): number {
    return this.end - this.start;
  }
}

/** Reads a DBN / DBN.zst / DBZ / fragment file and frames its records. */
export async function readDbnFile(path: string, h: DbnStreamHandlers, opts: DbnStreamOptions = {}): Promise<DbnStreamResult> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(12);
    const { bytesRead: headLen } = await fh.read(head, 0, 12, 0);
    const m0 = headLen >= 4 ? head.readUInt32LE(0) : 0;
    const frag = opts.fragmentVersion;
    let framer: DbnFramer;
    let zstd = false;
    let pos = 0;
    let format: DbnStreamResult['format'];
    if (headLen >= 12 && isSkippableMagic(m0) && head.toString('latin1', 8, 11) === 'DBZ') {
      const size = head.readUInt32LE(4);
      const frame = Buffer.alloc(size);
      await fh.read(frame, 0, size, 8);
      const res = decodeDbzMetadata(frame);
      if (!res.ok) return { format: 'dbz', error: res.error, trailingBytes: 0 };
      h.onMetadata(res.meta);
      framer = new DbnFramer(h, 0);
      zstd = true;
      pos = 8 + size;
      format = 'dbz';
    } else if (m0 === ZSTD_MAGIC) {
      framer = new DbnFramer(h, frag ?? null);
      zstd = true;
      format = frag === undefined ? 'dbn.zst' : 'frag.zst';
    } else if (headLen >= 3 && head.toString('latin1', 0, 3) === 'DBN') {
      framer = new DbnFramer(h, null);
      format = 'dbn';
    } else if (frag !== undefined) {
      framer = new DbnFramer(h, frag);
      format = 'frag';
    } else {
      return { format: 'dbn', error: 'unrecognised input: neither DBN, zstd nor DBZ (pass fragmentVersion for a .frag)', trailingBytes: 0 };
    }
    let error: string | null = null;
    const dec = zstd ? new Decompress((data) => framer.push(data)) : null;
    const chunk = Math.max(1, (opts.chunkSize ?? CHUNK) | 0);
    const readBuf = Buffer.allocUnsafe(chunk);
    for (;;) {
      // zstd keeps references to pushed input: give it a fresh chunk; the framer copies, so reuse is fine
      const target = dec ? Buffer.allocUnsafe(chunk) : readBuf;
      const { bytesRead } = await fh.read(target, 0, chunk, pos);
      pos += bytesRead;
      try {
        if (dec) dec.push(target.subarray(0, bytesRead), bytesRead === 0);
        else if (bytesRead > 0) framer.push(target.subarray(0, bytesRead));
      } catch (e) {
        error = `zstd: ${(e as Error).message}`;
        break;
      }
      if (framer.error !== null || bytesRead === 0) break;
    }
    return { format, error: error ?? framer.error, trailingBytes: framer.pending };
  } finally {
    await fh.close();
  }
}
