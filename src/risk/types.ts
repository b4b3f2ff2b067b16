// Shared shapes of the risk engine: the reused order intent, check ids, scope kinds, the limits object.
// Units: prices in the instrument's integer price units, quantities in lots, time in ns since the session
// epoch, money ("notional") in price units x lots x the instrument's integer notional multiplier (1 for
// cash equities, the contract multiplier for futures). Sums across instruments assume every instrument's
// money unit is the same (same priceScale x multiplier currency unit), which the engine's caller ensures.

export const SIDE_BUY = 0; // = SIDE_BID in src/core/units.ts
export const SIDE_SELL = 1;
export const ORD_LIMIT = 0;
export const ORD_MARKET = 1;

/** One order as the strategy wants it. The kernel reuses one instance; the engine never keeps it. */
export class OrderIntent {
  strategyId = 0;
  accountId = 0;
  instrumentId = 0;
  /** SIDE_BUY or SIDE_SELL. */
  side = 0;
  /** Lots, positive safe integer. */
  qty = 0;
  /** Limit price in price units (positive safe integer); ignored for market orders. */
  price = 0;
  /** ORD_LIMIT or ORD_MARKET. */
  orderType = 0;
  /** Non-negative safe integer, unique per session. */
  clOrdId = 0;

  set(strategyId: number, accountId: number, instrumentId: number, side: number, qty: number, price: number, orderType: number, clOrdId: number): this {
    this.strategyId = strategyId;
    this.accountId = accountId;
    this.instrumentId = instrumentId;
    this.side = side;
    this.qty = qty;
    this.price = price;
    this.orderType = orderType;
    this.clOrdId = clOrdId;
    return this;
  }

  copyFrom(o: OrderIntent): this {
    return this.set(o.strategyId, o.accountId, o.instrumentId, o.side, o.qty, o.price, o.orderType, o.clOrdId);
  }
}

/** Check ids, in evaluation order; a reject's code is 5000 + its check id (src/core/rejects.ts). */
export const Check = {
  BadOrder: 1,
  KillSwitch: 2,
  Restricted: 3,
  RejectThrottle: 4,
  DuplicateClOrdId: 5,
  DuplicateOrder: 6,
  MessageRate: 7,
  OrderRate: 8,
  MaxLoss: 9,
  Drawdown: 10,
  NoReference: 11,
  NotionalOverflow: 12,
  PriceCollar: 13,
  OrderQty: 14,
  OrderNotional: 15,
  OpenOrders: 16,
  PositionQty: 17,
  PositionNotional: 18,
  GrossExposure: 19,
  NetExposure: 20,
  Credit: 21,
  SelfTrade: 22,
  AuditFull: 23,
} as const;

export const RISK_CODE_BASE = 5000;
/** Every configurable check (the ones a limits object can switch off); for the benchmark's report. */
export const CONFIGURABLE_CHECKS = [
  'restricted', 'rejectThrottle', 'duplicateOrder', 'messageRate', 'orderRate', 'maxLoss', 'drawdown',
  'requireReference', 'priceCollar', 'orderQty', 'orderNotional', 'openOrders', 'positionQty',
  'positionNotional', 'grossExposure', 'netExposure', 'credit', 'selfTrade', 'killOnBreach',
] as const;

/** Scope of a decision in the audit record. */
export const SCOPE_NONE = 0;
export const SCOPE_STRATEGY = 1;
export const SCOPE_ACCOUNT = 2;
export const SCOPE_GLOBAL = 3;

/** Sentinel for "check off" in every numeric limit. */
export const OFF = -1;

/**
 * Limits for one strategy or one account. Integers; OFF (-1) switches a check off. Money in money units
 * (see the header). Built once on the cold path (see limitsFromPreset) and copied into typed arrays.
 */
export interface RiskLimits {
  /** Largest single order, lots. (15c3-5 (c)(1)(ii) size filter; RTS 6 Art. 15(1)(c) maximum order volume.) */
  maxOrderQty: number;
  /** Largest single order notional. (RTS 6 Art. 15(1)(b) maximum order value.) */
  maxOrderNotional: number;
  /** Price collar, basis points of the reference. (RTS 6 Art. 15(1)(a); 15c3-5 (c)(1)(ii) price filter.) */
  collarBps: number;
  /** 1: a limit order needs a fresh reference price even with the collar off. Market orders always do. */
  requireReference: number;
  /** A reference older than this (ns) counts as missing. OFF: never stale. */
  maxReferenceAgeNs: number;
  /** Worst-case position per instrument, lots, all open orders on the order's side counted. */
  maxPositionQty: number;
  /** Worst-case position notional per instrument (position at the mark + open orders at their prices). */
  maxPositionNotional: number;
  /** Gross exposure: sum |position x mark| + all open order notional. */
  maxGrossExposure: number;
  /** Net exposure, worst case on the order's side. */
  maxNetExposure: number;
  /** Capital used: positions at cost + open orders + realized losses and fees. (15c3-5 (c)(1)(i).) */
  creditLimit: number;
  /** Working (sent, not done) orders at once. */
  maxOpenOrders: number;
  /** New orders per window. (CME messaging controls; FIA order throttles.) */
  maxOrdersPerWindow: number;
  orderWindowNs: number;
  /** Messages (new orders + cancels + replaces) per window. (RTS 6 Art. 15(1)(d) maximum messages.) */
  maxMessagesPerWindow: number;
  messageWindowNs: number;
  /** Same instrument, side, qty and price as an order accepted less than this long ago (15c3-5 duplicative orders). */
  duplicateWindowNs: number;
  /** Stop when loss (-PnL, fees included) reaches this. */
  maxLoss: number;
  /** Stop when the fall from the PnL high-water mark reaches this. */
  maxDrawdown: number;
  /** Repeated-reject throttle: this many rejects inside the window block new orders (FIA; RTS 6 Art. 15(3) spirit). */
  maxRejectsPerWindow: number;
  rejectWindowNs: number;
  /** 1: reject an order that would cross this scope's own open order (CME self-match prevention). */
  selfTradePrevention: number;
  /** Instrument ids this scope may not trade (15c3-5 (c)(2)(ii) restricted securities). */
  restricted: readonly number[];
  /** Check ids whose breach engages this scope's kill switch (hard limits; RTS 6 Art. 12). */
  killOnBreach: readonly number[];
  /** 1: such a breach engages the GLOBAL kill switch instead (blocks every strategy and account). */
  killAllOnBreach: number;
}

/** Every check off: start from this and switch on what a scope needs. */
export function noLimits(): RiskLimits {
  return {
    maxOrderQty: OFF, maxOrderNotional: OFF, collarBps: OFF, requireReference: 0, maxReferenceAgeNs: OFF,
    maxPositionQty: OFF, maxPositionNotional: OFF, maxGrossExposure: OFF, maxNetExposure: OFF, creditLimit: OFF,
    maxOpenOrders: OFF, maxOrdersPerWindow: OFF, orderWindowNs: 1_000_000_000, maxMessagesPerWindow: OFF,
    messageWindowNs: 1_000_000_000, duplicateWindowNs: OFF, maxLoss: OFF, maxDrawdown: OFF,
    maxRejectsPerWindow: OFF, rejectWindowNs: 1_000_000_000, selfTradePrevention: 0, restricted: [], killOnBreach: [], killAllOnBreach: 0,
  };
}

/** Per-instrument facts the engine needs. */
export interface RiskInstrument {
  /** Money units per (price unit x lot); 1 for cash equities. Positive safe integer. */
  notionalMultiplier: number;
}
