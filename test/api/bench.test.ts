// The dashboard benchmark runs end to end (short phases: the figures come from `npm run bench`).
import { expect, test } from 'vitest';
import { benchDashboard } from '../../src/api/bench.js';

test('benchDashboard measures both configurations and the clients receive the stream', async () => {
  const r = await benchDashboard({ phaseMs: 400, rounds: 1 });
  expect(r.clients).toBe(3);
  expect(r.eventsPerSecNone).toBeGreaterThan(0);
  expect(r.eventsPerSecClients).toBeGreaterThan(0);
  expect(r.ratio).toBeCloseTo(r.eventsPerSecClients / r.eventsPerSecNone, 2);
  expect(r.engineShareNone).toBeGreaterThan(0.3);
  expect(r.engineShareNone).toBeLessThanOrEqual(1);
  // Three clients for ~0.4 s at 10 Hz: a first snapshot each on connect, then a few ticks each.
  expect(r.messages).toBeGreaterThanOrEqual(3 * 3);
  expect(r.bytes).toBeGreaterThan(r.messages * 100);
  expect(r.tickUs).toBeGreaterThan(0);
  expect(r.streamShare).toBeCloseTo((r.tickUs / 1e6) * r.snapshotHz, 6);
}, 30_000);
