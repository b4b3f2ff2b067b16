// Loading the run configuration: a SYSTEM.yaml (any file the loader recognises as kind `run`, errors as
// file:line:col) or, without one, the embedded default (./defaults.ts), whose journal goes to a fresh
// folder under the OS temp dir per run (the demo starts from its config every time; give a SYSTEM.yaml
// with Journal.Dir to keep stages and records across runs). Cold path.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatError, loadSpec } from '../config/load.js';
import type { RunSpec } from '../config/run.js';
import { validateRun } from '../config/run.js';
import { DEFAULT_RUN } from './defaults.js';

export type RunConfigResult = { ok: true; spec: RunSpec; file: string | null } | { ok: false; errors: string[] };

export function loadRunConfig(file?: string | null): RunConfigResult {
  if (file === undefined || file === null) {
    const r = validateRun(DEFAULT_RUN, process.cwd(), () => ({ ok: false, message: 'the embedded default has no strategy files' }));
    if (!r.ok) return { ok: false, errors: r.issues.map((i) => `embedded default: ${i.path.join('.')}: ${i.message}`) };
    const dir = mkdtempSync(join(tmpdir(), 'hftbot-demo-'));
    return { ok: true, spec: { ...r.value, journal: { ...r.value.journal, dir } }, file: null };
  }
  const r = loadSpec(file);
  if (!r.ok) return { ok: false, errors: r.errors.map(formatError) };
  if (r.kind !== 'run') return { ok: false, errors: [`${file}: a ${r.kind} file, not a run configuration (Strategies:, Market:, Venue:, Server:)`] };
  return { ok: true, spec: r.spec as RunSpec, file };
}
