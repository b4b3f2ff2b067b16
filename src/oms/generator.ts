// A seeded stream of OMS commands and venue reports for the crash test, replay tests and the benchmark.
// The generator never looks at the OMS: the stream depends on the seed alone, so a model can regenerate
// exactly the first N operations. Most reports follow a plausible lifecycle; a share are duplicates,
// stale or illegal on purpose (duplicate execIds and clOrdIds, reports for unknown orders, fills after
// cancels, occasional reconciliations with made-up venue answers) so every OMS path is exercised.
// Not a hot component (the benchmark pre-generates its ops before timing).

import { OrderEvent } from '../core/events.js';
import { Rng } from '../core/rng.js';
import type { Side } from '../core/units.js';
import type { ExecReport } from './oms.js';
import type { ReconcileResult, VenueOrderStatus } from './reconcile.js';
import { OrdStatus } from './table.js';
import type { OrdStatusCode } from './table.js';

export const OP_SUBMIT = 0;
export const OP_CANCEL = 1;
export const OP_REPLACE = 2;
export const OP_REPORT = 3;
export const OP_RECONCILE = 4;
export const OP_RELEASE = 5;

/** One operation, reused: fields a..i mean what the kind's method takes, in order. */
export class OmsOp {
  kind = 0;
  clOrdId = 0;
  strategy = 0;
  account = 0;
  instrument = 0;
  side: Side = 0;
  qty = 0;
  px = 0;
  newClOrdId = 0;
  now = 0;
  // reports
  event = 0;
  execId = 0;
  orderId = 0;
  venue: VenueOrderStatus[] | null = null;
}

/** What a kernel-facing OMS front offers (Oms and JournaledOms both do). */
export interface OmsCommands {
  submit(clOrdId: number, strategy: number, account: number, instrument: number, side: Side, orderQty: number, price: number, now: number): number;
  cancel(clOrdId: number, now: number): number;
  replace(clOrdId: number, newClOrdId: number, orderQty: number, price: number, now: number): number;
  onExecReport(r: ExecReport): number;
  reconcile(venue: readonly VenueOrderStatus[]): ReconcileResult;
  release(clOrdId: number): boolean;
}

const REPORT_EVENTS = [
  OrderEvent.OrderAccepted, OrderEvent.OrderAccepted, OrderEvent.OrderAccepted,
  OrderEvent.OrderPartiallyFilled, OrderEvent.OrderPartiallyFilled, OrderEvent.OrderPartiallyFilled, OrderEvent.OrderPartiallyFilled,
  OrderEvent.OrderCancelled, OrderEvent.OrderCancelRejected, OrderEvent.OrderReplaced, OrderEvent.OrderReplaced,
  OrderEvent.OrderRejected, OrderEvent.OrderExpired, OrderEvent.OrderDoneForDay,
];

export class OmsOpGenerator {
  private readonly rng: Rng;
  private nextId = 1;
  private nextExec = 1;
  private i = 0;
  /** clOrdIds issued (index k), the replace id last requested for k, its order qty. */
  private readonly ids: number[] = [];
  private readonly pendIds: number[] = [];
  private readonly qtys: number[] = [];
  private readonly window: number;

  /** window: reports and requests go to one of the last `window` orders. */
  constructor(seed: number, window = 64) {
    this.rng = new Rng(seed);
    this.window = window;
  }

  private pickOrder(): number {
    const n = this.ids.length;
    return n - 1 - this.rng.int(Math.min(n, this.window));
  }

