// The API over a simulator-backed backend: the editor's validation (file:line:col issues), the strategy
// lifecycle (create, backtest, start, promote through the gates), the kill switch cancelling working
// orders, the audit log, the OpenAPI document, and the stream hub's throttling and slow-client skips.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../src/api/routes.js';
import { SnapshotHub, type WebSocket } from '../../src/api/stream.js';
import { formToYaml } from '../../src/api/spec-input.js';
import { apiOverSim, TOKEN } from './helpers/fixtures.js';
import type { SimBackend } from '../../src/api/sim/backend.js';
import { connect } from './helpers/ws-client.js';

let app: FastifyInstance;
let backend: SimBackend;
const as = (role: keyof typeof TOKEN) => ({ authorization: `Bearer ${TOKEN[role]}` });
const FORM = { strategy: 'Momentum', asset: 'AAPL', lookbackWindow: '100ms', entryThreshold: '0.7', riskTolerance: 'Low', name: 'momo-form' };

beforeAll(async () => {
  ({ app, backend } = await apiOverSim());
  for (let i = 0; i < 40; i++) backend.step(50);
});
afterAll(async () => {
  await app.close();
  backend.close();
});

describe('strategies', () => {
  test('the minimal form validates and renders as the seed\'s YAML', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/strategies/validate', headers: as('viewer'), payload: { form: FORM } });
    expect(r.statusCode).toBe(200);
    const v = r.json();
    expect(v.ok).toBe(true);
    expect(v.template).toBe('momentum');
    expect(v.instruments).toEqual(['AAPL']);
    expect(v.yaml).toBe(formToYaml(FORM));
    expect(v.yaml).toContain('LookbackWindow: 100ms');
    expect(v.yaml).toContain('EntryThreshold: 0.7');
  });

  test('invalid YAML gets issues at line:col from src/config', async () => {
    const yaml = 'Strategy: Momentum\nAsset: AAPL\nLookbackWindow: 100 parsecs\nEntryThreshold: 0.7\nRiskTolrance: Low\n';
    const r = await app.inject({ method: 'POST', url: '/api/strategies/validate', headers: as('viewer'), payload: { yaml } });
    const v = r.json();
    expect(v.ok).toBe(false);
    const lb = v.issues.find((i: { message: string }) => i.message.includes('LookbackWindow'));
    expect(lb).toMatchObject({ line: 3, col: 17 });
    const typo = v.issues.find((i: { message: string }) => i.message.includes('RiskTolrance'));
    expect(typo.line).toBe(5);
    expect(typo.message).toContain('RiskTolerance');
  });

  test('create -> 422 with issues when invalid, 200 when valid, 409 when the name exists', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/strategies', headers: as('trader'), payload: { form: { ...FORM, lookbackWindow: 'soon' } } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().issues[0].line).toBe(4);
    const ok = await app.inject({ method: 'POST', url: '/api/strategies', headers: as('trader'), payload: { form: FORM, stage: 'shadow' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().strategy).toMatchObject({ name: 'momo-form', stage: 'shadow', state: 'stopped' });
    const dup = await app.inject({ method: 'POST', url: '/api/strategies', headers: as('trader'), payload: { form: FORM } });
    expect(dup.statusCode).toBe(409);
    const list = (await app.inject({ url: '/api/strategies', headers: as('viewer') })).json().strategies.map((s: { name: string }) => s.name);
    expect(list).toContain('momo-form');
  });

  test('backtest by name returns metrics and an equity series', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/backtest', headers: as('trader'), payload: { strategy: 'momo-form', durationS: 5 } });
    expect(r.statusCode).toBe(200);
    const rep = r.json().report;
    const eq = rep.series.find((s: { name: string }) => s.name === 'equity');
    expect(eq.t.length).toBe(50);
    expect(eq.v.length).toBe(50);
    expect(rep.metrics.pnl).toBe(eq.v[eq.v.length - 1]);
    const unknown = await app.inject({ method: 'POST', url: '/api/backtest', headers: as('trader'), payload: { strategy: 'nope' } });
    expect(unknown.statusCode).toBe(404);
  });

  test('start, promote with failing gates (stays), then passing gates (moves on); every change audited', async () => {
    const yaml = 'Name: quick\nStrategy: Momentum\nAsset: SPY\nLookbackWindow: 100ms\nEntryThreshold: 0.5\nRiskTolerance: Low\nPromotion:\n  MinShadowTime: 300ms\n  MinTrades: 0\n';
    expect((await app.inject({ method: 'POST', url: '/api/strategies', headers: as('trader'), payload: { yaml } })).statusCode).toBe(200);
    const start = await app.inject({ method: 'POST', url: '/api/strategies/quick/start', headers: as('trader'), payload: {} });
    expect(start.json().strategy.state).toBe('running');
    const early = (await app.inject({ method: 'POST', url: '/api/strategies/quick/promote', headers: as('trader'), payload: {} })).json();
    expect(early.promoted).toBe(false);
    expect(early.gates.find((g: { gate: string }) => g.gate === 'minShadowTime').ok).toBe(false);
    await new Promise((r) => setTimeout(r, 350));
    const later = (await app.inject({ method: 'POST', url: '/api/strategies/quick/promote', headers: as('trader'), payload: {} })).json();
    expect(later).toMatchObject({ promoted: true, from: 'shadow', to: 'paper' });
    const audit = (await app.inject({ url: '/api/audit?limit=20', headers: as('trader') })).json().entries;
    const promotes = audit.filter((e: { action: string; target: string }) => e.action === 'strategy.promote' && e.target === 'quick');
    expect(promotes.length).toBe(2);
    expect(promotes[0]).toMatchObject({ actor: 'demo-trader', role: 'trader', ok: true });
    expect(audit.some((e: { action: string }) => e.action === 'strategy.start')).toBe(true);
  });

  test('unknown strategy -> 404 (and audited as failed)', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/strategies/ghost/start', headers: as('trader'), payload: {} });
    expect(r.statusCode).toBe(404);
    const last = backend.auditLog(1)[0];
    expect(last).toMatchObject({ action: 'strategy.start', target: 'ghost', ok: false });
  });
});

