// StageRouter: the one venue port the kernel sees in `hftbot run`, routing each strategy's orders to the
// port of its deployment stage: shadow (ShadowVenuePort: fills modelled on the kernel's book, nothing
// sent), paper (SimVenuePort: the in-process simulator) or live (the FIX venue port). Why a router and not
// one kernel per stage: a strategy changes stage while running (promote / demote) and keeps its state,
// position and PnL; one kernel owns all of it (design principle 1).
//
// Contract (besides src/venue/types.ts):
// - The stage is looked up per strategy at submit (the OMS already holds the order: the kernel submits to
//   the OMS before the port); cancels and replaces follow the order's port, whatever the strategy's stage
//   is now (an order lives and dies where it was sent). Routes are forgotten on the order's last report.
// - Execution ids are re-numbered per port (execId * 3 + port): the ports count independently and the OMS
//   drops a repeated execId as a duplicate.
// - Counting for /metrics on the way through (typed arrays, no allocation): orders per strategy and
//   instrument, tick-to-trade (the event's start -> here), fills (paper/live) vs shadow fills, venue rejects, and the ack round trip (submit -> the
//   OrderAccepted report, monoMs) per port.
// Threading: the kernel's thread; the ports report synchronously (sim, shadow) or from socket callbacks on
// the same event loop (FIX), both into the kernel's ring.

import type { BookView } from '../book/types.js';
import { monoMs } from '../clock/live.js';
import { OrderEvent } from '../core/events.js';
import type { Nanos, Px, Qty, Side } from '../core/units.js';
import { OrdStatus } from '../oms/table.js';
import { REASON_VENUE, N_REASONS, type SystemCounters } from '../metrics/counters.js';
import type { VenueEventSink, VenuePort } from '../venue/types.js';
import type { Activity } from './activity.js';

export const STAGE_SHADOW = 0;
export const STAGE_PAPER = 1;
export const STAGE_LIVE = 2;
const SENT_SLOTS = 1 << 16;

const NULL_SINK: VenueEventSink = { execReport() {} };

export class StageRouter implements VenuePort {
  readonly kind = 'sim';
  /** Stage per strategy id (STAGE_*); the stage library (./stages.ts) writes it. */
  readonly stage: Uint8Array;
  /** The kernel's order -> strategy and instrument lookup (set once the kernel exists). */
  lookup: (clOrdId: number) => number = () => -1;
  private sink: VenueEventSink = NULL_SINK;
  /** clOrdId -> (strategy * 65536 + instrument) * 4 + port */
  private readonly routes = new Map<number, number>();
  private readonly sentAt = new Float64Array(SENT_SLOTS);
  private readonly sentCl = new Float64Array(SENT_SLOTS);
  /** monoMs() at the start of the kernel event being handled (KernelProbe.eventStart): tick-to-trade. */
  eventStart = new Float64Array(1);
  /** Recent orders, fills and prints for the API (null: not kept). */
  activity: Activity | null = null;
  /** Last mid per instrument seen by onMarket (price units): a print at or above it counts as a buy. */
  private readonly lastMid: Float64Array;
  private book: BookView | null = null;
  /** Orders whose stage had no port (live without a FIX session): sent to paper instead. */
  fallbacks = 0;

  constructor(
    readonly ports: readonly [VenuePort, VenuePort, VenuePort | null],
    private readonly counters: SystemCounters,
    nStrategies: number,
  ) {
    this.stage = new Uint8Array(nStrategies);
    this.lastMid = new Float64Array(counters.nInstruments);
  }

  attach(sink: VenueEventSink): void {
    this.sink = sink;
    // a port serving two stages (paper and live both to an outside venue) reports as the higher one
    this.ports.forEach((p, k) => { if (p !== null && this.ports.indexOf(p, k + 1) < 0) p.attach(this.sinkFor(k)); });
  }

  useBook(book: BookView): void {
    this.book = book;
    for (const p of this.ports) p?.useBook?.(book);
  }

  /** Orders routed and not yet done. */
  get open(): number {
    return this.routes.size;
  }

  submit(clOrdId: number, instrument: number, side: Side, qty: Qty, px: Px, tif: number, now: Nanos): void {
    const s = this.lookup(clOrdId);
    let p = s >= 0 ? this.stage[s] : STAGE_SHADOW;
    if (this.ports[p] === null) {
      p = STAGE_PAPER;
      this.fallbacks++;
    }
    this.routes.set(clOrdId, ((s < 0 ? 0 : s) * 65536 + instrument) * 4 + p);
    const c = this.counters;
    const t = monoMs();
    if (s >= 0) {
      c.orders[s * c.nInstruments + instrument]++;
      const e = this.eventStart[0];
      if (e > 0) c.tickToTrade[s].record((t - e) * 1e6);
    }
    const slot = clOrdId & (SENT_SLOTS - 1);
    this.sentCl[slot] = clOrdId;
    this.sentAt[slot] = t;
    this.activity?.onSubmit(clOrdId, s, instrument, side, qty, px, p, now);
    this.ports[p]!.submit(clOrdId, instrument, side, qty, px, tif, now);
  }

