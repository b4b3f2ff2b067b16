// Real-time positions and PnL per scope (strategy or account) and instrument, plus open-order exposure.
// Units: qty in lots; cost basis in price units x lots (signed like the position); money (realized,
// fees, notional) in price units x lots x the instrument's multiplier. Average cost: cost / position.
// PnL = realized - fees + sum over instruments (position x mark - cost) x multiplier, where the mark
// is the instrument's reference price if one is set, else its last fill price.
// Reducing a position releases cost pro rata: round(cost x closed / |position|) (half up), exactly the
// whole cost when the position closes, so a flat position always carries zero cost.
// Why incremental: the pre-trade check needs PnL, gross and net exposure and capital for two scopes on
// every order; summing over instruments there cost more than all the other checks together. Here the
// per-scope sums (position value, |position value|, cost value, |cost value|) move on fills and on mark
// changes (setMark walks the scopes once per price update), so a check reads them in O(1). All terms
// are integers, so the running sums are exact while they stay below 2^53 (the property tests recompute
// them from scratch). No allocation after construction. Single-threaded (the kernel's).

// Layout: every array below is a view into one of three buffers, field-major: S (per scope: index
// f * nScopes + s), X (per scope and instrument: f * nScopes * nInstruments + k) and I (per instrument:
// f * nInstruments + i). The public arrays keep their names and indexing; the engine's check reads the
// buffers with the S_/X_/I_ field numbers: three typed arrays instead of ~20, each of which cost its own
// object, data pointer and length loads per access in the check.

import { heapAlloc, type Alloc } from './arena.js';

// per scope
export const S_REALIZED = 0;
export const S_FEES = 1;
export const S_OPEN_N = 2;
export const S_OPEN_BUY_N = 3;
export const S_OPEN_SELL_N = 4;
export const S_OPEN_COUNT = 5;
export const S_PEAK = 6;
export const S_POS_VALUE = 7;
export const S_GROSS = 8;
export const S_COST_VALUE = 9;
export const S_COST_ABS = 10;
export const NSF = 11;
// per (scope, instrument)
export const X_POS = 0;
export const X_COST = 1;
export const X_REALIZED = 2;
export const X_OPEN_BUY_QTY = 3;
export const X_OPEN_SELL_QTY = 4;
export const X_OPEN_BUY_N = 5;
export const X_OPEN_SELL_N = 6;
export const NXF = 7;
// per instrument
export const I_MULT = 0;
export const I_REF_PX = 1;
export const I_REF_TS = 2;
export const I_LAST_FILL = 3;
export const NIF = 4;

export class Positions {
  // Fields are `declare`d: see the note on field declarations in engine.ts (why not plain declarations).
  declare readonly nScopes: number;
  declare readonly nInstruments: number;
  /** The buffers (see Layout above). */
  declare readonly S: Float64Array;
  declare readonly X: Float64Array;
  declare readonly I: Float64Array;
  /** [scope * nInstruments + instrument] */
  declare readonly pos: Float64Array;
  declare readonly cost: Float64Array;
  declare readonly realized: Float64Array;
  declare readonly openBuyQty: Float64Array;
  declare readonly openSellQty: Float64Array;
  declare readonly openBuyN: Float64Array;
  declare readonly openSellN: Float64Array;
  /** [scope] */
  declare readonly realizedTotal: Float64Array;
  declare readonly fees: Float64Array;
  declare readonly openN: Float64Array; // all open order notional (buys + sells)
  declare readonly openBuyNTotal: Float64Array;
  declare readonly openSellNTotal: Float64Array;
  declare readonly openCount: Float64Array;
  declare readonly peak: Float64Array; // PnL high-water mark, sampled at fills and checks
  declare readonly posValue: Float64Array; // sum position x mark x mult (net exposure)
  declare readonly grossValue: Float64Array; // sum |position x mark x mult|
  declare readonly costValue: Float64Array; // sum cost x mult
  declare readonly costAbs: Float64Array; // sum |cost x mult|
  /** [instrument] */
  declare readonly mult: Float64Array;
  declare readonly refPx: Float64Array; // 0 = none
  declare readonly refTs: Float64Array;
  declare readonly lastFillPx: Float64Array;

