// Real-time PnL (average cost, realized, unrealized at the mark, fees, flips), the auto-hedger (sizing,
// side, risk-checked like any order), the preset bridge, and the IntTable against a Map.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RISK_PRESETS } from '../../src/config/presets.js';
import { Reject } from '../../src/core/rejects.js';
import { IntTable } from '../../src/risk/idtable.js';
import { AutoHedger, limitsFromPreset, noLimits, OrderIntent, RiskEngine, SCOPE_ACCOUNT, SIDE_BUY, SIDE_SELL } from '../../src/risk/index.js';

function engine(mults = [1, 1]): RiskEngine {
  return new RiskEngine({ strategies: [noLimits(), noLimits()], accounts: [noLimits()], instruments: mults.map((m) => ({ notionalMultiplier: m })) });
}

describe('PnL tracker', () => {
  it('average cost, realized on reduction, unrealized at the reference, fees, flip through zero', () => {
    const e = engine([1, 10]);
    const P = e.positions;
    const o = new OrderIntent();
    const fill = (id: number, side: number, qty: number, px: number, fee: number) => {
      expect(e.check(o.set(0, 0, 1, side, qty, px, 0, id), id)).toBe(0);
      expect(e.onFill(id, qty, px, fee, id)).toBe(0);
    };
    fill(1, SIDE_BUY, 10, 100, 3); // long 10 @100
    fill(2, SIDE_BUY, 10, 110, 3); // long 20 @105
    expect([P.pos[1], P.cost[1], P.avgCost(0, 1)]).toEqual([20, 2100, 105]);
    fill(3, SIDE_SELL, 5, 120, 2); // realize 5 x (120 - 105) x 10 = 750
    expect([P.pos[1], P.cost[1], P.realizedTotal[0]]).toEqual([15, 1575, 750]);
    e.setReference(1, 100, 4); // unrealized 15 x (100 - 105) x 10 = -750
    expect(P.pnl(0)).toBe(750 - 750 - 8);
    expect(P.unrealized(0)).toBe(-750);
    fill(4, SIDE_SELL, 25, 100, 0); // close 15 at 100 (-750), open short 10 @100
    expect([P.pos[1], P.cost[1], P.realizedTotal[0]]).toEqual([-10, -1000, 0]);
    e.setReference(1, 90, 5);
    expect(P.pnl(0)).toBe(0 - 8 + 10 * 10 * 10);
    expect(P.pnl(2)).toBe(P.pnl(0)); // the account saw the same fills
    expect(P.grossPositions(0)).toBe(9_000);
    expect(P.netPositions(0)).toBe(-9_000);
  });

  it('marks to the last fill when there is no reference, and a flat position carries no cost', () => {
    const e = engine();
    const o = new OrderIntent();
    expect(e.check(o.set(0, 0, 0, SIDE_BUY, 3, 101, 0, 1), 1)).toBe(0);
    e.onFill(1, 3, 101, 0, 1);
    expect(e.check(o.set(0, 0, 0, SIDE_SELL, 3, 99, 0, 2), 2)).toBe(0);
    e.onFill(2, 1, 99, 0, 2);
    expect(e.positions.pnl(0)).toBe(-6); // realized -2, unrealized 2 x (99 - 101)
    e.onFill(2, 2, 102, 0, 3);
    expect([e.positions.pos[0], e.positions.cost[0], e.positions.pnl(0)]).toEqual([0, 0, 0]);
    expect(e.onFill(2, 1, 102, 0, 4)).toBe(Reject.RiskUnknownOrder); // done when fully filled
  });

  it('an over-fill is booked and reported', () => {
    const e = engine();
    const o = new OrderIntent();
    expect(e.check(o.set(0, 0, 0, SIDE_BUY, 3, 100, 0, 1), 1)).toBe(0);
    expect(e.onFill(1, 5, 100, 0, 2)).toBe(Reject.RiskOverfill);
    expect([e.positions.pos[0], e.positions.openCount[0], e.positions.openBuyQty[0]]).toEqual([5, 0, 0]);
  });
});

describe('auto-hedger', () => {
  const cfg = { scopeKind: SCOPE_ACCOUNT, scopeId: 0, betaBps: [15_000, 10_000], threshold: 20_000, target: 5_000, hedgeInstrumentId: 1, strategyId: 1, accountId: 0, firstClOrdId: 1e9, priceOffset: 2, maxHedgeQty: 1_000 };

  it('sizes a hedge that brings a beta-weighted exposure back to the target, and does not hedge twice', () => {
    const e = engine();
    e.setReference(0, 1_000, 0);
    e.setReference(1, 500, 0);
    const h = new AutoHedger(e, [cfg]);
    const o = new OrderIntent();
    expect(e.check(o.set(0, 0, 0, SIDE_BUY, 10, 1_000, 0, 1), 1)).toBe(0);
    expect(h.evaluate(2)).toBe(0); // 1.5 x 10 x 1000 = 15000: inside
    expect(h.lastExposure[0]).toBe(15_000);
    expect(e.check(o.set(0, 0, 0, SIDE_BUY, 10, 1_000, 0, 2), 3)).toBe(0);
    e.onFill(2, 10, 1_000, 0, 4);
    expect(h.evaluate(5)).toBe(1); // 30000 > 20000: sell ceil(25000 / 500) = 50 of instrument 1
    expect({ ...h.out[0] }).toEqual({ strategyId: 1, accountId: 0, instrumentId: 1, side: SIDE_SELL, qty: 50, price: 498, orderType: 0, clOrdId: 1e9 });
    expect(h.lastExposure[0]).toBe(30_000);
    expect(h.evaluate(6)).toBe(0); // the open hedge counts: 30000 - 25000 = 5000
    expect(h.lastExposure[0]).toBe(5_000);
  });

  it('a hedge order is risk-checked like any other and audited as a hedge', () => {
    const e = new RiskEngine({ strategies: [noLimits(), { ...noLimits(), maxOrderQty: 10 }], accounts: [noLimits()], instruments: [{ notionalMultiplier: 1 }, { notionalMultiplier: 1 }] });
    e.setReference(0, 1_000, 0);
    e.setReference(1, 500, 0);
    const h = new AutoHedger(e, [cfg]);
    expect(e.check(new OrderIntent().set(0, 0, 0, SIDE_BUY, 20, 1_000, 0, 1), 1)).toBe(0);
    e.audit.clear();
    expect(h.evaluate(2)).toBe(0);
    expect(h.lastCode[0]).toBe(Reject.RiskOrderQty);
    let hedgeFlag = -1;
    e.audit.drain((r) => (hedgeFlag = r.hedge));
    expect(hedgeFlag).toBe(1);
  });

  it('refuses a configuration without a beta for the hedge instrument', () => {
    expect(() => new AutoHedger(engine(), [{ ...cfg, betaBps: [10_000] }])).toThrow(/beta/);
  });
});

