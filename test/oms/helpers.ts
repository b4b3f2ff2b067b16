// Builders for OMS tests: an order driven into each status through documented legal paths.
import { OrderEvent } from '../../src/core/events.js';
import { ExecReport, Oms, OrdStatus } from '../../src/oms/index.js';

export const E = OrderEvent;
export const S = OrdStatus;
export const QTY = 10;
export const PX = 10_000;

let execSeq = 1;
export const nextExec = (): number => execSeq++;

export function report(oms: Oms, event: number, clOrdId: number, lastQty = 0, lastPx = PX, execId = nextExec(), orderId = 0): number {
  const r = new ExecReport().set(event, event === E.OrderCancelRejected ? 0 : execId, clOrdId, orderId, lastQty, lastPx, 1);
  return oms.onExecReport(r);
}

/** Puts order `id` (10 lots, buy) into `status` through a legal path; returns the OMS. */
export function orderIn(status: number, id = 1, oms = new Oms({ maxOrders: 64, maxPositions: 16 })): Oms {
  if (status === S.None) return oms;
  oms.submit(id, 0, 0, 0, 0, QTY, PX, 0);
  const ack = () => report(oms, E.OrderAccepted, id);
  switch (status) {
    case S.PendingNew: break;
    case S.New: ack(); break;
    case S.PartiallyFilled: ack(); report(oms, E.OrderPartiallyFilled, id, 3); break;
    case S.Filled: ack(); report(oms, E.OrderFilled, id, QTY); break;
    case S.PendingCancel: ack(); oms.cancel(id, 2); break;
    case S.Cancelled: ack(); oms.cancel(id, 2); report(oms, E.OrderCancelled, id); break;
    case S.PendingReplace: ack(); oms.replace(id, id + 1000, 12, PX + 1, 2); break;
    case S.Rejected: report(oms, E.OrderRejected, id); break;
    case S.Expired: ack(); report(oms, E.OrderExpired, id); break;
    case S.DoneForDay: ack(); report(oms, E.OrderDoneForDay, id); break;
    default: throw new Error(`no path to status ${status}`);
  }
  const s = oms.slotOf(id);
  if (oms.orders.status[s] !== status) throw new Error(`path to ${status} ended in ${oms.orders.status[s]}`);
  return oms;
}
