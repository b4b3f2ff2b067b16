// Shared fixtures of the API tests: the seeds' momentum strategy and a market maker (it keeps quotes
// resting, so the kill switch has orders to cancel), and an app with the API over a SimBackend.

import Fastify, { type FastifyInstance } from 'fastify';
import { DEMO_TOKENS, registerApi } from '../../../src/api/index.js';
import { SimBackend, type SimBackendOptions } from '../../../src/api/sim/backend.js';

export const SEED_MOMENTUM = 'Name: seed-momentum\nStrategy: Momentum\nAsset: AAPL\nLookbackWindow: 100ms\nEntryThreshold: 0.7\nRiskTolerance: Low\n';
export const MARKET_MAKER = 'Name: mm-msft\nStrategy: Market Making\nAsset: MSFT\nRiskTolerance: Low\n';

export const TOKEN = {
  viewer: DEMO_TOKENS.find((t) => t.role === 'viewer')!.token,
  trader: DEMO_TOKENS.find((t) => t.role === 'trader')!.token,
  admin: DEMO_TOKENS.find((t) => t.role === 'admin')!.token,
};

export async function apiOverSim(opts: SimBackendOptions = {}): Promise<{ app: FastifyInstance; backend: SimBackend }> {
  const backend = new SimBackend({ preload: [{ yaml: SEED_MOMENTUM, stage: 'paper' }, { yaml: MARKET_MAKER, stage: 'paper' }], ...opts });
  const app = Fastify({ logger: false });
  await registerApi(app, backend, { tokens: DEMO_TOKENS, snapshotHz: 10 });
  await app.ready();
  return { app, backend };
}
