// The web API over a running system (src/run/backend.ts behind src/api's routes): strategies with their
// stage and record, a strategy created from the seeds' form into a spare slot (stopped until started,
// then trading and on /metrics), books and prints from the kernel, the kill switch cancelling and
// blocking, latency histograms, and the demo tokens' roles.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLiveTimeout, wallMs } from '../../src/clock/live.js';
import { AuditRecord } from '../../src/risk/index.js';
import { loadRunConfig } from '../../src/run/config.js';
import { createLogger } from '../../src/run/log.js';
import { startSystem, type RunningSystem } from '../../src/run/system.js';

const sleep = (ms: number) => new Promise<void>((r) => setLiveTimeout(r, ms));
const dir = mkdtempSync(join(tmpdir(), 'hftbot-backend-'));
let sys: RunningSystem;
const auth = (role: 'viewer' | 'trader' | 'admin') => ({ authorization: `Bearer ${role}-demo-token`, 'content-type': 'application/json' });
async function call(method: string, path: string, role: 'viewer' | 'trader' | 'admin' | null, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await fetch(`${sys.url}${path}`, { method, headers: role === null ? {} : auth(role), body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  const cfg = loadRunConfig(null);
  if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
  sys = await startSystem(cfg.spec, { port: 0, journalDir: dir, logger: createLogger({ level: 'silent' }), processMetrics: false });
});
afterAll(async () => {
  await sys?.stop('test');
  rmSync(dir, { recursive: true, force: true });
});

describe('SystemBackend over HTTP', () => {
  it('lists the configured strategies and refuses callers without a token', async () => {
    expect((await call('GET', '/api/strategies', null)).status).toBe(401);
    const r = await call('GET', '/api/strategies', 'viewer');
    expect(r.status).toBe(200);
    const list = r.json.strategies as Array<{ name: string; stage: string; state: string; template: string }>;
    expect(list.map((s) => [s.name, s.stage, s.template])).toEqual([['seed-momentum', 'paper', 'momentum'], ['seed-pairs', 'shadow', 'pairs']]);
    expect(list.every((s) => s.state === 'running')).toBe(true);
  });

  it('creates a strategy from the form into a spare slot; started, it trades and shows on /metrics', async () => {
    const form = { strategy: 'Momentum', asset: 'MSFT', lookbackWindow: '100ms', entryThreshold: '0.5', riskTolerance: 'Low', name: 'ui-mom' };
    const c = await call('POST', '/api/strategies', 'trader', { form, stage: 'shadow' });
    expect(c.status).toBe(200);
    expect((c.json.strategy as { state: string }).state).toBe('stopped');
    const s = await call('POST', '/api/strategies/ui-mom/start', 'trader', {});
    expect((s.json.strategy as { state: string }).state).toBe('running');
    const id = sys.slots.findIndex((x) => x.name === 'ui-mom');
    expect(id).toBe(2);
    const end = wallMs() + 15_000;
    while (sys.counters.shadowFills[id * sys.instruments.length + 1] === 0 && wallMs() < end) await sleep(200);
    const text = await sys.metrics.scrape();
    expect(text).toMatch(/hftbot_shadow_fills_total\{strategy="ui-mom",instrument="MSFT"\} [1-9]/);
    expect(text).toContain('hftbot_strategy_stage{strategy="ui-mom",stage="shadow"} 1');
    const p = await call('POST', '/api/strategies/ui-mom/promote', 'trader', {});
    expect(p.json).toMatchObject({ from: 'shadow', to: 'paper', promoted: false }); // 30 min of shadow time by default
  }, 25_000);

  it('serves books, prints, fills and latency from the kernel', async () => {
    const b = (await call('GET', '/api/books/AAPL?depth=3', 'viewer')).json as { bids: Array<{ px: number }>; asks: Array<{ px: number }> };
    expect(b.bids.length).toBe(3);
    expect(b.asks[0].px).toBeGreaterThan(b.bids[0].px);
    const t = (await call('GET', '/api/trades/AAPL?limit=5', 'viewer')).json.trades as unknown[];
    expect(t.length).toBeGreaterThan(0);
    // the paper strategy's own fills (the newest fills overall can all be the shadow strategies'), waited
    // for: the demo market decides when momentum's first order fills
    const paperFills = async () => ((await call('GET', '/api/fills?strategy=seed-momentum&limit=50', 'viewer')).json.fills as Array<{ strategy: string; shadow: boolean }>)
      .filter((x) => x.strategy === 'seed-momentum' && !x.shadow).length;
    const end = wallMs() + 15_000;
    while ((await paperFills()) === 0 && wallMs() < end) await sleep(200);
    expect(await paperFills()).toBeGreaterThan(0);
    const lat = (await call('GET', '/api/latency', 'viewer')).json.histograms as Array<{ metric: string; count: number }>;
    expect(lat.find((h) => h.metric === 'hftbot_feed_handler_seconds')!.count).toBeGreaterThan(100);
  }, 25_000);

  it('the kill switch (admin) blocks new orders, shows on /metrics, and is released', async () => {
    expect((await call('POST', '/api/kill-switch', 'trader', { engage: true })).status).toBe(403);
    const k = await call('POST', '/api/kill-switch', 'admin', { engage: true });
    expect(k.status).toBe(200);
    expect(k.json.active).toBe(true);
    const orders = sys.counters.orders.reduce((a, b) => a + b, 0);
    await sleep(1500);
    expect(sys.counters.orders.reduce((a, b) => a + b, 0)).toBe(orders);
    expect(await sys.metrics.scrape()).toContain('hftbot_kill_switch_active 1');
    const r = await call('POST', '/api/kill-switch', 'admin', { engage: false });
    expect(r.json.active).toBe(false);
  });

  it('risk limits (admin) change in the running kernel: shown, enforced, journaled, audited', async () => {
    const id = sys.slots.findIndex((x) => x.name === 'seed-momentum');
    expect((await call('PUT', '/api/risk/limits/seed-momentum', 'trader', { limits: { maxOrderQty: 1 } })).status).toBe(403);
    const bad = await call('PUT', '/api/risk/limits/seed-momentum', 'admin', { limits: { maxOrderSize: 1 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('limits');
    expect((await call('PUT', '/api/risk/limits/nobody', 'admin', { limits: { maxOrderQty: 1 } })).status).toBe(404);
    const r = await call('PUT', '/api/risk/limits/seed-momentum', 'admin', { limits: { maxOrderQty: 1, maxLoss: 123.45, maxOrdersPerSecond: null } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const shown = (r.json.risk as { strategies: Array<{ strategy: string; limits: Record<string, number | null> }> }).strategies.find((x) => x.strategy === 'seed-momentum')!;
    expect(shown.limits).toMatchObject({ maxOrderQty: 1, maxLoss: 123.45, maxOrdersPerSecond: null });
    expect(sys.kernel.risk.limit(id, 0)).toBe(1); // F_MAX_QTY in the engine's table
    // the momentum strategy's orders (larger than 1 lot) are now refused by the order-size check
    const rejects = sys.counters.rejects.reduce((a, b) => a + b, 0);
    const end = wallMs() + 10_000;
    while (sys.counters.rejects.reduce((a, b) => a + b, 0) === rejects && wallMs() < end) await sleep(200);
    expect(sys.counters.rejects.reduce((a, b) => a + b, 0)).toBeGreaterThan(rejects);
    const audit = (await call('GET', '/api/audit?limit=50', 'admin')).json.entries as Array<{ action: string; target: string; ok: boolean }>;
    expect(audit.some((a) => a.action === 'risk.limits' && a.target === 'seed-momentum' && a.ok)).toBe(true);
    await call('PUT', '/api/risk/limits/seed-momentum', 'admin', { limits: { maxOrderQty: 100 } });
  }, 20_000);

  it('an automatic demotion (a risk breach) is on the audit log as the system\'s', async () => {
    const rec = new AuditRecord();
    rec.strategyId = 0;
    rec.check = 10; // Check.Drawdown
    rec.code = 5010;
    sys.kernel.auditSink(rec);
    const list = (await call('GET', '/api/strategies', 'viewer')).json.strategies as Array<{ name: string; stage: string; riskBreaches: number }>;
    expect(list.find((x) => x.name === 'seed-momentum')).toMatchObject({ stage: 'shadow', riskBreaches: 1 });
    const audit = (await call('GET', '/api/audit?limit=20', 'trader')).json.entries as Array<{ actor: string; action: string; target: string; detail: string }>;
    expect(audit.find((a) => a.action === 'strategy.demote')).toMatchObject({ actor: 'system', target: 'seed-momentum', detail: 'risk breach: drawdown' });
  });
});
