// Public entry of src/metrics: the metric catalog (names.ts), the hot path's counters and HDR latency
// recorders (counters.ts, hdr.ts) and the prom-client registry that exports them at scrape (registry.ts).
export { M, HELP, LATENCY_BUCKETS, STAGES, UTIL_LIMITS, RATE_KINDS } from './names.js';
export { LatencyRecorder, HdrHistogramMetric } from './hdr.js';
export { SystemCounters, REASON_VENUE, REASON_OMS, N_REASONS, reasonName, type MetricsShape } from './counters.js';
export { buildRegistry, GaugeValues, type GaugeSource, type SystemRegistry } from './registry.js';
