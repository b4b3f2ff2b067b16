// Nasdaq BinaryFILE replay (each ITCH message preceded by a 2-byte big-endian length) into a BookSink,
// and the writer for the same format.
//
// replayItch reads plain files with fs reads into one reused 4 MiB buffer and `.gz` files through
// zlib's streaming gunzip (multi-member files included); both feed one ItchStreamDecoder (framing.ts)
// driving an ItchBookHandler (book-handler.ts). Errors in the data are counted in FeedStats with their
// byte offset in the decompressed stream; a damaged gzip stream (e.g. a truncated download) ends the
// replay cleanly with an error sample; a missing or unreadable file rejects the promise.
//
// ItchFileWriter is synchronous (the generator and the simulator's recorder call it from their loops):
// framed messages collect in a 1 MiB buffer written with fs.writeSync; with gzip each flushed buffer
// becomes one gzip member (RFC 1952 allows concatenated members; gunzip, zcat and replayItch read them).

import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip, gzipSync } from 'node:zlib';
import type { FeedStats, ReplayOptions } from '../types.js';
import { ItchBookHandler } from './book-handler.js';
import { encodeItch } from './codec.js';
import { ItchStreamDecoder } from './framing.js';
import type { ItchMessage } from './message.js';

const READ_CHUNK = 4 * 1024 * 1024;

export async function replayItch(path: string, opts: ReplayOptions): Promise<FeedStats> {
  const handler = new ItchBookHandler(opts.books, opts.registry);
  const dec = new ItchStreamDecoder(handler, { onRecord: opts.onRecord });
  await pumpFile(path, dec);
  dec.end();
  return dec.stats();
}

/** Pushes the (decompressed) bytes of `path` into `dec`; does not call dec.end(). */
export async function pumpFile(path: string, dec: ItchStreamDecoder): Promise<void> {
  if (path.toLowerCase().endsWith('.gz')) {
    const fh = await open(path, 'r'); // a missing file rejects here, before any stream exists
    const src = createReadStream('', { fd: fh, highWaterMark: 1 << 20 });
    const gz = createGunzip({ chunkSize: 1 << 18 });
    let srcError: Error | undefined;
    src.on('error', (e) => {
      srcError = e;
      gz.destroy(e);
    });
    src.pipe(gz);
    try {
      for await (const chunk of gz) dec.push(chunk as Buffer);
    } catch (e) {
      if (srcError !== undefined) throw srcError;
      dec.error(dec.position, `gzip: ${(e as Error).message}`);
    } finally {
      src.destroy();
    }
    return;
  }
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, READ_CHUNK, null);
      if (bytesRead === 0) break;
      dec.push(buf, 0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

export interface ItchFileWriterOptions {
  /** Gzip the output (default: when the path ends in .gz). */
  gzip?: boolean;
  /** Bytes collected before a write (default 1 MiB). */
  bufferSize?: number;
  /** Append to an existing file instead of replacing it (a gzip file gains members). */
  append?: boolean;
}

export class ItchFileWriter {
  messages = 0;
  /** Uncompressed bytes written (length prefixes included). */
  bytes = 0;
  private readonly fd: number;
  private readonly gzip: boolean;
  private buf: Buffer;
  private used = 0;
  private closed = false;

  constructor(path: string, opts: ItchFileWriterOptions = {}) {
    this.gzip = opts.gzip ?? path.toLowerCase().endsWith('.gz');
    this.buf = Buffer.allocUnsafe(Math.max(opts.bufferSize ?? 1 << 20, 1 << 17)); // >= one 64 KiB frame
    this.fd = openSync(path, opts.append ? 'a' : 'w');
  }

  /** Appends one message buf[off, off+len) (type byte first) with its length prefix. */
  writeRaw(src: Uint8Array, off: number, len: number): void {
    if (len < 1 || len > 0xffff) throw new Error(`ITCH message length ${len} out of range`);
    if (this.used + 2 + len > this.buf.length) this.flush();
    const b = this.buf;
    b.writeUInt16BE(len, this.used);
    if (len <= 64) for (let i = 0; i < len; i++) b[this.used + 2 + i] = src[off + i];
    else b.set(src.subarray(off, off + len), this.used + 2);
    this.used += 2 + len;
    this.messages++;
    this.bytes += 2 + len;
  }

  /** Encodes and appends `msg`; returns the bytes written (with prefix) or a negative ItchStatus. */
  write(msg: ItchMessage): number {
    if (this.used + 2 + 64 > this.buf.length) this.flush();
    const n = encodeItch(msg, this.buf, this.used + 2);
    if (n < 0) return n;
    this.buf.writeUInt16BE(n, this.used);
    this.used += 2 + n;
    this.messages++;
    this.bytes += 2 + n;
    return n + 2;
  }

  flush(): void {
    if (this.used === 0) return;
    const data = this.gzip ? gzipSync(this.buf.subarray(0, this.used)) : this.buf.subarray(0, this.used);
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off, data.length - off);
    this.used = 0;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    closeSync(this.fd);
  }
}

/** Writes `messages` as a BinaryFILE (gzipped when the path ends in .gz); returns the message count. */
export function writeItchFile(path: string, messages: Iterable<ItchMessage>): number {
  const w = new ItchFileWriter(path);
  try {
    for (const m of messages) {
      const n = w.write(m);
      if (n < 0) throw new Error(`cannot encode ITCH message of type '${m.type}' (status ${-n})`);
    }
  } finally {
    w.close();
  }
  return w.messages;
}
