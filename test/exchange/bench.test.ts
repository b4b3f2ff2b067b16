// Smoke test of benchGateway (the figure itself is for `npm run bench`): it runs, every order is
// answered (New for each, a Trade on both sides for every second one), and the figures are sane.
import { describe, expect, it } from 'vitest';
import { benchGateway } from '../../src/exchange/bench.js';
import { dict } from './helpers.js';

describe('benchGateway', () => {
  it('sends orders through both FIX sessions and the venue and reports rates and latencies', () => {
    const r = benchGateway({ dictionary: dict, orders: 2000, warmup: 200 });
    expect(r.orders).toBe(2000);
    // a New per order, and per match (every second order) two Trades: maker and taker are both this session
    expect(r.reports).toBe(2000 + 2 * 1000);
    expect(r.ordersPerSecond).toBeGreaterThan(0);
    expect(r.p50Ns).toBeGreaterThan(0);
    expect(r.p99Ns).toBeGreaterThanOrEqual(r.p50Ns);
  });
});
