// The whole alerting chain with the real tools: a /metrics endpoint (prom-client, the exporter hftbot
// uses) -> Prometheus (Debian's, on the generated configuration and rules) -> the rule fires ->
// Alertmanager (on the generated configuration) -> the webhook receiver. One strategy's tick-to-trade
// p99 is above the spec's 50us, another's is below: only the first alert arrives.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Histogram, Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { generateAlerts, prometheusConfig, toYaml } from '../../src/alerts/index.js';

const dir = mkdtempSync(join(tmpdir(), 'hftbot-chain-'));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const procs: ChildProcess[] = [];
const servers: Server[] = [];
let log = '';

async function freePort(): Promise<number> {
  const s = netServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return (s.address() as { port: number }).port;
}

function start(bin: string, args: string[]): ChildProcess {
  const p = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  p.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  p.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  procs.push(p);
  return p;
}

async function ready(url: string): Promise<boolean> {
  for (let i = 0; i < 150; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return true;
    await sleep(100);
  }
  return false;
}

afterAll(async () => {
  for (const p of procs) {
    if (p.exitCode !== null) continue;
    p.kill('SIGTERM');
    await new Promise<void>((r) => { p.once('exit', () => r()); setTimeout(r, 3000); });
  }
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('metrics -> Prometheus -> Alertmanager -> webhook', () => {
  it('a tick-to-trade p99 above the threshold reaches the webhook; one below does not', async () => {
    // the exporter: every scrape first records a burst of latencies (slow strategy ~200us, fast ~10us)
    const registry = new Registry();
    const t2t = new Histogram({ name: 'hftbot_tick_to_trade_seconds', help: 'feed message in -> order out', labelNames: ['strategy'], buckets: [0.00001, 0.00002, 0.00005, 0.0001, 0.0005, 0.001], registers: [registry] });
    const metricsPort = await listen((_req, res) => {
      for (let i = 0; i < 100; i++) {
        t2t.observe({ strategy: 'slow' }, 0.0002);
        t2t.observe({ strategy: 'fast' }, 0.000008);
      }
      void registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text));
    });
    const received: Array<{ receiver: string; alerts: Array<{ status: string; labels: Record<string, string>; generatorURL: string }> }> = [];
    const hookPort = await listen((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body) as (typeof received)[number]);
        res.writeHead(200).end();
      });
    });

    const spec = join(dir, 'alerts.yaml');
    writeFileSync(spec, `Alerts:\n  - Metric: tick to trade latency\n    Above: 50us\n    For: 2s\n    Notify: Webhook\nChannels:\n  Webhook: { Url: "http://127.0.0.1:${hookPort}/hook" }\n`);
    const kit = join(dir, 'kit');
    const g = generateAlerts(spec, kit, { groupWait: '1s', groupInterval: '1s' });
    expect(g.ok, JSON.stringify(g)).toBe(true);
    const amPort = await freePort();
    const promPort = await freePort();
    // the generated Prometheus configuration, pointed at this test's ports and scraping every second
    writeFileSync(join(kit, 'prometheus.yml'), toYaml(prometheusConfig({ ruleFiles: ['rules.yml'], alertmanager: `127.0.0.1:${amPort}`, target: `127.0.0.1:${metricsPort}`, scrapeInterval: '1s' }), 'test'));

    start('/usr/bin/prometheus-alertmanager', [`--config.file=${join(kit, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'am')}`, `--web.listen-address=127.0.0.1:${amPort}`, '--cluster.listen-address=']);
    start('/usr/bin/prometheus', [`--config.file=${join(kit, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${promPort}`, `--web.external-url=http://127.0.0.1:${promPort}/`]);
    expect(await ready(`http://127.0.0.1:${amPort}/-/ready`), log).toBe(true);
    expect(await ready(`http://127.0.0.1:${promPort}/-/ready`), log).toBe(true);

    for (let i = 0; i < 250 && received.length === 0; i++) await sleep(100);
    expect(received.length, log.slice(-3000)).toBeGreaterThan(0);
    await sleep(1500); // the fast strategy would have fired by now too if the rule were wrong
    const alerts = received.flatMap((b) => b.alerts.map((a) => ({ receiver: b.receiver, ...a })));
    expect(new Set(alerts.map((a) => a.labels.strategy))).toEqual(new Set(['slow']));
    expect(alerts[0]).toMatchObject({ receiver: 'webhook', status: 'firing', labels: { alertname: 'TickToTradeHigh', strategy: 'slow', severity: 'warning', channel: 'webhook' } });
    expect(alerts[0].generatorURL).toContain(`127.0.0.1:${promPort}`); // sent by Prometheus, not by this test
    // Prometheus itself holds the alert as firing
    const api = (await (await fetch(`http://127.0.0.1:${promPort}/api/v1/alerts`)).json()) as { data: { alerts: Array<{ state: string; labels: Record<string, string> }> } };
    expect(api.data.alerts.filter((a) => a.state === 'firing').map((a) => a.labels.strategy)).toEqual(['slow']);
  }, 40_000);
});
