// The journal format, the fsync policies, and recovery: a torn or damaged last record is cut, damage in
// the middle stops recovery with its offset, and the file journal does the same on disk.
import { describe, expect, it } from 'vitest';
import * as zlib from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../../src/core/rng.js';
import {
  FileJournal, JournalCorruptError, MemoryJournal, liveJournalTimer, OVERHEAD, crc32, crc32Reference, scanJournal, verifyJournalFile,
} from '../../src/journal/index.js';
import type { JournalTimer } from '../../src/journal/index.js';

/** A journal of n records with seeded payloads (type 0x0700 + i % 5, 0..40 bytes). */
function build(n: number, seed = 1): { j: MemoryJournal; payloads: Buffer[] } {
  const rng = new Rng(seed);
  const j = new MemoryJournal({ fsync: 'none' });
  const payloads: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const p = Buffer.alloc(rng.int(41));
    for (let k = 0; k < p.length; k++) p[k] = rng.int(256);
    payloads.push(p);
    expect(j.append(0x0700 + (i % 5), p)).toBe(i + 1);
  }
  return { j, payloads };
}

function collect(j: { replay: MemoryJournal['replay'] }): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  j.replay((type, seq, buf, off, len) => out.push([type, seq, Buffer.from(buf.subarray(off, off + len)).toString('hex')]));
  return out;
}

describe('crc32', () => {
  it('matches the published check value, its reference twin, and node:zlib where it exists', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32Reference(Buffer.from('123456789'))).toBe(0xcbf43926);
    const z = (zlib as unknown as { crc32?: (b: Uint8Array) => number }).crc32;
    const rng = new Rng(5);
    for (let t = 0; t < 50; t++) {
      const b = Buffer.alloc(rng.int(300));
      for (let i = 0; i < b.length; i++) b[i] = rng.int(256);
      if (z) expect(crc32(b)).toBe(z(b));
      const cut = rng.int(b.length + 1);
      expect(crc32(b, cut, b.length, crc32(b, 0, cut))).toBe(crc32(b));
      const from = rng.int(b.length + 1);
      const to = from + rng.int(b.length - from + 1);
      expect(crc32(b, from, to)).toBe(crc32Reference(b, from, to));
    }
  });
});

describe('memory journal', () => {
  it('replays every record with its type, seq and payload', () => {
    const { j, payloads } = build(200);
    const got = collect(j);
    expect(got).toHaveLength(200);
    got.forEach(([type, seq, hex], i) => {
      expect(type).toBe(0x0700 + (i % 5));
      expect(seq).toBe(i + 1);
      expect(hex).toBe(payloads[i].toString('hex'));
    });
    expect(j.byteLength).toBe(payloads.reduce((a, p) => a + p.length + OVERHEAD, 0));
  });

  it('cuts a torn last record at every possible cut point and keeps all earlier records', () => {
    const { j, payloads } = build(20);
    const img = j.bytes();
    const lastStart = img.length - (payloads[19].length + OVERHEAD);
    for (let cut = lastStart + 1; cut < img.length; cut++) {
      const r = scanJournal(img, cut);
      expect(r.status, `cut at ${cut}`).toBe('torn');
      expect(r.records).toBe(19);
      expect(r.validBytes).toBe(lastStart);
      const k = MemoryJournal.from(img.subarray(0, cut));
      expect(k.byteLength).toBe(lastStart);
      expect(k.nextSeq).toBe(20);
      expect(k.append(0x0701, Buffer.from('next'))).toBe(20); // appending resumes cleanly
      expect(collect(k)).toHaveLength(20);
    }
  });

  it('cuts a damaged (bit-flipped) last record and a zero-filled tail', () => {
    const { j } = build(10);
    const img = j.bytes();
    img[img.length - 6] ^= 0x10;
    const r = scanJournal(img);
    expect(r.status).toBe('torn');
    expect(r.records).toBe(9);
    const zeros = Buffer.concat([build(10).j.bytes(), Buffer.alloc(4096)]);
    const z = scanJournal(zeros);
    expect(z.status).toBe('torn');
    expect(z.records).toBe(10);
    expect(z.totalBytes - z.validBytes).toBe(4096);
  });

  it('stops with the offset on damage in the middle, and feeds nothing to the handler', () => {
    const { j, payloads } = build(30);
    const img = j.bytes();
    let off = 0;
    for (let i = 0; i < 12; i++) off += payloads[i].length + OVERHEAD;
    img[off + 17] ^= 0xff; // inside record 13 (header or payload)
    let fed = 0;
    const r = scanJournal(img, img.length, () => fed++);
    expect(r.status).toBe('corrupt');
    expect(r.errorOffset).toBe(off);
    expect(r.records).toBe(12);
    expect(fed).toBe(0);
    expect(() => MemoryJournal.from(img)).toThrow(JournalCorruptError);
    try {
      MemoryJournal.from(img);
    } catch (e) {
      expect((e as JournalCorruptError).offset).toBe(off);
    }
  });

  it('treats a seq discontinuity as corruption (a spliced journal)', () => {
    const a = build(5).j.bytes();
    const spliced = Buffer.concat([a, a]);
    const r = scanJournal(spliced);
    expect(r.status).toBe('corrupt');
    expect(r.errorOffset).toBe(a.length);
  });
});

