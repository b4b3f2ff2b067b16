// Helpers for the monitoring tests: run a system tool (promtool, amtool) and the CLI in-process.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { registerGenerate } from '../../src/cli/commands/generate.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
export const PROMTOOL = '/usr/bin/promtool';
export const AMTOOL = '/usr/bin/amtool';
export const hasAmtool = existsSync(AMTOOL);

export interface Ran { code: number; out: string }

/** Runs a tool; stdout and stderr together (the tools print their verdicts on either). */
export function tool(bin: string, args: string[], cwd?: string): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(bin, args, { cwd, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

/** `hftbot generate alerts ...` in this process: what it printed and the exit code it set. */
export async function generateCli(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const program = new Command().exitOverride();
  registerGenerate(program);
  let stdout = '';
  let stderr = '';
  const w1 = process.stdout.write.bind(process.stdout);
  const w2 = process.stderr.write.bind(process.stderr);
  const saved = process.exitCode;
  process.exitCode = 0;
  process.stdout.write = ((s: string) => { stdout += s; return true; }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => { stderr += s; return true; }) as typeof process.stderr.write;
  try {
    await program.parseAsync(['node', 'hftbot', 'generate', 'alerts', ...args]);
  } finally {
    process.stdout.write = w1;
    process.stderr.write = w2;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = saved;
  return { stdout, stderr, code };
}
