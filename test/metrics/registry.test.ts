// /metrics building blocks: HDR recordings exported as Prometheus histograms in seconds, typed-array
// counters loaded at scrape, gauges refreshed from a source at scrape, and the exposition text accepted by
// `promtool check metrics`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HdrHistogramMetric, LatencyRecorder, M, SystemCounters, buildRegistry, REASON_VENUE, N_REASONS, type GaugeValues } from '../../src/metrics/index.js';

function parse(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    m.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return m;
}

describe('LatencyRecorder / HdrHistogramMetric', () => {
  it('puts ns recordings into second buckets, cumulative, with exact sum and count', () => {
    const h = new HdrHistogramMetric('x_seconds', 'test', [1e-6, 1e-5, 1e-4]);
    const r = h.add({ k: 'a' });
    for (const ns of [500, 900, 5_000, 50_000, 2_000_000]) r.record(ns);
    const v = h.get().values;
    const le = (b: string | number) => v.find((x) => x.metricName === 'x_seconds_bucket' && x.labels.le === b)!.value;
    expect(le(1e-6)).toBe(2);
    expect(le(1e-5)).toBe(3);
    expect(le(1e-4)).toBe(4);
    expect(le('+Inf')).toBe(5);
    expect(v.find((x) => x.metricName === 'x_seconds_count')!.value).toBe(5);
    expect(v.find((x) => x.metricName === 'x_seconds_sum')!.value).toBeCloseTo(2_056_400 / 1e9, 12);
    expect(r.percentileNs(50)).toBeGreaterThanOrEqual(4_995);
    expect(r.percentileNs(50)).toBeLessThanOrEqual(5_005);
  });

  it('records without allocating per call (heap stays flat over 200k records)', () => {
    const r = new LatencyRecorder();
    for (let i = 0; i < 10_000; i++) r.record(1000 + i);
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200_000; i++) r.record(100 + (i % 100_000));
    const grew = process.memoryUsage().heapUsed - before;
    expect(r.count).toBe(210_000);
    expect(grew).toBeLessThan(2_000_000); // 200k allocations of even 16 bytes would be 3.2 MB
  });

  it('computes the same counts index as the library for every magnitude', () => {
    const r = new LatencyRecorder();
    for (let e = 0; e < 34; e++) {
      for (const v of [2 ** e, 2 ** e + 1, Math.floor(2 ** e * 1.37), 2 ** (e + 1) - 1]) {
        if (v < 1 || v > 1e10) continue;
        expect(r.indexOf(v)).toBe(r.h.countsArrayIndex(v));
      }
    }
    r.record(123_456);
    expect(r.h.getCountAtIndex(r.h.countsArrayIndex(123_456))).toBe(1);
    expect(r.h.maxValue).toBeGreaterThanOrEqual(123_000);
  });

  it('clamps out-of-range values instead of throwing', () => {
    const r = new LatencyRecorder();
    r.record(-5);
    r.record(1e12);
    expect(r.count).toBe(2);
  });
});

function system() {
  const c = new SystemCounters({ strategies: ['mom', 'pairs', ''], instruments: ['AAPL', 'A', 'B'], traded: [[0], [1, 2], []], feeds: ['itch'], venues: ['shadow', 'simulator', 'fix'] });
  c.orders[0] = 7;
  c.fills[0] = 5;
  c.shadowFills[1 * 3 + 1] = 3;
  c.rejects[0 * N_REASONS + 14] = 2; // order_qty
  c.rejects[1 * N_REASONS + REASON_VENUE] = 1;
  c.breaches[0 * N_REASONS + 9] = 1; // max_loss
  c.feedMessages[0] = 1000;
  c.tickToTrade[0].record(12_000);
  c.riskCheck.record(300);
  c.orderAck[1].record(40_000);
  c.feedHandler[0].record(2_000);
  let refreshed = 0;
  const reg = buildRegistry(c, {
    refresh(g: GaugeValues) {
      refreshed++;
      g.pnl[0] = -12.5;
      g.drawdown[0] = 20;
      g.position[0] = 100;
      g.stage[0] = 1;
      g.stage[1] = 0;
      g.killSwitch = 0;
      g.sessions.set('HFTBOT-EXCH', 1);
      g.messageRate[0] = 2500;
      g.utilisation[0] = 0.2;
    },
  }, { processMetrics: true });
  return { c, reg, refreshed: () => refreshed };
}

describe('the system registry', () => {
  it('exports the catalog names with the values of the typed arrays and the gauge source', async () => {
    const { reg, refreshed } = system();
    const text = await reg.scrape();
    expect(refreshed()).toBe(1);
    const m = parse(text);
    expect(m.get(`${M.orders}{strategy="mom",instrument="AAPL"}`)).toBe(7);
    expect(m.get(`${M.fills}{strategy="mom",instrument="AAPL"}`)).toBe(5);
    expect(m.get(`${M.shadowFills}{strategy="pairs",instrument="A"}`)).toBe(3);
    expect(m.get(`${M.shadowFills}{strategy="pairs",instrument="B"}`)).toBe(0);
    expect(m.get(`${M.rejects}{strategy="mom",reason="order_qty"}`)).toBe(2);
    expect(m.get(`${M.rejects}{strategy="pairs",reason="venue"}`)).toBe(1);
    expect(m.get(`${M.riskBreaches}{strategy="mom",check="max_loss"}`)).toBe(1);
    expect(m.get(`${M.pnl}{strategy="mom"}`)).toBe(-12.5);
    expect(m.get(`${M.position}{strategy="mom",instrument="AAPL"}`)).toBe(100);
    expect(m.get(`${M.strategyStage}{strategy="mom",stage="paper"}`)).toBe(1);
    expect(m.get(`${M.strategyStage}{strategy="mom",stage="shadow"}`)).toBe(0);
    expect(m.get(`${M.fixSessionUp}{session="HFTBOT-EXCH"}`)).toBe(1);
    expect(m.get(`${M.tickToTrade}_count{strategy="mom"}`)).toBe(1);
    expect(m.get(`${M.tickToTrade}_bucket{strategy="mom",le="0.000025"}`)).toBe(1);
    expect(m.get(`${M.tickToTrade}_bucket{strategy="mom",le="0.00001"}`)).toBe(0);
    expect(m.get(`${M.orderAck}_count{venue="simulator"}`)).toBe(1);
    expect(m.get(`${M.feedMessages}{feed="itch"}`)).toBe(1000);
    expect(m.get(`${M.killSwitch}`)).toBe(0);
    expect(m.get(`${M.messageRate}{kind="feed"}`)).toBe(2500);
    // the spare slot ('' name) exports nothing
    expect([...m.keys()].some((k) => k.includes('strategy=""'))).toBe(false);
    // counters follow the arrays at the next scrape
    const again = parse(await reg.scrape());
    expect(again.get(`${M.fills}{strategy="mom",instrument="AAPL"}`)).toBe(5);
  });

  it('passes promtool check metrics', async () => {
    expect(existsSync('/usr/bin/promtool')).toBe(true);
    const { reg } = system();
    const text = await reg.scrape();
    const r = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(r.stderr + r.stdout).toBe('');
    expect(r.status).toBe(0);
  });
});
