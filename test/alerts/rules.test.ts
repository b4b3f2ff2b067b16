// Alerts spec -> Prometheus rules, their promtool unit test and the Alertmanager configuration, checked by
// the real tools: promtool check rules / test rules, amtool check-config.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { METRIC_FAMILIES, buildRules, familyOf, metricNamesIn, renderAlerts, targetLabelsFor } from '../../src/alerts/index.js';
import { METRICS, loadSpec, type AlertsSpec } from '../../src/config/index.js';
import { AMTOOL, PROMTOOL, fixture, generateCli, hasAmtool, repoRoot, tool } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'hftbot-alerts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spec(file: string): AlertsSpec {
  const r = loadSpec(file);
  if (!r.ok || r.kind !== 'alerts') throw new Error(JSON.stringify(r));
  return r.spec;
}

const seed = join(repoRoot, 'examples/seeds/alerts.yaml');
const every = fixture('every-metric.yaml');

describe('hftbot generate alerts', () => {
  it('writes the kit for the seed example; promtool checks the rules and passes their unit test', async () => {
    const out = join(dir, 'seed');
    const r = await generateCli([seed, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['alertmanager.yml', 'grafana-dashboard.json', 'prometheus.yml', 'rules.test.yml', 'rules.yml']);
    const rules = parse(readFileSync(join(out, 'rules.yml'), 'utf8')) as { groups: Array<{ rules: Array<Record<string, unknown>> }> };
    const rule = rules.groups[0].rules[0];
    // the seed: p99 order latency above 300ns (-> seconds) on NY4 for 1m, to Slack and PagerDuty
    expect(rule.alert).toBe('OrderLatencyHigh');
    expect(rule.expr).toBe('histogram_quantile(0.99, sum by (le, venue, server) (rate(hftbot_order_ack_seconds_bucket{server="NY4"}[1m]))) > 0.0000003');
    expect(rule.for).toBe('1m');
    expect(rule.labels).toEqual({ severity: 'critical', channel: 'slack,pagerduty' });
    const check = await tool(PROMTOOL, ['check', 'rules', join(out, 'rules.yml')]);
    expect(check.code, check.out).toBe(0);
    expect(check.out).toContain('SUCCESS: 1 rules found');
    const test = await tool(PROMTOOL, ['test', 'rules', 'rules.test.yml'], out);
    expect(test.code, test.out).toBe(0);
    expect(test.out).toContain('SUCCESS');
    const am = parse(readFileSync(join(out, 'alertmanager.yml'), 'utf8')) as { receivers: Array<Record<string, unknown>> };
    expect(am.receivers.map((x) => x.name)).toEqual(['null', 'pagerduty', 'slack']);
    expect(JSON.stringify(am)).toContain('"api_url_file":"/etc/hftbot/slack-webhook-url"');
    expect(JSON.stringify(am)).toContain('"routing_key_file":"/etc/hftbot/pagerduty-routing-key"');
  });

  it('every metric and channel: rules check, unit tests pass, amtool accepts the Alertmanager config', async () => {
    const s = spec(every);
    // the fixture covers every alertable metric
    expect(new Set(s.rules.map((r) => r.metric))).toEqual(new Set(Object.keys(METRICS)));
    const out = join(dir, 'every');
    const r = await generateCli([every, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const check = await tool(PROMTOOL, ['check', 'rules', join(out, 'rules.yml')]);
    expect(check.out).toContain(`SUCCESS: ${s.rules.length} rules found`);
    const test = await tool(PROMTOOL, ['test', 'rules', 'rules.test.yml'], out);
    expect(test.code, test.out).toBe(0);
    // both sides of every rule are exercised: a firing expectation and a silent one per rule
    const t = parse(readFileSync(join(out, 'rules.test.yml'), 'utf8')) as { tests: Array<{ alert_rule_test: Array<{ alertname: string; exp_alerts: unknown[] }> }> };
    for (const rule of s.rules) {
      const cases = t.tests.flatMap((g) => g.alert_rule_test).filter((c) => c.alertname === rule.name);
      expect(cases.some((c) => c.exp_alerts.length === 1), rule.name).toBe(true);
      expect(cases.some((c) => c.exp_alerts.length === 0), rule.name).toBe(true);
    }
    if (hasAmtool) {
      const am = await tool(AMTOOL, ['check-config', join(out, 'alertmanager.yml')]);
      expect(am.code, am.out).toBe(0);
      expect(am.out).toContain('5 receivers');
    }
    // the generated Prometheus configuration loads the rules and labels the target for the NY4 filter
    const prom = await tool(PROMTOOL, ['check', 'config', join(out, 'prometheus.yml')]);
    expect(prom.code, prom.out).toBe(0);
    expect(prom.out).toContain(`SUCCESS: ${s.rules.length} rules found`);
    expect(targetLabelsFor(s)).toEqual({ labels: { server: 'NY4' }, conflicts: [] });
    const cfg = readFileSync(join(out, 'alertmanager.yml'), 'utf8');
    expect(cfg).toContain('api_url_file: /run/secrets/slack-url');
    expect(cfg).toContain('routing_key_file: /run/secrets/pd-key');
    expect(cfg).toContain('url: http://127.0.0.1:9/hook');
  });

  it('the unit test catches a rule whose threshold is wrong (rules from a 10x looser spec fail it)', async () => {
    const s = spec(every);
    const out = join(dir, 'mutant');
    const r = await generateCli([every, '--out', out]);
    expect(r.code).toBe(0);
    const loose: AlertsSpec = { ...s, rules: s.rules.map((x) => (x.metric === 'order-latency' || x.metric === 'loss' ? { ...x, threshold: x.threshold * 10 } : x)) };
    const g = renderAlerts(loose, 'mutant', {});
    // keep the summaries/descriptions of the original so only the expressions differ
    const orig = parse(readFileSync(join(out, 'rules.yml'), 'utf8')) as ReturnType<typeof buildRules>;
    const mutated = parse(g.rules) as ReturnType<typeof buildRules>;
    orig.groups[0].rules.forEach((rule, i) => { rule.expr = mutated.groups[0].rules[i].expr; });
    writeFileSync(join(out, 'rules.yml'), JSON.stringify(orig));
    const test = await tool(PROMTOOL, ['test', 'rules', 'rules.test.yml'], out);
    expect(test.code).not.toBe(0);
    expect(test.out).toContain('OrderLatencyHigh');
    expect(test.out).toContain('LossHigh');
  });

  it('rules name only exported metric families; thresholds are converted to Prometheus units', () => {
    const s = spec(every);
    const rules = buildRules(s).groups[0].rules;
    for (const r of rules) {
      const names = metricNamesIn(r.expr);
      expect(names.length, r.expr).toBeGreaterThan(0);
      for (const n of names) expect(familyOf(n), `${r.alert}: ${n}`).toBeDefined();
    }
    const expr = (name: string) => rules.find((r) => r.alert === name)!.expr;
    expect(expr('TickToTradeHigh')).toContain('histogram_quantile(0.999,');
    expect(expr('TickToTradeHigh')).toMatch(/ > 0\.00005$/); // 50us
    expect(expr('FeedLatencyHigh')).toMatch(/ > 0\.0000015$/); // 1.5us
    expect(expr('LossHigh')).toBe('hftbot_pnl < -500'); // $500 loss = PnL below -500 currency units
    expect(expr('DrawdownHigh')).toBe('hftbot_drawdown > 250.5');
    expect(expr('RiskUtilisationHigh')).toBe('hftbot_risk_utilisation > 0.8');
    expect(expr('FillRateLow')).toMatch(/rate\(hftbot_fills_total\[1m\]\)\) < 0\.1666/); // 10/min
    expect(expr('OrderFlowStopped')).toBe('sum by (strategy) (rate(hftbot_orders_total[1m])) < 1');
    expect(expr('FixSessionDownHigh')).toBe('hftbot_fix_session_up == 0');
    expect(METRIC_FAMILIES.length).toBe(19);
  });

  it('filters on one label with two values cannot both match one target: a warning, no target label', async () => {
    const f = join(dir, 'two-servers.yaml');
    writeFileSync(f, [
      'Alerts:',
      '  - { Name: NyLatency, Metric: order latency, Where: { server: NY4, venue: EXCH }, Above: 300ns, Notify: Slack }',
      '  - { Name: LdLatency, Metric: order latency, Where: { server: LD4 }, Above: 500ns, Notify: Slack }',
      '',
    ].join('\n'));
    const out = join(dir, 'two');
    const r = await generateCli([f, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: rules filter on server (NY4, LD4)');
    expect(readFileSync(join(out, 'prometheus.yml'), 'utf8')).not.toContain('server:');
  });

  it('a bad spec writes nothing and reports file:line:col errors', async () => {
    const cases: Array<[string, string[]]> = [
      ['Alerts:\n  - Metric: order latncy\n    Above: 300ns\n    Notify: [Slack]\n', ['2:13: Alerts[0].Metric: unknown metric "order latncy"']],
      ['Alerts:\n  - Metric: order latency\n    Above: 300\n    Notify: [Slack]\n', ['3:12: Alerts[0].Above: a duration needs a unit']],
      ['Alerts:\n  - Metric: fix session down\n    Below: true\n    Notify: [Slack]\n', ['3:12: Alerts[0].Below: this metric is on/off']],
      ['Alerts:\n  - Metric: order latency\n    Above: 0ns\n    Notify: [Slack]\n', ['3:12: Alerts[0].Above: a latency threshold must be above 0']],
      ['Alerts:\n  - Metric: loss\n    Where: { "bad-label": x }\n    Above: $5\n    Notify: [Slack]\n', ['3:27: Alerts[0].Where.bad-label: "bad-label" is not a usable label name']],
      ['Alerts:\n  - Metric: loss\n    Above: $5\n    Notify: [Webhook]\n', ['4:13: Alerts[0].Notify: Webhook needs Channels']],
    ];
    for (const [i, [text, expected]] of cases.entries()) {
      const f = join(dir, `bad-${i}.yaml`);
      writeFileSync(f, text);
      const out = join(dir, `bad-out-${i}`);
      const r = await generateCli([f, '--out', out]);
      expect(r.code, text).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines.length, r.stderr).toBe(expected.length);
      expected.forEach((e, k) => expect(lines[k], r.stderr).toContain(`${f}:${e}`));
      expect(existsSync(out)).toBe(false);
    }
    // a valid file of another kind
    const other = await generateCli([join(repoRoot, 'examples/seeds/deploy-action.yaml'), '--out', join(dir, 'other')]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/deploy-action\.yaml:1:1: a \w+ file, not an alerts spec/);
  });
});
