// The file journal: one append-only file, records written with a synchronous positioned write(2) of the
// whole record, fsync per policy (./journal.ts). Opening recovers: the file is verified end to end; a
// torn or damaged LAST record (and anything after it) is cut with ftruncate before the first append, so
// it can never be half-applied; damage in the middle throws JournalCorruptError (offset included) and
// the file is left untouched for an operator. Recovery reads the whole file into memory (cold path;
// rotate or snapshot when journals grow beyond what that allows). The file belongs to one process.

import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { scanJournal } from './format.js';
import type { RecordHandler, ScanResult } from './format.js';
import { JournalWriter } from './journal.js';
import type { JournalOptions } from './journal.js';
import { JournalCorruptError } from './memory.js';

/** Verifies a journal file without changing it. */
export function verifyJournalFile(path: string): ScanResult {
  const b = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
  return scanJournal(b, b.length);
}

export class FileJournal extends JournalWriter {
  readonly path: string;
  /** What opening found: status, records, bytes cut (totalBytes - validBytes when 'torn'). */
  readonly recovery: ScanResult;
  private fd: number;
  private pos: number;

  constructor(path: string, opts: JournalOptions = {}) {
    super(opts);
    this.path = path;
    const image = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
    const r = scanJournal(image, image.length);
    if (r.status === 'corrupt') throw new JournalCorruptError(r);
    this.recovery = r;
    this.fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
    if (r.validBytes < r.totalBytes) {
      ftruncateSync(this.fd, r.validBytes);
      if (this.policy !== 'none') fsyncSync(this.fd);
    }
    this.pos = r.validBytes;
    this.nextSeq = r.lastSeq + 1;
  }

  /** Bytes cut from a torn tail when the file was opened. */
  get truncatedBytes(): number {
    return this.recovery.totalBytes - this.recovery.validBytes;
  }

  protected write(b: Buffer, n: number): void {
    let done = 0;
    while (done < n) done += writeSync(this.fd, b, done, n - done, this.pos + done);
    this.pos += n;
  }

  protected flush(): void {
    fsyncSync(this.fd);
  }

  protected closeSink(): void {
    closeSync(this.fd);
    this.fd = -1;
  }

  replay(handler: RecordHandler, fromSeq = 0): ScanResult {
    if (this.fd < 0) {
      const img = existsSync(this.path) ? readFileSync(this.path) : Buffer.alloc(0);
      return scanJournal(img, img.length, handler, fromSeq);
    }
    const size = fstatSync(this.fd).size;
    const b = Buffer.alloc(size);
    let got = 0;
    while (got < size) {
      const n = readSync(this.fd, b, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    return scanJournal(b, got, handler, fromSeq);
  }
}
