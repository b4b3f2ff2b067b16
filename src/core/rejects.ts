// The one catalog of business reject codes (design principle 6). Each subsystem owns a range:
//   1000-1999 feed, 2000-2999 book, 3000-3999 FIX, 4000-4999 matching/venue, 5000-5999 risk, 6000-6999 OMS.
// Codes are stable: never renumber one; add new codes at the end of a range.

export const Reject = {
  // feed
  FeedTruncatedMessage: 1001,
  FeedUnknownMessageType: 1002,
  FeedBadLength: 1003,
  FeedSequenceGap: 1004,
  FeedMalformedRecord: 1005,
  FeedOrderRefTooLarge: 1006,
  FeedBadPacket: 1007,
  // book
  BookUnknownOrder: 2001,
  BookDuplicateOrder: 2002,
  BookOverExecution: 2003,
  BookBadPrice: 2004,
  BookBadQty: 2005,
  BookUnknownInstrument: 2006,
  // FIX session layer (src/fix): what a session refused or recovered from
  FixGarbledMessage: 3001, // BodyLength/CheckSum/structure: ignored (or connection dropped before logon)
  FixInvalidMessage: 3002, // dictionary validation failed: session Reject (35=3) sent
  FixUnsupportedMessage: 3003, // application refused it: BusinessMessageReject (35=j) sent
  FixSeqNumTooLow: 3004, // without PossDup: Logout and disconnect
  FixSeqNumGap: 3005, // too high: queued, ResendRequest sent
  FixCompIdProblem: 3006,
  FixSendingTimeProblem: 3007,
  FixWrongBeginString: 3008,
  FixLogonRefused: 3009, // outside the schedule, refused by the application, or not a valid logon
  FixTimeout: 3010, // heartbeat, logon or logout timeout
  // matching engine / venue (src/matching)
  MatchHalted: 4001, // trading state forbids the command (halt: new orders/replaces; frozen: everything)
  MatchDuplicateOrderId: 4002,
  MatchUnknownOrder: 4003, // cancel/replace of an id that is not live (never seen, filled, cancelled, expired)
  MatchBadSide: 4004,
  MatchBadOrderType: 4005,
  MatchBadTimeInForce: 4006,
  MatchBadQty: 4007, // not a positive safe integer
  MatchBadLot: 4008, // not a multiple of the lot size
  MatchQtyTooLarge: 4009, // above the maximum order size
  MatchBadPrice: 4010, // not a positive safe integer, or above the maximum price
  MatchOffTick: 4011, // not a multiple of the tick of its price band
  MatchBadExpireTime: 4012, // GTD expiry not after now
  MatchPostOnlyWouldCross: 4013,
  MatchBadFlags: 4014, // unknown flag bits, or post-only with a market/IOC/FOK order
  MatchBadOwner: 4015,
  MatchBadOrderId: 4016,
  MatchBadTradingState: 4017,
  MatchUnknownInstrument: 4018, // for the venue that routes orders to per-instrument engines
  // pre-trade risk (src/risk): code - 5000 is the check id, in the documented check order
  RiskBadOrder: 5001, // malformed intent: qty/price not positive safe integers, unknown ids, bad side/type
  RiskKillSwitch: 5002, // global, strategy or account kill switch engaged
  RiskRestricted: 5003, // instrument on the restricted list
  RiskRejectThrottle: 5004, // too many rejects in the window
  RiskDuplicateClOrdId: 5005, // clOrdId open or recently used
  RiskDuplicateOrder: 5006, // same instrument/side/qty/price within the duplicate window
  RiskMessageRate: 5007,
  RiskOrderRate: 5008,
  RiskMaxLoss: 5009,
  RiskDrawdown: 5010,
  RiskNoReference: 5011, // no (fresh) reference price where one is required
  RiskNotionalOverflow: 5012, // price x qty x multiplier is not a safe integer
  RiskPriceCollar: 5013,
  RiskOrderQty: 5014,
  RiskOrderNotional: 5015,
  RiskOpenOrders: 5016,
  RiskPositionQty: 5017, // worst case (all open orders on the side filled) per instrument
  RiskPositionNotional: 5018,
  RiskGrossExposure: 5019,
  RiskNetExposure: 5020,
  RiskCredit: 5021,
  RiskSelfTrade: 5022, // would cross the strategy's or account's own open order
  RiskAuditFull: 5023, // audit ring full: fail closed, nothing leaves unaudited
  RiskUnknownOrder: 5024, // fill/ack/done for a clOrdId the engine does not hold
  RiskOverfill: 5025, // fill larger than the order's leaves quantity
  MatchPriceOutsideBand: 4019, // venue price collar: a limit price too far from the reference price (src/sim/venue.ts)
  // order management (src/oms)
  OmsIllegalTransition: 6001, // the (status, event) pair is not in the order lifecycle table
  OmsUnknownOrder: 6002, // a report or request for a clOrdId the OMS never issued
  OmsDuplicateClOrdId: 6003, // submit/replace with a clOrdId already in use
  OmsBadQty: 6004, // not a positive safe integer (order qty, fill qty)
  OmsBadPrice: 6005, // not a safe integer
  OmsOverfill: 6006, // the fill would take cumQty above orderQty
  OmsPoolFull: 6007, // no free order slot
  OmsNotionalOverflow: 6008, // qty * px or a notional sum left the safe-integer range
  OmsBadIdentity: 6009, // clOrdId not a positive safe integer, bad side, or strategy/account/instrument outside the packed position key
  OmsPendingRequest: 6010, // a cancel/replace while another cancel/replace of the order is outstanding
  OmsReconciling: 6011, // a new order or replace while the kernel waits for the venue's order status answers after a restart/reconnect
} as const;

export type RejectCode = (typeof Reject)[keyof typeof Reject];

const names = new Map<number, string>(Object.entries(Reject).map(([k, v]) => [v, k]));

export function rejectName(code: number): string {
  return names.get(code) ?? `Reject${code}`;
}
