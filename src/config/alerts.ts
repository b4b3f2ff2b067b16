// Alerts spec (issue 7, item 4): the seed's intent "alert when order execution latency in NY4 goes
// above 300ns, to Slack and PagerDuty" written as
//
//   Alerts:
//     - Name: OrderLatencyHigh          # optional: defaults to the metric's name + Above/Below
//       Metric: order execution latency # an alias of a metric this engine exports (METRIC_ALIASES)
//       Where: { server: NY4-Colo-3 }   # optional label filter
//       Above: 300ns                    # or Below:; the value's unit follows the metric (ns, cents, /s, count)
//       For: 1m                         # optional, default 30s: how long it must hold before firing
//       Notify: [Slack, PagerDuty]
//   Channels:                           # optional: where each channel delivers (no secrets in files:
//     Slack: { Channel: "#hft-alerts", WebhookUrlFile: /etc/hftbot/slack-url }   # paths to them)
//     PagerDuty: { RoutingKeyFile: /etc/hftbot/pd-key, Url: ... }  # Url: only for a non-PagerDuty endpoint
//     Webhook: { Url: "http://127.0.0.1:5001/alerts" }
//     Email: { To: oncall@example.org }
//
// Validated and normalised here; `hftbot generate alerts` (src/alerts) turns AlertsSpec into Prometheus
// rules, their promtool unit test and an Alertmanager configuration.

import { z } from 'zod';
import { choice, duration, fraction, money, num, rate, text } from './fields.js';
import { obj } from './keys.js';
import { fromZod, type Issue, type Validated } from './issues.js';
import { parseDuration } from './units.js';

export type MetricId =
  | 'order-latency' | 'tick-to-trade' | 'risk-check-latency' | 'feed-latency'
  | 'order-rate' | 'reject-rate' | 'fill-rate' | 'feed-gaps' | 'loss' | 'drawdown' | 'risk-utilisation' | 'fix-session-down';

/** What a metric's threshold is measured in. */
export type MetricUnit = 'ns' | 'per-second' | 'count' | 'cents' | 'fraction' | 'bool';

export const METRICS: Readonly<Record<MetricId, { unit: MetricUnit; what: string }>> = {
  'order-latency': { unit: 'ns', what: 'order acknowledgement round trip (order sent -> venue ack)' },
  'tick-to-trade': { unit: 'ns', what: 'feed packet in -> order bytes out' },
  'risk-check-latency': { unit: 'ns', what: 'one pre-trade risk check' },
  'feed-latency': { unit: 'ns', what: 'feed handler, packet in -> book updated' },
  'order-rate': { unit: 'per-second', what: 'orders sent per second' },
  'reject-rate': { unit: 'per-second', what: 'risk and venue rejects per second' },
  'fill-rate': { unit: 'per-second', what: 'fills per second' },
  'feed-gaps': { unit: 'count', what: 'sequence gaps detected on the feed' },
  loss: { unit: 'cents', what: 'session loss (negative PnL), USD' },
  drawdown: { unit: 'cents', what: 'fall from the session PnL peak, USD' },
  'risk-utilisation': { unit: 'fraction', what: 'largest used fraction of any risk limit' },
  'fix-session-down': { unit: 'bool', what: 'a FIX session is not logged on' },
};

export const METRIC_ALIASES: Readonly<Record<string, MetricId>> = {
  'order latency': 'order-latency', 'order execution latency': 'order-latency', 'execution latency': 'order-latency',
  'order ack latency': 'order-latency', 'order round trip': 'order-latency',
  'tick-to-trade': 'tick-to-trade', 'tick to trade latency': 'tick-to-trade',
  'risk check latency': 'risk-check-latency', 'risk latency': 'risk-check-latency',
  'feed latency': 'feed-latency', 'market data latency': 'feed-latency',
  'order rate': 'order-rate', orders: 'order-rate', 'reject rate': 'reject-rate', rejects: 'reject-rate',
  'fill rate': 'fill-rate', fills: 'fill-rate', 'feed gaps': 'feed-gaps', gaps: 'feed-gaps',
  loss: 'loss', pnl: 'loss', drawdown: 'drawdown', 'risk utilisation': 'risk-utilisation', 'risk utilization': 'risk-utilisation',
  'fix session down': 'fix-session-down', 'fix disconnected': 'fix-session-down',
};

export type Channel = 'slack' | 'pagerduty' | 'email' | 'webhook';
const channel = choice<Channel>('channel', { Slack: 'slack', PagerDuty: 'pagerduty', Email: 'email', Webhook: 'webhook' });
export type Severity = 'info' | 'warning' | 'critical';
const severity = choice<Severity>('severity', { Info: 'info', Warning: 'warning', Warn: 'warning', Critical: 'critical', Page: 'critical' });
export type Quantile = 0.5 | 0.9 | 0.99 | 0.999;
const quantile = choice<'0.5' | '0.9' | '0.99' | '0.999'>('quantile', { p50: '0.5', median: '0.5', p90: '0.9', p99: '0.99', p999: '0.999', 'p99.9': '0.999' });

const rule = obj({
  name: text().optional(),
  metric: choice('metric', METRIC_ALIASES),
  where: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).optional(),
  above: z.unknown().optional(),
  below: z.unknown().optional(),
  quantile: quantile.default('0.99'),
  for: duration().default(30_000_000_000),
  severity: severity.optional(),
  notify: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(channel).min(1)),
  summary: text().optional(),
});

