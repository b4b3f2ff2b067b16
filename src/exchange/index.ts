// Public entry of the exchange: the FIX 4.4 order-entry gateway in front of the simulator's Venue, its
// multi-session acceptor, the `hftbot exchange` configuration and runner (venue, synthetic flow, ITCH
// over MoldUDP64 with a recorded BinaryFILE, gateway), and the book digest used to prove the feed
// carries the engine's book. Threading: one thread (the event loop) owns the venue and everything here.
export { Gateway, GATEWAY_ID_BASE, GATEWAY_OWNER_BASE } from './gateway.js';
export type { GatewayOptions } from './gateway.js';
export { ClientSession, GatewayCounters, OrderRec, defaultSessionPolicy } from './orders.js';
export { ReportWriter } from './reports.js';
export { buildQfTrader, writeQfTraderSettings } from './qf-trader.js';
export type { SessionPolicy } from './orders.js';
export { ExecType, OrdStatus, OrdRejReason, CxlRejReason, CxlRejResponseTo, ordRejReasonOf, rejectTextOf, formatUnits, formatAvgPx } from './fields.js';
export { startGatewayAcceptor } from './acceptor.js';
export type { GatewayAcceptor, GatewayAcceptorOptions } from './acceptor.js';
export { parseExchangeConfig, ExchangeConfigError } from './config.js';
export type { ExchangeConfig } from './config.js';
export { startExchange, findDictionary } from './runner.js';
export type { ExchangeRunner } from './runner.js';
export { venueBookLevels, bookLevels } from './digest.js';
export type { Levels } from './digest.js';
export { benchGateway } from './bench.js';
export type { GatewayBenchOptions, GatewayBenchResult } from './bench.js';
