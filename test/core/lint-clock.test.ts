// The lint rule that keeps time an input: wall-clock reads and real timers are errors in src/ outside
// src/clock/live.ts (eslint.config.js).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/helpers.js';

const eslint = new ESLint({ cwd: repoRoot });

async function errors(code: string, filePath: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath });
  return r.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? '');
}

describe('wall-clock lint rule', () => {
  it.each([
    ['Date.now()', 'no-restricted-properties'],
    ['performance.now()', 'no-restricted-properties'],
    ['process.hrtime.bigint()', 'no-restricted-properties'],
    ['new Date()', 'no-restricted-syntax'],
    ['setTimeout(() => 0, 1)', 'no-restricted-globals'],
    ['setInterval(() => 0, 1)', 'no-restricted-globals'],
  ])('bans %s in engine code', async (expr, rule) => {
    expect(await errors(`export const x = ${expr};\n`, 'src/book/x.ts')).toContain(rule);
  });

  it('allows them in the live clock and allows dates from data', async () => {
    expect(await errors('export const x = Date.now();\n', 'src/clock/live.ts')).toEqual([]);
    expect(await errors('export const x = new Date(0);\n', 'src/book/x.ts')).toEqual([]);
  });
});
