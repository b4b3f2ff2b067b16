// The monitoring deployment beside the alert rules: the Prometheus configuration (scrape hftbot's
// /metrics on 127.0.0.1:8080, load the rules, send alerts to Alertmanager) and the Grafana dashboard
// (one panel per metric family of ./metric-names.ts). deploy/prometheus/prometheus.yml and
// deploy/grafana/hftbot.json are these objects written out (test/alerts/deploy.test.ts keeps them equal;
// UPDATE_DEPLOY=1 rewrites them).
// Dashboard: schemaVersion 39, a `datasource` variable (any Prometheus) and a `strategy` variable
// (label_values of hftbot_pnl); latency panels show p50/p99/p99.9 from the histograms' buckets over
// $__rate_interval, in seconds (Grafana scales to µs/ns).

import type { AlertsSpec } from '../config/alerts.js';
import { METRIC_FAMILIES } from './metric-names.js';

export interface PrometheusConfigOptions {
  /** Rule files, relative to the configuration file. */
  ruleFiles: string[];
  /** host:port of Alertmanager. */
  alertmanager: string;
  /** host:port of hftbot's HTTP server (default 127.0.0.1:8080). */
  target?: string;
  /** Labels Prometheus attaches to every series of the target (e.g. server: NY4, for rules that filter on it). */
  targetLabels?: Record<string, string>;
  scrapeInterval?: string;
}

/**
 * Where filters on labels hftbot does not export (the seed's `server: NY4`) can only match if Prometheus
 * adds them to the scraped series: the target labels that make every rule's filter match, and the keys
 * for which the rules want different values (one target cannot carry both: label them by hand).
 */
export function targetLabelsFor(spec: AlertsSpec): { labels: Record<string, string>; conflicts: string[] } {
  const exported = new Set(METRIC_FAMILIES.flatMap((f) => f.labels));
  const seen = new Map<string, Set<string>>();
  for (const r of spec.rules) {
    for (const [k, v] of Object.entries(r.where)) {
      if (exported.has(k)) continue;
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)!.add(v);
    }
  }
  const labels: Record<string, string> = {};
  const conflicts: string[] = [];
  for (const [k, vs] of seen) {
    if (vs.size === 1) labels[k] = [...vs][0];
    else conflicts.push(`${k} (${[...vs].join(', ')})`);
  }
  return { labels, conflicts };
}

export function prometheusConfig(o: PrometheusConfigOptions): Record<string, unknown> {
  const every = o.scrapeInterval ?? '15s';
  return {
    global: { scrape_interval: every, evaluation_interval: every },
    rule_files: o.ruleFiles,
    alerting: { alertmanagers: [{ static_configs: [{ targets: [o.alertmanager] }] }] },
    scrape_configs: [{
      job_name: 'hftbot',
      metrics_path: '/metrics',
      static_configs: [{ targets: [o.target ?? '127.0.0.1:8080'], ...(o.targetLabels !== undefined && Object.keys(o.targetLabels).length > 0 ? { labels: o.targetLabels } : {}) }],
    }],
  };
}

const DS = { type: 'prometheus', uid: '${datasource}' };
const S = '{strategy=~"$strategy"}';

interface Target { expr: string; legendFormat: string }
interface PanelSpec { title: string; kind: 'timeseries' | 'stat'; unit: string; targets: Target[]; w?: number; mappings?: unknown[]; description?: string; max?: number }

const quantiles = (family: string, by: string, filter = ''): Target[] =>
  [['0.5', 'p50'], ['0.99', 'p99'], ['0.999', 'p99.9']].map(([q, name]) => ({
    expr: `histogram_quantile(${q}, sum by (le${by === '' ? '' : `, ${by}`}) (rate(${family}_bucket${filter}[$__rate_interval])))`,
    legendFormat: by === '' ? name : `${name} {{${by}}}`,
  }));

const onOff = (off: string, on: string, offColor: string, onColor: string): unknown[] => [
  { type: 'value', options: { '0': { text: off, color: offColor, index: 0 }, '1': { text: on, color: onColor, index: 1 } } },
];