  cancel(clOrdId: number, origClOrdId: number, instrument: number, side: Side, now: Nanos): void {
    const r = this.routes.get(origClOrdId);
    const p = r === undefined ? this.portOfNew(origClOrdId) : r & 3;
    this.ports[p]!.cancel(clOrdId, origClOrdId, instrument, side, now);
  }

  replace(clOrdId: number, origClOrdId: number, instrument: number, side: Side, qty: Qty, px: Px, now: Nanos): void {
    const r = this.routes.get(origClOrdId);
    if (r !== undefined) this.routes.set(clOrdId, r);
    const p = r === undefined ? this.portOfNew(origClOrdId) : r & 3;
    this.ports[p]!.replace(clOrdId, origClOrdId, instrument, side, qty, px, now);
  }

  onMarket(instrument: number, tradePx: Px, tradeQty: Qty, now: Nanos): void {
    this.ports[STAGE_SHADOW].onMarket(instrument, tradePx, tradeQty, now);
    if (this.activity === null || this.book === null || instrument >= this.lastMid.length) return;
    const b = this.book;
    if (tradePx === tradePx) this.activity.onPrint(instrument, tradePx, tradeQty, tradePx >= this.lastMid[instrument], now);
    const bid = b.bestBid(instrument);
    const ask = b.bestAsk(instrument);
    if (bid === bid && ask === ask) this.lastMid[instrument] = (bid + ask) / 2;
  }

  /**
   * Reconciliation: the status request goes to the order's port (its route, else its strategy's stage);
   * the answer comes back through that port's sink (sinkFor: orderStatus). A port that cannot ask gets an
   * "unknown" answer at once, so the kernel's reconciliation never waits for an answer that cannot come.
   */
  requestStatus(clOrdId: number, orderId: number, instrument: number, side: Side, now: Nanos): void {
    const r = this.routes.get(clOrdId);
    const p = r === undefined ? this.portOfNew(clOrdId) : r & 3;
    const port = this.ports[p]!;
    if (port.requestStatus !== undefined) port.requestStatus(clOrdId, orderId, instrument, side, now);
    else {
      this.routes.delete(clOrdId);
      this.sink.orderStatus?.(clOrdId, 0, OrdStatus.Rejected, 0, 0, 0, 0, now);
    }
  }

  /** An order without a route (sent before a restart): the port of its strategy's stage. */
  private portOfNew(cl: number): number {
    const s = this.lookup(cl);
    const p = s >= 0 ? this.stage[s] : STAGE_PAPER;
    return this.ports[p] === null ? STAGE_PAPER : p;
  }

  private sinkFor(port: number): VenueEventSink {
    const routes = this.routes;
    const c = this.counters;
    const ack = c.orderAck[port];
    const shadow = port === STAGE_SHADOW;
    return {
      orderStatus: (clOrdId, orderId, ordStatus, cumQty, leavesQty, avgPx, orderQty, ts): void => {
        // a final answer ends the route as the report it stands for would (the kernel applies it as one)
        if (ordStatus !== OrdStatus.New && ordStatus !== OrdStatus.PartiallyFilled && ordStatus !== OrdStatus.PendingNew
          && ordStatus !== OrdStatus.PendingCancel && ordStatus !== OrdStatus.PendingReplace) routes.delete(clOrdId);
        this.sink.orderStatus?.(clOrdId, orderId, ordStatus, cumQty, leavesQty, avgPx, orderQty, ts);
      },
      execReport: (event, execId, clOrdId, origClOrdId, orderId, lastQty, lastPx, fee, reason, ts): void => {
        c.reports++;
        let r = routes.get(clOrdId);
        if (r === undefined && origClOrdId !== 0) r = routes.get(origClOrdId);
        if (r !== undefined) {
          const si = r >>> 2;
          const s = Math.floor(si / 65536);
          const idx = s * c.nInstruments + (si % 65536);
          switch (event) {
            case OrderEvent.OrderAccepted: {
              const slot = clOrdId & (SENT_SLOTS - 1);
              if (this.sentCl[slot] === clOrdId && ack !== undefined) ack.record((monoMs() - this.sentAt[slot]) * 1e6);
              break;
            }
            case OrderEvent.OrderPartiallyFilled:
            case OrderEvent.OrderFilled:
              if (shadow) c.shadowFills[idx]++;
              else c.fills[idx]++;
              break;
            case OrderEvent.OrderRejected:
              c.rejects[s * N_REASONS + REASON_VENUE]++;
              break;
            default:
              break;
          }
          if (event === OrderEvent.OrderFilled || event === OrderEvent.OrderCancelled || event === OrderEvent.OrderRejected
            || event === OrderEvent.OrderExpired || event === OrderEvent.OrderDoneForDay) routes.delete(clOrdId);
          else if (event === OrderEvent.OrderReplaced && origClOrdId !== 0) routes.delete(origClOrdId);
        }
        this.activity?.onReport(event, clOrdId, origClOrdId, lastQty, lastPx, fee, shadow, ts);
        const id = execId === 0 ? 0 : execId * 3 + port;
        this.sink.execReport(event, Number.isSafeInteger(id) ? id : execId, clOrdId, origClOrdId, orderId, lastQty, lastPx, fee, reason, ts);
      },
    };
  }
}
