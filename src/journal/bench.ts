// Benchmark of journal appends per fsync policy, and of recovery (verify + replay) speed.
// Records carry a 72-byte payload (the size of an OMS execution report record: 92 bytes with framing).
// Policies: memory (no file; its buffer reused across passes), file none, file batch (fsync every 64 records,
// the default, and every 1,024, no timer), file every
// (fsync per record: far fewer records, it is bounded by the disk's flush latency). Files live in the OS
// temp folder, whose file system decides the fsync cost: state it with the figures. Median of `reps`.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monoNs } from '../clock/live.js';
import { FileJournal } from './file.js';
import type { FsyncPolicy, Journal } from './journal.js';
import { MemoryJournal } from './memory.js';

export interface JournalBenchRow {
  policy: 'memory' | FsyncPolicy;
  batchRecords: number | null;
  records: number;
  appendsPerSecond: number;
  nsPerAppend: number;
  syncs: number;
  megabytesPerSecond: number;
}

export interface JournalBenchResult {
  payloadBytes: number;
  recordBytes: number;
  rows: JournalBenchRow[];
  /** Recovery of the largest file: verify CRCs and feed every record to a no-op handler. */
  replayRecordsPerSecond: number;
  tmpdir: string;
}

const PAYLOAD = 72;

function appendLoop(j: Journal, n: number): number {
  const t0 = monoNs();
  for (let i = 0; i < n; i++) {
    const p = j.begin(0x0604, PAYLOAD);
    j.buf.writeDoubleLE(i, p);
    j.buf.writeDoubleLE(i * 3, p + 8);
    j.commit(PAYLOAD);
  }
  return monoNs() - t0;
}

export function benchJournal(n = 500_000, everyN = 2_000, reps = 3): JournalBenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'journal-bench-'));
  const rows: JournalBenchRow[] = [];
  let replayRate = 0;
  const rec = PAYLOAD + 20;
  try {
    const cases: Array<{ policy: 'memory' | FsyncPolicy; count: number; batch: number }> = [
      { policy: 'memory', count: n, batch: 0 },
      { policy: 'none', count: n, batch: 0 },
      { policy: 'batch', count: n, batch: 64 },
      { policy: 'batch', count: n, batch: 1024 },
      { policy: 'every', count: everyN, batch: 0 },
    ];
    let run = 0;
    // one memory journal, cleared per pass: the timed passes reuse the buffer the warm-up pass grew
    const mem = new MemoryJournal({ fsync: 'none' });
    for (const c of cases) {
      const times: number[] = [];
      let syncs = 0;
      for (let r = 0; r <= reps; r++) {
        const path = join(dir, `j${run++}.bin`);
        if (c.policy === 'memory') mem.clear();
        const j: Journal = c.policy === 'memory' ? mem : new FileJournal(path, { fsync: c.policy, batchRecords: c.batch > 0 ? c.batch : 64 });
        const dt = appendLoop(j, c.count);
        syncs = j.syncs;
        if (c.policy === 'none' && r === reps) {
          let seen = 0;
          const t0 = monoNs();
          const res = j.replay(() => seen++);
          const rt = monoNs() - t0;
          if (res.records !== c.count || seen !== c.count) throw new Error('benchJournal: replay lost records');
          replayRate = (c.count / rt) * 1e9;
        }
        if (c.policy !== 'memory') j.close();
        if (r > 0) times.push(dt); // pass 0 warms up
      }
      times.sort((a, b) => a - b);
      const med = times[times.length >> 1];
      rows.push({
        policy: c.policy,
        batchRecords: c.policy === 'batch' ? c.batch : null,
        records: c.count,
        appendsPerSecond: (c.count / med) * 1e9,
        nsPerAppend: med / c.count,
        syncs,
        megabytesPerSecond: ((c.count * rec) / med) * 1e3,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { payloadBytes: PAYLOAD, recordBytes: rec, rows, replayRecordsPerSecond: replayRate, tmpdir: tmpdir() };
}
