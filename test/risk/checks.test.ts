// One test per pre-trade check: the exact reject code, the scope and the limit/observed pair in the audit
// record; plus the check order on a few conflicts, the kill switch (manual and automatic) and the audit ring.

import { describe, expect, it } from 'vitest';
import { Reject } from '../../src/core/rejects.js';
import {
  AuditRecord, Check, noLimits, OrderIntent, ORD_MARKET, RiskEngine, SCOPE_ACCOUNT, SCOPE_GLOBAL, SCOPE_NONE, SCOPE_STRATEGY,
  type RiskLimits,
} from '../../src/risk/index.js';

const BUY = 0, SELL = 1;

function engine(strategy: Partial<RiskLimits> = {}, account: Partial<RiskLimits> = {}, extra: { onKill?: (k: number, id: number) => void; auditCapacity?: number; clOrdIdMemory?: number } = {}): RiskEngine {
  const e = new RiskEngine({
    strategies: [{ ...noLimits(), ...strategy }, noLimits()],
    accounts: [{ ...noLimits(), ...account }],
    instruments: [{ notionalMultiplier: 1 }, { notionalMultiplier: 1 }, { notionalMultiplier: 50 }],
    ...extra,
  });
  for (let i = 0; i < 3; i++) e.setReference(i, 10_000, 0);
  return e;
}

let nextId = 1;
function order(side = BUY, qty = 10, price = 10_000, instrument = 0, strategy = 0): OrderIntent {
  return new OrderIntent().set(strategy, 0, instrument, side, qty, price, 0, nextId++);
}

function lastAudit(e: RiskEngine): AuditRecord {
  const r = new AuditRecord();
  e.audit.drain((x) => Object.assign(r, x));
  return r;
}