  next(op: OmsOp): OmsOp {
    const r = this.rng;
    const now = ++this.i * 1000;
    op.now = now;
    op.venue = null;
    const u = r.next();
    if (this.ids.length === 0 || u < 0.25) {
      op.kind = OP_SUBMIT;
      const dup = this.ids.length > 0 && r.chance(0.01);
      op.clOrdId = dup ? this.ids[this.pickOrder()] : this.nextId++;
      op.strategy = r.int(3);
      op.account = r.int(2);
      op.instrument = r.int(4);
      op.side = r.int(2) as Side;
      op.qty = r.range(1, 40);
      op.px = r.range(9_900, 10_100);
      if (!dup) {
        this.ids.push(op.clOrdId);
        this.pendIds.push(0);
        this.qtys.push(op.qty);
      }
      return op;
    }
    const k = this.pickOrder();
    op.clOrdId = this.ids[k];
    op.orderId = op.clOrdId + 1_000_000;
    if (u < 0.3) {
      op.kind = OP_CANCEL;
    } else if (u < 0.31) {
      // only done orders are released; for a working one the OMS says no and nothing changes
      op.kind = OP_RELEASE;
    } else if (u < 0.34) {
      op.kind = OP_REPLACE;
      op.newClOrdId = this.nextId++;
      op.qty = r.range(1, 40);
      op.px = r.range(9_900, 10_100);
      this.pendIds[k] = op.newClOrdId;
    } else if (u < 0.9995) {
      op.kind = OP_REPORT;
      op.event = r.pick(REPORT_EVENTS);
      op.execId = op.event === OrderEvent.OrderCancelRejected ? 0 : r.chance(0.02) && this.nextExec > 1 ? r.range(1, this.nextExec - 1) : this.nextExec++;
      if (op.event === OrderEvent.OrderReplaced || (op.event === OrderEvent.OrderCancelRejected && r.chance(0.5))) {
        if (this.pendIds[k] !== 0) {
          op.newClOrdId = op.clOrdId;
          op.clOrdId = this.pendIds[k];
          if (op.event === OrderEvent.OrderReplaced) this.ids[k] = op.clOrdId;
          this.pendIds[k] = 0;
        }
      }
      op.qty = op.event === OrderEvent.OrderPartiallyFilled ? r.range(1, Math.max(1, this.qtys[k] >> 1)) : 0;
      op.px = r.range(9_900, 10_100);
      if (r.chance(0.005)) op.clOrdId = 999_000_000 + r.int(1000); // unknown order
    } else {
      op.kind = OP_RECONCILE;
      const venue: VenueOrderStatus[] = [];
      const n = r.range(0, 4);
      for (let j = 0; j < n; j++) {
        const kk = this.pickOrder();
        const cum = r.int(10);
        venue.push({
          clOrdId: r.chance(0.1) ? 888_000_000 + r.int(1000) : this.ids[kk],
          orderId: 0,
          ordStatus: r.pick([OrdStatus.New, OrdStatus.PartiallyFilled, OrdStatus.Cancelled, OrdStatus.Filled]) as OrdStatusCode,
          cumQty: cum,
          leavesQty: r.int(10),
          avgPx: cum === 0 ? 0 : r.range(9_900, 10_100),
        });
      }
      op.venue = venue;
    }
    return op;
  }
}

/** Applies `op` to an OMS front; `report` is the reused report object. Returns the OMS result. */
export function applyOp(t: OmsCommands, op: OmsOp, report: ExecReport): number {
  switch (op.kind) {
    case OP_SUBMIT:
      return t.submit(op.clOrdId, op.strategy, op.account, op.instrument, op.side, op.qty, op.px, op.now);
    case OP_CANCEL:
      return t.cancel(op.clOrdId, op.now);
    case OP_REPLACE:
      return t.replace(op.clOrdId, op.newClOrdId, op.qty, op.px, op.now);
    case OP_REPORT:
      report.set(op.event, op.execId, op.clOrdId, op.orderId, op.qty, op.px, op.now);
      report.origClOrdId = op.event === OrderEvent.OrderReplaced ? op.newClOrdId : 0;
      return t.onExecReport(report);
    case OP_RELEASE:
      return t.release(op.clOrdId) ? 1 : 0;
    default:
      return t.reconcile(op.venue ?? []).discrepancies.length;
  }
}
