// The HTTP server of `hftbot run` (fastify, 127.0.0.1:8080 by default): /metrics (Prometheus text from
// the system's prom-client registry, gauges refreshed at scrape) and /health, plus the web API and
// dashboard (src/api registerApi) over the system's ApiBackend when the API module is present.
// Cold path: requests are served on the event loop between kernel ticks; a scrape costs ~1 ms.

import Fastify, { type FastifyInstance } from 'fastify';
import type { SystemRegistry } from '../metrics/registry.js';

export interface ServerOptions {
  host: string;
  port: number;
  metrics: SystemRegistry;
  health: () => { status: string } & Record<string, unknown>;
}

export async function createServer(o: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/metrics', async (_req, reply) => {
    const text = await o.metrics.scrape();
    return reply.header('content-type', o.metrics.contentType).send(text);
  });
  app.get('/health', async (_req, reply) => {
    const h = o.health();
    return reply.code(h.status === 'down' ? 503 : 200).send(h);
  });
  return app;
}