/** The panels, by row. */
export const DASHBOARD_ROWS: ReadonlyArray<{ row: string; panels: PanelSpec[] }> = [
  {
    row: 'Latency',
    panels: [
      { title: 'Tick-to-trade (kernel: feed message in -> order out)', kind: 'timeseries', unit: 's', targets: quantiles('hftbot_tick_to_trade_seconds', 'strategy', S) },
      { title: 'Order ack round trip (order sent -> venue ack)', kind: 'timeseries', unit: 's', targets: quantiles('hftbot_order_ack_seconds', 'venue') },
      { title: 'Risk check', kind: 'timeseries', unit: 's', targets: quantiles('hftbot_risk_check_seconds', '') },
      { title: 'Feed handler (one message)', kind: 'timeseries', unit: 's', targets: quantiles('hftbot_feed_handler_seconds', 'feed') },
    ],
  },
  {
    row: 'Flow',
    panels: [
      {
        title: 'Message rates', kind: 'timeseries', unit: 'reqps', targets: [
          { expr: 'hftbot_message_rate', legendFormat: '{{kind}}' },
          { expr: 'sum by (feed) (rate(hftbot_feed_messages_total[$__rate_interval]))', legendFormat: 'feed {{feed}}' },
        ],
      },
      { title: 'Orders per second', kind: 'timeseries', unit: 'reqps', targets: [{ expr: `sum by (strategy) (rate(hftbot_orders_total${S}[$__rate_interval]))`, legendFormat: '{{strategy}}' }] },
      {
        title: 'Fills per second (live/paper and shadow)', kind: 'timeseries', unit: 'reqps', targets: [
          { expr: `sum by (strategy) (rate(hftbot_fills_total${S}[$__rate_interval]))`, legendFormat: '{{strategy}}' },
          { expr: `sum by (strategy) (rate(hftbot_shadow_fills_total${S}[$__rate_interval]))`, legendFormat: '{{strategy}} (shadow)' },
        ],
      },
      { title: 'Rejects by reason', kind: 'timeseries', unit: 'reqps', targets: [{ expr: `sum by (reason) (rate(hftbot_rejects_total${S}[$__rate_interval]))`, legendFormat: '{{reason}}' }] },
    ],
  },
  {
    row: 'Strategies',
    panels: [
      { title: 'PnL (net of fees)', kind: 'timeseries', unit: 'currencyUSD', targets: [{ expr: `hftbot_pnl${S}`, legendFormat: '{{strategy}}' }] },
      { title: 'Drawdown', kind: 'timeseries', unit: 'currencyUSD', targets: [{ expr: `hftbot_drawdown${S}`, legendFormat: '{{strategy}}' }] },
      { title: 'Positions (lots)', kind: 'timeseries', unit: 'short', targets: [{ expr: `hftbot_position${S}`, legendFormat: '{{strategy}} {{instrument}}' }] },
      { title: 'Risk limit utilisation', kind: 'timeseries', unit: 'percentunit', max: 1, targets: [{ expr: `hftbot_risk_utilisation${S}`, legendFormat: '{{strategy}} {{limit}}' }] },
      { title: 'Risk breaches (per 5m)', kind: 'timeseries', unit: 'short', targets: [{ expr: `sum by (strategy, check) (increase(hftbot_risk_breaches_total${S}[5m]))`, legendFormat: '{{strategy}} {{check}}' }] },
      { title: 'Deployment stage', kind: 'stat', unit: 'none', targets: [{ expr: `hftbot_strategy_stage${S} == 1`, legendFormat: '{{strategy}}: {{stage}}' }] },
    ],
  },
  {
    row: 'Health',
    panels: [
      { title: 'FIX sessions', kind: 'stat', unit: 'none', mappings: onOff('DOWN', 'UP', 'red', 'green'), targets: [{ expr: 'hftbot_fix_session_up', legendFormat: '{{session}}' }] },
      { title: 'Feed gaps (per 5m)', kind: 'timeseries', unit: 'short', targets: [{ expr: 'sum by (feed) (increase(hftbot_feed_gaps_total[5m]))', legendFormat: '{{feed}}' }] },
      { title: 'Kill switch', kind: 'stat', unit: 'none', mappings: onOff('off', 'ENGAGED', 'green', 'red'), targets: [{ expr: 'hftbot_kill_switch_active', legendFormat: 'kill switch' }] },
    ],
  },
];

function panel(p: PanelSpec, id: number, x: number, y: number, w: number): Record<string, unknown> {
  const refs = 'ABCDEFGH';
  const defaults: Record<string, unknown> = { unit: p.unit };
  if (p.max !== undefined) { defaults.max = p.max; defaults.min = 0; }
  if (p.mappings !== undefined) defaults.mappings = p.mappings;
  return {
    id,
    type: p.kind,
    title: p.title,
    datasource: DS,
    gridPos: { h: 8, w, x, y },
    fieldConfig: { defaults, overrides: [] },
    options: p.kind === 'stat'
      ? { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'background', graphMode: 'none', textMode: 'value_and_name' }
      : { legend: { displayMode: 'table', placement: 'bottom', showLegend: true, calcs: ['lastNotNull', 'max'] }, tooltip: { mode: 'multi', sort: 'desc' } },
    targets: p.targets.map((t, i) => ({ refId: refs[i], datasource: DS, expr: t.expr, legendFormat: t.legendFormat, range: true })),
  };
}

export function grafanaDashboard(): Record<string, unknown> {
  const panels: Array<Record<string, unknown>> = [];
  let id = 1;
  let y = 0;
  for (const r of DASHBOARD_ROWS) {
    panels.push({ id: id++, type: 'row', title: r.row, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y }, panels: [] });
    y += 1;
    // two panels a line (12 columns each); a last odd panel takes the whole line
    r.panels.forEach((p, i) => {
      const lastOdd = i === r.panels.length - 1 && r.panels.length % 2 === 1;
      panels.push(panel(p, id++, lastOdd ? 0 : (i % 2) * 12, y + Math.floor(i / 2) * 8, lastOdd ? 24 : 12));
    });
    y += Math.ceil(r.panels.length / 2) * 8;
  }
  return {
    title: 'hftbot',
    uid: 'hftbot-main',
    description: 'hftbot: latency, flow, strategies (PnL, positions, risk), FIX sessions, feed gaps, kill switch',
    tags: ['hftbot', 'trading'],
    schemaVersion: 39,
    version: 1,
    editable: true,
    graphTooltip: 1,
    refresh: '5s',
    time: { from: 'now-30m', to: 'now' },
    timezone: 'utc',
    annotations: { list: [] },
    templating: {
      list: [
        { name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus', current: {}, hide: 0, refresh: 1 },
        {
          name: 'strategy', label: 'Strategy', type: 'query', datasource: DS, query: { query: 'label_values(hftbot_pnl, strategy)', refId: 'StrategyVariable' },
          definition: 'label_values(hftbot_pnl, strategy)', includeAll: true, multi: true, allValue: '.*', current: { text: 'All', value: '$__all' }, refresh: 2, hide: 0, sort: 1,
        },
      ],
    },
    panels,
  };
}
