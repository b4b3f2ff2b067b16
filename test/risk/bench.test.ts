// Smoke test of benchRisk (the figures come from `npm run bench`, not from here): a short run returns
// the documented shape, runs the full path (the workload is accepted) and every check is enabled.

import { describe, expect, it } from 'vitest';
import { benchRisk, Check } from '../../src/risk/index.js';

describe('benchRisk', () => {
  it('returns {checksPerSecond, p50Ns, p99Ns, checksEnabled} over a workload that passes every check', () => {
    const r = benchRisk({ batches: 30, warmup: 5, singleBatches: 5 });
    expect(r.checksEnabled).toBe(Check.SelfTrade);
    expect(r.batches).toBe(30);
    expect(r.acceptRatio).toBeGreaterThan(0.95);
    expect(r.checksPerSecond).toBeGreaterThan(0);
    expect(r.p50Ns).toBeGreaterThan(0);
    expect(r.p99Ns).toBeGreaterThanOrEqual(r.p50Ns);
    expect(r.harnessP50Ns).toBeGreaterThan(0);
    expect(r.harnessP99Ns).toBeGreaterThanOrEqual(r.harnessP50Ns);
    expect(r.singleP99Ns).toBeGreaterThanOrEqual(r.singleP50Ns);
    expect(r.clockPairNs).toBeGreaterThanOrEqual(0);
  });
});
