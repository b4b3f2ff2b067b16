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

// Order lifecycle events (src/oms). Commands the engine issues (Submitted, CancelRequested,
// ReplaceRequested) and what the venue reports back (FIX ExecutionReport ExecType / OrderCancelReject).
// The OMS transition table is indexed by these codes; journal record types are 0x0600 + code.
export const OrderEvent = {
  OrderSubmitted: 1, // NewOrderSingle sent (clOrdId, orderQty, price, side)
  OrderCancelRequested: 2, // OrderCancelRequest sent (clOrdId, origClOrdId)
  OrderReplaceRequested: 3, // OrderCancelReplaceRequest sent (clOrdId, origClOrdId, orderQty, price)
  OrderAccepted: 4, // ExecType=0 (New)
  OrderRejected: 5, // ExecType=8 (Rejected), ordRejReason
  OrderPartiallyFilled: 6, // ExecType=F (Trade) leaving leavesQty > 0: execId, lastQty, lastPx
  OrderFilled: 7, // ExecType=F (Trade) leaving leavesQty = 0
  OrderCancelled: 8, // ExecType=4 (Canceled), solicited or not
  OrderCancelRejected: 9, // OrderCancelReject (MsgType=9) for a cancel or a replace, cxlRejReason
  OrderReplaced: 10, // ExecType=5 (Replaced): orderQty/price/clOrdId of the request now live
  OrderExpired: 11, // ExecType=C (Expired)
  OrderDoneForDay: 12, // ExecType=3 (Done for day)
  OrdersReconciled: 13, // order status answers after a reconnect applied (OrderStatusRequest / ExecType=I)
  OrderReleased: 14, // local: a done order's slot freed (later reports for it are unknown orders)
} as const;

export type OrderEventCode = (typeof OrderEvent)[keyof typeof OrderEvent];
