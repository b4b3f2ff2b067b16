// The synthetic market: deterministic for a seed (byte-identical ITCH, also with the reference engine),
// realistic prices and ticks around the defaults, every agent kind active, and the AssetA/AssetB pair
// cointegrated (Engle-Granger on 1-second mids) while two independent names are not.

import { describe, expect, it } from 'vitest';
import { coint } from '../../src/stats/coint.js';
import { createSyntheticMarket, PRICE_SCALE } from '../../src/sim/agents.js';
import type { SyntheticMarketOptions } from '../../src/sim/agents.js';
import { ItchPublisher } from '../../src/sim/itch-publisher.js';

const SEC = 1e9;
const OPEN = 34_200 * SEC;

/** Runs `commands` commands and digests every published ITCH byte (FNV-1a). */
function feedDigest(opts: SyntheticMarketOptions, commands: number): { hash: number; messages: number } {
  const m = createSyntheticMarket(opts);
  let h = 0x811c9dc5;
  let messages = 0;
  new ItchPublisher(m.venue, {
    taps: [(buf, off, len) => {
      messages++;
      for (let i = off; i < off + len; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    }],
  });
  m.stepCommands(commands);
  return { hash: h >>> 0, messages };
}

describe('synthetic market', () => {
  it('is deterministic for a seed, engine-independent, and seed-sensitive', () => {
    const a = feedDigest({ seed: 5 }, 30_000);
    const b = feedDigest({ seed: 5 }, 30_000);
    const ref = feedDigest({ seed: 5, engine: 'reference' }, 30_000);
    const c = feedDigest({ seed: 6 }, 30_000);
    expect(a.messages).toBeGreaterThan(30_000);
    expect(b).toEqual(a);
    expect(ref).toEqual(a);
    expect(c.hash).not.toBe(a.hash);
  });

  it('quotes realistic prices on tick with every agent kind trading', () => {
    const m = createSyntheticMarket({ seed: 9 });
    const expected: Record<string, number> = { AAPL: 190, MSFT: 420, SPY: 560, AssetA: 50, AssetB: 85 };
    const spreads: number[][] = m.venue.instruments.map(() => []);
    for (let k = 1; k <= 240; k++) {
      m.step(OPEN + k * SEC / 2);
      for (const inst of m.venue.instruments) {
        const e = m.venue.engine(inst.index);
        spreads[inst.index].push((e.bestAsk() - e.bestBid()) / 100); // in $0.01 ticks
      }
    }
    for (const inst of m.venue.instruments) {
      const e = m.venue.engine(inst.index);
      const bid = e.bestBid();
      const ask = e.bestAsk();
      expect(bid % 100, inst.symbol).toBe(0); // $0.01 tick
      expect(ask % 100, inst.symbol).toBe(0);
      const s = spreads[inst.index].sort((x, y) => x - y);
      expect(s[0], inst.symbol).toBeGreaterThan(0); // never locked or crossed
      expect(s[120], `${inst.symbol} median spread`).toBeLessThanOrEqual(4);
      expect(s[228], `${inst.symbol} p95 spread`).toBeLessThanOrEqual(15);
      const mid = (bid + ask) / 2 / PRICE_SCALE;
      expect(Math.abs(mid / expected[inst.symbol] - 1), inst.symbol).toBeLessThan(0.05);
      expect(e.fillCount(), inst.symbol).toBeGreaterThan(500);
      expect(e.orderCount(), inst.symbol).toBeGreaterThan(20);
    }
    for (const kind of ['market-maker', 'noise', 'momentum', 'mean-reversion']) {
      const traded = m.agents.filter((a) => a.kind === kind && a.position !== 0).length;
      expect(traded, kind).toBeGreaterThan(0);
    }
    // Activity scales the event rate.
    const busy = createSyntheticMarket({ seed: 9, activity: 2 });
    busy.step(OPEN + 10 * SEC);
    const calm = createSyntheticMarket({ seed: 9 });
    calm.step(OPEN + 10 * SEC);
    expect(busy.venue.commands).toBeGreaterThan(1.5 * calm.venue.commands);
  });

  it('makes AssetA/AssetB cointegrated (Engle-Granger on 1 s mids) and AAPL/MSFT not', () => {
    const m = createSyntheticMarket({ seed: 2024 });
    const n = 900;
    const mids: number[][] = m.venue.instruments.map(() => []);
    for (let k = 1; k <= n; k++) {
      m.step(OPEN + k * SEC);
      for (const inst of m.venue.instruments) {
        const e = m.venue.engine(inst.index);
        mids[inst.index].push((e.bestBid() + e.bestAsk()) / 2 / PRICE_SCALE);
      }
    }
    const [aapl, msft, , a, b] = mids;
    expect(b.every((v) => Number.isFinite(v))).toBe(true);
    expect(coint(b, [a]).pvalue).toBeLessThan(0.05);
    // As the pairs-full example estimates it: rolling 600-bar windows, p < 5%.
    let found = 0;
    let windows = 0;
    for (let s = 0; s + 600 <= n; s += 60, windows++) if (coint(b.slice(s, s + 600), [a.slice(s, s + 600)]).pvalue < 0.05) found++;
    expect(windows).toBe(6);
    expect(found).toBeGreaterThanOrEqual(5);
    const unrelated = coint(msft, [aapl]);
    expect(unrelated.pvalue).toBeGreaterThan(0.1);
  });
});
