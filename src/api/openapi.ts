// The OpenAPI 3.1 document of the API, generated from the route table (./routes.ts) and its zod schemas
// (z.toJSONSchema), so it cannot drift from what is mounted. Served at /api/openapi.json.

import { z } from 'zod';
import type { RouteDef } from './routes.js';

type Json = Record<string, unknown>;

function schemaOf(s: z.ZodType): Json {
  const j = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;
  delete j.$schema;
  return j;
}

const errorSchema = { type: 'object', properties: { error: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } }, required: ['error'] };

function parameters(r: RouteDef): Json[] {
  const out: Json[] = [];
  for (const [where, s] of [['path', r.params], ['query', r.query]] as const) {
    if (s === undefined) continue;
    const j = schemaOf(s) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(j.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (j.required ?? []).includes(name), schema });
    }
  }
  return out;
}

export function openApiDocument(routes: readonly RouteDef[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const op: Json = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').split('/').filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())).join('')}`,
      security: [{ bearer: [] }],
      'x-role': r.role,
      'x-audited': r.audit !== undefined,
      parameters: parameters(r),
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
        400: { description: 'Invalid request: `field` names the field at fault', content: { 'application/json': { schema: errorSchema } } },
        401: { description: 'No or unknown token' },
        403: { description: `Role below ${r.role}` },
        ...(r.audit !== undefined ? { 404: { description: 'Unknown strategy' }, 409: { description: 'Refused in the current state' }, 422: { description: 'Invalid strategy spec (issues with line:col)' } } : {}),
      },
    };
    if (r.body !== undefined) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(r.body) } } };
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  paths['/api/stream'] = {
    get: {
      summary: 'Dashboard stream (WebSocket): {type:"snapshot",data} a few times a second, {type:"event",event} as they occur. Token as ?token= or a Bearer header.',
      tags: ['system'], security: [{ bearer: [] }], 'x-role': 'viewer',
      parameters: [{ name: 'token', in: 'query', required: false, schema: { type: 'string' } }],
      responses: { 101: { description: 'Switching to WebSocket' }, 401: { description: 'No or unknown token' } },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'hftbot API', version, description: 'Token auth (Authorization: Bearer); roles viewer < trader < admin (x-role: the lowest role a route allows). Every state change is audited.' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
