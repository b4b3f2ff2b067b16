// The committed benchmark workload matching-v1: its documented shape, its determinism, and a tiny run of
// the benchmark itself (which also checks that nodejs-order-book ended with the same book as ours).
import { expect, test } from 'vitest';
import { benchMatching } from '../../src/matching/bench.js';
import { WOP_ADD, WOP_CANCEL, matchingV1Workload, MATCHING_V1_MID, MATCHING_V1_TICK } from '../../src/matching/workload.js';

test('matching-v1: 1M commands, ~60/30/10 mix, adds within 20 ticks, queues <= 20 orders per level on average', () => {
  const w = matchingV1Workload(1);
  expect(w.n).toBe(1_000_000);
  const s = w.stats;
  expect(s.adds + s.cancels + s.markets + s.iocs).toBe(1_000_000);
  expect(Math.abs(s.adds / 1e6 - 0.6)).toBeLessThan(0.01);
  expect(Math.abs(s.cancels / 1e6 - 0.3)).toBeLessThan(0.01);
  expect(Math.abs((s.markets + s.iocs) / 1e6 - 0.1)).toBeLessThan(0.01);
  expect(s.avgOrdersPerLevel).toBeLessThanOrEqual(20);
  expect(s.avgOrdersPerLevel).toBeGreaterThan(5);
  expect(s.fills).toBeGreaterThan(100_000);
  for (let i = 0; i < w.n; i += 997) {
    if (w.op[i] !== WOP_ADD) continue;
    const d = Math.abs(w.px[i] - MATCHING_V1_MID) / MATCHING_V1_TICK;
    expect(d >= 1 && d <= 20 && Number.isInteger(d)).toBe(true);
  }
  // Cancels name orders added earlier.
  for (let i = 0; i < w.n; i += 1009) if (w.op[i] === WOP_CANCEL) expect(w.id[i]).toBeLessThanOrEqual(i);
});

test('matching-v1 is deterministic for a seed', () => {
  const a = matchingV1Workload(7, 50_000);
  const b = matchingV1Workload(7, 50_000);
  const c = matchingV1Workload(8, 50_000);
  expect(Buffer.from(a.px.buffer).equals(Buffer.from(b.px.buffer))).toBe(true);
  expect(Buffer.from(a.op.buffer).equals(Buffer.from(b.op.buffer))).toBe(true);
  expect(Buffer.from(a.px.buffer).equals(Buffer.from(c.px.buffer))).toBe(false);
});

test('benchMatching runs both engines on the same commands and reports the figures', async () => {
  const r = await benchMatching({ commands: 20_000, throughputRuns: 1 });
  expect(r.commands).toBe(20_000);
  expect(r.peerBookMatches).toBe(true);
  expect(r.ordersPerSecond).toBeGreaterThan(0);
  expect(r.peerOrdersPerSecond).toBeGreaterThan(0);
  expect(r.p99Ns).toBeGreaterThanOrEqual(r.p50Ns);
  expect(r.ratio).toBeCloseTo(r.ordersPerSecond / r.peerOrdersPerSecond, 1);
  expect(r.fills).toBeGreaterThan(0);
});
