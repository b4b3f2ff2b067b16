// The order lifecycle table, exhaustively: every (status, event) pair has a defined outcome, the OMS
// follows the table for each pair from a real order in that status, and illegal pairs are counted
// rejects that leave the order untouched. Documented legal paths are checked with hand-written
// expectations (not read from the table).
import { describe, expect, it } from 'vitest';
import { Reject } from '../../src/core/rejects.js';
import {
  EVENT_COUNT, ILLEGAL, OmsResult, STALE, STATUS_COUNT, STAY, TABLE, TABLE_EVENTS, WORKING, eventName, statusName, tableOutcome,
} from '../../src/oms/index.js';
import type { Oms } from '../../src/oms/index.js';
import { E, PX, QTY, S, orderIn, report } from './helpers.js';

const ID = 1;

function apply(oms: Oms, event: number): number {
  const s = oms.slotOf(ID);
  const cum = s < 0 ? 0 : oms.orders.cumQty[s];
  const oq = s < 0 ? QTY : oms.orders.orderQty[s];
  switch (event) {
    case E.OrderSubmitted: return oms.submit(ID, 0, 0, 0, 0, QTY, PX, 5);
    case E.OrderCancelRequested: return oms.cancel(ID, 5);
    case E.OrderReplaceRequested: return oms.replace(ID, 777, 8, PX, 5);
    case E.OrderPartiallyFilled: return report(oms, event, ID, 1);
    case E.OrderFilled: return report(oms, event, ID, oq - cum > 0 ? oq - cum : 1);
    case E.OrderReplaced: {
      // the venue reports the replace under the new clOrdId when one is pending
      const pend = s < 0 ? 0 : oms.orders.pendClOrdId[s];
      return report(oms, event, pend !== 0 ? pend : ID);
    }
    default: return report(oms, event, ID);
  }
}

const rowOf = (oms: Oms) => {
  const s = oms.slotOf(ID);
  if (s < 0) return 'none';
  const o = oms.orders;
  return [o.status[s], o.cumQty[s], o.leavesQty[s], o.orderQty[s], o.notional[s], o.pendClOrdId[s]].join(',');
};

describe('order lifecycle table', () => {
  it('defines every (status, event) cell with a known outcome', () => {
    expect(TABLE.length).toBe(STATUS_COUNT * EVENT_COUNT);
    expect(TABLE_EVENTS.length).toBe(12);
    for (let st = 0; st < STATUS_COUNT; st++) {
      for (const ev of TABLE_EVENTS) {
        const out = tableOutcome(st, ev);
        const known = (out >= 0 && out < STATUS_COUNT) || out === STAY || out === STALE || out === WORKING || out === ILLEGAL;
        expect(known, `${statusName(st)} x ${eventName(ev)}`).toBe(true);
      }
    }
    expect(tableOutcome(99, E.OrderAccepted)).toBe(ILLEGAL);
    expect(tableOutcome(S.New, 0)).toBe(ILLEGAL);
  });

  for (let st = 0; st < STATUS_COUNT; st++) {
    for (const ev of TABLE_EVENTS) {
      it(`${statusName(st)} x ${eventName(ev)}`, () => {
        const oms = orderIn(st, ID);
        const before = rowOf(oms);
        const illegalBefore = oms.illegal + oms.unknown + oms.overfills;
        const staleBefore = oms.stale;
        const slot = oms.slotOf(ID);
        const res = apply(oms, ev);
        // fills are reclassified by the quantity they leave; the cell that applies is that of the actual class
        let out = tableOutcome(st, ev);
        if (st === S.None) {
          if (ev === E.OrderSubmitted) {
            expect(res).toBe(OmsResult.Ok);
            expect(oms.orders.status[oms.slotOf(ID)]).toBe(S.PendingNew);
          } else {
            expect(res).toBe(Reject.OmsUnknownOrder);
            expect(oms.unknown).toBe(1);
          }
          return;
        }
        if (out === ILLEGAL || (st === S.Filled && (ev === E.OrderPartiallyFilled || ev === E.OrderFilled))) {
          expect(res).toBeGreaterThanOrEqual(6000);
          expect(oms.illegal + oms.unknown + oms.overfills).toBe(illegalBefore + 1);
          expect(oms.rejectCounts[res - 6000]).toBeGreaterThan(0);
          expect(rowOf(oms)).toBe(before);
          return;
        }
        if (out === STALE) {
          expect(res).toBe(OmsResult.Stale);
          expect(oms.stale).toBe(staleBefore + 1);
          expect(rowOf(oms)).toBe(before);
          return;
        }
        expect(res).toBe(OmsResult.Ok);
        const now = oms.orders.status[slot];
        if (ev === E.OrderReplaced) expect(oms.orders.clOrdId[slot]).toBe(ID + 1000);
        if (out === STAY) expect(now).toBe(st);
        else if (out === WORKING) {
          // every WORKING cell here starts from an acknowledged order with no fills, or a replace
          const s = slot;
          const o = oms.orders;
          const want = o.cumQty[s] >= o.orderQty[s] ? S.Filled : o.cumQty[s] > 0 ? S.PartiallyFilled : S.New;
          expect(now).toBe(want);
        } else {
          out = out as number;
          expect(now).toBe(out);
        }
      });
    }
  }
});

describe('documented legal paths', () => {
  it('submit, ack, partial fill, fill', () => {
    const oms = orderIn(S.New);
    const s = oms.slotOf(1);
    expect(report(oms, E.OrderPartiallyFilled, 1, 4, 10_010)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.PartiallyFilled);
    expect(oms.orders.leavesQty[s]).toBe(6);
    expect(report(oms, E.OrderPartiallyFilled, 1, 6, 10_020)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.Filled);
    expect(oms.orders.cumQty[s]).toBe(10);
    expect(oms.orders.leavesQty[s]).toBe(0);
    expect(oms.orders.notional[s]).toBe(4 * 10_010 + 6 * 10_020);
    expect(oms.orders.avgPx(s)).toBe(Math.round((4 * 10_010 + 6 * 10_020) / 10));
  });

  it('cancel request then cancel reject returns to the working status', () => {
    const oms = orderIn(S.PartiallyFilled);
    const s = oms.slotOf(1);
    expect(oms.cancel(1, 3)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.PendingCancel);
    expect(report(oms, E.OrderCancelRejected, 1)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.PartiallyFilled);
  });

  it('cancel of a pending-new order: the cancel reject leaves it pending new', () => {
    const oms = orderIn(S.PendingNew);
    const s = oms.slotOf(1);
    expect(oms.cancel(1, 3)).toBe(OmsResult.Ok);
    expect(report(oms, E.OrderCancelRejected, 1)).toBe(OmsResult.Ok);
    expect(oms.orders.status[s]).toBe(S.PendingNew);
  });

  it('a second cancel while one is pending is refused (OmsPendingRequest)', () => {
    const oms = orderIn(S.PendingCancel);
    expect(oms.cancel(1, 3)).toBe(Reject.OmsPendingRequest);
    expect(oms.replace(1, 55, 5, PX, 3)).toBe(Reject.OmsPendingRequest);
    expect(oms.illegal).toBe(2);
  });

  it('a duplicate clOrdId on submit is refused', () => {
    const oms = orderIn(S.New);
    expect(oms.submit(1, 0, 0, 0, 0, 5, PX, 3)).toBe(Reject.OmsDuplicateClOrdId);
    expect(oms.rejectCounts[Reject.OmsDuplicateClOrdId - 6000]).toBe(1);
  });
});
