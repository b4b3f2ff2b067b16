// `hftbot validate FILE...`: output lines and exit status.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { registerValidate, validateFiles } from '../../src/cli/commands/validate.js';

const rel = (u: string) => relative(process.cwd(), fileURLToPath(new URL(u, import.meta.url)));
const momentum = rel('../../examples/strategies/seed-momentum.yaml');
const pairs = rel('../../examples/strategies/seed-pairs.yaml');
const broken = rel('./broken/bad-unit.yaml');

async function runCli(args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  const before = process.exitCode;
  try {
    const program = new Command().exitOverride();
    registerValidate(program);
    await program.parseAsync(['node', 'hftbot', 'validate', ...args]);
    return { out, err, code: Number(process.exitCode ?? 0) };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = before;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('hftbot validate', () => {
  it('prints FILE: ok (kind) and exits 0 when every file is valid', async () => {
    const r = await runCli([momentum, pairs]);
    expect(r.out).toBe(`${momentum}: ok (strategy)\n${pairs}: ok (strategy)\n`);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('prints each error as file:line:col: message and exits 1 when one is not', async () => {
    const r = await runCli([momentum, broken]);
    expect(r.out).toBe(`${momentum}: ok (strategy)\n`);
    expect(r.err).toBe(`${broken}:3:17: LookbackWindow: unknown duration unit "parsecs" in "100 parsecs" (use ns, us, ms, s, m, h)\n`);
    expect(r.code).toBe(1);
  });

  it('--json prints the normalised objects as the last line', async () => {
    const r = await runCli(['--json', pairs]);
    const last = JSON.parse(r.out.trim().split('\n').pop()!) as Array<{ kind: string; spec: { params: { timeframeNs: number } } }>;
    expect(last[0].kind).toBe('strategy');
    expect(last[0].spec.params.timeframeNs).toBe(1_000_000);
  });

  it('validateFiles reports every file', () => {
    const v = validateFiles([broken, momentum]);
    expect(v.ok).toBe(false);
    expect(v.results.map((x) => x.result.ok)).toEqual([false, true]);
  });
});

describe('FIX session settings through validate', () => {
  it('a valid settings file is kind fix-settings; a broken one gives file:line:col', () => {
    const good = rel('../../examples/fix/simulator-acceptor.yaml');
    const bad = rel('./broken/fix-bad.yaml');
    const v = validateFiles([good, bad]);
    expect(v.lines).toEqual([`${good}: ok (fix-settings)`, `${bad}:7:17: sessions[0].HeartBtInt: Invalid input: expected number, received string`]);
    expect(v.ok).toBe(false);
  });
});
