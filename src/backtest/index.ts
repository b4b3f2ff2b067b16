// Public entry of the backtester: runBacktest (the kernel on recorded data with a simulated clock and a
// backtest venue port), data loading (ITCH, LOBSTER, Databento MBO/DBN, recorded kernel sessions),
// metrics, output files and the benchmark. Venue fill models live in ./venue (their own entry).
export { runBacktest, runOnFeed, recordedOrderLatencies, resolveStrategy, withParams, loadStrategySpec, parseTimeOfDay } from './run.js';
export type { BacktestOptions, BacktestResult, BacktestStrategy, BacktestVenueOptions, VenueFactoryContext, OrderRow, FillRow, TradeRow, EquitySample } from './types.js';
export { loadData, inferFormat, DATA_FORMATS, type DataFormat, type DataSource, type LoadedData } from './load.js';
export { FeedLog, mergeLogs, FLAG_SYNC, FLAG_VENUE_SKIP, FLAG_VENUE_PRINT } from './feed-log.js';
export { ItchLogSink, LocateTable } from './itch-sink.js';
export { readRecording, parseRecording, recordedLatencies, NextEventLatency, type RecordedSession, type RecordedCommand, type RecordedExec } from './recording.js';
export { computeMetrics, sharpeRatio, sortinoRatio, maxDrawdown, equityReturns, exposureOf, latencyStats, percentile, annualisation, SESSION_NS_PER_YEAR, type BacktestMetrics, type LatencyStats, type MetricsInput } from './metrics.js';
export { roundTrips } from './trades.js';
export { writeOutputs, reportObject, stableJson, tradesCsv, ordersCsv, fillsCsv } from './output.js';
export { CapturePort } from './capture.js';
export { LoopClock, runLoop, type LoopContext, type LoopResult } from './loop.js';
