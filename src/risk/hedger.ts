// Auto-hedger: watches a beta-weighted exposure of one scope (strategy or account) and, when it passes
// its threshold, produces a hedge order in a configured instrument sized to bring the exposure back to
// the target, and submits it through the SAME pre-trade checks as any order (RiskEngine.check).
// Exposure (money units) = sum over instruments of beta x (position + open buys - open sells) x mark x
// multiplier, beta in basis points (10_000 = 1.0). Open orders count, so a hedge in flight is not sent
// twice. The hedge is a marketable limit: the hedge instrument's reference +/- `priceOffset` price units.
// Sizing: ceil((|exposure| - target) / |beta_h x mark_h x multiplier_h|) lots, capped at maxHedgeQty.
// The sizing arithmetic is floating point (it decides a quantity, not a limit); every limit is still
// enforced exactly by the engine. Kernel thread; no allocation per evaluation.

import { Reject } from '../core/rejects.js';
import type { RiskEngine } from './engine.js';
import { OrderIntent, ORD_LIMIT, SCOPE_STRATEGY, SIDE_BUY, SIDE_SELL } from './types.js';

export interface HedgeConfig {
  /** SCOPE_STRATEGY or SCOPE_ACCOUNT, and its id: whose exposure is watched. */
  scopeKind: number;
  scopeId: number;
  /** Beta per instrument id, basis points (10_000 = 1.0); missing entries are 0. */
  betaBps: readonly number[];
  /** Hedge when |exposure| > threshold (money units). */
  threshold: number;
  /** Size the hedge to bring |exposure| to at most this (0 <= target < threshold). */
  target: number;
  hedgeInstrumentId: number;
  /** Who sends the hedge order. */
  strategyId: number;
  accountId: number;
  /** clOrdIds for hedge orders: firstClOrdId, firstClOrdId + 1, ... (keep the range apart from the strategies'). */
  firstClOrdId: number;
  /** Price units through the reference. */
  priceOffset: number;
  /** Largest hedge order, lots. */
  maxHedgeQty: number;
}

export class AutoHedger {
  private readonly engine: RiskEngine;
  private readonly cfg: readonly HedgeConfig[];
  private readonly betas: Float64Array[];
  private readonly nextId: Float64Array;
  private readonly scratch: OrderIntent[];
  /** Accepted hedge intents of the last evaluate(), [0, count). Send them. */
  readonly out: OrderIntent[];
  /** Per hedger: -1 no hedge needed (or no reference), 0 sent, else the reject code of the last attempt. */
  readonly lastCode: Int32Array;
  /** Per hedger: the exposure measured by the last evaluate(). */
  readonly lastExposure: Float64Array;

  constructor(engine: RiskEngine, configs: readonly HedgeConfig[]) {
    this.engine = engine;
    this.cfg = configs;
    for (const c of configs) {
      if (!(c.target >= 0 && c.target < c.threshold)) throw new Error('hedger: need 0 <= target < threshold');
      if (!(c.betaBps[c.hedgeInstrumentId] ?? 0)) throw new Error('hedger: the hedge instrument needs a non-zero beta');
      if (!Number.isSafeInteger(c.maxHedgeQty) || c.maxHedgeQty <= 0) throw new Error('hedger: maxHedgeQty must be a positive integer');
    }
    this.betas = configs.map((c) => {
      const b = new Float64Array(engine.nInstruments);
      for (let i = 0; i < b.length; i++) b[i] = c.betaBps[i] ?? 0;
      return b;
    });
    this.nextId = Float64Array.from(configs.map((c) => c.firstClOrdId));
    this.scratch = configs.map(() => new OrderIntent());
    this.out = configs.map(() => new OrderIntent());
    this.lastCode = new Int32Array(configs.length).fill(-1);
    this.lastExposure = new Float64Array(configs.length);
  }

  /** Beta-weighted exposure of hedger k, money units. */
  exposure(k: number): number {
    const c = this.cfg[k], e = this.engine, P = e.positions, b = this.betas[k];
    const s = c.scopeKind === SCOPE_STRATEGY ? c.scopeId : e.accountScope(c.scopeId);
    const base = s * e.nInstruments;
    let v = 0;
    for (let i = 0; i < e.nInstruments; i++) {
      if (b[i] === 0) continue;
      const q = P.pos[base + i] + P.openBuyQty[base + i] - P.openSellQty[base + i];
      if (q !== 0) v += (b[i] * q * P.mark(i) * P.mult[i]) / 10_000;
    }
    return v;
  }

  /** Checks every hedger; returns how many hedge orders were accepted (in `out`). */
  evaluate(now: number): number {
    const e = this.engine, P = e.positions;
    let n = 0;
    for (let k = 0; k < this.cfg.length; k++) {
      const c = this.cfg[k];
      const x = this.exposure(k);
      this.lastExposure[k] = x;
      const ax = x < 0 ? -x : x;
      this.lastCode[k] = -1;
      if (ax <= c.threshold) continue;
      const h = c.hedgeInstrumentId, ref = P.refPx[h];
      if (ref <= 0) continue;
      const bh = this.betas[k][h];
      const perLot = ((bh < 0 ? -bh : bh) * ref * P.mult[h]) / 10_000;
      let qty = Math.ceil((ax - c.target) / perLot);
      if (qty > c.maxHedgeQty) qty = c.maxHedgeQty;
      const side = x > 0 === bh > 0 ? SIDE_SELL : SIDE_BUY;
      const px = side === SIDE_BUY ? ref + c.priceOffset : Math.max(1, ref - c.priceOffset);
      const o = this.scratch[k].set(c.strategyId, c.accountId, h, side, qty, px, ORD_LIMIT, this.nextId[k]);
      e.hedgeFlag = 1;
      const code = e.check(o, now);
      e.hedgeFlag = 0;
      this.lastCode[k] = code;
      if (code === 0) {
        this.nextId[k]++;
        this.out[n++].copyFrom(o);
      } else if (code === Reject.RiskDuplicateClOrdId) {
        this.nextId[k]++; // id taken by someone else: move on, retry next time
      }
    }
    return n;
  }
}
