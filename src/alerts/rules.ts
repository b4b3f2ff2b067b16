// Alerts spec (src/config/alerts.ts) -> Prometheus alerting rules (rules.yml) and an Alertmanager
// configuration (alertmanager.yml).
//
// Rules: one rule per spec entry, in one group `hftbot`. The expression is ./promql.ts alertExpr (latency
// quantiles from the histograms' rate over 1m, in seconds; rates; gauges). Labels: `severity` and
// `channel` (the notify channels joined by commas, e.g. "slack,pagerduty"); annotations: `summary` (the
// spec's, or the metric and threshold in words) and `description` (the same with the quantile, the
// duration and the series' identifying labels as {{ $labels.x }} templates).
// Alertmanager: one route per channel matching `channel` with a regex (continue: true, so an alert for
// Slack and PagerDuty reaches both); alerts without a known channel go to the `null` receiver.
// Secrets stay out of files: Slack's webhook URL and PagerDuty's routing key are read by Alertmanager
// from the files the spec names (api_url_file, routing_key_file), with defaults under /etc/hftbot/.

import type { AlertRule, AlertsSpec, Channel } from '../config/alerts.js';
import { alertExpr, groupLabels, promDuration, thresholdText } from './promql.js';

export const DEFAULT_SLACK_URL_FILE = '/etc/hftbot/slack-webhook-url';
export const DEFAULT_PAGERDUTY_KEY_FILE = '/etc/hftbot/pagerduty-routing-key';

export interface PromRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: { summary: string; description: string };
}

export interface RulesFile {
  groups: Array<{ name: string; rules: PromRule[] }>;
}

const QUANTILE_NAME: Readonly<Record<number, string>> = { 0.5: 'p50', 0.9: 'p90', 0.99: 'p99', 0.999: 'p99.9' };

/** The description annotation: quantity, threshold, duration, then where (label templates). */
export function describeRule(r: AlertRule): string {
  const labels = groupLabels(r);
  const q = r.unit === 'ns' ? `${QUANTILE_NAME[r.quantile] ?? `q${r.quantile}`} ` : '';
  const what = r.unit === 'bool' ? `${r.metric.replace(/-/g, ' ')}` : `${q}${r.metric.replace(/-/g, ' ')} ${r.op} ${thresholdText(r)}`;
  const held = r.forNs > 0 ? ` for ${promDuration(r.forNs)}` : '';
  const where = labels.length > 0 ? ` (${labels.map((l) => `${l} {{ $labels.${l} }}`).join(', ')})` : '';
  return `${what}${held}${where}`;
}

export function ruleOf(r: AlertRule): PromRule {
  return {
    alert: r.name,
    expr: alertExpr(r),
    ...(r.forNs > 0 ? { for: promDuration(r.forNs) } : {}),
    labels: { severity: r.severity, channel: r.notify.join(',') },
    annotations: { summary: r.summary, description: describeRule(r) },
  };
}

export function buildRules(spec: AlertsSpec): RulesFile {
  return { groups: [{ name: 'hftbot', rules: spec.rules.map(ruleOf) }] };
}

export interface AlertmanagerOptions {
  /** How long Alertmanager waits to group a new alert's first notification (default 30s). */
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
}

/** The route matcher of one channel in the comma-joined `channel` label. */
export function channelMatcher(c: Channel): string {
  return `channel=~"(.+,)?${c}(,.+)?"`;
}

export function buildAlertmanager(spec: AlertsSpec, o: AlertmanagerOptions = {}): Record<string, unknown> {
  const used = [...new Set(spec.rules.flatMap((r) => r.notify))].sort();
  const ch = spec.channels;
  const receivers: Array<Record<string, unknown>> = [{ name: 'null' }];
  for (const c of used) {
    switch (c) {
      case 'slack':
        receivers.push({
          name: 'slack',
          slack_configs: [{
            api_url_file: ch.slack?.webhookUrlFile ?? DEFAULT_SLACK_URL_FILE,
            ...(ch.slack?.channel !== undefined ? { channel: ch.slack.channel } : {}),
            send_resolved: true,
            title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}',
            text: '{{ range .Alerts }}{{ .Annotations.summary }}: {{ .Annotations.description }}\n{{ end }}',
          }],
        });
        break;
      case 'pagerduty':
        receivers.push({
          name: 'pagerduty',
          pagerduty_configs: [{
            routing_key_file: ch.pagerduty?.routingKeyFile ?? DEFAULT_PAGERDUTY_KEY_FILE,
            ...(ch.pagerduty?.url !== undefined ? { url: ch.pagerduty.url } : {}),
            severity: '{{ .CommonLabels.severity }}',
            description: '{{ .CommonLabels.alertname }}: {{ .CommonAnnotations.summary }}',
            send_resolved: true,
          }],
        });
        break;
      case 'email':
        // the spec gives the recipient; the relay is the local MTA (change smarthost/from for yours)
        receivers.push({ name: 'email', email_configs: [{ to: ch.email!.to, from: 'hftbot@localhost', smarthost: 'localhost:25', require_tls: false, send_resolved: true }] });
        break;
      case 'webhook':
        receivers.push({ name: 'webhook', webhook_configs: [{ url: ch.webhook!.url, send_resolved: true }] });
        break;
    }
  }
  return {
    route: {
      receiver: 'null',
      group_by: ['alertname', 'severity'],
      group_wait: o.groupWait ?? '30s',
      group_interval: o.groupInterval ?? '5m',
      repeat_interval: o.repeatInterval ?? '4h',
      routes: used.map((c) => ({ receiver: c, matchers: [channelMatcher(c)], continue: true })),
    },
    receivers,
  };
}
