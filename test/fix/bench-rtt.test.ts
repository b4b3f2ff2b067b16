// Smoke test of the loopback round-trip bench (the figures themselves come from `hftbot bench fix`):
// every order makes the round trip, quantiles are ordered, the same-run TCP reference is filled in.
import { describe, expect, it } from 'vitest';
import { benchFixRoundTrip } from '../../src/fix/bench-rtt.js';
import { dict44 } from './harness.js';

describe('benchFixRoundTrip', () => {
  it('times every round trip and the bare TCP reference', async () => {
    const r = await benchFixRoundTrip(dict44, 400);
    expect(r.orders).toBe(400);
    expect(r.rttP50Us).toBeGreaterThan(0);
    expect(r.rttP99Us).toBeGreaterThanOrEqual(r.rttP50Us);
    expect(r.rttMaxUs).toBeGreaterThanOrEqual(r.rttP99Us);
    expect(r.roundTripsPerSecond).toBeGreaterThan(0);
    expect(r.tcpP50Us).toBeGreaterThan(0);
    expect(r.tcpP99Us).toBeGreaterThanOrEqual(r.tcpP50Us);
  }, 20_000);
});