describe('fsync policies', () => {
  class ManualTimer implements JournalTimer {
    fn: (() => void) | null = null;
    sets = 0;
    set(fn: () => void): unknown {
      this.fn = fn;
      this.sets++;
      return this.sets;
    }
    clear(): void {
      this.fn = null;
    }
    fire(): void {
      const f = this.fn;
      this.fn = null;
      f?.();
    }
  }
  const p = Buffer.from('x');

  it('every: one sync per record; none: never', () => {
    const e = new MemoryJournal({ fsync: 'every' });
    const n = new MemoryJournal({ fsync: 'none' });
    for (let i = 0; i < 10; i++) {
      e.append(0x0701, p);
      n.append(0x0701, p);
    }
    n.sync();
    expect(e.syncs).toBe(10);
    expect(n.syncs).toBe(0);
  });

  it('batch (the default): every N records, or T ms after the first unsynced record via the injected timer', () => {
    const t = new ManualTimer();
    const j = new MemoryJournal({ batchRecords: 4, batchMs: 5, timer: t });
    expect(j.policy).toBe('batch');
    for (let i = 0; i < 9; i++) j.append(0x0701, p);
    expect(j.syncs).toBe(2); // after records 4 and 8
    expect(t.fn).not.toBeNull(); // record 9 armed the timer
    t.fire();
    expect(j.syncs).toBe(3);
    t.fire(); // nothing pending: no extra sync
    expect(j.syncs).toBe(3);
    j.append(0x0701, p);
    j.close();
    expect(j.syncs).toBe(4);
  });
});

describe('live timer', () => {
  it('batch policy with the live timer syncs after batchMs without further appends', async () => {
    const j = new MemoryJournal({ batchRecords: 1000, batchMs: 5, timer: liveJournalTimer() });
    j.append(0x0701, Buffer.from('x'));
    expect(j.syncs).toBe(0);
    for (let i = 0; i < 100 && j.syncs === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(j.syncs).toBe(1);
    j.close();
  });
});

describe('file journal', () => {
  it('reopens with every record, cuts a torn tail on disk, refuses middle damage leaving the file alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    try {
      const path = join(dir, 'j.bin');
      const a = new FileJournal(path, { fsync: 'every' });
      for (let i = 0; i < 50; i++) a.append(0x0702, Buffer.from(`record ${i}`));
      expect(a.syncs).toBe(50);
      a.close();
      const good = statSync(path).size;
      appendFileSync(path, readFileSync(path).subarray(0, 13)); // a torn partial record
      expect(verifyJournalFile(path).status).toBe('torn');
      const b = new FileJournal(path);
      expect(b.truncatedBytes).toBe(13);
      expect(statSync(path).size).toBe(good);
      expect(b.recovery.records).toBe(50);
      expect(b.append(0x0702, Buffer.from('after'))).toBe(51);
      const got = collect(b);
      expect(got).toHaveLength(51);
      expect(Buffer.from(got[50][2], 'hex').toString()).toBe('after');
      b.close();
      expect(collect(b)).toHaveLength(51); // replay after close reads the file
      const img = readFileSync(path);
      img[OVERHEAD + 12] ^= 1; // record 2
      writeFileSync(path, img);
      expect(() => new FileJournal(path)).toThrow(JournalCorruptError);
      expect(readFileSync(path).equals(img)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
