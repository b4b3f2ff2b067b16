// Acceptance: the same backtest twice, into two output folders, gives byte-identical report.json and
// trades.csv, on a run with at least 10 trades; and the output folder holds what issue 6 lists.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseSpec, type StrategySpec } from '../../src/config/index.js';
import { writeSyntheticItchFile } from '../../src/feed/synthetic/index.js';
import { runBacktest, type BacktestResult } from '../../src/backtest/index.js';
import { constantLatency } from '../../src/backtest/venue/index.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-det-'));
const data = join(dir, 'day.itch');
const spec = (() => {
  const r = parseSpec('Strategy: Momentum\nAsset: AAPL\nLookbackWindow: 1s\nEntryThreshold: 1.0\nOrderQty: 100\nRiskTolerance: Medium\n', 'momentum.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.spec as StrategySpec;
})();

let a: BacktestResult;
let b: BacktestResult;

beforeAll(async () => {
  writeSyntheticItchFile(data, { messages: 300_000, symbols: 1, seed: 7, liveTarget: 200 });
  const venue = { orderLatency: constantLatency(20_000), reportLatency: constantLatency(20_000) };
  a = await runBacktest({ strategy: spec, data: [{ path: data }], venue, outDir: join(dir, 'a') });
  b = await runBacktest({ strategy: spec, data: [{ path: data, format: 'itch' }], venue: { orderLatency: constantLatency(20_000), reportLatency: constantLatency(20_000) }, outDir: join(dir, 'b'), html: false });
}, 60_000);

describe('determinism', () => {
  it('has at least 10 trades', () => {
    expect(a.trades).toBeGreaterThanOrEqual(10);
    expect(a.metrics.trades).toBe(a.trades);
  });
  it('report.json and trades.csv are byte-identical', () => {
    for (const f of ['report.json', 'trades.csv', 'orders.csv', 'fills.csv']) {
      const x = readFileSync(join(dir, 'a', f));
      expect(x.length).toBeGreaterThan(0);
      expect(x.equals(readFileSync(join(dir, 'b', f)))).toBe(true);
    }
    expect(a.stateHash).toBe(b.stateHash);
  });
});

describe('outputs', () => {
  it('report.json: metrics at the top level, no paths and no wall-clock', () => {
    const text = readFileSync(join(dir, 'a', 'report.json'), 'utf8');
    const rep = JSON.parse(text) as Record<string, unknown>;
    for (const k of ['pnl', 'grossPnl', 'sharpe', 'sortino', 'maxDrawdown', 'maxDrawdownDurationNs', 'calmar', 'hitRate', 'profitFactor', 'turnover', 'fillRatio', 'avgHoldingTimeNs', 'exposure', 'latency']) {
      expect(rep).toHaveProperty(k);
    }
    expect(rep.pnl).toBe(a.metrics.pnl);
    expect(text).not.toContain(dir);
    expect(text).not.toMatch(/wall|finishedAt/i);
    const run = JSON.parse(readFileSync(join(dir, 'a', 'run.json'), 'utf8')) as { data: { path: string }[]; wallMs: number };
    expect(run.data[0].path).toBe(data);
    expect(run.wallMs).toBeGreaterThan(0);
  });
  it('trades.csv rows match the trades; the latency reflects the venue model', () => {
    const lines = readFileSync(join(dir, 'a', 'trades.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('strategy,instrument,side,entry_ns,exit_ns,qty,entry_px,exit_px,pnl,fees,fills');
    expect(lines.length - 1).toBe(a.trades);
    // 20 us out + 20 us back: every acknowledged order took 40 us of simulated time
    expect(a.metrics.latency.orderAckNs.p50).toBe(40_000);
    expect(a.metrics.latency.orderAckNs.max).toBe(40_000);
  });
  it('parquet files hold the CSV rows', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    try {
      for (const [name, n] of [['trades', a.tradeList.length], ['orders', a.orders.length], ['fills', a.fills.length]] as const) {
        const r = await con.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${join(dir, 'a', `${name}.parquet`)}')`);
        expect(Number(r.getRowObjects()[0].n)).toBe(n);
      }
      const t = await con.runAndReadAll(`SELECT sum(pnl) AS s FROM read_parquet('${join(dir, 'a', 'trades.parquet')}')`);
      const sum = a.tradeList.reduce((s, x) => s + x.pnl, 0);
      expect(Number(t.getRowObjects()[0].s)).toBeCloseTo(sum, 6);
    } finally {
      con.closeSync();
      db.closeSync();
    }
  });
  it('report.html is self-contained', () => {
    const html = readFileSync(join(dir, 'a', 'report.html'), 'utf8');
    expect(html).toContain('uPlot');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    for (const id of ['equity', 'drawdown', 'position', 'prices', 'latency']) expect(html).toContain(`id="${id}"`);
    expect(existsSync(join(dir, 'b', 'report.html'))).toBe(false);
  });
});