describe('kill switch', () => {
  test('engaging cancels the working orders and blocks new ones; releasing lets trading resume', async () => {
    for (let i = 0; i < 20; i++) backend.step(50);
    const open = (await app.inject({ url: '/api/orders?open=true', headers: as('viewer') })).json().orders;
    expect(open.length).toBeGreaterThan(0); // the market maker's quotes
    const r = await app.inject({ method: 'POST', url: '/api/kill-switch', headers: as('admin'), payload: { engage: true } });
    expect(r.json()).toMatchObject({ ok: true, active: true });
    expect(r.json().cancelled).toBe(open.length);
    for (let i = 0; i < 5; i++) backend.step(50);
    expect((await app.inject({ url: '/api/orders?open=true', headers: as('viewer') })).json().orders).toEqual([]);
    const mine = (await app.inject({ url: '/api/orders?strategy=mm-msft&limit=200', headers: as('viewer') })).json().orders;
    expect(mine.filter((o: { status: string }) => o.status === 'cancelled').length).toBeGreaterThanOrEqual(open.length);
    expect((await app.inject({ url: '/api/risk', headers: as('viewer') })).json().killSwitch).toBe(true);
    expect(backend.auditLog(1)[0]).toMatchObject({ action: 'kill-switch', actor: 'demo-admin', ok: true });
    for (let i = 0; i < 10; i++) backend.step(50);
    expect((await app.inject({ url: '/api/orders?open=true', headers: as('viewer') })).json().orders).toEqual([]);
    await app.inject({ method: 'POST', url: '/api/kill-switch', headers: as('admin'), payload: { engage: false } });
    for (let i = 0; i < 20; i++) backend.step(50);
    expect((await app.inject({ url: '/api/orders?open=true', headers: as('viewer') })).json().orders.length).toBeGreaterThan(0);
  });
});

