// The line protocol optuna_ref.py uses to evaluate our objectives (runs dist/, built by npm test's pretest).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { distUrl } from '../../src/optimize/pool.js';
import { branin } from '../../src/optimize/functions.js';

describe('eval-stdio', () => {
  it('answers one {value} line per params line, null for a failed evaluation', () => {
    const spec = { module: distUrl('functions.js').href, exportName: 'createTestFunction', arg: { name: 'branin' } };
    const input = ['{"x1": 1, "x2": 2}', '', '{"x1": -3.14159, "x2": 12.275}', 'not json'].join('\n') + '\n';
    const r = spawnSync(process.execPath, [fileURLToPath(distUrl('eval-stdio.js')), JSON.stringify(spec)], { input, encoding: 'utf8', timeout: 15_000 });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { ready?: boolean; value?: number | null });
    expect(lines[0]).toEqual({ ready: true });
    expect(lines.slice(1).map((l) => l.value)).toEqual([branin(1, 2), branin(-3.14159, 12.275), null]);
  }, 20_000);
});
