// Duplicate and out-of-order execution reports, each documented case with its own test, plus fills,
// positions and integer average prices.
import { describe, expect, it } from 'vitest';
import { Reject } from '../../src/core/rejects.js';
import { ExecReport, Oms, OmsResult } from '../../src/oms/index.js';
import { E, PX, S, orderIn, report } from './helpers.js';

describe('duplicate execution reports', () => {
  it('a fill with an execId already seen is ignored (no double count in order or position)', () => {
    const oms = orderIn(S.New);
    const s = oms.slotOf(1);
    expect(report(oms, E.OrderPartiallyFilled, 1, 4, PX, 424242)).toBe(OmsResult.Ok);
    expect(report(oms, E.OrderPartiallyFilled, 1, 4, PX, 424242)).toBe(OmsResult.Duplicate);
    expect(oms.duplicates).toBe(1);
    expect(oms.orders.cumQty[s]).toBe(4);
    const p = oms.positions.find(0, 0, 0);
    expect(oms.positions.net(p)).toBe(4);
    expect(oms.positions.fills[p]).toBe(1);
  });

  it('a duplicate ack or cancel ack is ignored by execId; a repeated cancel reject (no execId) is stale', () => {
    const oms = orderIn(S.PendingNew);
    expect(report(oms, E.OrderAccepted, 1, 0, PX, 9001)).toBe(OmsResult.Ok);
    expect(report(oms, E.OrderAccepted, 1, 0, PX, 9001)).toBe(OmsResult.Duplicate);
    oms.cancel(1, 2);
    expect(report(oms, E.OrderCancelRejected, 1)).toBe(OmsResult.Ok);
    expect(report(oms, E.OrderCancelRejected, 1)).toBe(OmsResult.Stale);
    expect(oms.orders.status[oms.slotOf(1)]).toBe(S.New);
  });
});

describe('out-of-order execution reports', () => {
  it('a fill before the ack: the order is accepted implicitly, the late ack is stale but teaches the orderId', () => {
    const oms = orderIn(S.PendingNew);
    const s = oms.slotOf(1);
    expect(report(oms, E.OrderPartiallyFilled, 1, 3)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.PartiallyFilled);
    expect(report(oms, E.OrderAccepted, 1, 0, PX, 777, 5555)).toBe(OmsResult.Stale);
    expect(oms.orders.status[s]).toBe(S.PartiallyFilled);
    expect(oms.orders.orderId[s]).toBe(5555);
    expect(oms.stale).toBe(1);
  });

  it('a cancel ack after the fill that completed the order: Filled stays, the ack is stale', () => {
    const oms = orderIn(S.New);
    const s = oms.slotOf(1);
    oms.cancel(1, 2);
    expect(report(oms, E.OrderFilled, 1, 10)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.Filled);
    expect(report(oms, E.OrderCancelled, 1)).toBe(OmsResult.Stale);
    expect(report(oms, E.OrderCancelRejected, 1)).toBe(OmsResult.Stale);
    expect(oms.orders.status[s]).toBe(S.Filled);
    expect(oms.orders.cumQty[s]).toBe(10);
    expect(oms.illegal).toBe(0);
  });

  it('late fills after a cancel request are booked; the order stays PendingCancel until the venue answers', () => {
    const oms = orderIn(S.New);
    const s = oms.slotOf(1);
    oms.cancel(1, 2);
    expect(report(oms, E.OrderPartiallyFilled, 1, 2)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.PendingCancel);
    expect(oms.orders.cumQty[s]).toBe(2);
    expect(oms.orders.leavesQty[s]).toBe(8);
    expect(report(oms, E.OrderCancelled, 1)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.Cancelled);
    expect(oms.orders.leavesQty[s]).toBe(0);
  });

  it('a fill delivered after the cancel ack is still booked (it happened at the venue) and counted as late', () => {
    const oms = orderIn(S.Cancelled);
    const s = oms.slotOf(1);
    expect(report(oms, E.OrderPartiallyFilled, 1, 3, 10_005)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.Cancelled);
    expect(oms.orders.cumQty[s]).toBe(3);
    expect(oms.orders.leavesQty[s]).toBe(0);
    expect(oms.lateFills).toBe(1);
    expect(oms.positions.net(oms.positions.find(0, 0, 0))).toBe(3);
  });

  it('a replace: reports for the old clOrdId are found through the venue orderId after the switch', () => {
    const oms = orderIn(S.PendingNew);
    const s = oms.slotOf(1);
    report(oms, E.OrderAccepted, 1, 0, PX, 31, 4444);
    expect(oms.replace(1, 2, 20, 10_050, 3)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.PendingReplace);
    expect(report(oms, E.OrderReplaced, 2)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.New);
    expect(oms.orders.clOrdId[s]).toBe(2);
    expect(oms.orders.orderQty[s]).toBe(20);
    expect(oms.orders.price[s]).toBe(10_050);
    expect(oms.slotOf(1)).toBe(-1);
    expect(report(oms, E.OrderPartiallyFilled, 1, 5, PX, 32, 4444)).toBe(OmsResult.Ok);
    expect(oms.orders.cumQty[s]).toBe(5);
    expect(oms.orders.leavesQty[s]).toBe(15);
  });

  it('a replace down to the filled quantity completes the order', () => {
    const oms = orderIn(S.PartiallyFilled); // 3 of 10
    const s = oms.slotOf(1);
    oms.replace(1, 2, 3, PX, 3);
    expect(report(oms, E.OrderReplaced, 2)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.Filled);
    expect(oms.orders.leavesQty[s]).toBe(0);
  });

  it('a rejected replace forgets the new clOrdId', () => {
    const oms = orderIn(S.PendingReplace);
    const s = oms.slotOf(1);
    expect(report(oms, E.OrderCancelRejected, 1001)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.New);
    expect(oms.slotOf(1001)).toBe(-1);
    expect(oms.orders.orderQty[s]).toBe(10);
  });
});

