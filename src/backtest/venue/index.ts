// The backtest venue: public entry (design principle 13). The runner (src/backtest) builds a
// BacktestVenuePort with latency, queue, fee and impact models and drives it as its header explains.

export { BacktestVenuePort, type BacktestVenueOptions } from './port.js';
export { constantLatency, empiricalLatency, recordedLatency, FifoLink, type LatencyModel } from './latency.js';
export type { QueueModelKind } from './queue.js';
export { Fees, type FeeSchedule } from './fees.js';
export type { ImpactOptions } from './impact.js';
export { VenueBook } from './venue-book.js';
