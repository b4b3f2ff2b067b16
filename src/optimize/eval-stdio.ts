// A line-oriented objective server for other processes (scripts/optimize/optuna_ref.py drives our backtest
// objective from Optuna through it): `node dist/optimize/eval-stdio.js '<ObjectiveSpec JSON>'`, then one
// JSON params object per stdin line -> one `{"value": number | null}` line on stdout (null = failed trial).
// The objective is built once, so data are loaded once per process. Cold path.

import { createInterface } from 'node:readline';
import { loadObjective, type ObjectiveSpec } from './objective.js';
import type { Params } from './space.js';

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as ObjectiveSpec;
  const fn = await loadObjective(spec);
  process.stdout.write('{"ready":true}\n');
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    let value: number | null = null;
    try {
      const r = await fn(JSON.parse(line) as Params);
      const v = typeof r === 'number' ? r : r.value;
      value = Number.isFinite(v) ? v : null;
    } catch (e) {
      process.stderr.write(`eval-stdio: ${(e as Error).message}\n`);
    }
    process.stdout.write(JSON.stringify({ value }) + '\n');
  }
}

main().catch((e: Error) => {
  process.stderr.write(`eval-stdio: ${e.message}\n`);
  process.exitCode = 1;
});