  /** alloc: where the three buffers live (the engine passes its wasm arena; see arena.ts). */
  constructor(nScopes: number, multipliers: readonly number[], alloc: Alloc = heapAlloc) {
    const ni = multipliers.length;
    this.nScopes = nScopes;
    this.nInstruments = ni;
    const n = nScopes * ni;
    const S = (this.S = alloc.f64(NSF * nScopes));
    const X = (this.X = alloc.f64(NXF * n));
    const I = (this.I = alloc.f64(NIF * ni));
    const s = (f: number) => S.subarray(f * nScopes, (f + 1) * nScopes);
    const x = (f: number) => X.subarray(f * n, (f + 1) * n);
    const i = (f: number) => I.subarray(f * ni, (f + 1) * ni);
    this.pos = x(X_POS);
    this.cost = x(X_COST);
    this.realized = x(X_REALIZED);
    this.openBuyQty = x(X_OPEN_BUY_QTY);
    this.openSellQty = x(X_OPEN_SELL_QTY);
    this.openBuyN = x(X_OPEN_BUY_N);
    this.openSellN = x(X_OPEN_SELL_N);
    this.realizedTotal = s(S_REALIZED);
    this.fees = s(S_FEES);
    this.openN = s(S_OPEN_N);
    this.openBuyNTotal = s(S_OPEN_BUY_N);
    this.openSellNTotal = s(S_OPEN_SELL_N);
    this.openCount = s(S_OPEN_COUNT);
    this.peak = s(S_PEAK);
    this.posValue = s(S_POS_VALUE);
    this.grossValue = s(S_GROSS);
    this.costValue = s(S_COST_VALUE);
    this.costAbs = s(S_COST_ABS);
    this.mult = i(I_MULT);
    this.mult.set(multipliers);
    this.refPx = i(I_REF_PX);
    this.refTs = i(I_REF_TS);
    this.lastFillPx = i(I_LAST_FILL);
  }

  mark(i: number): number {
    const r = this.refPx[i];
    return r > 0 ? r : this.lastFillPx[i];
  }

  /** Unrealized + realized - fees, money units. */
  pnl(s: number): number {
    return this.realizedTotal[s] - this.fees[s] + this.posValue[s] - this.costValue[s];
  }

  /** Average cost of the scope's position in instrument i, price units (0 when flat). */
  avgCost(s: number, i: number): number {
    const k = s * this.nInstruments + i;
    return this.pos[k] === 0 ? 0 : this.cost[k] / this.pos[k];
  }

  /** Unrealized PnL at the marks, money units. */
  unrealized(s: number): number {
    return this.posValue[s] - this.costValue[s];
  }

  /** Samples PnL into the high-water mark; returns the PnL. */
  samplePnl(s: number): number {
    const v = this.realizedTotal[s] - this.fees[s] + this.posValue[s] - this.costValue[s];
    if (v > this.peak[s]) this.peak[s] = v;
    return v;
  }

  /** Sum of |position x mark| x multiplier. */
  grossPositions(s: number): number {
    return this.grossValue[s];
  }

  /** Sum of position x mark x multiplier (signed). */
  netPositions(s: number): number {
    return this.posValue[s];
  }

  /** Capital in use: positions at cost + open orders + realized losses net of fees (when negative). */
  capitalUsed(s: number): number {
    const r = this.realizedTotal[s] - this.fees[s];
    return r < 0 ? this.costAbs[s] + this.openN[s] - r : this.costAbs[s] + this.openN[s];
  }

