// The run config's alert rules evaluated by the running system (src/alerts/evaluate.ts over the series of
// its own /metrics): a rule that holds fires within seconds and shows on GET /api/alerts and in the
// dashboard snapshot, with a log line; a rule that cannot hold stays quiet; a broken alerts file stops the
// start with its file:line:col.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLiveTimeout, wallMs } from '../../src/clock/live.js';
import { validateRun } from '../../src/config/run.js';
import { createLogger } from '../../src/run/log.js';
import { startSystem, type RunningSystem } from '../../src/run/system.js';

const sleep = (ms: number) => new Promise<void>((r) => setLiveTimeout(r, ms));
const dir = mkdtempSync(join(tmpdir(), 'hftbot-run-alerts-'));
const logs: Array<Record<string, unknown>> = [];
let sys: RunningSystem;

function config(alertsFile: string) {
  const r = validateRun({
    Market: { Instruments: ['AAPL'], Seed: 9 },
    Strategies: [{ Name: 'mom', Stage: 'paper', Spec: { Strategy: 'Momentum', Asset: 'AAPL', LookbackWindow: '100ms', EntryThreshold: 0.7, RiskTolerance: 'Low' } }],
    Alerts: alertsFile,
  }, dir, () => ({ ok: false, message: 'none' }));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

beforeAll(async () => {
  writeFileSync(join(dir, 'alerts.yaml'), [
    'Alerts:',
    '  - Name: FillsSlow',            // holds at once: fewer than a million fills a second
    '    Metric: fill rate',
    '    Below: 1000000/s',
    '    For: 0s',
    '    Severity: Warning',
    '    Notify: Slack',
    '  - Name: HugeLoss',             // cannot hold: a loss of a billion dollars
    '    Metric: loss',
    '    Above: $1000000000',
    '    For: 0s',
    '    Notify: PagerDuty',
  ].join('\n'));
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  sys = await startSystem(config('alerts.yaml'), { port: 0, journalDir: join(dir, 'journal'), logger: createLogger({ level: 'info', destination }), processMetrics: false });
});
afterAll(async () => {
  await sys?.stop('test');
  rmSync(dir, { recursive: true, force: true });
});

describe('alerts in the running system', () => {
  it('fires a rule that holds, on the API, in the snapshot and in the log; a rule that cannot hold stays quiet', async () => {
    const get = async () => {
      const r = await fetch(`${sys.url}/api/alerts`, { headers: { authorization: 'Bearer viewer-demo-token' } });
      expect(r.status).toBe(200);
      return ((await r.json()) as { alerts: Array<{ name: string; severity: string; state: string; sinceMs: number; summary: string }> }).alerts;
    };
    const end = wallMs() + 10_000;
    let alerts = await get();
    while (alerts.length === 0 && wallMs() < end) {
      await sleep(250);
      alerts = await get();
    }
    expect(alerts.map((a) => [a.name, a.severity, a.state])).toEqual([['FillsSlow', 'warning', 'firing']]);
    expect(alerts[0].summary).toContain('strategy=mom');
    expect(Math.abs(alerts[0].sinceMs - wallMs())).toBeLessThan(15_000);
    const snap = await fetch(`${sys.url}/api/snapshot`, { headers: { authorization: 'Bearer viewer-demo-token' } });
    expect(snap.status).toBe(200);
    expect(((await snap.json()) as { alerts: unknown[] }).alerts).toHaveLength(1);
    expect(logs.some((l) => l.event === 'alert' && l.alert === 'FillsSlow' && l.state === 'firing')).toBe(true);
    expect(logs.some((l) => l.event === 'alert' && l.alert === 'HugeLoss')).toBe(false);
  }, 20_000);

  it('refuses to start with a broken alerts file, naming file:line:col', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'Alerts:\n  - Metric: order rate\n    Above: fast\n    Notify: Slack\n');
    await expect(startSystem(config('bad.yaml'), { port: 0, journalDir: join(dir, 'j2'), logger: createLogger({ level: 'silent' }), processMetrics: false, api: false }))
      .rejects.toThrow(/bad\.yaml:3:\d+: /);
  });
});
