// Serves the web UI (src/ui: hand-written ES modules, no build step, so `npm ci` is all it needs) at /
// and /ui/*, and uPlot from node_modules at /ui/vendor/*. Public: the login page must load without a
// token; every piece of data it shows comes from the authenticated API. The files are read once at
// registration (the UI is small) and sent from memory.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The UI folder: src/ui next to this module's src/api, or (running from dist/) the repository's src/ui. */
export function uiDir(): string {
  const near = fileURLToPath(new URL('../ui/', import.meta.url));
  if (existsSync(join(near, 'index.html'))) return near;
  return fileURLToPath(new URL('../../src/ui/', import.meta.url));
}

interface Asset { type: string; body: Buffer }

function loadAssets(): Map<string, Asset> {
  const out = new Map<string, Asset>();
  const dir = uiDir();
  for (const f of readdirSync(dir)) {
    const type = TYPES[extname(f)];
    if (type !== undefined) out.set(`/ui/${f}`, { type, body: readFileSync(join(dir, f)) });
  }
  const uplot = dirname(createRequire(import.meta.url).resolve('uplot'));
  out.set('/ui/vendor/uPlot.esm.js', { type: TYPES['.js'], body: readFileSync(join(uplot, 'uPlot.esm.js')) });
  out.set('/ui/vendor/uPlot.min.css', { type: TYPES['.css'], body: readFileSync(join(uplot, 'uPlot.min.css')) });
  return out;
}

/** Only this server's own scripts and its stream; inline style attributes (the views set widths). */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function mountUi(app: FastifyInstance): void {
  const assets = loadAssets();
  const index = assets.get('/ui/index.html');
  if (index === undefined) throw new Error(`web UI: no index.html in ${uiDir()}`);
  const send = (reply: FastifyReply, a: Asset) => reply.type(a.type).headers({
    'cache-control': 'no-cache', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer',
  }).send(a.body);
  app.get('/', async (_req, reply) => send(reply, index));
  app.get('/ui/*', async (req, reply) => {
    const a = assets.get(req.url.split('?')[0]);
    if (a === undefined) return reply.code(404).send({ error: 'not found' });
    return send(reply, a);
  });
}
