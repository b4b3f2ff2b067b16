// The hot path's side of /metrics: plain typed arrays the kernel edges bump (orders, fills, rejects...)
// and latency recorders they record into; nothing here allocates or formats. The Prometheus registry
// (./registry.ts) reads them at scrape time; gauges (PnL, positions, utilisation) are not kept here at all:
// the registry asks a GaugeSource to fill them from the kernel's state at scrape (design principle 12).
// Indexing: [strategy * nInstruments + instrument] for per-instrument series, [strategy * N_REASONS +
// reason] for rejects, [strategy * N_CHECKS + check] for breaches. Strategy and instrument ids are the
// kernel's (configuration order).

import { HELP, M } from './names.js';
import { HdrHistogramMetric, type LatencyRecorder } from './hdr.js';

/** Reject reasons: 1..23 are risk Check ids (src/risk/types.ts), then the venue and the OMS. */
export const REASON_VENUE = 24;
export const REASON_OMS = 25;
export const N_REASONS = 26;
const CHECK_NAMES = [
  '', 'bad_order', 'kill_switch', 'restricted', 'reject_throttle', 'duplicate_clordid', 'duplicate_order', 'message_rate',
  'order_rate', 'max_loss', 'drawdown', 'no_reference', 'notional_overflow', 'price_collar', 'order_qty',
  'order_notional', 'open_orders', 'position_qty', 'position_notional', 'gross_exposure', 'net_exposure', 'credit',
  'self_trade', 'audit_full', 'venue', 'oms',
];

/** The label value of a reject reason / breached check id. */
export function reasonName(reason: number): string {
  return CHECK_NAMES[reason] ?? `code_${reason}`;
}

export interface MetricsShape {
  /** Strategy names by kernel id; '' for a spare slot (not exported). The array may be updated in place. */
  strategies: string[];
  instruments: readonly string[];
  /** Instruments each strategy trades (kernel ids): the series exported for it even while zero. */
  traded: number[][];
  feeds: readonly string[];
  venues: readonly string[];
}

export class SystemCounters {
  readonly nStrategies: number;
  readonly nInstruments: number;
  readonly orders: Float64Array;
  readonly fills: Float64Array;
  readonly shadowFills: Float64Array;
  readonly rejects: Float64Array;
  readonly breaches: Float64Array;
  readonly feedMessages: Float64Array;
  readonly feedGaps: Float64Array;
  /** Execution reports handed to the kernel (any venue). */
  reports = 0;
  readonly tickToTrade: LatencyRecorder[];
  /** The label objects of tickToTrade's series (renamed when a spare strategy slot is filled). */
  readonly tickToTradeLabels: Array<{ strategy: string }>;
  readonly riskCheck: LatencyRecorder;
  readonly orderAck: LatencyRecorder[];
  readonly feedHandler: LatencyRecorder[];
  /** The histogram metrics (registered by ./registry.ts). */
  readonly histograms: HdrHistogramMetric[];

  constructor(readonly shape: MetricsShape) {
    const S = shape.strategies.length;
    const I = shape.instruments.length;
    this.nStrategies = S;
    this.nInstruments = I;
    this.orders = new Float64Array(S * I);
    this.fills = new Float64Array(S * I);
    this.shadowFills = new Float64Array(S * I);
    this.rejects = new Float64Array(S * N_REASONS);
    this.breaches = new Float64Array(S * N_REASONS);
    this.feedMessages = new Float64Array(shape.feeds.length);
    this.feedGaps = new Float64Array(shape.feeds.length);
    const ttt = new HdrHistogramMetric(M.tickToTrade, HELP.tickToTrade);
    const risk = new HdrHistogramMetric(M.riskCheck, HELP.riskCheck);
    const ack = new HdrHistogramMetric(M.orderAck, HELP.orderAck);
    const feed = new HdrHistogramMetric(M.feedHandler, HELP.feedHandler);
    this.tickToTradeLabels = shape.strategies.map((strategy) => ({ strategy }));
    this.tickToTrade = this.tickToTradeLabels.map((l) => ttt.add(l));
    this.riskCheck = risk.add({});
    this.orderAck = shape.venues.map((venue) => ack.add({ venue }));
    this.feedHandler = shape.feeds.map((f) => feed.add({ feed: f }));
    this.histograms = [ttt, risk, ack, feed];
  }
}
