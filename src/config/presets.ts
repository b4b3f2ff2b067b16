// Named risk presets (design principle 8: users think "RiskTolerance: Low", not twelve knobs).
// A strategy's risk limits start from its preset; any `RiskLimits:` key overrides one entry.
// The numbers are a conservative desk's starting points for one strategy on liquid US equities
// (the table with its reasoning is in docs/strategies.md). Money in integer cents (USD).

export type RiskTolerance = 'low' | 'medium' | 'high';

export interface RiskLimits {
  /** Largest single order, lots. */
  maxOrderQty: number;
  /** Largest single order notional, cents. */
  maxOrderNotionalCents: number;
  /** Largest position per instrument, lots, open orders counted. */
  maxPositionQty: number;
  /** Largest position notional per instrument, cents. */
  maxPositionCents: number;
  /** Largest gross exposure over all instruments, cents. */
  maxGrossExposureCents: number;
  /** Loss (realized + unrealized, fees included) that stops the strategy for the session, cents. */
  maxLossCents: number;
  /** Fall from the session's PnL peak that stops the strategy, cents. */
  maxDrawdownCents: number;
  /** Per-position stop loss: a fraction of the entry price (0.005 = 0.5%). */
  stopLoss: number;
  /** Price collar: a limit price further than this fraction from the reference (NBBO mid or last) is refused. */
  priceCollar: number;
  /** New orders per second. */
  maxOrdersPerSecond: number;
  /** Messages (new, cancel, replace) per second. */
  maxMessagesPerSecond: number;
  /** Working orders at once. */
  maxOpenOrders: number;
}

export const RISK_PRESETS: Readonly<Record<RiskTolerance, Readonly<RiskLimits>>> = {
  low: {
    maxOrderQty: 100,
    maxOrderNotionalCents: 1_000_000, // $10,000
    maxPositionQty: 500,
    maxPositionCents: 2_500_000, // $25,000
    maxGrossExposureCents: 5_000_000, // $50,000
    maxLossCents: 50_000, // $500
    maxDrawdownCents: 100_000, // $1,000
    stopLoss: 0.005,
    priceCollar: 0.01,
    maxOrdersPerSecond: 20,
    maxMessagesPerSecond: 50,
    maxOpenOrders: 10,
  },
  medium: {
    maxOrderQty: 500,
    maxOrderNotionalCents: 5_000_000, // $50,000
    maxPositionQty: 2_000,
    maxPositionCents: 10_000_000, // $100,000
    maxGrossExposureCents: 25_000_000, // $250,000
    maxLossCents: 250_000, // $2,500
    maxDrawdownCents: 500_000, // $5,000
    stopLoss: 0.01,
    priceCollar: 0.02,
    maxOrdersPerSecond: 100,
    maxMessagesPerSecond: 250,
    maxOpenOrders: 50,
  },
  high: {
    maxOrderQty: 2_000,
    maxOrderNotionalCents: 25_000_000, // $250,000
    maxPositionQty: 10_000,
    maxPositionCents: 50_000_000, // $500,000
    maxGrossExposureCents: 100_000_000, // $1,000,000
    maxLossCents: 1_000_000, // $10,000
    maxDrawdownCents: 2_000_000, // $20,000
    stopLoss: 0.02,
    priceCollar: 0.05,
    maxOrdersPerSecond: 500,
    maxMessagesPerSecond: 1_000,
    maxOpenOrders: 200,
  },
};
