// `hftbot validate FILE...` (issue 5, item 8): validates spec files of any kind (the kind from a `kind:`
// key or the top-level keys; src/config). FIX session settings (a top-level `sessions:` list) go through
// their own schema in src/fix/config.ts, which this command reaches so that config does not import fix.
// Prints `FILE: ok (kind)` per valid file and `file:line:col: message` per
// error; exit status 0 when every file is valid, else 1. `--json` prints the normalised objects.

import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { formatError, loadSpec, type LoadResult } from '../../config/index.js';
import { FixSettingsError, parseFixSettings } from '../../fix/config.js';

type FileResult = LoadResult | { ok: true; kind: 'fix-settings'; spec: unknown };

/** FIX session settings when the file is one (a map with a `sessions` key), else null. */
function asFixSettings(file: string): FileResult | null {
  let text: string;
  let doc: unknown;
  try {
    text = readFileSync(file, 'utf8');
    doc = parse(text);
  } catch {
    return null; // unreadable or not YAML: loadSpec says so with a position
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !Object.keys(doc).includes('sessions')) return null;
  try {
    return { ok: true, kind: 'fix-settings', spec: parseFixSettings(text, file) };
  } catch (err) {
    if (!(err instanceof FixSettingsError)) throw err;
    const m = /^(.*):(\d+):(\d+): (.*)$/s.exec(err.message);
    if (m === null) return { ok: false, errors: [{ file, line: 1, col: 1, message: err.message }] };
    return { ok: false, errors: [{ file: m[1], line: Number(m[2]), col: Number(m[3]), message: m[4] }] };
  }
}

export interface ValidateOutput { lines: string[]; ok: boolean; results: Array<{ file: string; result: FileResult }> }

/** The command's work without the process: what it prints and whether every file is valid. */
export function validateFiles(files: string[]): ValidateOutput {
  const lines: string[] = [];
  const results: ValidateOutput['results'] = [];
  let ok = true;
  for (const file of files) {
    const result = asFixSettings(file) ?? loadSpec(file);
    results.push({ file, result });
    if (result.ok) lines.push(`${file}: ok (${result.kind})`);
    else {
      ok = false;
      for (const e of result.errors) lines.push(formatError(e));
    }
  }
  return { lines, ok, results };
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('validate YAML spec files (strategy, alerts, run, system, action, task, prompt, FIX settings); errors as file:line:col')
    .argument('<files...>', 'YAML files')
    .option('--json', 'also print the normalised objects as one JSON line')
    .action((files: string[], o: { json?: boolean }) => {
      const out = validateFiles(files);
      for (const { file, result } of out.results) {
        if (result.ok) process.stdout.write(`${file}: ok (${result.kind})\n`);
        else for (const e of result.errors) process.stderr.write(`${formatError(e)}\n`);
      }
      if (o.json === true) {
        const specs = out.results.map(({ file, result }) => (result.ok ? { file, kind: result.kind, spec: result.spec } : { file, errors: result.errors }));
        process.stdout.write(`${JSON.stringify(specs)}\n`);
      }
      process.exitCode = out.ok ? 0 : 1;
    });
}