describe('refused reports', () => {
  it('an overfill is refused and counted; the order is unchanged', () => {
    const oms = orderIn(S.PartiallyFilled);
    const s = oms.slotOf(1);
    expect(report(oms, E.OrderPartiallyFilled, 1, 8)).toBe(Reject.OmsOverfill);
    expect(oms.overfills).toBe(1);
    expect(oms.orders.cumQty[s]).toBe(3);
  });

  it('a report for an unknown order is refused and counted', () => {
    const oms = orderIn(S.New);
    expect(report(oms, E.OrderAccepted, 99)).toBe(Reject.OmsUnknownOrder);
    expect(oms.unknown).toBe(1);
  });

  it('an illegal transition (ack after reject) is counted and changes nothing', () => {
    const oms = orderIn(S.Rejected);
    const h = oms.orders.status[oms.slotOf(1)];
    expect(report(oms, E.OrderAccepted, 1)).toBe(Reject.OmsIllegalTransition);
    expect(oms.illegal).toBe(1);
    expect(oms.rejectCounts[Reject.OmsIllegalTransition - 6000]).toBe(1);
    expect(oms.orders.status[oms.slotOf(1)]).toBe(h);
  });

  it('bad quantities, prices and identities are refused', () => {
    const oms = new Oms({ maxOrders: 4, maxPositions: 2 });
    expect(oms.submit(1, 0, 0, 0, 0, 0, PX, 0)).toBe(Reject.OmsBadQty);
    expect(oms.submit(1, 0, 0, 0, 0, 1.5, PX, 0)).toBe(Reject.OmsBadQty);
    expect(oms.submit(1, 0, 0, 0, 0, 1, 0.5, 0)).toBe(Reject.OmsBadPrice);
    expect(oms.submit(1, 1 << 21, 0, 0, 0, 1, PX, 0)).toBe(Reject.OmsBadIdentity);
    expect(oms.submit(1, 0, 0, 0, 0, 1, PX, 0)).toBe(OmsResult.Ok);
    expect(report(oms, E.OrderPartiallyFilled, 1, -1)).toBe(Reject.OmsBadQty);
    expect(oms.badInput).toBe(5);
  });

  it('the pool and the position table refuse when full', () => {
    const oms = new Oms({ maxOrders: 2, maxPositions: 2 });
    expect(oms.submit(1, 0, 0, 0, 0, 1, PX, 0)).toBe(OmsResult.Ok);
    expect(oms.submit(2, 0, 0, 1, 0, 1, PX, 0)).toBe(OmsResult.Ok);
    expect(oms.submit(3, 0, 0, 2, 0, 1, PX, 0)).toBe(Reject.OmsPoolFull);
    expect(oms.submit(3, 0, 0, 1, 0, 1, PX, 0)).toBe(Reject.OmsPoolFull);
    report(oms, E.OrderRejected, 1);
    expect(oms.release(1)).toBe(true);
    expect(oms.submit(3, 0, 0, 1, 0, 1, PX, 0)).toBe(OmsResult.Ok);
    expect(report(oms, E.OrderAccepted, 1)).toBe(Reject.OmsUnknownOrder);
  });
});

describe('positions and fills', () => {
  it('nets buys and sells per (strategy, account, instrument) with exact notionals', () => {
    const oms = new Oms({ maxOrders: 16, maxPositions: 8 });
    oms.submit(1, 7, 2, 3, 0, 100, 10_001, 0); // buy
    oms.submit(2, 7, 2, 3, 1, 50, 10_003, 0); // sell, same position
    oms.submit(3, 8, 2, 3, 0, 10, 10_000, 0); // another strategy
    const r = new ExecReport();
    oms.onExecReport(r.set(E.OrderPartiallyFilled, 1, 1, 0, 60, 10_001, 1));
    oms.onExecReport(r.set(E.OrderPartiallyFilled, 2, 1, 0, 40, 10_002, 2));
    oms.onExecReport(r.set(E.OrderPartiallyFilled, 3, 2, 0, 50, 10_003, 3));
    oms.onExecReport(r.set(E.OrderPartiallyFilled, 4, 3, 0, 10, 10_000, 4));
    const p = oms.positions.find(7, 2, 3);
    const v = oms.positions.view(p);
    expect(v).toMatchObject({ strategy: 7, account: 2, instrument: 3, net: 50, bought: 100, sold: 50, fills: 3 });
    expect(v.buyNotional).toBe(60 * 10_001 + 40 * 10_002);
    expect(v.sellNotional).toBe(50 * 10_003);
    expect(oms.positions.view(oms.positions.find(8, 2, 3)).net).toBe(10);
    const s = oms.slotOf(1);
    expect(oms.orders.avgPx(s)).toBe(Math.round((60 * 10_001 + 40 * 10_002) / 100));
    expect(oms.orders.lastQty[s]).toBe(40);
    expect(oms.orders.lastPx[s]).toBe(10_002);
    expect(oms.orders.lastExecId[s]).toBe(2);
  });

  it('refuses a fill whose notional leaves the safe-integer range', () => {
    const oms = new Oms({ maxOrders: 2, maxPositions: 2 });
    expect(oms.submit(1, 0, 0, 0, 0, 1_000_000, 1, 0)).toBe(OmsResult.Ok);
    expect(report(oms, E.OrderPartiallyFilled, 1, 1_000, 2 ** 50)).toBe(Reject.OmsNotionalOverflow);
  });
});
