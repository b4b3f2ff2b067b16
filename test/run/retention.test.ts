// Journal retention (src/run/retention.ts): the oldest kernel journals go so that Keep remain with the new
// one; other files in the folder, and every file with Keep 0, stay.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateRun } from '../../src/config/run.js';
import { loadRunConfig, pruneDemoFolders } from '../../src/run/config.js';
import { createLogger } from '../../src/run/log.js';
import { pruneJournals } from '../../src/run/retention.js';
import { startSystem } from '../../src/run/system.js';

describe('journal retention', () => {
  const dirs: string[] = [];
  afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
  const folder = (names: string[]): string => {
    const d = mkdtempSync(join(tmpdir(), 'hftbot-retention-'));
    dirs.push(d);
    for (const n of names) writeFileSync(join(d, n), 'x');
    return d;
  };
  const journals = Array.from({ length: 6 }, (_, k) => `kernel-2026112${k}T0800${10 + k}.journal`);

  it('deletes the oldest kernel journals, leaving room for the new one, and nothing else', () => {
    const d = folder([...journals.slice().reverse(), 'stages.log', 'kernel-notes.txt', 'audit.jsonl']);
    expect(pruneJournals(d, 3)).toEqual(journals.slice(0, 4));
    expect(readdirSync(d).sort()).toEqual(['audit.jsonl', 'kernel-notes.txt', ...journals.slice(4), 'stages.log'].sort());
    expect(pruneJournals(d, 3)).toEqual([]); // 2 left: room for one more
  });

  it('keeps everything with Keep 0, and copes with a folder that does not exist yet', () => {
    const d = folder(journals);
    expect(pruneJournals(d, 0)).toEqual([]);
    expect(readdirSync(d)).toHaveLength(6);
    expect(pruneJournals(join(d, 'missing'), 5)).toEqual([]);
  });

  it('reads Journal.Keep from the run config (default 20), refusing a negative count', () => {
    const ok = validateRun({ Journal: { Keep: 5 } }, '/tmp', () => ({ ok: false, message: 'none' }));
    expect(ok.ok && ok.value.journal.keep).toBe(5);
    const def = validateRun({}, '/tmp', () => ({ ok: false, message: 'none' }));
    expect(def.ok && def.value.journal.keep).toBe(20);
    expect(validateRun({ Journal: { Keep: -1 } }, '/tmp', () => ({ ok: false, message: 'none' })).ok).toBe(false);
  });

  it('the embedded default journals into a temporary folder of its own, removed at a clean stop', async () => {
    const cfg = loadRunConfig(null);
    if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
    expect(cfg.spec.journal.temporary).toBe(true);
    dirs.push(cfg.spec.journal.dir);
    const sys = await startSystem(cfg.spec, { port: 0, logger: createLogger({ level: 'silent' }), api: false, processMetrics: false });
    expect(sys.journalDir).toBe(cfg.spec.journal.dir);
    expect(readdirSync(sys.journalDir).some((n) => n.endsWith('.journal'))).toBe(true);
    await sys.stop('test');
    expect(existsSync(cfg.spec.journal.dir)).toBe(false);
  });

  it('removes demo folders nothing was written to for a day, and only those', () => {
    const parent = folder([]);
    const mk = (name: string, ageH: number, fileAgeH: number): void => {
      const d = join(parent, name);
      mkdirSync(d);
      writeFileSync(join(d, 'kernel-x.journal'), 'x');
      const t = (Date.UTC(2026, 10, 22, 12) - fileAgeH * 3600_000) / 1000;
      utimesSync(join(d, 'kernel-x.journal'), t, t);
      const td = (Date.UTC(2026, 10, 22, 12) - ageH * 3600_000) / 1000;
      utimesSync(d, td, td);
    };
    mk('hftbot-demo-old', 48, 30);
    mk('hftbot-demo-running', 48, 0.01); // created long ago, its journal still written
    mk('hftbot-demo-fresh', 1, 1);
    mk('something-else', 100, 100);
    const removed = pruneDemoFolders(parent, Date.UTC(2026, 10, 22, 12));
    expect(removed.map((d) => d.slice(parent.length + 1))).toEqual(['hftbot-demo-old']);
    expect(readdirSync(parent).sort()).toEqual(['hftbot-demo-fresh', 'hftbot-demo-running', 'something-else']);
  });
});
