// The in-process alert evaluator (src/alerts/evaluate.ts) against Prometheus: the promtool unit test that
// `hftbot generate alerts` writes (src/alerts/rules-test.ts: series that cross each rule's threshold and
// series that stay quiet, with the alerts Prometheus must show at given times) is what test/alerts/rules
// .test.ts runs through the real promtool; here the same series are fed to the evaluator, scrape by scrape,
// and it must show the same alerts (name and labels) at the same times, for every metric kind. Plus
// histogram_quantile by hand, pending -> firing -> resolved, and retention of resolved alerts.
import { describe, expect, it } from 'vitest';
import { AlertEvaluator, histogramQuantile, type Sample } from '../../src/alerts/evaluate.js';
import { groupsFor } from '../../src/alerts/rules-test.js';
import { ruleOf } from '../../src/alerts/rules.js';
import { loadSpec, type AlertsSpec } from '../../src/config/index.js';
import { fixture } from './helpers.js';

function spec(file: string): AlertsSpec {
  const r = loadSpec(file);
  if (!r.ok || r.kind !== 'alerts') throw new Error(JSON.stringify(r));
  return r.spec;
}

/** `name{a="x",le="0.5"}` and promtool's `start+stepxN` expanded. */
function parseSeries(series: string, values: string): { name: string; labels: Record<string, string>; values: number[] } {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?$/.exec(series)!;
  const labels: Record<string, string> = {};
  for (const [, k, v] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[k] = JSON.parse(`"${v}"`) as string;
  const v = /^(-?[0-9.e+-]+?)\+(-?[0-9.e+-]+)x(\d+)$/.exec(values)!;
  const start = Number(v[1]), step = Number(v[2]), n = Number(v[3]);
  return { name: m[1], labels, values: Array.from({ length: n + 1 }, (_, k) => start + step * k) };
}

describe('in-process alerts', () => {
  it('histogram_quantile as Prometheus computes it', () => {
    const b = (xs: Array<[number, number]>) => xs;
    expect(histogramQuantile(0.5, b([[1, 10], [2, 30], [Infinity, 40]]))).toBeCloseTo(1.5, 12); // rank 20: half-way through (1, 2]
    expect(histogramQuantile(0.2, b([[1, 10], [2, 30], [Infinity, 40]]))).toBeCloseTo(0.8, 12); // first bucket from 0
    expect(histogramQuantile(0.99, b([[1, 10], [2, 30], [Infinity, 40]]))).toBe(2); // in +Inf: the highest finite bound
    expect(histogramQuantile(0.5, b([[1, 0], [Infinity, 0]]))).toBeNaN();
  });

  for (const file of ['every-metric.yaml', '../../examples/seeds/alerts.yaml']) {
    it(`shows what promtool's unit test expects of Prometheus, for every rule of ${file}`, () => {
      const s = spec(file.startsWith('../') ? new URL(file, import.meta.url).pathname : fixture(file));
      let checked = 0;
      for (const r of s.rules) {
        const extra = Object.keys(ruleOf(r).labels);
        for (const g of groupsFor(r)) {
          const ev = new AlertEvaluator({ rules: [r], channels: {} });
          const series = (g.input_series ?? []).map((x) => parseSeries(x.series, x.values));
          const stepS = parseInt(g.interval, 10);
          const want = new Map(g.alert_rule_test.map((t) => [parseInt(t.eval_time, 10), t.exp_alerts]));
          const last = Math.max(...want.keys());
          for (let k = 0; k * stepS <= last; k++) {
            const samples: Sample[] = series.filter((x) => k < x.values.length).map((x) => ({ name: x.name, labels: x.labels, value: x.values[k] }));
            ev.observe(k * stepS * 1e9, samples);
            const exp = want.get(k * stepS);
            if (exp === undefined) continue;
            const got = ev.list().filter((a) => a.state === 'firing' && a.name === r.name).map((a) => a.labels);
            const expLabels = exp.map((e) => Object.fromEntries(Object.entries(e.exp_labels).filter(([key]) => !extra.includes(key))));
            expect(got, `${r.name} at ${k * stepS}s`).toEqual(expLabels);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThanOrEqual(s.rules.length * 2);
    });
  }

  it('pending until For has elapsed, firing, then resolved and kept for a while', () => {
    const s = spec(fixture('every-metric.yaml'));
    const r = s.rules.find((x) => x.metric === 'loss')!;
    const ev = new AlertEvaluator({ rules: [{ ...r, forNs: 30e9 }], channels: {} }, 60e9);
    const changes: string[] = [];
    ev.onChange = (a) => changes.push(`${a.state}@${a.sinceNs / 1e9}`);
    const pnl = (v: number): Sample[] => [{ name: 'hftbot_pnl', labels: { strategy: 'a' }, value: v }, { name: 'hftbot_pnl', labels: { strategy: 'b' }, value: 0 }];
    const lossOver = -2 * r.threshold / 100; // currency units, twice the limit
    ev.observe(0, pnl(0));
    expect(ev.list(true)).toEqual([]);
    ev.observe(10e9, pnl(lossOver));
    expect(ev.list(true).map((a) => a.state)).toEqual(['pending']);
    expect(ev.list()).toEqual([]);
    ev.observe(30e9, pnl(lossOver));
    expect(ev.list(true).map((a) => a.state)).toEqual(['pending']);
    ev.observe(40e9, pnl(lossOver));
    expect(ev.list().map((a) => [a.state, a.labels.strategy, a.value])).toEqual([['firing', 'a', lossOver]]);
    expect(ev.list()[0].summary).toContain('strategy=a');
    ev.observe(50e9, pnl(0));
    expect(ev.list().map((a) => a.state)).toEqual(['resolved']);
    ev.observe(100e9, pnl(0));
    expect(ev.list()).toHaveLength(1);
    ev.observe(111e9, pnl(0));
    expect(ev.list()).toEqual([]);
    expect(changes).toEqual(['firing@10', 'resolved@50']);
  });
});
