// Loading the run configuration: a SYSTEM.yaml (any file the loader recognises as kind `run`, errors as
// file:line:col) or, without one, the embedded default (./defaults.ts), whose journal goes to a fresh
// folder under the OS temp dir per run (the demo starts from its config every time; give a SYSTEM.yaml
// with Journal.Dir, or --journal, to keep stages and records across runs). That folder is removed at a
// clean stop; folders of demos that did not stop cleanly are removed at a later start once a day old.
// Cold path.

import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wallMs } from '../clock/live.js';
import { formatError, loadSpec } from '../config/load.js';
import type { RunSpec } from '../config/run.js';
import { validateRun } from '../config/run.js';
import { DEFAULT_RUN } from './defaults.js';

/** The embedded default journals into a temp folder of its own (removed at a clean stop, see system.ts). */
const DEMO_PREFIX = 'hftbot-demo-';
const STALE_MS = 24 * 3600_000;

/**
 * Removes demo folders a run left behind without a clean stop (killed, crashed): those in which nothing
 * was written for a day, so a demo still running (its journal is written every second) is never touched.
 */
export function pruneDemoFolders(parent: string, nowMs = wallMs()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent).filter((n) => n.startsWith(DEMO_PREFIX));
  } catch {
    return removed;
  }
  for (const n of names) {
    const dir = join(parent, n);
    try {
      let newest = statSync(dir).mtimeMs;
      for (const f of readdirSync(dir)) newest = Math.max(newest, statSync(join(dir, f)).mtimeMs);
      if (nowMs - newest < STALE_MS) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // another process removed or is using it: leave it
    }
  }
  return removed;
}

export type RunConfigResult = { ok: true; spec: RunSpec; file: string | null } | { ok: false; errors: string[] };

export function loadRunConfig(file?: string | null): RunConfigResult {
  if (file === undefined || file === null) {
    const r = validateRun(DEFAULT_RUN, process.cwd(), () => ({ ok: false, message: 'the embedded default has no strategy files' }));
    if (!r.ok) return { ok: false, errors: r.issues.map((i) => `embedded default: ${i.path.join('.')}: ${i.message}`) };
    pruneDemoFolders(tmpdir());
    const dir = mkdtempSync(join(tmpdir(), DEMO_PREFIX));
    return { ok: true, spec: { ...r.value, journal: { ...r.value.journal, dir, temporary: true } }, file: null };
  }
  const r = loadSpec(file);
  if (!r.ok) return { ok: false, errors: r.errors.map(formatError) };
  if (r.kind !== 'run') return { ok: false, errors: [`${file}: a ${r.kind} file, not a run configuration (Strategies:, Market:, Venue:, Server:)`] };
  return { ok: true, spec: r.spec as RunSpec, file };
}
