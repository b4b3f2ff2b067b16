// The metric families the running system exports on /metrics (issue 7, item 3): the names, types and
// labels agreed between the exporter (src/metrics), the alert rules (./rules.ts), the Grafana dashboard
// (./dashboard.ts) and the web UI. One list, so a test can check that every rule and panel names a
// family that exists and that every family has a panel.
// Latencies are prom-client histograms in SECONDS (exposed as _bucket / _sum / _count series);
// counters end in _total; gauges are plain.

export type MetricType = 'histogram' | 'counter' | 'gauge';

export interface MetricFamily {
  name: string;
  type: MetricType;
  labels: readonly string[];
  help: string;
}

export const METRIC_FAMILIES: readonly MetricFamily[] = [
  { name: 'hftbot_tick_to_trade_seconds', type: 'histogram', labels: ['strategy'], help: 'feed message in -> order out (kernel part)' },
  { name: 'hftbot_risk_check_seconds', type: 'histogram', labels: [], help: 'one pre-trade risk check' },
  { name: 'hftbot_order_ack_seconds', type: 'histogram', labels: ['venue'], help: 'order sent -> venue ack (round trip)' },
  { name: 'hftbot_feed_handler_seconds', type: 'histogram', labels: ['feed'], help: 'one feed message through the handler' },
  { name: 'hftbot_feed_messages_total', type: 'counter', labels: ['feed'], help: 'feed messages handled' },
  { name: 'hftbot_feed_gaps_total', type: 'counter', labels: ['feed'], help: 'sequence gaps detected on the feed' },
  { name: 'hftbot_orders_total', type: 'counter', labels: ['strategy', 'instrument'], help: 'orders sent' },
  { name: 'hftbot_fills_total', type: 'counter', labels: ['strategy', 'instrument'], help: 'fills received' },
  { name: 'hftbot_shadow_fills_total', type: 'counter', labels: ['strategy', 'instrument'], help: 'fills simulated for shadow strategies' },
  { name: 'hftbot_rejects_total', type: 'counter', labels: ['strategy', 'reason'], help: 'risk and venue rejects' },
  { name: 'hftbot_risk_breaches_total', type: 'counter', labels: ['strategy', 'check'], help: 'risk limit breaches' },
  { name: 'hftbot_pnl', type: 'gauge', labels: ['strategy'], help: 'PnL in currency units, net of fees' },
  { name: 'hftbot_drawdown', type: 'gauge', labels: ['strategy'], help: 'fall from the PnL peak, currency units' },
  { name: 'hftbot_position', type: 'gauge', labels: ['strategy', 'instrument'], help: 'position in lots' },
  { name: 'hftbot_risk_utilisation', type: 'gauge', labels: ['strategy', 'limit'], help: 'used fraction of a risk limit (0..1)' },
  { name: 'hftbot_fix_session_up', type: 'gauge', labels: ['session'], help: 'FIX session logged on (1) or not (0)' },
  { name: 'hftbot_kill_switch_active', type: 'gauge', labels: [], help: 'kill switch engaged (1) or not (0)' },
  { name: 'hftbot_strategy_stage', type: 'gauge', labels: ['strategy', 'stage'], help: '1 for the strategy\'s current deployment stage' },
  { name: 'hftbot_message_rate', type: 'gauge', labels: ['kind'], help: 'messages per second over the last second' },
];

const BY_NAME = new Map(METRIC_FAMILIES.map((f) => [f.name, f]));

/** The family a series name belongs to (histogram series carry _bucket/_sum/_count), or undefined. */
export function familyOf(series: string): MetricFamily | undefined {
  const direct = BY_NAME.get(series);
  if (direct !== undefined) return direct;
  const m = /^(.*)_(bucket|sum|count)$/.exec(series);
  if (m === null) return undefined;
  const f = BY_NAME.get(m[1]);
  return f?.type === 'histogram' ? f : undefined;
}

/** Every hftbot_* identifier in a PromQL expression (or any text). */
export function metricNamesIn(text: string): string[] {
  return [...new Set(text.match(/\bhftbot_[a-zA-Z0-9_]+/g) ?? [])];
}