describe('presets', () => {
  it('builds engine limits from RiskTolerance presets in money units', () => {
    const l = limitsFromPreset(RISK_PRESETS.low, { priceScale: 10_000 });
    expect(l.maxOrderNotional).toBe(RISK_PRESETS.low.maxOrderNotionalCents * 100);
    expect(l.collarBps).toBe(100);
    expect(l.maxOrdersPerWindow).toBe(RISK_PRESETS.low.maxOrdersPerSecond);
    const e = new RiskEngine({ strategies: [l], accounts: [limitsFromPreset(RISK_PRESETS.high, { priceScale: 10_000 })], instruments: [{ notionalMultiplier: 1 }] });
    e.setReference(0, 1_500_000, 0); // $150.00
    const o = new OrderIntent();
    expect(e.check(o.set(0, 0, 0, SIDE_BUY, 60, 1_500_000, 0, 1), 1)).toBe(0); // $9,000
    expect(e.check(o.set(0, 0, 0, SIDE_BUY, 70, 1_500_000, 0, 2), 2)).toBe(Reject.RiskOrderNotional); // $10,500 > $10,000
    expect(e.check(o.set(0, 0, 0, SIDE_BUY, 1, 1_520_000, 0, 3), 3)).toBe(Reject.RiskPriceCollar); // 1.33% > 1%
  });
});

describe('IntTable', () => {
  it('matches a Map under random inserts and deletes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 300 })), { maxLength: 400 }), (ops) => {
        const t = new IntTable(200), m = new Map<number, number>();
        for (const [ins, k] of ops) {
          if (ins && !m.has(k) && m.size < t.capacity) {
            expect(t.set(k * 4099, k)).toBe(true);
            m.set(k, k);
          } else if (ins && m.has(k)) {
            expect(t.replace(k * 4099, k + 1)).toBe(true);
            m.set(k, k + 1);
          } else if (!ins) expect(t.delete(k * 4099)).toBe(m.has(k) ? m.get(k) : -1);
          if (!ins) m.delete(k);
          for (const [kk, v] of m) expect(t.get(kk * 4099)).toBe(v);
        }
        expect(t.size).toBe(m.size);
        expect(t.replace(-5, 1)).toBe(false);
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it('matches a Map for ascending ids with deletes in any order (grouped homes: four consecutive keys share one)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.array(fc.tuple(fc.nat(3), fc.nat()), { maxLength: 600 }), (start, ops) => {
        const t = new IntTable(64), m = new Map<number, number>();
        let next = start;
        for (const [op, pick] of ops) {
          if (op > 0 && m.size < t.capacity) {
            expect(t.set(next, next % 1000)).toBe(true);
            m.set(next, next % 1000);
            next++;
          } else if (m.size > 0) {
            const ks = [...m.keys()], k = ks[pick % ks.length];
            expect(t.delete(k)).toBe(m.get(k));
            m.delete(k);
          }
        }
        for (const [k, v] of m) expect(t.get(k)).toBe(v);
        expect(t.get(next)).toBe(-1);
        expect(t.size).toBe(m.size);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('keys above 2^32 (both words compared; equal low words collide in the probe, not in the answer)', () => {
    const t = new IntTable(100), m = new Map<number, number>();
    const keys = [0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 33 + 1, 2 ** 53 - 1, 2 ** 52 + 7, 7, 2 ** 40 + 7];
    keys.forEach((k, v) => {
      expect(t.set(k, v)).toBe(true);
      m.set(k, v);
    });
    for (const [k, v] of m) expect(t.get(k)).toBe(v);
    expect(t.get(2 ** 34 + 1)).toBe(-1);
    expect(t.takeIf(2 ** 32 + 1, 4)).toBe(4); // value 4 = doneVal: removed
    expect(t.get(2 ** 32 + 1)).toBe(-1);
    expect(t.takeIf(2 ** 33 + 1, 4)).toBe(5); // kept
    expect(t.delete(2 ** 53 - 1)).toBe(6);
    expect(t.get(1)).toBe(1);
    expect(t.get(2 ** 33 + 1)).toBe(5);
    expect(t.size).toBe(keys.length - 2);
  });
});
