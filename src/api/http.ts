// Mounts the route table (./routes.ts) on fastify. Per request, in this order:
//   1 auth (onRequest, before the body is even parsed): no or unknown Bearer token -> 401, a role below
//     the route's -> 403;
//   2 validation of params, query and body with the route's zod schemas -> 400 naming the first field
//     at fault ({ error, field, message });
//   3 the handler over the backend;
//   4 audit: every state-changing route (RouteDef.audit) appends one entry with the caller and outcome.
// fastify's own JSON body parse errors are answered as 400 with field "body".

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { wallMs } from '../clock/live.js';
import type { ApiBackend, Role } from './backend.js';
import type { RouteDef } from './routes.js';
import { hasRole, type ApiToken } from './tokens.js';

export interface Caller { name: string; role: Role }

/** The token of a request: `Authorization: Bearer <t>`, or `?token=<t>` (WebSocket upgrades only: browsers cannot set headers there). */
export function tokenOf(req: FastifyRequest, allowQuery: boolean): string | null {
  const h = req.headers.authorization;
  if (typeof h === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    return m === null ? null : m[1];
  }
  if (allowQuery) {
    const q = (req.query as Record<string, unknown> | undefined)?.token;
    if (typeof q === 'string' && q !== '') return q;
  }
  return null;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** The caller a token belongs to; compared in constant time (digests of equal length) against each token. */
export function authenticate(tokens: readonly ApiToken[], token: string | null): Caller | null {
  if (token === null) return null;
  const d = digest(token);
  let found: ApiToken | null = null;
  for (const t of tokens) if (timingSafeEqual(digest(t.token), d)) found = t;
  return found === null ? null : { name: found.name, role: found.role };
}

const callers = new WeakMap<FastifyRequest, Caller>();

export function callerOf(req: FastifyRequest): Caller {
  return callers.get(req)!;
}

/** onRequest hook: 401 / 403, or records the caller for the handler. */
export function authHook(tokens: readonly ApiToken[], role: Role, allowQuery = false) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const c = authenticate(tokens, tokenOf(req, allowQuery));
    if (c === null) {
      await reply.code(401).header('www-authenticate', 'Bearer realm="hftbot"').send({ error: 'unauthenticated: send Authorization: Bearer <token>' });
      return reply;
    }
    if (!hasRole(c.role, role)) {
      await reply.code(403).send({ error: `forbidden: needs role ${role}, token ${c.name} has ${c.role}` });
      return reply;
    }
    callers.set(req, c);
  };
}

/** The first issue of a failed parse as { field, message }; `where` prefixes the path (query., params.). */
export function firstIssue(err: z.ZodError, where: string): { field: string; message: string } {
  const i = err.issues[0];
  let path = i.path.map(String);
  // An unknown key names itself, not its parent.
  if (i.code === 'unrecognized_keys' && i.keys.length > 0) path = [...path, i.keys[0]];
  const field = where + (path.length > 0 ? path.join('.') : '');
  return { field: field === '' ? 'body' : field, message: `${field === '' ? 'body' : field}: ${i.message}` };
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): { ok: true; value: Record<string, unknown> } | { ok: false; field: string; message: string } {
  if (schema === undefined) return { ok: true, value: {} };
  const r = schema.safeParse(value ?? {});
  if (r.success) return { ok: true, value: r.data as Record<string, unknown> };
  return { ok: false, ...firstIssue(r.error, where) };
}

export function mountRoutes(app: FastifyInstance, routes: readonly RouteDef[], backend: ApiBackend, tokens: readonly ApiToken[]): void {
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      onRequest: authHook(tokens, r.role),
      handler: async (req, reply) => {
        const caller = callerOf(req);
        const p = parse(r.params, req.params, 'params.');
        const q = p.ok ? parse(r.query, req.query, 'query.') : p;
        const b = q.ok ? parse(r.body, r.method === 'GET' ? undefined : req.body, '') : q;
        if (!p.ok || !q.ok || !b.ok) {
          const bad = !p.ok ? p : !q.ok ? q : (b as { field: string; message: string });
          return reply.code(400).send({ error: 'invalid request', field: bad.field, message: bad.message });
        }
        let res: { status: number; body: unknown };
        try {
          res = await r.handler({ backend, params: p.value as Record<string, string>, query: q.value, body: b.value, caller });
        } catch (err) {
          if (r.audit !== undefined) backend.audit({ tsMs: wallMs(), actor: caller.name, role: caller.role, action: r.audit, target: targetOf(p.value), params: b.value, ok: false, detail: `error: ${(err as Error).message}` });
          throw err;
        }
        if (r.audit !== undefined) {
          const failed = res.status >= 400 ? (res.body as { error?: string }).error ?? `status ${res.status}` : '';
          backend.audit({ tsMs: wallMs(), actor: caller.name, role: caller.role, action: r.audit, target: targetOf(p.value), params: b.value, ok: res.status < 400, detail: failed });
        }
        return reply.code(res.status).send(res.body);
      },
    });
  }
}

function targetOf(params: Record<string, unknown>): string {
  const v = params.name ?? params.strategy ?? params.instrument;
  return typeof v === 'string' ? v : '';
}
