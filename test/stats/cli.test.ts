// `hftbot stats adf|coint|johansen` through the built CLI (bin/hftbot.js on dist/, built by `npm run build`,
// which `npm test` runs first) in a child process: JSON output equals the statsmodels fixtures, the table output
// is readable, and bad input fails with exit code 1 and a file:line:column message.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { expectP, expectRel, FIXTURE_DIR, loadFixtures } from './fixtures.js';

const exec = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repoRoot, 'bin/hftbot.js');
const statsJs = join(repoRoot, 'dist/cli/commands/stats.js');

async function hftbot(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await exec(process.execPath, [bin, ...args], { cwd: repoRoot });
    return { stdout: r.stdout, stderr: r.stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number };
    return { stdout: err.stdout ?? '', stderr: err.stderr ?? '', code: typeof err.code === 'number' ? err.code : 1 };
  }
}

function lastJson<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

const fx = Object.fromEntries(loadFixtures().map((f) => [f.name, f]));
const csv = (name: string): string => join(FIXTURE_DIR, `${name}.csv`);
const dir = mkdtempSync(join(tmpdir(), 'hftbot-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hftbot stats', () => {
  it('the built command module exists (run `npx tsc -p tsconfig.build.json` first)', () => {
    expect(existsSync(statsJs)).toBe(true);
  });

  it('adf --json equals statsmodels adfuller', async () => {
    for (const [name, column, regression, autolag] of [['rw_long', 'walk', 'c', 'aic'], ['trending', 'quad', 'ctt', 'bic'], ['ar_stationary', 'ar', 'n', 't-stat']] as const) {
      const r = await hftbot(['stats', 'adf', '--csv', csv(name), '--column', column, '--regression', regression, '--autolag', autolag, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const j = lastJson<{ statistic: number; pvalue: number; usedLag: number; nobs: number; critical: Record<string, number> }>(r.stdout);
      const want = fx[name].adfuller[column].find((c) => c.regression === regression && c.maxlag === null && c.autolag?.toLowerCase() === autolag)!;
      expect(Object.keys(j).sort()).toEqual(['critical', 'nobs', 'pvalue', 'statistic', 'usedLag']);
      expect(j.usedLag).toBe(want.usedLag);
      expect(j.nobs).toBe(want.nobs);
      expectRel(j.statistic, want.statistic, `cli adf ${name}`);
      expectP(j.pvalue, want.pvalue, `cli adf ${name}`);
      for (const lv of ['1%', '5%', '10%'] as const) expectRel(j.critical[lv], want.critical[lv], `cli adf ${name} ${lv}`);
    }
  });

  it('coint --json equals statsmodels coint (default trend c, autolag aic)', async () => {
    for (const [name, cols] of [['pair_noisy', 'y,x'], ['triple', 'p,q,r']] as const) {
      const r = await hftbot(['stats', 'coint', '--csv', csv(name), '--columns', cols, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const j = lastJson<{ statistic: number; pvalue: number; critical: number[] }>(r.stdout);
      const want = fx[name].coint!.find((c) => c.trend === 'c' && c.autolag === 'aic' && c.maxlag === null)!;
      expectRel(j.statistic, want.statistic, `cli coint ${name}`);
      expectP(j.pvalue, want.pvalue, `cli coint ${name}`);
      want.critical.forEach((v, i) => expectRel(j.critical[i], v, `cli coint ${name} crit`));
    }
  });

  it('johansen --json (all columns) equals statsmodels coint_johansen, including --det-order -1', async () => {
    for (const [name, det, k] of [['triple', 0, 1], ['quad_long', -1, 2], ['triple_trend', 1, 1]] as const) {
      const r = await hftbot(['stats', 'johansen', '--csv', csv(name), '--det-order', String(det), '--k-ar-diff', String(k), '--json']);
      expect(r.code, r.stderr).toBe(0);
      const j = lastJson<{ trace: number[]; maxEig: number[]; eigenvalues: number[]; traceCritical: number[][]; maxEigCritical: number[][] }>(r.stdout);
      const want = fx[name].johansen!.find((c) => c.detOrder === det && c.kArDiff === k)!;
      expect(j.trace.length).toBe(fx[name].columns.length);
      want.trace.forEach((v, i) => expectRel(j.trace[i], v, `cli johansen ${name} lr1`));
      want.maxEig.forEach((v, i) => expectRel(j.maxEig[i], v, `cli johansen ${name} lr2`));
      want.eigenvalues.forEach((v, i) => expectRel(j.eigenvalues[i], v, `cli johansen ${name} eig`));
      want.traceCritical.forEach((row, i) => row.forEach((v, c) => expectRel(j.traceCritical[i][c], v, 'cvt')));
      want.maxEigCritical.forEach((row, i) => row.forEach((v, c) => expectRel(j.maxEigCritical[i][c], v, 'cvm')));
    }
  });

  it('without --json prints readable tables', async () => {
    const adf = await hftbot(['stats', 'adf', '--csv', csv('rw_short'), '--column', 'walk']);
    expect(adf.code, adf.stderr).toBe(0);
    const want = fx.rw_short.adfuller.walk.find((c) => c.regression === 'c' && c.autolag === 'AIC' && c.maxlag === null)!;
    expect(adf.stdout).toContain('Augmented Dickey-Fuller');
    expect(adf.stdout).toContain(want.statistic.toFixed(4));
    expect(adf.stdout).toMatch(new RegExp(`observations\\s+${want.nobs}`));
    const co = await hftbot(['stats', 'coint', '--csv', csv('pair_tight'), '--columns', 'y,x']);
    expect(co.code, co.stderr).toBe(0);
    expect(co.stdout).toContain('Engle-Granger');
    const jo = await hftbot(['stats', 'johansen', '--csv', csv('triple')]);
    expect(jo.code, jo.stderr).toBe(0);
    const lines = jo.stdout.trim().split('\n');
    expect(lines.length).toBe(2 + 3); // title, header, one row per rank
    expect(lines[1]).toMatch(/trace.*max-eig/);
  });

  it('prints an infinite statistic as null (collinear pair) and honours johansen --columns', async () => {
    const lines = ['y,x'];
    for (let i = 0; i < 200; i++) {
      const x = Math.round(1e3 * (Math.sin(i / 7) * 10 + i / 3)) / 1e3;
      lines.push(`${(2 * x + 1).toFixed(3)},${x.toFixed(3)}`);
    }
    const f = join(dir, 'collinear.csv');
    writeFileSync(f, lines.join('\n') + '\n');
    const r = await hftbot(['stats', 'coint', '--csv', f, '--columns', 'y,x', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = lastJson<{ statistic: number | null; pvalue: number }>(r.stdout);
    expect(j.statistic).toBeNull();
    expect(j.pvalue).toBe(0);
    const sub = await hftbot(['stats', 'johansen', '--csv', csv('quad_long'), '--columns', 'a,c', '--json']);
    expect(sub.code, sub.stderr).toBe(0);
    expect(lastJson<{ trace: number[] }>(sub.stdout).trace.length).toBe(2);
  });

  it('bad input fails with exit code 1 and file:line:column', async () => {
    const missing = await hftbot(['stats', 'adf', '--csv', csv('pair_tight'), '--column', 'z', '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${csv('pair_tight')}:1:1: no column "z" (columns: y, x)`);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'y,x\n1.0,2.0\n1.5,2.1\n2.0,abc\n');
    const nonNum = await hftbot(['stats', 'coint', '--csv', bad, '--columns', 'y,x', '--json']);
    expect(nonNum.code).toBe(1);
    expect(nonNum.stderr).toContain(`${bad}:4:5: column "x": "abc" is not a number`);
    const one = await hftbot(['stats', 'coint', '--csv', csv('pair_tight'), '--columns', 'y']);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('needs Y and at least one X');
    const badReg = await hftbot(['stats', 'adf', '--csv', csv('rw_short'), '--column', 'walk', '--regression', 'q']);
    expect(badReg.code).toBe(1);
    expect(badReg.stderr).toContain('regression must be one of');
  });
});
