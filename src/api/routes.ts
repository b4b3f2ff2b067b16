// The API's route table: one entry per route with its method, path, the lowest role allowed, its request
// schemas, whether it changes state (audited) and its handler over the ApiBackend. ./http.ts mounts the
// table (auth, validation, audit), ./openapi.ts documents it, and the tests generate their 401/403 cases
// from it, so a new route is mounted, documented and tested by adding one entry here.

import type { z } from 'zod';
import type { ApiBackend, Result, Role, StrategyInput } from './backend.js';
import * as S from './schemas.js';

export interface HandlerInput {
  backend: ApiBackend;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  caller: { name: string; role: Role };
}

/** What a handler answers: a status and a JSON body. */
export interface Reply {
  status: number;
  body: unknown;
}

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT';
  /** fastify syntax (:param). */
  url: string;
  role: Role;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Audit action name: set on every state-changing route. */
  audit?: string;
  handler: (h: HandlerInput) => Reply | Promise<Reply>;
}

const ok = (body: unknown): Reply => ({ status: 200, body });

/** A backend Result as a reply: 200, or 404 / 422 / 409 with the error (see Result). */
export function fromResult(r: Result<object>): Reply {
  if (r.ok) return { status: 200, body: r };
  return { status: r.notFound === true ? 404 : r.issues !== undefined ? 422 : 409, body: { error: r.error, issues: r.issues } };
}

function inputOf(body: Record<string, unknown>): StrategyInput {
  return body.form !== undefined ? { form: body.form as S.SeedFormOut } : { yaml: body.yaml as string };
}

