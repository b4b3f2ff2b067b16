// Journal + OMS: a seeded stream through JournaledOms, replayed into a fresh OMS, reaches the same
// stateHash (memory and file journals); a journal cut short replays to the state of exactly its prefix.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileJournal, MemoryJournal, scanJournal } from '../../src/journal/index.js';
import { ExecReport, JournaledOms, Oms, replayOms } from '../../src/oms/index.js';
import { OmsOp, OmsOpGenerator, applyOp } from '../../src/oms/generator.js';

function run(front: { submit: Oms['submit'] } & Parameters<typeof applyOp>[0], n: number, seed: number): void {
  const g = new OmsOpGenerator(seed);
  const op = new OmsOp();
  const r = new ExecReport();
  for (let i = 0; i < n; i++) applyOp(front, g.next(op), r);
}

describe('journal replay rebuilds the OMS', () => {
  it('same stateHash after replaying a 20,000-operation journal (memory)', () => {
    const oms = new Oms();
    const j = new MemoryJournal();
    run(new JournaledOms(oms, j), 20_000, 7);
    // the stream exercises the refused and ignored paths too
    expect(oms.illegal).toBeGreaterThan(0);
    expect(oms.duplicates).toBeGreaterThan(0);
    expect(oms.stale).toBeGreaterThan(0);
    expect(oms.unknown).toBeGreaterThan(0);
    expect(oms.reconciled).toBeGreaterThan(0);
    expect(oms.released).toBeGreaterThan(0);
    expect(oms.lateFills).toBeGreaterThan(0);
    const fresh = new Oms();
    const res = replayOms(j, fresh);
    expect(res.status).toBe('ok');
    expect(res.records).toBe(20_000);
    expect(fresh.stateHash()).toBe(oms.stateHash());
    // and a direct run without a journal (the model) agrees
    const model = new Oms();
    run(model, 20_000, 7);
    expect(model.stateHash()).toBe(oms.stateHash());
  });

  it('a prefix of the journal replays to the state of that prefix only', () => {
    const j = new MemoryJournal();
    run(new JournaledOms(new Oms(), j), 3_000, 11);
    const img = j.bytes();
    const cut = Math.floor(img.length * 0.6);
    const r = scanJournal(img, cut);
    expect(r.status).toBe('torn');
    const fresh = new Oms();
    replayOms(MemoryJournal.from(img.subarray(0, cut)), fresh);
    const model = new Oms();
    run(model, r.records, 11);
    expect(fresh.stateHash()).toBe(model.stateHash());
    const other = new Oms();
    run(other, r.records + 1, 11);
    expect(other.stateHash()).not.toBe(model.stateHash());
  });

  it('same stateHash through a file journal reopened after close', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oms-journal-'));
    try {
      const path = join(dir, 'oms.journal');
      const oms = new Oms();
      const j = new FileJournal(path, { fsync: 'batch' });
      run(new JournaledOms(oms, j), 5_000, 3);
      j.close();
      const k = new FileJournal(path);
      expect(k.recovery.status).toBe('ok');
      const fresh = new Oms();
      replayOms(k, fresh);
      expect(fresh.stateHash()).toBe(oms.stateHash());
      k.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
