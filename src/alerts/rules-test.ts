// A promtool unit test (`promtool test rules rules.test.yml`) generated from the same alerts spec as the
// rules: for every rule, two test groups on synthetic series of the rule's family, carrying the spec's
// label filter:
//   hot   the quantity crosses the threshold (latency quantile at ~4x the threshold, rate at 2x, loss at
//         2x, session at 0...): not firing before the rule's For has elapsed, firing (with exactly the
//         labels and annotations Prometheus will attach) after it;
//   cold  the quantity stays on the quiet side (half the threshold): never firing.
// Series are scraped every 15s; the rules are evaluated every 15s; checks run after 6 minutes plus For,
// once every window (1m rates, 5m gap counts) is full.
// A rule whose hot side cannot exist (a rate or a count below 0) gets only its cold group.

import type { AlertRule, AlertsSpec } from '../config/alerts.js';
import { SHAPES, groupLabels, num, promThreshold, selector } from './promql.js';
import { describeRule, ruleOf } from './rules.js';

const STEP_S = 15;
const SETTLE_S = 360;

interface Series { series: string; values: string }
interface AlertTest { eval_time: string; alertname: string; exp_alerts: Array<{ exp_labels: Record<string, string>; exp_annotations: Record<string, string> }> }
export interface TestGroup { interval: string; input_series: Series[]; alert_rule_test: AlertTest[] }
export interface RulesTestFile { rule_files: string[]; evaluation_interval: string; tests: TestGroup[] }

/** Labels of the test series: the identifying labels (value "test") overridden by the spec's filter. */
function seriesLabels(r: AlertRule): Record<string, string> {
  const l: Record<string, string> = {};
  for (const k of SHAPES[r.metric].by) l[k] = 'test';
  return { ...l, ...r.where };
}

const linear = (start: number, step: number, n: number): string => `${num(start)}+${num(step)}x${n}`;

/** Series whose rule expression sits on the hot (`hot`) or cold side of the threshold, n+1 samples. */
function inputSeries(r: AlertRule, hot: boolean, n: number): Series[] | null {
  const s = SHAPES[r.metric];
  const labels = seriesLabels(r);
  const t = promThreshold(r);
  // "high" = the series value above the threshold in the series' own sign
  const high = hot === (r.op === 'above') !== (s.negate === true);
  const level = high ? (t > 0 ? 2 * t : t + Math.max(1, -t)) : (t > 0 ? t / 2 : t - Math.max(1, -t));
  switch (s.kind) {
    case 'histogram': {
      // buckets at t/2, 2t, 4t: all observations (1/s) in (2t, 4t] puts every quantile above t, all in
      // (0, t/2] puts it at or below t/2
      const les = [t / 2, 2 * t, 4 * t];
      const bucket = (le: string, filled: boolean): Series => ({ series: `${s.family}_bucket${selector({ ...labels, le })}`, values: linear(0, filled ? STEP_S : 0, n) });
      return [
        ...les.map((le, i) => bucket(num(le), high ? i === 2 : true)),
        bucket('+Inf', true),
        { series: `${s.family}_count${selector(labels)}`, values: linear(0, STEP_S, n) },
      ];
    }
    case 'rate':
      return level < 0 ? null : [{ series: `${s.family}${selector(labels)}`, values: linear(0, level * STEP_S, n) }];
    case 'increase':
      // the 5m increase is 20 steps
      return level < 0 ? null : [{ series: `${s.family}${selector(labels)}`, values: linear(0, level / 20, n) }];
    case 'gauge':
      return [{ series: `${s.family}${selector(labels)}`, values: linear(level, 0, n) }];
    case 'bool':
      return [{ series: `${s.family}${selector(labels)}`, values: linear(hot ? 0 : 1, 0, n) }];
  }
}

/** The annotations Prometheus renders for an alert on `labels` ({{ $labels.x }} substituted). */
function rendered(r: AlertRule, labels: Record<string, string>): Record<string, string> {
  return { summary: r.summary, description: describeRule(r).replace(/\{\{ \$labels\.([A-Za-z0-9_]+) \}\}/g, (_m, k: string) => labels[k] ?? '') };
}

export function groupsFor(r: AlertRule): TestGroup[] {
  const forS = Math.ceil(r.forNs / 1e9);
  const end = SETTLE_S + forS;
  const n = Math.ceil(end / STEP_S) + 4;
  const labels = seriesLabels(r);
  const alertLabels: Record<string, string> = {};
  for (const k of groupLabels(r)) alertLabels[k] = labels[k];
  const rule = ruleOf(r);
  const groups: TestGroup[] = [];
  const hot = inputSeries(r, true, n);
  if (hot !== null) {
    const tests: AlertTest[] = [];
    // not yet: the condition has held for less than For (gauges hold from t=0, windows fill by 15s)
    if (forS >= 30) tests.push({ eval_time: `${forS - 30}s`, alertname: r.name, exp_alerts: [] });
    tests.push({
      eval_time: `${end}s`,
      alertname: r.name,
      exp_alerts: [{ exp_labels: { ...alertLabels, ...rule.labels }, exp_annotations: rendered(r, alertLabels) }],
    });
    groups.push({ interval: `${STEP_S}s`, input_series: hot, alert_rule_test: tests });
  }
  const cold = inputSeries(r, false, n)!;
  groups.push({ interval: `${STEP_S}s`, input_series: cold, alert_rule_test: [{ eval_time: `${end}s`, alertname: r.name, exp_alerts: [] }] });
  return groups;
}

/** The unit-test file; `rulesFile` is the rules' path relative to the test file. */
export function buildRulesTest(spec: AlertsSpec, rulesFile = 'rules.yml'): RulesTestFile {
  return { rule_files: [rulesFile], evaluation_interval: `${STEP_S}s`, tests: spec.rules.flatMap(groupsFor) };
}

