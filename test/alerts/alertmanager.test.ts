// A real Alertmanager (Debian's prometheus-alertmanager) run on the generated configuration delivers a
// firing alert to a local webhook receiver standing in for Slack: the alert is posted to its API v2
// (/api/v2/alerts) with the labels and annotations the generated rule gives it, as Prometheus would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRules, generateAlerts } from '../../src/alerts/index.js';
import { loadSpec } from '../../src/config/index.js';

const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
const dir = mkdtempSync(join(tmpdir(), 'hftbot-am-'));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface WebhookBody { receiver: string; status: string; alerts: Array<{ status: string; labels: Record<string, string>; annotations: Record<string, string> }> }

async function freePort(): Promise<number> {
  const s = netServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

let hook: Server;
let hookPort = 0;
const received: WebhookBody[] = [];
let am: ChildProcess | null = null;
let amPort = 0;
let amLog = '';

beforeAll(async () => {
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as WebhookBody);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  hookPort = (hook.address() as { port: number }).port;
});

afterAll(async () => {
  if (am !== null && am.exitCode === null) {
    am.kill('SIGTERM');
    await new Promise<void>((r) => { am!.once('exit', () => r()); setTimeout(r, 3000); });
  }
  await new Promise<void>((r) => hook.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('Alertmanager on the generated configuration', () => {
  it('routes a firing webhook-channel alert to the local receiver, and a Slack/PagerDuty one elsewhere', async () => {
    const specFile = join(dir, 'alerts.yaml');
    writeFileSync(specFile, [
      'Alerts:',
      '  - Metric: tick to trade latency',
      '    Above: 50us',
      '    Notify: Webhook',
      '  - Metric: order execution latency',
      '    Above: 300ns',
      '    Notify: [Slack, PagerDuty]',
      'Channels:',
      `  Webhook: { Url: "http://127.0.0.1:${hookPort}/alerts" }`,
      `  Slack: { Channel: "#hft-alerts", WebhookUrlFile: ${join(dir, 'slack-url')} }`,
      '',
    ].join('\n'));
    writeFileSync(join(dir, 'slack-url'), 'http://127.0.0.1:9/never\n');
    const out = join(dir, 'kit');
    const g = generateAlerts(specFile, out, { groupWait: '1s', groupInterval: '1s' });
    expect(g.ok, JSON.stringify(g)).toBe(true);

    amPort = await freePort();
    am = spawn(ALERTMANAGER, [
      `--config.file=${join(out, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`, '--cluster.listen-address=',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    am.stdout!.on('data', (c: Buffer) => (amLog += c.toString()));
    am.stderr!.on('data', (c: Buffer) => (amLog += c.toString()));
    const base = `http://127.0.0.1:${amPort}`;
    let ready = false;
    for (let i = 0; i < 150 && !ready && am.exitCode === null; i++) {
      ready = await fetch(`${base}/-/ready`).then((r) => r.ok, () => false);
      if (!ready) await sleep(100);
    }
    expect(ready, amLog).toBe(true);

    // the alerts as Prometheus sends them: the rule's labels and annotations plus the series' labels
    const r = loadSpec(specFile);
    if (!r.ok || r.kind !== 'alerts') throw new Error('spec');
    const [t2t, ack] = buildRules(r.spec).groups[0].rules;
    const now = new Date();
    const alert = (rule: typeof t2t, series: Record<string, string>) => ({
      labels: { alertname: rule.alert, ...series, ...rule.labels },
      annotations: { summary: rule.annotations.summary, description: rule.annotations.description.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_m, k: string) => series[k] ?? '') },
      startsAt: now.toISOString(),
      endsAt: new Date(now.getTime() + 5 * 60_000).toISOString(),
      generatorURL: 'http://127.0.0.1:9090/graph',
    });
    const post = await fetch(`${base}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([alert(t2t, { strategy: 'seed-momentum' }), alert(ack, { venue: 'EXCH' })]),
    });
    expect(post.status, await post.text()).toBe(200);

    for (let i = 0; i < 100 && received.length === 0; i++) await sleep(100);
    expect(received.length, amLog).toBeGreaterThan(0);
    await sleep(1500); // a wrong route would deliver the Slack/PagerDuty alert here too by now
    const all = received.flatMap((b) => b.alerts.map((a) => ({ receiver: b.receiver, status: a.status, labels: a.labels, annotations: a.annotations })));
    expect(all.length).toBe(1);
    expect(all[0].receiver).toBe('webhook');
    expect(all[0].status).toBe('firing');
    expect(all[0].labels).toMatchObject({ alertname: 'TickToTradeHigh', strategy: 'seed-momentum', channel: 'webhook', severity: 'warning' });
    expect(all[0].annotations.description).toBe('p99 tick to trade above 50us for 30s (strategy seed-momentum)');
    // Alertmanager holds both alerts; the Slack/PagerDuty one was routed to its own receivers
    const held = (await (await fetch(`${base}/api/v2/alerts`)).json()) as Array<{ labels: Record<string, string>; receivers: Array<{ name: string }> }>;
    const byName = new Map(held.map((a) => [a.labels.alertname, a.receivers.map((x) => x.name).sort()]));
    expect(byName.get('TickToTradeHigh')).toEqual(['webhook']);
    expect(byName.get('OrderLatencyHigh')).toEqual(['pagerduty', 'slack']);
  }, 30_000);
});
