// The one catalog of engine events (design principle 6): past-tense names, FIX field names where
// FIX has one. Market-data events are applied to books through the BookSink methods rather than as
// objects (no allocation per message); this catalog numbers them for counters, journals and logs.

export const MdEvent = {
  OrderAdded: 1,
  OrderCancelled: 2, // partial: size reduced
  OrderDeleted: 3,
  OrderReplaced: 4,
  OrderExecuted: 5,
  OrderExecutedWithPrice: 6,
  TradeReported: 7, // non-cross / off-book trade: does not touch the book
  CrossTradeReported: 8,
  TradingStatusChanged: 9,
  BookCleared: 10,
  InstrumentDefined: 11,
  SystemEventReported: 12,
  LevelChanged: 13, // aggregated (L2) sources: a level set or adjusted by price
} as const;

export type MdEventCode = (typeof MdEvent)[keyof typeof MdEvent];

export const TradingStatus = {
  Unknown: 0,
  Halted: 1,
  Paused: 2,
  Quoting: 3, // quotation only
  Trading: 4,
} as const;
