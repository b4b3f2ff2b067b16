// A real Alertmanager (Debian's prometheus-alertmanager) run on the generated configuration delivers
// firing alerts through its real Slack, PagerDuty and webhook integrations to local HTTP receivers that
// stand in for Slack, PagerDuty and a webhook (nothing leaves 127.0.0.1). The alerts are posted to its
// API v2 (/api/v2/alerts) with the labels and annotations the generated rules give them, as Prometheus
// would.
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

async function freePort(): Promise<number> {
  const s = netServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

interface Delivery { path: string; body: Record<string, unknown> }
let receiver: Server;
let port = 0;
const got: Delivery[] = [];
let am: ChildProcess | null = null;
let amLog = '';

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      got.push({ path: req.url ?? '', body: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(req.url === '/pagerduty' ? 202 : 200, { 'content-type': 'application/json' }).end('{"status":"success"}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  port = (receiver.address() as { port: number }).port;
});

afterAll(async () => {
  if (am !== null && am.exitCode === null) {
    am.kill('SIGTERM');
    await new Promise<void>((r) => { am!.once('exit', () => r()); setTimeout(r, 3000); });
  }
  await new Promise<void>((r) => receiver.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('Alertmanager on the generated configuration', () => {
  it('delivers each firing alert through the channels its rule names, and only those', async () => {
    const specFile = join(dir, 'alerts.yaml');
    writeFileSync(specFile, [
      'Alerts:',
      '  - Metric: tick to trade latency',
      '    Above: 50us',
      '    Notify: Webhook',
      '  - Metric: order execution latency',
      '    Where: { server: NY4 }',
      '    Above: 300ns',
      '    Notify: [Slack, PagerDuty]',
      'Channels:',
      `  Webhook: { Url: "http://127.0.0.1:${port}/hook" }`,
      `  Slack: { Channel: "#hft-alerts", WebhookUrlFile: ${join(dir, 'slack-url')} }`,
      `  PagerDuty: { RoutingKeyFile: ${join(dir, 'pd-key')}, Url: "http://127.0.0.1:${port}/pagerduty" }`,
      '',
    ].join('\n'));
    // the secrets live in files, as in production: Slack's webhook URL (here the local stand-in) and the key
    writeFileSync(join(dir, 'slack-url'), `http://127.0.0.1:${port}/slack\n`);
    writeFileSync(join(dir, 'pd-key'), 'R0UT1NGKEY0000000000000000000000\n');
    const out = join(dir, 'kit');
    const g = generateAlerts(specFile, out, { groupWait: '1s', groupInterval: '1s' });
    expect(g.ok, JSON.stringify(g)).toBe(true);

    const amPort = await freePort();
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
      body: JSON.stringify([alert(t2t, { strategy: 'seed-momentum' }), alert(ack, { venue: 'EXCH', server: 'NY4' })]),
    });
    expect(post.status, await post.text()).toBe(200);

    const paths = () => new Set(got.map((d) => d.path));
    for (let i = 0; i < 150 && paths().size < 3; i++) await sleep(100);
    await sleep(1500); // a wrong route would have delivered a second copy somewhere by now
    expect([...paths()].sort(), amLog).toEqual(['/hook', '/pagerduty', '/slack']);
    expect(got.length, JSON.stringify(got)).toBe(3);

    // webhook: Alertmanager's webhook format, the tick-to-trade alert only
    const hook = got.find((d) => d.path === '/hook')!.body as { receiver: string; status: string; alerts: Array<{ status: string; labels: Record<string, string>; annotations: Record<string, string> }> };
    expect(hook.receiver).toBe('webhook');
    expect(hook.alerts.length).toBe(1);
    expect(hook.alerts[0].status).toBe('firing');
    expect(hook.alerts[0].labels).toMatchObject({ alertname: 'TickToTradeHigh', strategy: 'seed-momentum', channel: 'webhook', severity: 'warning' });
    expect(hook.alerts[0].annotations.description).toBe('p99 tick to trade above 50us for 30s (strategy seed-momentum)');
    // Slack: a Slack message for the order latency alert, in the configured channel
    const slack = got.find((d) => d.path === '/slack')!.body as { channel: string; attachments: Array<{ title: string; text: string }> };
    expect(slack.channel).toBe('#hft-alerts');
    expect(slack.attachments[0].title).toBe('[FIRING] OrderLatencyHigh');
    expect(slack.attachments[0].text).toContain('p99 order latency above 300ns for 30s (venue EXCH, server NY4)');
    // PagerDuty: an Events API v2 trigger with the routing key read from its file
    const pd = got.find((d) => d.path === '/pagerduty')!.body as { routing_key: string; event_action: string; payload: { summary: string; severity: string } };
    expect(pd.routing_key).toBe('R0UT1NGKEY0000000000000000000000');
    expect(pd.event_action).toBe('trigger');
    expect(pd.payload.severity).toBe('critical');
    expect(pd.payload.summary).toContain('OrderLatencyHigh');
  }, 30_000);
});
