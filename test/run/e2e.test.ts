// Acceptance (issue 7): `hftbot run` (the built CLI, the embedded default) is up in < 15 s; within 30 s
// /metrics shows fills of seed-momentum (paper, against the simulator) and shadow fills of seed-pairs;
// the scraped /metrics passes `promtool check metrics`; SIGTERM stops it cleanly (exit 0).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { setLiveTimeout, wallMs } from '../../src/clock/live.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const sleep = (ms: number) => new Promise<void>((r) => setLiveTimeout(r, ms));

function series(text: string, name: string, strategy: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) && line.includes(`strategy="${strategy}"`)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

describe('hftbot run (embedded default)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hftbot-e2e-'));
  let child: ChildProcess | null = null;
  afterAll(() => {
    if (child !== null && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('comes up, fills on paper and in shadow, passes promtool, stops on SIGTERM', async () => {
    const t0 = wallMs();
    const p = spawn(process.execPath, ['bin/hftbot.js', 'run', '--port', '0', '--journal', dir], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    child = p;
    const lines: string[] = [];
    let buf = '';
    p.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      lines.push(...parts);
    });
    let stderr = '';
    p.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((r) => p.on('exit', (code) => r(code)));

    let url = '';
    while (url === '' && wallMs() - t0 < 15_000 && p.exitCode === null) {
      await sleep(100);
      for (const l of lines) {
        if (!l.startsWith('{')) continue;
        const j = JSON.parse(l) as { event?: string; url?: string };
        if (j.event === 'start' && j.url !== undefined) url = j.url;
      }
    }
    expect(stderr).toBe('');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const upMs = wallMs() - t0;
    expect(upMs).toBeLessThan(15_000);
    const health = await (await fetch(`${url}/health`)).json() as { status: string };
    expect(health.status).toBe('ok');

    const t1 = wallMs();
    let text = '';
    let fills = 0;
    let shadow = 0;
    while (wallMs() - t1 < 30_000) {
      text = await (await fetch(`${url}/metrics`)).text();
      fills = series(text, 'hftbot_fills_total', 'seed-momentum');
      shadow = series(text, 'hftbot_shadow_fills_total', 'seed-pairs');
      if (fills > 0 && shadow > 0) break;
      await sleep(1000);
    }
    expect(fills).toBeGreaterThan(0);
    expect(shadow).toBeGreaterThan(0);
    // seed-pairs is in shadow: nothing of it reached a venue
    expect(series(text, 'hftbot_fills_total', 'seed-pairs')).toBe(0);
    expect(text).toContain('hftbot_strategy_stage{strategy="seed-momentum",stage="paper"} 1');
    expect(text).toContain('hftbot_tick_to_trade_seconds_bucket{strategy="seed-momentum",le="+Inf"}');

    const check = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);

    p.kill('SIGTERM');
    expect(await exited).toBe(0);
    const stop = lines.map((l) => (l.startsWith('{') ? JSON.parse(l) as { event?: string; reason?: string } : {})).find((j) => j.event === 'stop');
    expect(stop?.reason).toBe('SIGTERM');
    process.stdout.write(`hftbot run: up in ${upMs} ms; momentum fills ${fills}, pairs shadow fills ${shadow} after ${wallMs() - t1} ms\n`);
  }, 40_000);
});
