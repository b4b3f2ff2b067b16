// Fees and rebates of the backtest venue, per fill.
//
// fee = perLot * qty + bps / 10_000 * px * qty, in money units (price units x lots, what the kernel's
// risk/PnL books as fees: src/risk PositionBook). Positive is a charge, negative a rebate (a maker rebate
// is makerPerLot < 0 or makerBps < 0). Maker = our resting order was hit; taker = our order crossed on
// arrival (or on a replace). Rounding: up, toward +infinity, for charges and rebates alike, i.e. in the
// venue's favour, like the matching engine's fees (src/matching/engine.ts); a value within 1e-9 of an
// integer is taken as that integer (float noise of the bps product must not add a unit).

import type { Px, Qty } from '../../core/units.js';

export interface FeeSchedule {
  /** Price units per lot (e.g. $0.0030/share at priceScale 10_000 = 30). */
  makerPerLot?: number;
  takerPerLot?: number;
  /** Basis points of the notional (px x qty). */
  makerBps?: number;
  takerBps?: number;
}

export class Fees {
  private readonly mLot: number;
  private readonly tLot: number;
  private readonly mBps: number;
  private readonly tBps: number;

  constructor(s: FeeSchedule = {}) {
    this.mLot = s.makerPerLot ?? 0;
    this.tLot = s.takerPerLot ?? 0;
    this.mBps = (s.makerBps ?? 0) / 10_000;
    this.tBps = (s.takerBps ?? 0) / 10_000;
    for (const v of [this.mLot, this.tLot, this.mBps, this.tBps]) if (!Number.isFinite(v)) throw new Error('fees: rates must be finite numbers');
  }

  fee(maker: boolean, px: Px, qty: Qty): number {
    const v = maker ? this.mLot * qty + this.mBps * px * qty : this.tLot * qty + this.tBps * px * qty;
    const r = Math.round(v);
    return (Math.abs(v - r) < 1e-9 ? r : Math.ceil(v)) + 0; // + 0 turns -0 into 0
  }
}
