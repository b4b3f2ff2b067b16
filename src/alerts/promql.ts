// How each alertable quantity of the alerts spec (src/config/alerts.ts MetricId) reads in PromQL on the
// families of ./metric-names.ts, and how a threshold in the spec's unit becomes a number in Prometheus'
// unit (latencies ns -> seconds, money cents -> currency units). Used by the rule generator (./rules.ts)
// and by its unit-test generator (./rules-test.ts), which builds series that cross or stay under the
// same expressions.
// Windows: rates over 1m (four scrapes at the shipped 15s interval), feed gaps counted over 5m.

import type { AlertRule, MetricId } from '../config/alerts.js';
import { formatDuration, formatMoney } from '../config/units.js';

export type ShapeKind = 'histogram' | 'rate' | 'increase' | 'gauge' | 'bool';

export interface Shape {
  kind: ShapeKind;
  /** The family (histograms: without _bucket). */
  family: string;
  /** Labels an alert keeps (one alert per value): the family's identifying labels. */
  by: readonly string[];
  /** Spec unit -> Prometheus unit. */
  scale: number;
  /** The spec's quantity is minus the series (loss = -PnL). */
  negate?: boolean;
}

export const RATE_WINDOW = '1m';
export const GAPS_WINDOW = '5m';

export const SHAPES: Readonly<Record<MetricId, Shape>> = {
  'order-latency': { kind: 'histogram', family: 'hftbot_order_ack_seconds', by: ['venue'], scale: 1e-9 },
  'tick-to-trade': { kind: 'histogram', family: 'hftbot_tick_to_trade_seconds', by: ['strategy'], scale: 1e-9 },
  'risk-check-latency': { kind: 'histogram', family: 'hftbot_risk_check_seconds', by: [], scale: 1e-9 },
  'feed-latency': { kind: 'histogram', family: 'hftbot_feed_handler_seconds', by: ['feed'], scale: 1e-9 },
  'order-rate': { kind: 'rate', family: 'hftbot_orders_total', by: ['strategy'], scale: 1 },
  'reject-rate': { kind: 'rate', family: 'hftbot_rejects_total', by: ['strategy'], scale: 1 },
  'fill-rate': { kind: 'rate', family: 'hftbot_fills_total', by: ['strategy'], scale: 1 },
  'feed-gaps': { kind: 'increase', family: 'hftbot_feed_gaps_total', by: ['feed'], scale: 1 },
  loss: { kind: 'gauge', family: 'hftbot_pnl', by: ['strategy'], scale: 0.01, negate: true },
  drawdown: { kind: 'gauge', family: 'hftbot_drawdown', by: ['strategy'], scale: 0.01 },
  'risk-utilisation': { kind: 'gauge', family: 'hftbot_risk_utilisation', by: ['strategy', 'limit'], scale: 1 },
  'fix-session-down': { kind: 'bool', family: 'hftbot_fix_session_up', by: ['session'], scale: 1 },
};

/** A number as PromQL and YAML read it, in plain decimal (0.0000003, not 3e-7), 12 significant digits. */
export function num(x: number): string {
  const s = String(Number(x.toPrecision(12)));
  const m = /^(-?)(\d)(?:\.(\d+))?e([-+]\d+)$/.exec(s);
  if (m === null) return s;
  const exp = Number(m[4]);
  const frac = m[3] ?? '';
  if (exp > 0) return s; // >= 1e21: PromQL reads the exponent form too
  return `${m[1]}0.${'0'.repeat(-exp - 1)}${m[2]}${frac}`;
}

/** A Prometheus duration (ms, s, m, h) for ns, rounded up to whole milliseconds. */
export function promDuration(ns: number): string {
  if (ns % 1_000_000 === 0) return formatDuration(ns);
  return `${Math.ceil(ns / 1_000_000)}ms`;
}

/** `{a="x",b="y"}` (empty when no labels). Values are escaped as PromQL/Go string literals. */
export function selector(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels);
  return keys.length === 0 ? '' : `{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(',')}}`;
}

/** The labels an alert of this rule carries from its series: the family's identifying ones and the filter's. */
export function groupLabels(r: AlertRule): string[] {
  return [...new Set([...SHAPES[r.metric].by, ...Object.keys(r.where)])];
}

/** The threshold in Prometheus' unit, in the series' sign (loss -> PnL). */
export function promThreshold(r: AlertRule): number {
  const s = SHAPES[r.metric];
  const v = r.threshold * s.scale;
  return s.negate === true ? -v : v;
}

/** The comparison on the series (flipped for a negated quantity). */
export function promOp(r: AlertRule): '>' | '<' {
  const above = r.op === 'above';
  return above !== (SHAPES[r.metric].negate === true) ? '>' : '<';
}

/** The alert's PromQL expression. */
export function alertExpr(r: AlertRule): string {
  const s = SHAPES[r.metric];
  const sel = selector(r.where);
  const by = groupLabels(r);
  const t = num(promThreshold(r));
  const op = promOp(r);
  switch (s.kind) {
    case 'histogram':
      return `histogram_quantile(${r.quantile}, sum by (${['le', ...by].join(', ')}) (rate(${s.family}_bucket${sel}[${RATE_WINDOW}]))) ${op} ${t}`;
    case 'rate':
      return `sum by (${by.join(', ')}) (rate(${s.family}${sel}[${RATE_WINDOW}])) ${op} ${t}`;
    case 'increase':
      return `sum by (${by.join(', ')}) (increase(${s.family}${sel}[${GAPS_WINDOW}])) ${op} ${t}`;
    case 'gauge':
      return `${s.family}${sel} ${op} ${t}`;
    case 'bool':
      // "session down" is the series at 0 (the validator allows Above only)
      return `${s.family}${sel} == 0`;
  }
}

/** 300ns, 1.5us, 2ms, 1.25s. */
function readableNs(ns: number): string {
  const units: Array<[string, number]> = [['s', 1e9], ['ms', 1e6], ['us', 1e3]];
  for (const [name, size] of units) if (ns >= size) return `${num(Number((ns / size).toPrecision(6)))}${name}`;
  return `${ns}ns`;
}

/** The threshold as a person wrote it: 300ns, $500.00, 50/s, 80%, 3. */
export function thresholdText(r: AlertRule): string {
  switch (r.unit) {
    case 'ns': return readableNs(r.threshold);
    case 'cents': return formatMoney(r.threshold);
    case 'per-second': return r.threshold < 1 ? `${num(Number((r.threshold * 60).toPrecision(6)))}/min` : `${num(r.threshold)}/s`;
    case 'fraction': return `${num(r.threshold * 100)}%`;
    case 'count': return num(r.threshold);
    case 'bool': return '';
  }
}
