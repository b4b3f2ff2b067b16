// An in-memory journal with the file journal's API, format and policy logic, for tests and backtests:
// records go to a growable byte array; flush() only counts. bytes() gives the exact file image, so a
// test can damage it and recover it like a file (MemoryJournal.from).

import { scanJournal } from './format.js';
import type { RecordHandler, ScanResult } from './format.js';
import { JournalWriter } from './journal.js';
import type { JournalOptions } from './journal.js';

export class MemoryJournal extends JournalWriter {
  private data: Buffer;
  private size = 0;
  /** What recovery found when built with from(); null for a fresh journal. */
  recovery: ScanResult | null = null;

  constructor(opts: JournalOptions = {}) {
    super(opts);
    this.data = Buffer.alloc(1 << 16);
  }

  /** Recovers a journal image (as a file journal would): a torn tail is cut; 'corrupt' throws. */
  static from(image: Uint8Array, opts: JournalOptions = {}): MemoryJournal {
    const r = scanJournal(image, image.length);
    if (r.status === 'corrupt') throw new JournalCorruptError(r);
    const j = new MemoryJournal(opts);
    j.writeRaw(image, r.validBytes);
    j.nextSeq = r.lastSeq + 1;
    j.recovery = r;
    return j;
  }

  private writeRaw(b: Uint8Array, n: number): void {
    if (this.size + n > this.data.length) {
      let cap = this.data.length * 2;
      while (cap < this.size + n) cap *= 2;
      const nd = Buffer.alloc(cap);
      this.data.copy(nd, 0, 0, this.size);
      this.data = nd;
    }
    const d = this.data;
    const at = this.size;
    // a byte loop beats subarray()+set() (an object per call) for records of a few dozen bytes
    if (n <= 256) for (let i = 0; i < n; i++) d[at + i] = b[i];
    else d.set(b.subarray(0, n), at);
    this.size += n;
  }

  protected write(b: Buffer, n: number): void {
    this.writeRaw(b, n);
  }

  protected flush(): void {}

  protected closeSink(): void {}

  /** Drops every record but keeps the capacity (benchmarks, backtest restarts); seq starts again at 1. */
  clear(): void {
    this.size = 0;
    this.nextSeq = 1;
    this.recovery = null;
  }

  /** A copy of the journal's bytes (the file image). */
  bytes(): Buffer {
    return Buffer.from(this.data.subarray(0, this.size));
  }

  get byteLength(): number {
    return this.size;
  }

  replay(handler: RecordHandler, fromSeq = 0): ScanResult {
    return scanJournal(this.data, this.size, handler, fromSeq);
  }
}

/** A journal damaged before its last record: recovery must stop (the offset says where). */
export class JournalCorruptError extends Error {
  readonly offset: number;
  readonly scan: ScanResult;
  constructor(scan: ScanResult) {
    super(`journal corrupt at offset ${scan.errorOffset}: ${scan.reason}`);
    this.name = 'JournalCorruptError';
    this.offset = scan.errorOffset;
    this.scan = scan;
  }
}