describe('openapi', () => {
  test('documents every route with its role and request schema', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json', headers: as('viewer') })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const r of ROUTES) {
      const op = doc.paths[r.url.replace(/:([a-z]+)/g, '{$1}')]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url}`).toBeDefined();
      expect(op['x-role']).toBe(r.role);
      if (r.body !== undefined) expect(op.requestBody.content['application/json'].schema.type).toBe('object');
    }
    const stage = doc.paths['/api/strategies/{name}/stage'].put;
    expect(stage.requestBody.content['application/json'].schema.properties.stage.enum).toEqual(['shadow', 'paper', 'live']);
    expect(stage.parameters[0]).toMatchObject({ name: 'name', in: 'path', required: true });
  });
});

describe('stream', () => {
  test('a client gets a snapshot at once, then throttled snapshots and events', async () => {
    const base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
    const ws = await connect(`${base}/api/stream?token=${TOKEN.viewer}`);
    const snap = await ws.waitFor((m) => m.type === 'snapshot');
    const data = snap.data as { books: Array<{ instrument: string; bids: unknown[] }>; strategies: unknown[] };
    expect(data.books.map((b) => b.instrument)).toContain('AAPL');
    expect(data.books[0].bids.length).toBeGreaterThan(0);
    await app.inject({ method: 'PUT', url: '/api/strategies/seed-momentum/stage', headers: as('trader'), payload: { stage: 'paper' } });
    const ev = await ws.waitFor((m) => m.type === 'event' && (m.event as { type: string }).type === 'stage');
    expect(ev.event).toMatchObject({ strategy: 'seed-momentum', to: 'paper' });
    const t0 = Date.now();
    const n0 = ws.received.filter((m) => m.type === 'snapshot').length;
    await new Promise((r) => setTimeout(r, 600));
    const n = ws.received.filter((m) => m.type === 'snapshot').length - n0;
    // 10 Hz configured: ~6 in 600 ms, never more than the rate allows.
    expect(n).toBeGreaterThanOrEqual(2);
    expect(n).toBeLessThanOrEqual(Math.ceil((Date.now() - t0) / 100) + 1);
    ws.terminate();
  });

  test('one snapshot per tick whatever the number of clients; a backed-up client is skipped', () => {
    let snapshots = 0;
    const fake = { snapshot: () => ({ n: ++snapshots }), onEvent: () => () => {} };
    const hub = new SnapshotHub(fake as never, { snapshotHz: 10, depth: 5, maxBufferedBytes: 100 });
    const sent: string[][] = [[], [], []];
    const socks = sent.map((box): WebSocket & { bufferedAmount: number } => ({
      readyState: 1, bufferedAmount: 0, send: (t: string) => { box.push(t); }, close: () => {}, on: () => undefined,
    }));
    for (const s of socks) hub.add(s);
    expect(snapshots).toBe(1); // each newcomer gets one at once: the first taken, then the fresh one reused
    expect(sent.map((b) => b.length)).toEqual([1, 1, 1]);
    socks[2].bufferedAmount = 1000;
    hub.tick();
    hub.tick();
    expect(snapshots).toBe(3);
    expect(sent[0].length).toBe(3);
    expect(sent[2].length).toBe(1);
    expect(hub.skipped).toBe(2);
    socks[2].bufferedAmount = 0;
    hub.tick();
    expect(sent[2].length).toBe(2);
    expect(JSON.parse(sent[2][1]).data.n).toBe(4); // the newest state, not the missed ones
    hub.close();
  });
});

describe('the minimal form for mean reversion', () => {
  test('its lookback window becomes the template\'s Window and validates', async () => {
    const form = { ...FORM, strategy: 'Mean Reversion', name: 'mr-form', lookbackWindow: '2s', entryThreshold: '2' };
    const v = (await app.inject({ method: 'POST', url: '/api/strategies/validate', headers: as('viewer'), payload: { form } })).json();
    expect(v.yaml).toContain('Window: 2s');
    expect(v.yaml).not.toContain('LookbackWindow');
    expect(v).toMatchObject({ ok: true, template: 'mean-reversion', name: 'mr-form' });
  });
});

describe('web UI assets', () => {
  test('/ and /ui/* are served without a token, with a strict content security policy', async () => {
    const index = await app.inject({ url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.body).toContain('/ui/app.js');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    const js = await app.inject({ url: '/ui/app.js' });
    expect(js.headers['content-type']).toContain('text/javascript');
    expect((await app.inject({ url: '/ui/vendor/uPlot.esm.js' })).body).toContain('uPlot');
    expect((await app.inject({ url: '/ui/../package.json' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/ui/nope.js' })).statusCode).toBe(404);
  });
});
