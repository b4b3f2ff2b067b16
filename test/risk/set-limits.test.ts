// RiskEngine.setLimits: new limits for one scope of a running engine, in force from the next check; the
// rate windows keep their events (a tightened rate limit counts the orders already sent; a window that was
// off stored none, so one switched on starts empty); invalid limits change nothing; open orders and
// positions are untouched.
import { describe, expect, it } from 'vitest';
import { Reject } from '../../src/core/rejects.js';
import { noLimits, OrderIntent, RiskEngine, SCOPE_ACCOUNT, SCOPE_STRATEGY, type RiskLimits } from '../../src/risk/index.js';

const BUY = 0;
let nextId = 1;
const order = (qty = 10, instrument = 0, strategy = 0): OrderIntent => new OrderIntent().set(strategy, 0, instrument, BUY, qty, 10_000 + nextId, 0, nextId++);

function engine(strategy: Partial<RiskLimits> = {}): RiskEngine {
  const e = new RiskEngine({
    strategies: [{ ...noLimits(), ...strategy }, noLimits()],
    accounts: [noLimits()],
    instruments: [{ notionalMultiplier: 1 }, { notionalMultiplier: 1 }],
  });
  e.setReference(0, 10_000, 0);
  e.setReference(1, 10_000, 0);
  return e;
}

describe('RiskEngine.setLimits', () => {
  it('order size: tightened, then switched off again', () => {
    const e = engine();
    expect(e.check(order(500), 1)).toBe(0);
    e.setLimits(SCOPE_STRATEGY, 0, { ...noLimits(), maxOrderQty: 100 });
    expect(e.check(order(500), 2)).toBe(Reject.RiskOrderQty);
    expect(e.check(order(100), 3)).toBe(0);
    expect(e.check(order(500, 0, 1), 4)).toBe(0); // the other strategy keeps its own limits
    e.setLimits(SCOPE_STRATEGY, 0, noLimits());
    expect(e.check(order(500), 5)).toBe(0);
  });

  it('a tightened rate limit counts the orders already in its window; a wider window keeps them longer', () => {
    const e = engine({ maxOrdersPerWindow: 10, orderWindowNs: 1_000_000 });
    for (let k = 0; k < 5; k++) expect(e.check(order(), 1_000 + k)).toBe(0);
    e.setLimits(SCOPE_STRATEGY, 0, { ...noLimits(), maxOrdersPerWindow: 5, orderWindowNs: 1_000_000 });
    expect(e.check(order(), 2_000)).toBe(Reject.RiskOrderRate);
    e.setLimits(SCOPE_STRATEGY, 0, { ...noLimits(), maxOrdersPerWindow: 6, orderWindowNs: 1_000_000 });
    expect(e.check(order(), 2_001)).toBe(0); // room for one more
    expect(e.check(order(), 2_002)).toBe(Reject.RiskOrderRate);
    e.setLimits(SCOPE_STRATEGY, 0, { ...noLimits(), maxOrdersPerWindow: 3, orderWindowNs: 10_000_000 });
    // the newest 3 events (at 1003, 1004 and 2001) are kept with their own times, now in a 10 ms window
    expect(e.check(order(), 9_000_000)).toBe(Reject.RiskOrderRate);
    expect(e.check(order(), 10_001_002)).toBe(Reject.RiskOrderRate); // 1003 is 1 ns inside the window
    expect(e.check(order(), 10_001_003)).toBe(0); // 1003 has left: two in the window
  });

  it('the restricted list and the kill-on-breach set follow the new limits', () => {
    const e = engine();
    e.setLimits(SCOPE_STRATEGY, 0, { ...noLimits(), restricted: [1] });
    expect(e.check(order(10, 1), 1)).toBe(Reject.RiskRestricted);
    expect(e.check(order(10, 0), 2)).toBe(0);
    e.setLimits(SCOPE_STRATEGY, 0, { ...noLimits(), maxOrderQty: 5, killOnBreach: [14] }); // OrderQty
    expect(e.check(order(10, 1), 3)).toBe(Reject.RiskOrderQty);
    expect(e.isKilled(SCOPE_STRATEGY, 0)).toBe(true);
  });

  it('refuses invalid limits or scopes and changes nothing', () => {
    const e = engine({ maxOrderQty: 100 });
    expect(() => e.setLimits(SCOPE_STRATEGY, 0, { ...noLimits(), maxOrderQty: 1.5 })).toThrow();
    expect(() => e.setLimits(SCOPE_STRATEGY, 9, noLimits())).toThrow(/no strategy 9/);
    expect(() => e.setLimits(SCOPE_ACCOUNT, 1, noLimits())).toThrow(/no account 1/);
    expect(e.check(order(500), 1)).toBe(Reject.RiskOrderQty);
    expect(e.check(order(50), 2)).toBe(0);
  });

  it('open orders stay booked: a position limit below what is open rejects new orders only', () => {
    const e = engine();
    for (let k = 0; k < 3; k++) expect(e.check(order(100), 10 + k)).toBe(0);
    e.setLimits(SCOPE_STRATEGY, 0, { ...noLimits(), maxPositionQty: 250 });
    expect(e.orders.size).toBe(3);
    expect(e.check(order(1), 20)).toBe(Reject.RiskPositionQty);
  });

  it('windows that outgrow the wasm arena: every check goes to the exact evaluation, and back when they fit again', () => {
    const e = engine({ maxOrdersPerWindow: 10, orderWindowNs: 1_000_000 });
    for (let k = 0; k < 5; k++) expect(e.check(order(), 1_000 + k)).toBe(0);
    expect(e.slowPath).toBe(0);
    // 4M ring slots (32 MB): more than the arena's slack; the events are kept
    e.setLimits(SCOPE_STRATEGY, 0, { ...noLimits(), maxOrdersPerWindow: 4_000_000, orderWindowNs: 1_000_000 });
    expect(e.check(order(), 2_000)).toBe(0);
    expect(e.slowPath).toBe(1);
    e.setLimits(SCOPE_STRATEGY, 0, { ...noLimits(), maxOrdersPerWindow: 7, orderWindowNs: 1_000_000 });
    expect(e.check(order(), 2_001)).toBe(0); // the 7th in the window
    expect(e.slowPath).toBe(1); // the fast path again
    expect(e.check(order(), 2_002)).toBe(Reject.RiskOrderRate);
  });
});
