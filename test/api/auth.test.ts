// Every route refuses unauthenticated (401) and lower-role (403) calls; the cases are generated from the
// route table, so a route added to ROUTES is covered without touching this file. Malformed bodies get a
// 400 naming the field at fault.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROUTES, type RouteDef } from '../../src/api/routes.js';
import { ROLE_RANK } from '../../src/api/tokens.js';
import type { Role } from '../../src/api/backend.js';
import { apiOverSim, TOKEN } from './helpers/fixtures.js';
import { connect } from './helpers/ws-client.js';
import type { SimBackend } from '../../src/api/sim/backend.js';

let app: FastifyInstance;
let backend: SimBackend;

beforeAll(async () => {
  ({ app, backend } = await apiOverSim());
  for (let i = 0; i < 20; i++) backend.step(50);
});
afterAll(async () => {
  await app.close();
  backend.close();
});

/** A concrete URL for a route (the fixtures' strategy and instrument). */
const urlOf = (r: RouteDef): string => r.url.replace(':name', 'seed-momentum').replace(':strategy', 'seed-momentum').replace(':instrument', 'AAPL');
const ROLES: Role[] = ['viewer', 'trader', 'admin'];

/** Every route, plus the ones mounted outside the table. */
const ALL: Array<{ method: 'GET' | 'POST' | 'PUT'; url: string; role: Role }> = [
  ...ROUTES.map((r) => ({ method: r.method, url: urlOf(r), role: r.role })),
  { method: 'GET', url: '/api/openapi.json', role: 'viewer' },
  { method: 'GET', url: '/api/stream', role: 'viewer' },
];

describe('auth on every route', () => {
  test('the table covers every kind of route', () => {
    expect(ALL.length).toBeGreaterThan(20);
    expect(ALL.some((r) => r.role === 'admin')).toBe(true);
    expect(ALL.some((r) => r.role === 'trader')).toBe(true);
  });

  test.each(ALL)('$method $url: no token -> 401, unknown token -> 401', async ({ method, url }) => {
    const none = await app.inject({ method, url, payload: method === 'GET' ? undefined : {} });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    const bad = await app.inject({ method, url, headers: { authorization: 'Bearer not-a-token' }, payload: method === 'GET' ? undefined : {} });
    expect(bad.statusCode).toBe(401);
    const malformed = await app.inject({ method, url, headers: { authorization: `Basic ${TOKEN.admin}` }, payload: method === 'GET' ? undefined : {} });
    expect(malformed.statusCode).toBe(401);
  });

  const below = ALL.flatMap((r) => ROLES.filter((role) => ROLE_RANK[role] < ROLE_RANK[r.role]).map((role) => ({ ...r, as: role })));
  test('some routes need more than viewer', () => expect(below.length).toBeGreaterThanOrEqual(10));

  test.each(below)('$method $url needs $role: as $as -> 403', async ({ method, url, as }) => {
    const r = await app.inject({ method, url, headers: { authorization: `Bearer ${TOKEN[as]}` }, payload: method === 'GET' ? undefined : { engage: false } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toMatch(/forbidden/);
  });

  test('the lowest allowed role gets through auth on every table route', async () => {
    for (const r of ROUTES) {
      if (r.method !== 'GET') continue;
      const res = await app.inject({ method: r.method, url: urlOf(r), headers: { authorization: `Bearer ${TOKEN[r.role]}` } });
      expect([200], `${r.url}: ${res.body}`).toContain(res.statusCode);
    }
  });

  test('the stream accepts the token as a query parameter, and refuses without one', async () => {
    const base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
    const ws = await connect(`${base}/api/stream?token=${TOKEN.viewer}`);
    const first = await ws.waitFor(() => true);
    expect(first.type).toBe('hello');
    expect(first.caller).toEqual({ name: 'demo-viewer', role: 'viewer' });
    ws.terminate();
    const hdr = await connect(`${base}/api/stream`, { authorization: `Bearer ${TOKEN.viewer}` });
    hdr.terminate();
    await expect(connect(`${base}/api/stream`)).rejects.toThrow(/401/);
    await expect(connect(`${base}/api/stream?token=nope`)).rejects.toThrow(/401/);
  });
});

describe('malformed bodies -> 400 naming the field', () => {
  const h = { authorization: `Bearer ${TOKEN.admin}` };
  const cases: Array<{ method: 'POST' | 'PUT'; url: string; payload: unknown; field: string }> = [
    { method: 'PUT', url: '/api/strategies/seed-momentum/stage', payload: { stage: 'moon' }, field: 'stage' },
    { method: 'PUT', url: '/api/strategies/seed-momentum/stage', payload: {}, field: 'stage' },
    { method: 'POST', url: '/api/kill-switch', payload: { engage: 'yes' }, field: 'engage' },
    { method: 'POST', url: '/api/strategies', payload: { form: { strategy: 'Momentum', lookbackWindow: '100ms', entryThreshold: '0.7', riskTolerance: 'Low' } }, field: 'form.asset' },
    { method: 'POST', url: '/api/strategies', payload: { yaml: 'Strategy: Momentum', stage: 'prod' }, field: 'stage' },
    { method: 'POST', url: '/api/strategies', payload: {}, field: 'form' },
    { method: 'POST', url: '/api/strategies/validate', payload: { yaml: 42 }, field: 'yaml' },
    { method: 'POST', url: '/api/backtest', payload: { strategy: 'seed-momentum', durationS: -1 }, field: 'durationS' },
    { method: 'POST', url: '/api/backtest', payload: { strategy: 'seed-momentum', extra: 1 }, field: 'extra' },
    { method: 'PUT', url: '/api/risk/limits/seed-momentum', payload: { limits: { maxOrderQty: 'lots' } }, field: 'limits.maxOrderQty' },
  ];
  test.each(cases)('$method $url $payload -> field $field', async ({ method, url, payload, field }) => {
    const r = await app.inject({ method, url, headers: h, payload: payload as object });
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.field).toBe(field);
    expect(body.message).toContain(field);
  });

  test('every route with a body refuses an unknown key, naming it', async () => {
    for (const r of ROUTES.filter((x) => x.body !== undefined)) {
      const res = await app.inject({ method: r.method, url: urlOf(r), headers: h, payload: { bogusKey: 1 } });
      expect(res.statusCode, r.url).toBe(400);
      expect(typeof res.json().field).toBe('string');
    }
  });

  test('bad JSON and bad query values', async () => {
    const j = await app.inject({ method: 'POST', url: '/api/kill-switch', headers: { ...h, 'content-type': 'application/json' }, payload: '{"engage": tru' });
    expect(j.statusCode).toBe(400);
    expect(j.json().field).toBe('body');
    const q = await app.inject({ method: 'GET', url: '/api/orders?limit=0', headers: h });
    expect(q.statusCode).toBe(400);
    expect(q.json().field).toBe('query.limit');
    const d = await app.inject({ method: 'GET', url: '/api/books/AAPL?depth=x', headers: h });
    expect(d.json().field).toBe('query.depth');
  });
});