describe('each check rejects with its code', () => {
  it('1 BadOrder: non-integer qty, bad side, unknown instrument, non-positive price', () => {
    const e = engine();
    expect(e.check(order(BUY, 2.5), 1)).toBe(Reject.RiskBadOrder);
    expect(e.check(order(2, 1), 1)).toBe(Reject.RiskBadOrder);
    expect(e.check(order(BUY, 1, 10_000, 9), 1)).toBe(Reject.RiskBadOrder);
    expect(e.check(order(BUY, 1, 0), 1)).toBe(Reject.RiskBadOrder);
    expect(e.check(order(BUY, 1, 10_000), 1)).toBe(0);
  });

  it('2 KillSwitch: manual, global and per scope, and release', () => {
    const e = engine();
    e.kill(SCOPE_ACCOUNT, 0);
    expect(e.check(order(), 1)).toBe(Reject.RiskKillSwitch);
    expect(e.lastScope).toBe(SCOPE_ACCOUNT);
    e.release(SCOPE_ACCOUNT, 0);
    e.kill(SCOPE_GLOBAL, 0);
    expect(e.check(order(), 1)).toBe(Reject.RiskKillSwitch);
    expect(e.lastScope).toBe(SCOPE_GLOBAL);
    e.release(SCOPE_GLOBAL, 0);
    expect(e.check(order(), 1)).toBe(0);
  });

  it('3 Restricted: per scope list and the global list', () => {
    const e = engine({ restricted: [1] });
    expect(e.check(order(BUY, 1, 10_000, 1), 1)).toBe(Reject.RiskRestricted);
    expect(e.check(order(BUY, 1, 10_000, 1, 1), 1)).toBe(0); // strategy 1 is not restricted
    e.setRestricted(0, true);
    expect(e.check(order(BUY, 1, 10_000, 0, 1), 1)).toBe(Reject.RiskRestricted);
    expect(e.lastScope).toBe(SCOPE_GLOBAL);
  });

  it('4 RejectThrottle: N rejects in the window block, then lift', () => {
    const e = engine({ maxRejectsPerWindow: 2, rejectWindowNs: 1_000, maxOrderQty: 5 });
    expect(e.check(order(BUY, 9), 10)).toBe(Reject.RiskOrderQty);
    expect(e.check(order(BUY, 9), 20)).toBe(Reject.RiskOrderQty);
    expect(e.check(order(BUY, 1), 30)).toBe(Reject.RiskRejectThrottle);
    expect([e.lastLimit, e.lastObserved]).toEqual([2, 2]);
    expect(e.check(order(BUY, 1), 1_009)).toBe(Reject.RiskRejectThrottle); // 10 and 20 inside; the throttle's own reject is not counted
    expect(e.check(order(BUY, 1), 1_010)).toBe(0); // 10 left the window (1010 - 10 = 1000)
  });

  it('4 RejectThrottle counts venue rejects', () => {
    const e = engine({ maxRejectsPerWindow: 1, rejectWindowNs: 1_000 });
    const o = order();
    expect(e.check(o, 1)).toBe(0);
    expect(e.onOrderDone(o.clOrdId, 2, true)).toBe(0);
    expect(e.check(order(), 3)).toBe(Reject.RiskRejectThrottle);
  });

  it('5 DuplicateClOrdId: open, then remembered after done, forgotten past the memory', () => {
    const e = engine({}, {}, { clOrdIdMemory: 2 });
    const a = order();
    expect(e.check(a, 1)).toBe(0);
    expect(e.check(a, 2)).toBe(Reject.RiskDuplicateClOrdId);
    e.onOrderDone(a.clOrdId, 3);
    expect(e.check(a, 4)).toBe(Reject.RiskDuplicateClOrdId);
    for (let k = 0; k < 16; k++) expect(e.check(order(BUY, 1 + k), 5)).toBe(0); // pushes `a` out of the memory
    expect(e.check(a, 6)).toBe(0);
  });

  it('6 DuplicateOrder: same instrument/side/qty/price inside the window', () => {
    const e = engine({ duplicateWindowNs: 100 });
    expect(e.check(order(BUY, 5, 10_000), 1)).toBe(0);
    expect(e.check(order(BUY, 5, 10_000), 50)).toBe(Reject.RiskDuplicateOrder);
    expect(e.check(order(BUY, 5, 10_001), 60)).toBe(0);
    expect(e.check(order(BUY, 5, 10_000), 101)).toBe(0); // 1 is outside (101 - 1 = 100)
  });

  it('7 MessageRate counts cancels and replaces; 8 OrderRate counts new orders', () => {
    const e = engine({ maxMessagesPerWindow: 3, messageWindowNs: 1_000 }, { maxOrdersPerWindow: 2, orderWindowNs: 2_000 });
    expect(e.check(order(), 1)).toBe(0);
    e.onMessage(0, 0, 2);
    e.onMessage(0, 0, 3);
    expect(e.check(order(), 4)).toBe(Reject.RiskMessageRate);
    expect(e.lastScope).toBe(SCOPE_STRATEGY);
    expect(e.check(order(), 1_002)).toBe(0); // the message at 2 left the window
    expect(e.check(order(BUY, 10, 10_000, 0, 1), 1_003)).toBe(Reject.RiskOrderRate); // the account: orders at 1 and 1002
    expect(e.lastScope).toBe(SCOPE_ACCOUNT);
    expect([e.lastLimit, e.lastObserved]).toEqual([2, 2]);
  });

  it('9 MaxLoss and 10 Drawdown from the PnL tracker', () => {
    const e = engine({ maxLoss: 5_000 }, { maxDrawdown: 3_000 });
    const b = order(BUY, 10, 10_000);
    expect(e.check(b, 1)).toBe(0);
    e.onFill(b.clOrdId, 10, 10_000, 0, 2);
    e.setReference(0, 10_200, 3);
    expect(e.check(order(SELL, 1, 10_200), 4)).toBe(0); // PnL +2000 sampled: the peak
    e.setReference(0, 9_900, 5); // PnL -1000: drawdown 3000
    expect(e.check(order(SELL, 2, 9_900), 6)).toBe(Reject.RiskDrawdown);
    expect([e.lastLimit, e.lastObserved, e.lastScope]).toEqual([3_000, 3_000, SCOPE_ACCOUNT]);
    e.setReference(0, 9_500, 7); // PnL -5000
    expect(e.check(order(SELL, 3, 9_500), 8)).toBe(Reject.RiskMaxLoss);
    expect(e.lastObserved).toBe(5_000);
  });

  it('11 NoReference: market orders always, limit orders when required, stale references', () => {
    const e = engine({ requireReference: 1, maxReferenceAgeNs: 100 });
    e.setReference(1, 0, 0);
    expect(e.check(order(BUY, 1, 10_000, 1), 1)).toBe(Reject.RiskNoReference);
    e.setReference(1, 10_000, 10);
    expect(e.check(order(BUY, 1, 10_000, 1), 110)).toBe(0);
    expect(e.check(order(BUY, 2, 10_000, 1), 111)).toBe(Reject.RiskNoReference);
    const f = engine();
    f.setReference(0, 0, 0);
    const m = order();
    m.orderType = ORD_MARKET;
    expect(f.check(m, 1)).toBe(Reject.RiskNoReference);
    expect(f.check(order(), 2)).toBe(0); // a limit order needs none by default
  });

  it('12 NotionalOverflow: price x qty x multiplier beyond 2^53', () => {
    const e = engine();
    expect(e.check(order(BUY, 2 ** 30, 2 ** 20, 2), 1)).toBe(Reject.RiskNotionalOverflow);
  });

  it('13 PriceCollar: basis points of the reference, both sides', () => {
    const e = engine({ collarBps: 100 });
    expect(e.check(order(BUY, 1, 10_100), 1)).toBe(0);
    expect(e.check(order(BUY, 1, 10_101), 1)).toBe(Reject.RiskPriceCollar);
    expect([e.lastLimit, e.lastObserved]).toEqual([100, 101]);
    expect(e.check(order(SELL, 1, 9_899), 1)).toBe(Reject.RiskPriceCollar);
  });

  it('14 OrderQty and 15 OrderNotional (with the multiplier)', () => {
    const e = engine({ maxOrderQty: 10, maxOrderNotional: 1_000_000 });
    expect(e.check(order(BUY, 11), 1)).toBe(Reject.RiskOrderQty);
    expect(e.check(order(BUY, 3, 10_000, 2), 1)).toBe(Reject.RiskOrderNotional); // 3 x 10000 x 50
    expect(e.lastObserved).toBe(1_500_000);
    expect(e.check(order(BUY, 2, 10_000, 2), 1)).toBe(0);
  });

  it('16 OpenOrders counts until done', () => {
    const e = engine({ maxOpenOrders: 1 });
    const a = order();
    expect(e.check(a, 1)).toBe(0);
    expect(e.check(order(BUY, 3), 2)).toBe(Reject.RiskOpenOrders);
    e.onOrderDone(a.clOrdId, 3);
    expect(e.check(order(BUY, 3), 4)).toBe(0);
  });

  it('17 PositionQty: worst case with open orders on the order side only', () => {
    const e = engine({ maxPositionQty: 20 });
    const a = order(BUY, 15);
    expect(e.check(a, 1)).toBe(0);
    expect(e.check(order(BUY, 6), 2)).toBe(Reject.RiskPositionQty);
    expect(e.lastObserved).toBe(21);
    expect(e.check(order(SELL, 20, 10_100), 3)).toBe(0); // the sell side is empty
    e.onFill(a.clOrdId, 15, 10_000, 0, 4); // long 15, no open buys
    expect(e.check(order(BUY, 5), 5)).toBe(0);
    expect(e.check(order(SELL, 16, 10_200), 6)).toBe(Reject.RiskPositionQty); // 20 + 16 - 15 = 21
  });

  it('18 PositionNotional, 19 GrossExposure, 20 NetExposure, 21 Credit', () => {
    const p = engine({ maxPositionNotional: 200_000 });
    expect(p.check(order(BUY, 20), 1)).toBe(0);
    expect(p.check(order(BUY, 1, 9_000), 2)).toBe(Reject.RiskPositionNotional);
    const g = engine({ maxGrossExposure: 300_000 });
    expect(g.check(order(BUY, 20), 1)).toBe(0);
    expect(g.check(order(SELL, 10, 10_100, 1), 2)).toBe(Reject.RiskGrossExposure); // 200000 + 101000
    const n = engine({ maxNetExposure: 300_000 });
    expect(n.check(order(BUY, 20), 1)).toBe(0);
    expect(n.check(order(SELL, 25, 10_000, 1), 2)).toBe(0); // sells alone: 250000
    expect(n.check(order(BUY, 11, 10_000, 1), 3)).toBe(Reject.RiskNetExposure); // 200000 + 110000
    const c = engine({ creditLimit: 251_000 });
    const a = order(BUY, 20);
    expect(c.check(a, 1)).toBe(0);
    c.onFill(a.clOrdId, 20, 10_000, 1_000, 2); // 200000 at cost, 1000 fees
    expect(c.check(order(SELL, 5, 10_000, 1), 3)).toBe(0); // 200000 at cost + 1000 fees + 50000 open = 251000
    expect(c.positions.capitalUsed(0)).toBe(251_000);
    expect(c.check(order(SELL, 1, 10_000, 1), 4)).toBe(Reject.RiskCredit);
  });

  it('22 SelfTrade: crossing the scope own open limit order, market orders included', () => {
    const e = engine({ selfTradePrevention: 1 });
    const s = order(SELL, 5, 10_050);
    expect(e.check(s, 1)).toBe(0);
    expect(e.check(order(BUY, 5, 10_040), 2)).toBe(0);
    expect(e.check(order(BUY, 5, 10_050), 3)).toBe(Reject.RiskSelfTrade);
    const m = order(BUY, 1);
    m.orderType = ORD_MARKET;
    expect(e.check(m, 4)).toBe(Reject.RiskSelfTrade);
    e.onOrderDone(s.clOrdId, 5);
    expect(e.check(order(BUY, 6, 10_050), 6)).toBe(0);
  });
});

