// Public entry of the HTTP API and dashboard: registerApi mounts the routes under /api, the dashboard's
// WebSocket stream and the web UI at / on a fastify instance the caller owns (`hftbot run` listens on
// 127.0.0.1:8080). Everything it shows or changes goes through an ApiBackend (./backend.ts).

import type { FastifyInstance } from 'fastify';
import type { ApiBackend } from './backend.js';
import type { ApiToken } from './tokens.js';

export type * from './backend.js';
export { DEMO_TOKENS, parseTokens, hasRole, type ApiToken } from './tokens.js';

export interface ApiOptions {
  tokens: readonly ApiToken[];
  /** Dashboard snapshots per second (default 5, at most 10). */
  snapshotHz?: number;
  /** Book levels per side in snapshots (default 10). */
  depth?: number;
  /** Serve the web UI at / (default true). */
  ui?: boolean;
}

export async function registerApi(_app: FastifyInstance, _backend: ApiBackend, _opts: ApiOptions): Promise<void> {
  // Filled in by the next commit (routes, stream, UI).
}
