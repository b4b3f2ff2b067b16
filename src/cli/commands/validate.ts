// `hftbot validate FILE...` (issue 5, item 8): validates spec files of any kind (the kind from a `kind:`
// key or the top-level keys). Prints `FILE: ok (kind)` per valid file and `file:line:col: message` per
// error; exit status 0 when every file is valid, else 1. `--json` prints the normalised objects.

import type { Command } from 'commander';
import { formatError, loadSpec, type LoadResult } from '../../config/index.js';

export interface ValidateOutput { lines: string[]; ok: boolean; results: Array<{ file: string; result: LoadResult }> }

/** The command's work without the process: what it prints and whether every file is valid. */
export function validateFiles(files: string[]): ValidateOutput {
  const lines: string[] = [];
  const results: ValidateOutput['results'] = [];
  let ok = true;
  for (const file of files) {
    const result = loadSpec(file);
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
    .description('validate YAML spec files (strategy, alerts, run, system, action, task, prompt); errors as file:line:col')
    .argument('<files...>', 'YAML files')
    .option('--json', 'also print the normalised objects as one JSON line')
    .action((files: string[], o: { json?: boolean }) => {
      const out = validateFiles(files);
      const errLines = out.lines.filter((l) => !/: ok \([a-z]+\)$/.test(l));
      for (const l of out.lines) (errLines.includes(l) ? process.stderr : process.stdout).write(`${l}\n`);
      if (o.json === true) {
        const specs = out.results.map(({ file, result }) => (result.ok ? { file, kind: result.kind, spec: result.spec } : { file, errors: result.errors }));
        process.stdout.write(`${JSON.stringify(specs)}\n`);
      }
      process.exitCode = out.ok ? 0 : 1;
    });
}