  /** Sets the reference price (0 clears it) and revalues every scope's position in the instrument. */
  setReference(i: number, px: number, now: number): void {
    const old = this.mark(i);
    this.refPx[i] = px;
    this.refTs[i] = now;
    this.remark(i, old);
  }

  /** Revalues positions in instrument i after its mark moved from `old`. */
  private remark(i: number, old: number): void {
    const m = this.mark(i);
    if (m === old) return;
    const ni = this.nInstruments, mult = this.mult[i];
    for (let s = 0, k = i; s < this.nScopes; s++, k += ni) {
      const p = this.pos[k];
      if (p === 0) continue;
      const a = p * old * mult, b = p * m * mult;
      this.posValue[s] += b - a;
      this.grossValue[s] += (b < 0 ? -b : b) - (a < 0 ? -a : a);
    }
  }

  /** Records a fill price (the mark when no reference is set) and revalues if the mark moved. */
  setLastFill(i: number, px: number): void {
    const old = this.mark(i);
    this.lastFillPx[i] = px;
    this.remark(i, old);
  }

  /**
   * Adds (sign +1) or removes (-1) open-order exposure of qty lots at the order's price `pxOf[slot]`, for
   * both scopes of the order. The price is read here, not passed: a double argument to a call V8 does not
   * inline is boxed (12 bytes per order, a scavenge every ~85k checks in benchRisk, visible at p99).
   */
  openDelta(s1: number, s2: number, i: number, side: number, qty: number, pxOf: Float64Array, slot: number, sign: number): void {
    const ni = this.nInstruments, px = pxOf[slot];
    const k1 = s1 * ni + i, k2 = s2 * ni + i;
    const dq = sign * qty, dn = dq * px * this.mult[i];
    if (side === 0) {
      this.openBuyQty[k1] += dq;
      this.openBuyQty[k2] += dq;
      this.openBuyN[k1] += dn;
      this.openBuyN[k2] += dn;
      this.openBuyNTotal[s1] += dn;
      this.openBuyNTotal[s2] += dn;
    } else {
      this.openSellQty[k1] += dq;
      this.openSellQty[k2] += dq;
      this.openSellN[k1] += dn;
      this.openSellN[k2] += dn;
      this.openSellNTotal[s1] += dn;
      this.openSellNTotal[s2] += dn;
    }
    this.openN[s1] += dn;
    this.openN[s2] += dn;
  }

  /** Applies a fill of qty lots at px to the scope's position; fee in money units. */
  fill(s: number, i: number, side: number, qty: number, px: number, fee: number): void {
    const k = s * this.nInstruments + i;
    const m = this.mult[i];
    const dir = side === 0 ? 1 : -1;
    const p = this.pos[k];
    const mk = this.mark(i);
    const v0 = p * mk * m, c0 = this.cost[k] * m;
    this.fees[s] += fee;
    if (p === 0 || (p > 0) === (dir > 0)) {
      this.cost[k] += dir * qty * px;
      this.pos[k] = p + dir * qty;
    } else {
      const ap = p < 0 ? -p : p;
      const close = qty < ap ? qty : ap;
      const c = this.cost[k];
      const released = close === ap ? c : Math.round((c * close) / ap);
      const sp = p > 0 ? 1 : -1;
      const r = (sp * close * px - released) * m;
      this.realized[k] += r;
      this.realizedTotal[s] += r;
      this.cost[k] = c - released;
      this.pos[k] = p + dir * close;
      const rest = qty - close;
      if (rest > 0) {
        this.pos[k] += dir * rest;
        this.cost[k] = dir * rest * px;
      }
    }
    const v1 = this.pos[k] * mk * m, c1 = this.cost[k] * m;
    this.posValue[s] += v1 - v0;
    this.grossValue[s] += (v1 < 0 ? -v1 : v1) - (v0 < 0 ? -v0 : v0);
    this.costValue[s] += c1 - c0;
    this.costAbs[s] += (c1 < 0 ? -c1 : c1) - (c0 < 0 ? -c0 : c0);
  }
}
