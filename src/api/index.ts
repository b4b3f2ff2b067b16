// Public entry of the HTTP API and dashboard: registerApi mounts the routes under /api (./routes.ts,
// mounted by ./http.ts), the OpenAPI document at /api/openapi.json, the dashboard's WebSocket stream at
// /api/stream (./stream.ts) and the web UI at / (./ui.ts) on a fastify instance the caller owns and
// listens with (`hftbot run`: 127.0.0.1:8080). Everything it shows or changes goes through an ApiBackend
// (./backend.ts). Auth: Bearer tokens with roles viewer < trader < admin (./tokens.ts).

import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { ApiBackend } from './backend.js';
import { authHook, mountRoutes } from './http.js';
import { openApiDocument } from './openapi.js';
import { ROUTES } from './routes.js';
import { SnapshotHub, mountStream } from './stream.js';
import type { ApiToken } from './tokens.js';
import { mountUi } from './ui.js';

export type * from './backend.js';
export { DEMO_TOKENS, parseTokens, hasRole, ROLE_RANK, type ApiToken } from './tokens.js';
export { ROUTES, type RouteDef } from './routes.js';
export { SnapshotHub } from './stream.js';
export { formToYaml, validateInput } from './spec-input.js';
export { openApiDocument } from './openapi.js';

export interface ApiOptions {
  tokens: readonly ApiToken[];
  /** Dashboard snapshots per second (default 5, at most 10). */
  snapshotHz?: number;
  /** Book levels per side in snapshots (default 10). */
  depth?: number;
  /** Serve the web UI at / (default true). */
  ui?: boolean;
  /** Version shown in the OpenAPI document. */
  version?: string;
}

/** Mounts everything; returns the stream hub (closed with the server). */
export async function registerApi(app: FastifyInstance, backend: ApiBackend, opts: ApiOptions): Promise<SnapshotHub> {
  if (opts.tokens.length === 0) throw new Error('registerApi: no tokens (use DEMO_TOKENS for a local demo)');
  const hub = new SnapshotHub(backend, { snapshotHz: opts.snapshotHz ?? 5, depth: opts.depth ?? 10 });
  await app.register(async (api) => {
    if (!api.hasDecorator('websocketServer')) await api.register(websocket, { options: { maxPayload: 64 * 1024 } });
    // fastify's own request errors (bad JSON, wrong content type) in the API's error shape.
    api.setErrorHandler(async (err: { statusCode?: number; message: string }, _req, reply) => {
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) return reply.code(status).send({ error: 'invalid request', field: 'body', message: `body: ${err.message}` });
      api.log.error(err);
      return reply.code(500).send({ error: 'internal error' });
    });
    mountRoutes(api, ROUTES, backend, opts.tokens);
    const doc = openApiDocument(ROUTES, opts.version ?? '0.1.0');
    api.get('/api/openapi.json', { onRequest: authHook(opts.tokens, 'viewer') }, async () => doc);
    mountStream(api, hub, opts.tokens);
    if (opts.ui !== false) mountUi(api);
    api.addHook('onClose', async () => hub.close());
  });
  return hub;
}
