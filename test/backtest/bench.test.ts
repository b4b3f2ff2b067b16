// Smoke test of the benchmark function (the lead runs it at full size): every figure is there and sane.
import { describe, expect, it } from 'vitest';
import { benchBacktest } from '../../src/backtest/bench.js';

describe('benchBacktest', () => {
  it('reports events/s and the cost per event of each part', async () => {
    const r = await benchBacktest({ messages: 30_000, rounds: 1 });
    expect(r.messages).toBe(30_000);
    expect(r.events).toBeGreaterThanOrEqual(r.messages);
    for (const k of ['eventsPerSecond', 'messagesPerSecond', 'shadowEventsPerSecond', 'cpuEventsPerSecond', 'itchNsPerEvent', 'kernelNsPerEvent', 'shadowNsPerEvent', 'venueNsPerEvent', 'twoBookNsPerEvent', 'venueCpuNsPerEvent'] as const) {
      expect(r[k]).toBeGreaterThan(0);
      expect(Number.isFinite(r[k])).toBe(true);
    }
    expect(r.messagesPerSecond).toBeLessThanOrEqual(r.eventsPerSecond);
  }, 20_000);
});