describe('order, kill switch, audit', () => {
  it('the first failing check in the documented order decides, strategy before account', () => {
    const e = engine({ maxOrderQty: 5, collarBps: 10 }, { maxOrderQty: 1 });
    expect(e.check(order(BUY, 9, 11_000), 1)).toBe(Reject.RiskPriceCollar); // 13 before 14
    expect(e.check(order(BUY, 9, 10_000), 1)).toBe(Reject.RiskOrderQty);
    expect(e.lastScope).toBe(SCOPE_STRATEGY);
    expect(e.check(order(BUY, 3, 10_000), 1)).toBe(Reject.RiskOrderQty);
    expect(e.lastScope).toBe(SCOPE_ACCOUNT);
  });

  it('a hard-limit breach engages the kill switch and asks the caller to cancel', () => {
    const calls: [number, number][] = [];
    const e = engine({ maxPositionQty: 10, killOnBreach: [Check.PositionQty] }, {}, { onKill: (k, id) => calls.push([k, id]) });
    const a = order(BUY, 10);
    expect(e.check(a, 1)).toBe(0);
    expect(e.check(order(BUY, 1), 2)).toBe(Reject.RiskPositionQty);
    expect(calls).toEqual([[SCOPE_STRATEGY, 0]]);
    expect(e.isKilled(SCOPE_STRATEGY, 0)).toBe(true);
    expect(e.autoKills).toBe(1);
    const out = new Float64Array(8);
    expect(Array.from(out.subarray(0, e.openOrdersOf(SCOPE_STRATEGY, 0, out)))).toEqual([a.clOrdId]);
    expect(e.check(order(SELL, 1, 10_100), 3)).toBe(Reject.RiskKillSwitch);
    expect(e.check(order(SELL, 1, 10_100, 0, 1), 3)).toBe(0); // other strategies still trade
  });

  it('killAllOnBreach engages the global kill switch', () => {
    const calls: [number, number][] = [];
    const e = engine({ maxOrderQty: 5, killOnBreach: [Check.OrderQty], killAllOnBreach: 1 }, {}, { onKill: (k, id) => calls.push([k, id]) });
    expect(e.check(order(BUY, 6), 1)).toBe(Reject.RiskOrderQty);
    expect(calls).toEqual([[SCOPE_GLOBAL, 0]]);
    expect(e.check(order(SELL, 1, 10_100, 0, 1), 2)).toBe(Reject.RiskKillSwitch);
    expect(e.lastScope).toBe(SCOPE_GLOBAL);
    e.release(SCOPE_GLOBAL, 0);
    expect(e.check(order(SELL, 1, 10_100, 0, 1), 3)).toBe(0);
  });

  it('adopts an order found at the venue: it counts toward the limits at once', () => {
    const e = engine({ maxPositionQty: 10 });
    const found = order(BUY, 8);
    expect(e.adoptOrder(found, 6)).toBe(0);
    expect(e.adoptOrder(found, 6)).toBe(Reject.RiskDuplicateClOrdId);
    expect(e.check(order(BUY, 5), 1)).toBe(Reject.RiskPositionQty); // 6 open + 5
    expect(e.check(order(BUY, 4), 2)).toBe(0);
    expect(e.onFill(found.clOrdId, 6, 10_000, 0, 3)).toBe(0);
    expect(e.positions.pos[0]).toBe(6);
  });

  it('writes one audit record per decision with the limit and the observed value; fails closed when full', () => {
    const e = engine({ maxOrderQty: 5 }, {}, { auditCapacity: 16 });
    const a = order(BUY, 3);
    expect(e.check(a, 7)).toBe(0);
    expect(e.check(order(BUY, 8), 9)).toBe(Reject.RiskOrderQty);
    const recs: AuditRecord[] = [];
    expect(e.audit.drain((r) => recs.push(Object.assign(new AuditRecord(), r)))).toBe(2);
    expect(recs[0]).toMatchObject({ ts: 7, clOrdId: a.clOrdId, qty: 3, code: 0, check: 0, scope: SCOPE_NONE });
    expect(recs[1]).toMatchObject({ ts: 9, qty: 8, code: Reject.RiskOrderQty, check: Check.OrderQty, scope: SCOPE_STRATEGY, limit: 5, observed: 8 });
    for (let k = 0; k < 16; k++) e.check(order(BUY, 9), 10);
    expect(e.check(order(BUY, 1), 11)).toBe(Reject.RiskAuditFull);
    expect(e.audit.overflow).toBe(1);
    expect(lastAudit(e).code).toBe(Reject.RiskOrderQty);
    expect(e.check(order(BUY, 1), 12)).toBe(0);
  });

  it('reject codes are 5000 + check id and all distinct', () => {
    for (const [name, id] of Object.entries(Check)) expect((Reject as Record<string, number>)[`Risk${name}`]).toBe(5000 + id);
  });
});

