import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/backtest/load.js';
import { runOnFeed } from '../../src/backtest/run.js';
import type { BacktestOptions, BacktestVenueOptions } from '../../src/backtest/types.js';
import { constantLatency } from '../../src/backtest/venue/index.js';

const MBO = new URL('../../../shared/data/databento/mbo.csv', import.meta.url).pathname;

function momentum(): string {
  const dir = mkdtempSync(join(tmpdir(), 'interim-'));
  const yaml = join(dir, 'mom.yaml');
  writeFileSync(yaml, 'Strategy: Momentum\nAsset: ARL\nLookbackWindow: 10s\nEntryThreshold: 0.5\nOrderQty: 100\nRiskTolerance: Medium\n');
  return yaml;
}

describe('backtest onStep (interim values)', () => {
  // each of the loop's three paths: shared book (direct), venue with feed latency, a port without time
  const venues: Array<[string, BacktestVenueOptions | undefined]> = [
    ['shared book', undefined],
    ['venue with feed latency', { feedLatency: constantLatency(50_000) }],
    ['shadow port', { kind: 'shadow' }],
  ];
  it.each(venues)('%s: reports net PnL at fixed fractions, the last equal to metrics.pnl, and changes nothing in the report', async (_name, venue) => {
    if (!existsSync(MBO)) throw new Error(`shared data missing: ${MBO}`);
    const data = [{ path: MBO, format: 'mbo' as const }];
    const d = await loadData(data);
    const opts: BacktestOptions = { strategy: momentum(), data, params: { entryZ: 0.5 }, venue, sampleNs: 60e9, html: false, parquet: false };
    const plain = await runOnFeed(opts, d.feed, d.recording);
    const seen: Array<[number, number, number]> = [];
    const hooked = await runOnFeed({ ...opts, onStep: (s, f, e) => void seen.push([s, f, e]) }, d.feed, d.recording);
    expect(plain.trades).toBeGreaterThan(0); // a case with PnL moving, not a flat line
    expect(seen.map((x) => x[0])).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(seen.map((x) => x[1])).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) / 20));
    expect(seen[19][2]).toBe(plain.metrics.pnl);
    expect(new Set(seen.map((x) => x[2])).size).toBeGreaterThan(1);
    // determinism: the hook observes only
    expect(hooked.stateHash).toBe(plain.stateHash);
    expect(hooked.metrics).toEqual(plain.metrics);
    expect(hooked.fills).toEqual(plain.fills);
    expect(hooked.equity).toEqual(plain.equity);
    expect(hooked.stopped).toBeUndefined();
    expect(plain.stopped).toBeUndefined();

    // stopping at step 5 ends the loop early: about a quarter of the messages, and the result says so
    const stopped = await runOnFeed({ ...opts, steps: 10, onStep: (s) => s === 5 }, d.feed, d.recording);
    expect(stopped.stopped).toBe(true);
    expect(stopped.feedMessages).toBeLessThan(plain.feedMessages * 0.55);
    expect(stopped.feedMessages).toBeGreaterThan(plain.feedMessages * 0.45);
  }, 10_000);
});