export const ROUTES: readonly RouteDef[] = [
  { method: 'GET', url: '/api/whoami', role: 'viewer', tag: 'system', summary: 'The caller\'s name and role (the UI\'s login check)', handler: ({ caller }) => ok(caller) },
  { method: 'GET', url: '/api/health', role: 'viewer', tag: 'system', summary: 'Health of the system and its components', handler: ({ backend }) => ok(backend.health()) },
  { method: 'GET', url: '/api/instruments', role: 'viewer', tag: 'market', summary: 'Traded instruments', handler: ({ backend }) => ok({ instruments: backend.instruments() }) },
  { method: 'GET', url: '/api/snapshot', role: 'viewer', tag: 'system', summary: 'One dashboard snapshot (what the stream sends)', query: S.snapshotQuery, handler: ({ backend, query }) => ok(backend.snapshot(query.depth as number)) },

  { method: 'GET', url: '/api/strategies', role: 'viewer', tag: 'strategies', summary: 'Strategies with stage, state and PnL', handler: ({ backend }) => ok({ strategies: backend.strategies() }) },
  { method: 'POST', url: '/api/strategies/validate', role: 'viewer', tag: 'strategies', summary: 'Validate a strategy (minimal form or YAML): issues with line:col', body: S.validateBody, handler: ({ backend, body }) => ok(backend.validate(inputOf(body))) },
  { method: 'POST', url: '/api/strategies', role: 'trader', tag: 'strategies', summary: 'Create a strategy from the minimal form or YAML (stopped, in the given stage)', body: S.createBody, audit: 'strategy.create', handler: async ({ backend, body, caller }) => fromResult(await backend.create(inputOf(body), body.stage as S.StageOut, caller.name)) },
  { method: 'POST', url: '/api/strategies/:name/start', role: 'trader', tag: 'strategies', summary: 'Start a strategy in its stage', params: S.nameParams, audit: 'strategy.start', handler: async ({ backend, params, caller }) => fromResult(await backend.start(params.name, caller.name)) },
  { method: 'POST', url: '/api/strategies/:name/stop', role: 'trader', tag: 'strategies', summary: 'Stop a strategy (its working orders are cancelled)', params: S.nameParams, audit: 'strategy.stop', handler: async ({ backend, params, caller }) => fromResult(await backend.stop(params.name, caller.name)) },
  { method: 'PUT', url: '/api/strategies/:name/stage', role: 'trader', tag: 'strategies', summary: 'Set the stage (shadow, paper, live) without the gates', params: S.nameParams, body: S.stageBody, audit: 'strategy.stage', handler: async ({ backend, params, body, caller }) => fromResult(await backend.setStage(params.name, body.stage as S.StageOut, caller.name)) },
  { method: 'POST', url: '/api/strategies/:name/promote', role: 'trader', tag: 'strategies', summary: 'Promote to the next stage if its gates pass', params: S.nameParams, audit: 'strategy.promote', handler: async ({ backend, params, caller }) => fromResult(await backend.promote(params.name, caller.name)) },
  { method: 'POST', url: '/api/backtest', role: 'trader', tag: 'strategies', summary: 'Backtest a strategy (by name, form or YAML): metrics and chart series', body: S.backtestBody, handler: async ({ backend, body }) => {
    const b = body as { strategy?: string; durationS?: number; seed?: number };
    return fromResult(await backend.backtest({ strategy: b.strategy, input: b.strategy === undefined ? inputOf(body) : undefined, durationS: b.durationS, seed: b.seed }));
  } },

  { method: 'GET', url: '/api/orders', role: 'viewer', tag: 'trading', summary: 'Orders (newest first)', query: S.ordersQuery, handler: ({ backend, query }) => ok({ orders: backend.orders(query as { limit: number }) }) },
  { method: 'GET', url: '/api/fills', role: 'viewer', tag: 'trading', summary: 'Fills (newest first; shadow fills flagged)', query: S.fillsQuery, handler: ({ backend, query }) => ok({ fills: backend.fills(query as { limit: number }) }) },
  { method: 'GET', url: '/api/positions', role: 'viewer', tag: 'trading', summary: 'Positions per strategy and instrument', handler: ({ backend }) => ok({ positions: backend.positions() }) },
  { method: 'GET', url: '/api/pnl', role: 'viewer', tag: 'trading', summary: 'PnL per strategy, net of fees', handler: ({ backend }) => ok(backend.pnl()) },

  { method: 'GET', url: '/api/risk', role: 'viewer', tag: 'risk', summary: 'Risk limits, utilisation and the kill switch', handler: ({ backend }) => ok(backend.risk()) },
  { method: 'PUT', url: '/api/risk/limits/:strategy', role: 'admin', tag: 'risk', summary: 'Override risk limits of a strategy', params: S.strategyParams, body: S.limitsBody, audit: 'risk.limits', handler: async ({ backend, params, body, caller }) => fromResult(await backend.setLimits(params.strategy, body.limits as Record<string, number | null>, caller.name)) },
  { method: 'POST', url: '/api/kill-switch', role: 'admin', tag: 'risk', summary: 'Engage (every working order cancelled) or release the kill switch', body: S.killBody, audit: 'kill-switch', handler: async ({ backend, body, caller }) => fromResult(await backend.killSwitch(body.engage as boolean, caller.name)) },
  { method: 'GET', url: '/api/latency', role: 'viewer', tag: 'system', summary: 'Latency histograms (seconds)', handler: ({ backend }) => ok({ histograms: backend.latency() }) },
  { method: 'GET', url: '/api/alerts', role: 'viewer', tag: 'system', summary: 'Alerts firing or recently resolved', handler: ({ backend }) => ok({ alerts: backend.alerts() }) },
  { method: 'GET', url: '/api/audit', role: 'trader', tag: 'system', summary: 'The audit log (newest first)', query: S.auditQuery, handler: ({ backend, query }) => ok({ entries: backend.auditLog(query.limit as number) }) },

  { method: 'GET', url: '/api/books/:instrument', role: 'viewer', tag: 'market', summary: 'Top levels of an instrument\'s book', params: S.instrumentParams, query: S.bookQuery, handler: ({ backend, params, query }) => {
    const b = backend.book(params.instrument, query.depth as number);
    return b === null ? { status: 404, body: { error: `unknown instrument ${params.instrument}` } } : ok(b);
  } },
  { method: 'GET', url: '/api/trades/:instrument', role: 'viewer', tag: 'market', summary: 'Recent trades of an instrument (newest first)', params: S.instrumentParams, query: S.tradesQuery, handler: ({ backend, params, query }) => {
    if (!backend.instruments().includes(params.instrument)) return { status: 404, body: { error: `unknown instrument ${params.instrument}` } };
    return ok({ trades: backend.trades(params.instrument, query.limit as number) });
  } },
];
