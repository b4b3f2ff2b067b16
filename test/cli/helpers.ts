import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const sharedData = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/hftbot.js', import.meta.url));

/** Runs the built CLI (npm test builds dist/ first) and returns stdout, stderr and the exit code. */
export async function hftbot(args: string[], opts: { cwd?: string } = {}): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await exec(process.execPath, [bin, ...args], { cwd: opts.cwd ?? repoRoot, maxBuffer: 64 << 20 });
    return { stdout: r.stdout, stderr: r.stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number };
    return { stdout: err.stdout ?? '', stderr: err.stderr ?? '', code: typeof err.code === 'number' ? err.code : 1 };
  }
}

/** The JSON object on the last line of stdout. */
export function lastJson<T = Record<string, unknown>>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}
