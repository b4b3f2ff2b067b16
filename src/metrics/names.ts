// The metric catalog: every name hftbot exports on /metrics, with its labels and help text. Shared by the
// exporter (./registry.ts), the alert rules and Grafana dashboard (src/alerts, deploy/) and the web UI
// (src/api, src/ui): change a name here and everything that reads it must follow.
// Conventions (Prometheus naming): `hftbot_` prefix, base units (seconds, currency units), counters end in
// `_total`. Latencies are histograms in SECONDS whose buckets are filled at scrape from hdr-histogram-js
// recordings made in nanoseconds on the hot path (./hdr.ts).

export const M = {
  tickToTrade: 'hftbot_tick_to_trade_seconds',
  riskCheck: 'hftbot_risk_check_seconds',
  orderAck: 'hftbot_order_ack_seconds',
  feedHandler: 'hftbot_feed_handler_seconds',
  feedMessages: 'hftbot_feed_messages_total',
  feedGaps: 'hftbot_feed_gaps_total',
  orders: 'hftbot_orders_total',
  fills: 'hftbot_fills_total',
  shadowFills: 'hftbot_shadow_fills_total',
  rejects: 'hftbot_rejects_total',
  riskBreaches: 'hftbot_risk_breaches_total',
  pnl: 'hftbot_pnl',
  drawdown: 'hftbot_drawdown',
  position: 'hftbot_position',
  riskUtilisation: 'hftbot_risk_utilisation',
  fixSessionUp: 'hftbot_fix_session_up',
  killSwitch: 'hftbot_kill_switch_active',
  strategyStage: 'hftbot_strategy_stage',
  messageRate: 'hftbot_message_rate',
} as const;

export const HELP: Readonly<Record<keyof typeof M, string>> = {
  tickToTrade: 'Kernel part of tick-to-trade: the kernel taking the triggering event (feed message or timer) to the order handed to the venue port',
  riskCheck: 'One pre-trade risk check',
  orderAck: 'Order sent to the venue port to its acknowledgement (round trip)',
  feedHandler: 'One feed message through the feed handler, books, signals and strategies',
  feedMessages: 'Market-data messages handled',
  feedGaps: 'Sequence gaps detected on the feed',
  orders: 'Orders sent to a venue port (all stages)',
  fills: 'Fills (partial or full) from a real venue: the simulator (paper) or the FIX venue (live)',
  shadowFills: 'Fills simulated by the shadow fill model (shadow stage)',
  rejects: 'Orders refused, by reason (risk check name, venue, oms)',
  riskBreaches: 'Hard risk limit breaches (checks that engage the kill switch)',
  pnl: 'Strategy PnL in currency units, realized + unrealized at the mid, net of fees',
  drawdown: 'Fall of the strategy PnL from its high-water mark, currency units',
  position: 'Position in lots',
  riskUtilisation: 'Use of a risk limit, 0..1',
  fixSessionUp: 'FIX session logged on (1) or not (0)',
  killSwitch: 'Global or any strategy kill switch engaged (1)',
  strategyStage: 'Deployment stage of a strategy (1 for the current stage)',
  messageRate: 'Messages per second over the last second, by kind',
};

/** Latency histogram buckets, seconds: 1 us .. 1 s. */
export const LATENCY_BUCKETS: readonly number[] = [
  1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2, 5e-2, 0.1, 0.25, 0.5, 1,
];

/** The stages, in hftbot_strategy_stage's `stage` label order. */
export const STAGES = ['shadow', 'paper', 'live'] as const;
/** hftbot_risk_utilisation's `limit` label values. */
export const UTIL_LIMITS = ['position', 'loss', 'drawdown', 'open_orders', 'gross_exposure'] as const;
/** hftbot_message_rate's `kind` label values. */
export const RATE_KINDS = ['feed', 'orders', 'fills', 'reports'] as const;