const channels = obj({
  slack: obj({ channel: text(), webhookUrlFile: text().optional() }).optional(),
  pagerduty: obj({ routingKeyFile: text().optional(), url: text().optional() }).optional(),
  email: obj({ to: text() }).optional(),
  webhook: obj({ url: text() }).optional(),
});

const file = obj({ alerts: z.array(rule).min(1), channels: channels.optional() });

export interface AlertRule {
  /** A Prometheus-safe alert name (CamelCase, [A-Za-z0-9_]). */
  name: string;
  metric: MetricId;
  unit: MetricUnit;
  op: 'above' | 'below';
  /** In the metric's unit: ns, cents, per second, a count, a fraction, or 1 for a boolean. */
  threshold: number;
  /** For latency metrics: the quantile compared (default p99). */
  quantile: Quantile;
  forNs: number;
  severity: Severity;
  notify: Channel[];
  where: Record<string, string>;
  summary: string;
}

export interface AlertsSpec {
  rules: AlertRule[];
  channels: {
    slack?: { channel: string; webhookUrlFile?: string };
    /** url: a PagerDuty Events API v2 endpoint other than PagerDuty's own (a proxy, a test receiver). */
    pagerduty?: { routingKeyFile?: string; url?: string };
    email?: { to: string };
    webhook?: { url: string };
  };
}

function threshold(unit: MetricUnit, v: unknown): { ok: true; value: number } | { ok: false; error: string } {
  const via = (s: z.ZodType<number, unknown>) => {
    const r = s.safeParse(v);
    return r.success ? { ok: true as const, value: r.data } : { ok: false as const, error: r.error.issues[0].message };
  };
  switch (unit) {
    case 'ns': return parseDuration(v);
    case 'per-second': return via(rate());
    case 'cents': return via(money());
    case 'fraction': return via(fraction());
    case 'count': return via(num());
    case 'bool': return v === true || v === 1 ? { ok: true, value: 1 } : { ok: false, error: 'this metric is on/off: write Above: 0 or true' };
  }
}

const camel = (s: string): string => s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

/** Validates an alerts document into an AlertsSpec. */
export function validateAlerts(raw: unknown): Validated<AlertsSpec> {
  const r = fromZod(file.safeParse(raw, { reportInput: true }));
  if (!r.ok) return r;
  const issues: Issue[] = [];
  const names = new Set<string>();
  const rules: AlertRule[] = [];
  r.value.alerts.forEach((a, i) => {
    const m = METRICS[a.metric];
    const has = (v: unknown) => v !== undefined && v !== null;
    if (has(a.above) === has(a.below)) {
      issues.push({ path: ['alerts', i, has(a.above) ? 'below' : 'metric'], message: 'give exactly one of Above or Below' });
      return;
    }
    const op = has(a.above) ? 'above' : 'below';
    if (m.unit === 'bool' && op === 'below') {
      issues.push({ path: ['alerts', i, 'below'], message: 'this metric is on/off: write Above: true' });
      return;
    }
    let t = threshold(m.unit, op === 'above' ? a.above : a.below);
    if (m.unit === 'bool' && op === 'above' && a.above === 0) t = { ok: true, value: 0 };
    if (!t.ok) { issues.push({ path: ['alerts', i, op], message: t.error }); return; }
    // a latency of 0 is every observation, or none: no alert means anything on it
    if (m.unit === 'ns' && t.value === 0) { issues.push({ path: ['alerts', i, op], message: 'a latency threshold must be above 0, e.g. "300ns"' }); return; }
    // the filter's keys become PromQL label names
    const badLabel = Object.keys(a.where ?? {}).find((k) => !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) || k.startsWith('__') || k === 'le');
    if (badLabel !== undefined) {
      issues.push({ path: ['alerts', i, 'where', badLabel], message: `"${badLabel}" is not a usable label name (letters, digits and _, not starting with a digit or __, not le)` });
      return;
    }
    const name = a.name !== undefined ? camel(a.name) : `${camel(a.metric)}${op === 'above' ? 'High' : 'Low'}`;
    if (names.has(name)) issues.push({ path: ['alerts', i, a.name !== undefined ? 'name' : 'metric'], message: `alert name ${name} is used twice` });
    names.add(name);
    const sev = a.severity ?? (a.notify.includes('pagerduty') ? 'critical' : 'warning');
    rules.push({
      name, metric: a.metric, unit: m.unit, op, threshold: t.value, quantile: Number(a.quantile) as Quantile, forNs: a.for, severity: sev,
      notify: [...new Set(a.notify)], where: a.where ?? {},
      summary: a.summary ?? `${m.what} ${op} ${String(op === 'above' ? a.above : a.below)}`,
    });
  });
  const ch = r.value.channels ?? {};
  r.value.alerts.forEach((a, i) => {
    if (a.notify.includes('email') && ch.email === undefined) issues.push({ path: ['alerts', i, 'notify'], message: 'Email needs Channels: { Email: { To: ... } }' });
    if (a.notify.includes('webhook') && ch.webhook === undefined) issues.push({ path: ['alerts', i, 'notify'], message: 'Webhook needs Channels: { Webhook: { Url: ... } }' });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { rules, channels: ch } };
}
