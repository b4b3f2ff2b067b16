// Smoke test of the backtest venue benchmark (small): it runs, counts every event, and the quoting
// configuration does get fills.
import { describe, expect, it } from 'vitest';
import { benchBacktestVenue } from '../../src/backtest/venue/bench.js';

describe('backtest venue bench', () => {
  it('measures the three configurations on a small generated day', () => {
    const r = benchBacktestVenue({ messages: 20_000, symbols: 2, rounds: 1 });
    expect(r.events).toBeGreaterThan(15_000);
    expect(r.bookEventsPerSecond).toBeGreaterThan(0);
    expect(r.idleEventsPerSecond).toBeGreaterThan(0);
    expect(r.quotingEventsPerSecond).toBeGreaterThan(0);
    expect(r.fills).toBeGreaterThan(0);
  });
});