describe('replace: checked as the new order with the old one released', () => {
  it('position, open-order and size limits judge the order as it will stand, not old + new', () => {
    const e = engine({ maxPositionQty: 100, maxOpenOrders: 1, maxOrderQty: 80 });
    const old = order(BUY, 60);
    expect(e.check(old, 1)).toBe(0);
    // as a new order the same request breaches both the open-order count and the position
    expect(e.check(order(BUY, 60, 10_050), 2)).toBe(Reject.RiskOpenOrders);
    const rep = order(BUY, 70, 10_050);
    expect(e.checkReplace(rep, old.clOrdId, 3)).toBe(0);
    // both count until the venue confirms; the confirmation closes the old one
    expect(e.positions.openBuyQty[0]).toBe(130);
    expect(e.onOrderDone(old.clOrdId, 4)).toBe(0);
    expect(e.positions.openBuyQty[0]).toBe(70);
    expect(e.positions.openCount[0]).toBe(1);
    // the new size alone still has to fit: position and order size
    expect(e.checkReplace(order(BUY, 101), rep.clOrdId, 5)).toBe(Reject.RiskOrderQty);
    const e2 = engine({ maxPositionQty: 100 });
    const o2 = order(BUY, 60);
    expect(e2.check(o2, 1)).toBe(0);
    expect(e2.checkReplace(order(BUY, 101), o2.clOrdId, 2)).toBe(Reject.RiskPositionQty);
    // a rejected replace leaves the old order's exposure exactly as it was
    expect(e2.positions.openBuyQty[0]).toBe(60);
    expect(e2.positions.openCount[0]).toBe(1);
  });

  it('an old order the engine does not hold: checked as a new order', () => {
    const e = engine({ maxOpenOrders: 1 });
    expect(e.check(order(), 1)).toBe(0);
    expect(e.checkReplace(order(), 999_999, 2)).toBe(Reject.RiskOpenOrders);
  });
});
