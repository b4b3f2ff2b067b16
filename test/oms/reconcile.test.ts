// Reconciliation after a reconnect: one test per kind of discrepancy, and the local state afterwards.
import { describe, expect, it } from 'vitest';
import { Oms, OrdStatus } from '../../src/oms/index.js';
import type { VenueOrderStatus } from '../../src/oms/index.js';
import { E, PX, S, orderIn, report } from './helpers.js';

const venue = (clOrdId: number, ordStatus: number, cumQty: number, leavesQty: number, avgPx: number, orderId = 0): VenueOrderStatus =>
  ({ clOrdId, orderId, ordStatus: ordStatus as VenueOrderStatus['ordStatus'], cumQty, leavesQty, avgPx });

describe('reconciliation', () => {
  it('reports nothing when the venue agrees', () => {
    const oms = orderIn(S.PartiallyFilled); // 3 of 10 at PX
    const r = oms.reconcile([venue(1, OrdStatus.PartiallyFilled, 3, 7, PX)]);
    expect(r.discrepancies).toEqual([]);
    expect(oms.reconciled).toBe(0);
  });

  it('MissingLocally: an order the venue knows and we do not is reported, not adopted', () => {
    const oms = orderIn(S.New);
    const r = oms.reconcile([venue(1, OrdStatus.New, 0, 10, 0), venue(42, OrdStatus.New, 0, 5, 0)]);
    expect(r.discrepancies).toHaveLength(1);
    expect(r.discrepancies[0]).toMatchObject({ kind: 'MissingLocally', clOrdId: 42, local: null });
    expect(oms.slotOf(42)).toBe(-1);
  });

  it('MissingAtVenue: live local orders the venue did not report stop working (PendingNew -> Rejected)', () => {
    const oms = orderIn(S.New, 1);
    orderIn(S.PendingNew, 2, oms);
    orderIn(S.Filled, 3, oms); // terminal: not expected in the answers
    const r = oms.reconcile([]);
    expect(r.discrepancies.map((d) => [d.kind, d.clOrdId, d.local?.ordStatus])).toEqual([
      ['MissingAtVenue', 1, S.New],
      ['MissingAtVenue', 2, S.PendingNew],
    ]);
    expect(oms.orders.status[oms.slotOf(1)]).toBe(S.Cancelled);
    expect(oms.orders.status[oms.slotOf(2)]).toBe(S.Rejected);
    expect(oms.orders.leavesQty[oms.slotOf(1)]).toBe(0);
    expect(oms.orders.status[oms.slotOf(3)]).toBe(S.Filled);
  });

  it('QtyMismatch: missed fills are booked so cumQty, avgPx and the position match the venue', () => {
    const oms = orderIn(S.PartiallyFilled); // 3 @ 10000
    const s = oms.slotOf(1);
    const r = oms.reconcile([venue(1, OrdStatus.PartiallyFilled, 7, 3, 10_004)]);
    expect(r.discrepancies).toHaveLength(1);
    expect(r.discrepancies[0]).toMatchObject({ kind: 'QtyMismatch', local: { cumQty: 3, leavesQty: 7, avgPx: PX }, venue: { cumQty: 7 } });
    expect(oms.orders.cumQty[s]).toBe(7);
    expect(oms.orders.leavesQty[s]).toBe(3);
    expect(oms.orders.avgPx(s)).toBe(10_004);
    const p = oms.positions.view(oms.positions.find(0, 0, 0));
    expect(p.net).toBe(7);
    expect(p.buyNotional).toBe(7 * 10_004);
  });

  it('StatusMismatch: the venue status is forced (and reported) along with the quantities', () => {
    const oms = orderIn(S.PendingCancel);
    const s = oms.slotOf(1);
    const r = oms.reconcile([venue(1, OrdStatus.Cancelled, 0, 0, 0)]);
    expect(r.discrepancies.map((d) => d.kind)).toEqual(['QtyMismatch', 'StatusMismatch']);
    expect(r.forced).toBe(1);
    expect(oms.orders.status[s]).toBe(S.Cancelled);
    expect(oms.orders.leavesQty[s]).toBe(0);
    // after the forced status the table applies again: a late cancel ack is stale
    expect(report(oms, E.OrderCancelled, 1)).toBe(2);
  });

  it('AvgPxMismatch: same quantity, a different average price beyond the venue rounding', () => {
    const oms = orderIn(S.PartiallyFilled); // 3 @ 10000
    const s = oms.slotOf(1);
    expect(oms.reconcile([venue(1, OrdStatus.PartiallyFilled, 3, 7, 10_001)]).discrepancies).toEqual([]); // within 1 unit
    const r = oms.reconcile([venue(1, OrdStatus.PartiallyFilled, 3, 7, 10_010)]);
    expect(r.discrepancies.map((d) => d.kind)).toEqual(['AvgPxMismatch']);
    expect(oms.orders.notional[s]).toBe(3 * 10_010);
    expect(oms.positions.view(oms.positions.find(0, 0, 0)).buyNotional).toBe(3 * 10_010);
  });

  it('finds orders by the venue orderId when the clOrdId is not ours', () => {
    const oms = new Oms({ maxOrders: 4, maxPositions: 2 });
    oms.submit(1, 0, 0, 0, 1, 5, PX, 0);
    report(oms, E.OrderAccepted, 1, 0, PX, 1, 9090);
    const r = oms.reconcile([venue(12345, OrdStatus.Filled, 5, 0, PX, 9090)]);
    expect(r.discrepancies.map((d) => d.kind)).toEqual(['QtyMismatch', 'StatusMismatch']);
    expect(oms.positions.view(oms.positions.find(0, 0, 0)).net).toBe(-5);
  });
});
