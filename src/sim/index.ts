// Public entry of the exchange simulator: the multi-instrument Venue (matching engines, price collars,
// event fan-out), the ITCH 5.0 publisher (BinaryFILE recording, MoldUDP64, GLIMPSE-style snapshots) and
// the seeded agent-based synthetic market. The FIX order-entry gateway is a separate piece (not here).
export { Venue, NoopVenueListener, SessionEvent } from './venue.js';
export type { VenueListener, VenueOptions, VenueInstrumentConfig, VenueInstrument } from './venue.js';
export { ItchPublisher } from './itch-publisher.js';
export type { ItchPublisherOptions, ItchSnapshot, ItchTap } from './itch-publisher.js';
export { RefTable } from './ref-table.js';
export { FairValues, Normal } from './fair-value.js';
export type { FairValueSpec } from './fair-value.js';
export { MarketMaker, NoiseTrader, MomentumTrader, MeanReverter, tickAt, floorTick, ceilTick } from './traders.js';
export type { Agent, AgentContext, MarketMakerParams, NoiseTraderParams, SignalTraderParams } from './traders.js';
export { createSyntheticMarket, defaultInstruments, PRICE_SCALE } from './agents.js';
export type { SyntheticMarket, SyntheticMarketOptions, SyntheticInstrument } from './agents.js';
export { applySnapshot } from './snapshot.js';
export { openMarketDataFeed } from './feed.js';
export type { MarketDataFeed, MarketDataFeedOptions } from './feed.js';
export { benchSimulator } from './bench.js';
export type { SimBenchOptions, SimBenchResult } from './bench.js';
