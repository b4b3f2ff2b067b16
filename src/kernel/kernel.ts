// The kernel: one object that owns all trading state and handles every event on ONE thread, in order
// (design principle 1). It is assembled by buildKernel (./build.ts), which is the place to read first.
//
// Event order:
//   inbound ring -> FEED:  book (ITCH handler -> L3Books) -> signals (FeatureEngine) -> risk reference
//                          price -> shadow fills (port.onMarket) -> strategies (onTrade, onBook)
//                  EXEC:   OMS (lifecycle, idempotence) -> risk (open orders, positions, PnL) -> strategy
//                          (onOrderEvent)
//                  STATUS: a venue's order status answer -> corrections as reports (./reconcile.ts)
//   timers due -> strategies (onTimer)
//   strategy command -> risk check -> OMS -> outbox; at the end of the event: journal, then venue port
// Contract:
// - Events, their time and their journal record: ./loop.ts (one record per event, written before any of
//   its commands reaches the port; everything in an event happens at the event's time).
// - A report the OMS refuses (unknown order, duplicate execId, illegal transition) stops there: risk and
//   the strategy never see it; the OMS counts it.
// - Replace and risk: a replace is checked as the new order with the old one's open quantity released
//   (RiskEngine.checkReplace); the old one stays open until the venue confirms. OrderReplaced closes the
//   old one; a replace reject closes the new one.
// - Done orders are released from the OMS at once (their slot is reused); a report that arrives later
//   for one is an OmsUnknownOrder, counted.
// Hot path: no allocation per event (the order-event view, the risk intent and the outbox are reused).

import type { L3Books } from '../book/l3.js';
import { OrderEvent } from '../core/events.js';
import type { InstrumentRegistry } from '../core/instruments.js';
import { Reject } from '../core/rejects.js';
import { SIDE_ASK, SIDE_BID } from '../core/units.js';
import type { Nanos, Px, Qty, Side } from '../core/units.js';
import type { ItchBookHandler } from '../feed/itch/book-handler.js';
import { ExecReport, OmsResult, type Oms } from '../oms/oms.js';
import type { Discrepancy } from '../oms/reconcile.js';
import { OrdStatus, isTerminal } from '../oms/table.js';
import { ORD_LIMIT, OrderIntent, type AuditRecord, type RiskEngine } from '../risk/index.js';
import type { FeatureEngine } from '../signal/features.js';
import type { Strategy } from '../strategy/types.js';
import { K_CANCEL, K_REPLACE, K_SUBMIT } from './records.js';
import { KernelLoop } from './loop.js';
import { OUT_CANCEL, OUT_REPLACE, OUT_SUBMIT } from './outbox.js';
import { applyStatus, beginReconcile, type ReconcileState } from './reconcile.js';
import { applyControl } from './control.js';
import { kernelStateHash } from './state-hash.js';
import { OrderEventSlot, type KernelParts } from './parts.js';

const TWO32 = 4294967296;

export class Kernel extends KernelLoop {
  readonly registry: InstrumentRegistry;
  readonly nInstruments: number;
  readonly books: L3Books;
  readonly itch: ItchBookHandler;
  /** Feature engines per traded instrument (null: none). */
  readonly features: (FeatureEngine | null)[];
  /** The engines updated per event: an instrument's joins on a strategy's first read (readFeatures). */
  private readonly featuresLive: (FeatureEngine | null)[];
  readonly strategies: Strategy[];
  readonly subscribers: Int32Array[];
  readonly risk: RiskEngine;
  readonly oms: Oms;
  // counters (the event counters are KernelLoop's)
  commands = 0;
  riskRejects = 0;
  omsRejects = 0;
  reportsRefused = 0;
  /** Replay: commands regenerated that differ from the journal's. */
  replayMismatches = 0;
  clOrdSeq = 0;
  private readonly lastMid: Float64Array;
  private readonly intent = new OrderIntent();
  private readonly report = new ExecReport();
  private readonly ev = new OrderEventSlot();
  private readonly killQueue: number[] = [];
  private readonly killOrders = new Float64Array(4096);
  /** Reconciliation with the venue after a restart or reconnect (./reconcile.ts). */
  readonly recon: ReconcileState = { pending: new Set(), holding: false, rounds: 0, discrepancies: 0 };
  /** Where reconciliation differences go (the edge: an audit log); default: kept in `discrepancies`. */
  onDiscrepancy: (d: Discrepancy) => void = (d) => {
    if (this.discrepancies.length < 10_000) this.discrepancies.push(d);
  };
  readonly discrepancies: Discrepancy[] = [];
  // replay: the commands regenerated, to compare with the journal's (cold: replay only)
  replaying = false;
  private readonly expected: number[] = [];

  constructor(p: KernelParts) {
    super(p);
    this.registry = p.registry;
    this.nInstruments = p.nInstruments;
    this.books = p.books;
    this.itch = p.itch;
    this.features = p.features;
    this.featuresLive = p.featuresAlways === true ? p.features.slice() : p.features.map(() => null);
    this.strategies = p.strategies;
    this.subscribers = p.subscribers.map((s) => Int32Array.from(s));
    this.risk = p.risk;
    this.oms = p.oms;
    this.lastMid = new Float64Array(p.nInstruments);
  }

  /** A strategy reads an instrument's features (ctx.features): from now on they are computed. */
  readFeatures(inst: number): Float64Array | null {
    const fe = this.features[inst];
    if (fe === undefined || fe === null) return null;
    this.featuresLive[inst] = fe;
    return fe.out;
  }

  /** Where the risk audit records go (the edge: a log writer); drained at the end of every poll. */
  auditSink: (r: AuditRecord) => void = () => {};

  /** Empties the risk engine's audit ring into auditSink (a full ring makes risk fail closed). */
  drainAudit(): void {
    if (this.risk.audit.size > 0) this.risk.audit.drain(this.auditSink);
  }

  protected onStatus(f: Float64Array, o: number, now: Nanos): void {
    applyStatus(this, f[o], f[o + 1], f[o + 2], f[o + 3], f[o + 4], f[o + 5], f[o + 6], now);
  }

  protected onTimer(owner: number, tag: number): void {
    this.strategies[owner].onTimer(tag);
  }

  protected beginReconcile(): number {
    return beginReconcile(this);
  }

  // ---- feed -> books -> signals -> strategies ----

  onFeed(buf: Buffer, off: number, len: number, now: Nanos): void {
    this.feedEvents++;
    const t = buf[off];
    let tradePx = NaN;
    let tradeQty = 0;
    let aggressor = -1;
    if ((t === 0x45 || t === 0x43) && len >= 23) { // E / C: an execution against a resting order is a print
      const ref = buf.readUInt32BE(off + 11) * TWO32 + buf.readUInt32BE(off + 15);
      tradeQty = buf.readUInt32BE(off + 19);
      const restingSide = this.books.orderSide(ref);
      tradePx = t === 0x43 && len >= 36 ? buf.readUInt32BE(off + 32) : this.books.orderPrice(ref);
      aggressor = restingSide === SIDE_BID ? SIDE_ASK : restingSide === SIDE_ASK ? SIDE_BID : -1;
    }
    this.itch.onMessage(buf, off, len);
    const inst = this.itch.instrument;
    if (inst < 0 || inst >= this.nInstruments) return;
    const fe = this.featuresLive[inst];
    if (fe !== null) {
      if (aggressor >= 0) fe.onTrade(now, tradePx, tradeQty, aggressor === SIDE_BID ? 1 : -1);
      fe.onBook(this.books, now);
    }
    const bid = this.books.bestBid(inst);
    const ask = this.books.bestAsk(inst);
    if (bid === bid && ask === ask) {
      const mid = Math.floor((bid + ask) / 2);
      if (mid !== this.lastMid[inst]) {
        this.lastMid[inst] = mid;
        this.risk.setReference(inst, mid, now);
      }
    }
    this.port.onMarket(inst, tradePx, tradeQty, now);
    const subs = this.subscribers[inst];
    for (let k = 0; k < subs.length; k++) {
      const st = this.strategies[subs[k]];
      if (aggressor >= 0) st.onTrade(inst, tradePx, tradeQty, aggressor);
      st.onBook(inst);
    }
  }

  // ---- venue -> OMS -> risk/PnL -> strategy ----

  onExec(
    event: number, execId: number, clOrdId: number, origClOrdId: number, orderId: number,
    lastQty: Qty, lastPx: Px, fee: number, reason: number, now: Nanos,
  ): void {
    this.execEvents++;
    const oms = this.oms;
    const r = this.report.set(event, execId, clOrdId, orderId, lastQty, lastPx, now);
    r.origClOrdId = origClOrdId;
    r.reason = reason;
    let s = oms.byClOrdId.get(clOrdId);
    if (s < 0 && origClOrdId !== 0) s = oms.byClOrdId.get(origClOrdId);
    if (s < 0 && orderId !== 0) s = oms.byOrderId.get(orderId);
    const pend = s >= 0 ? oms.orders.pendClOrdId[s] : 0;
    const res = oms.onExecReport(r);
    if (res !== OmsResult.Ok || s < 0) {
      this.reportsRefused++;
      return;
    }
    const o = oms.orders;
    const cur = o.clOrdId[s];
    const risk = this.risk;
    const done = isTerminal(o.status[s]);
    switch (event) {
      case OrderEvent.OrderAccepted: risk.onOrderOpen(cur); break;
      case OrderEvent.OrderPartiallyFilled:
      case OrderEvent.OrderFilled: risk.onFill(cur, lastQty, lastPx, fee, now); break;
      case OrderEvent.OrderReplaced:
        risk.onOrderDone(origClOrdId !== 0 ? origClOrdId : clOrdId, now);
        risk.onOrderOpen(cur);
        break;
      case OrderEvent.OrderCancelRejected:
        if (pend !== 0 && o.status[s] !== OrdStatus.PendingReplace) risk.onOrderDone(pend, now);
        break;
      case OrderEvent.OrderRejected: risk.onOrderDone(cur, now, true); break;
      default: risk.onOrderDone(cur, now); break; // cancelled, expired, done for day
    }
    if (done && pend !== 0 && event !== OrderEvent.OrderCancelRejected) risk.onOrderDone(pend, now);
    const ev = this.ev;
    ev.event = event;
    ev.clOrdId = cur;
    ev.origClOrdId = event === OrderEvent.OrderReplaced ? (origClOrdId !== 0 ? origClOrdId : 0) : 0;
    ev.instrument = o.instrument[s];
    ev.side = o.side[s] as Side;
    ev.lastQty = lastQty;
    ev.lastPx = lastPx;
    ev.leavesQty = o.leavesQty[s];
    ev.cumQty = o.cumQty[s];
    ev.done = done;
    ev.reason = reason;
    const owner = o.strategy[s];
    if (done) oms.release(cur);
    if (owner >= 0 && owner < this.strategies.length) this.strategies[owner].onOrderEvent(ev);
    this.afterEvent();
  }

  // ---- strategy commands -> journal record -> risk -> OMS -> outbox ----

  submit(strategyId: number, inst: number, side: Side, qty: Qty, px: Px, tif: number): number {
    if (this.inEvent) return this.doSubmit(strategyId, inst, side, qty, px, tif);
    this.beginCmds();
    const r = this.doSubmit(strategyId, inst, side, qty, px, tif);
    this.endEvent();
    return r;
  }

  cancel(strategyId: number, clOrdId: number): number {
    if (this.inEvent) return this.doCancel(strategyId, clOrdId);
    this.beginCmds();
    const r = this.doCancel(strategyId, clOrdId);
    this.endEvent();
    return r;
  }

  replace(strategyId: number, clOrdId: number, qty: Qty, px: Px): number {
    if (this.inEvent) return this.doReplace(strategyId, clOrdId, qty, px);
    this.beginCmds();
    const r = this.doReplace(strategyId, clOrdId, qty, px);
    this.endEvent();
    return r;
  }

  private record(code: number, a: number, b: number, c: number, d: number, e: number, f: number, g: number): void {
    this.commands++;
    if (this.rec.open) this.rec.command(code, a, b, c, d, e, f, g);
    else if (this.replaying) this.expected.push(a);
  }

  private doSubmit(strategyId: number, inst: number, side: Side, qty: Qty, px: Px, tif: number): number {
    const now = this.now;
    const cl = ++this.clOrdSeq;
    this.record(K_SUBMIT, cl, strategyId, inst, side, qty, px, tif);
    if (!(inst >= 0 && inst < this.nInstruments)) return -Reject.RiskBadOrder;
    if (this.recon.holding) {
      this.omsRejects++;
      return -Reject.OmsReconciling;
    }
    const code = this.risk.check(this.intent.set(strategyId, 0, inst, side, qty, px, ORD_LIMIT, cl), now);
    if (code !== 0) {
      this.riskRejects++;
      return -code;
    }
    const r = this.oms.submit(cl, strategyId, 0, inst, side, qty, px, now);
    if (r !== OmsResult.Ok) {
      this.omsRejects++;
      this.risk.onOrderDone(cl, now);
      return -r;
    }
    this.outbox.push(OUT_SUBMIT, cl, 0, inst, side, qty, px, tif);
    return cl;
  }

  private doCancel(strategyId: number, clOrdId: number): number {
    const now = this.now;
    const req = ++this.clOrdSeq;
    this.record(K_CANCEL, req, clOrdId, strategyId, 0, 0, 0, 0);
    const s = this.oms.slotOf(clOrdId);
    if (s < 0 || this.oms.orders.strategy[s] !== strategyId) return Reject.OmsUnknownOrder;
    const r = this.oms.cancel(clOrdId, now);
    if (r !== OmsResult.Ok) {
      this.omsRejects++;
      return r;
    }
    this.risk.onMessage(strategyId, 0, now);
    this.outbox.push(OUT_CANCEL, req, clOrdId, this.oms.orders.instrument[s], this.oms.orders.side[s], 0, 0, 0);
    return 0;
  }

  private doReplace(strategyId: number, clOrdId: number, qty: Qty, px: Px): number {
    const now = this.now;
    const cl = ++this.clOrdSeq;
    this.record(K_REPLACE, cl, clOrdId, strategyId, qty, px, 0, 0);
    const oms = this.oms;
    const s = oms.slotOf(clOrdId);
    if (s < 0 || oms.orders.strategy[s] !== strategyId || oms.orders.clOrdId[s] !== clOrdId) return -Reject.OmsUnknownOrder;
    if (this.recon.holding) {
      this.omsRejects++;
      return -Reject.OmsReconciling;
    }
    const inst = oms.orders.instrument[s];
    const side = oms.orders.side[s] as Side;
    const leaves = qty - oms.orders.cumQty[s];
    if (!(leaves > 0)) return -Reject.OmsBadQty;
    const code = this.risk.checkReplace(this.intent.set(strategyId, 0, inst, side, leaves, px, ORD_LIMIT, cl), clOrdId, now);
    if (code !== 0) {
      this.riskRejects++;
      return -code;
    }
    const r = oms.replace(clOrdId, cl, qty, px, now);
    if (r !== OmsResult.Ok) {
      this.omsRejects++;
      this.risk.onOrderDone(cl, now);
      return -r;
    }
    this.outbox.push(OUT_REPLACE, cl, clOrdId, inst, side, qty, px, 0);
    return cl;
  }

  /** The risk engine engaged a kill switch: its orders are cancelled once the current handler is done. */
  onKill(scopeKind: number, id: number): void {
    this.killQueue.push(scopeKind, id);
  }

  protected afterEvent(): void {
    this.runKillQueue();
  }

  protected onControl(action: number, scopeKind: number, id: number, json: string): number {
    return applyControl(this, action, scopeKind, id, json);
  }

  /** Cancels the working orders of every scope whose kill switch engaged (inside the current event). */
  runKillQueue(): void {
    const q = this.killQueue;
    while (q.length > 0) {
      const id = q.pop()!;
      const kind = q.pop()!;
      const n = this.risk.openOrdersOf(kind, id, this.killOrders);
      for (let k = 0; k < n; k++) {
        const cl = this.killOrders[k];
        const s = this.oms.slotOf(cl);
        if (s >= 0 && !isTerminal(this.oms.orders.status[s])) this.cancel(this.oms.orders.strategy[s], cl);
      }
    }
  }

  setTimer(strategyId: number, delayNs: Nanos, tag: number): void {
    this.timers.add(this.time() + (delayNs > 0 ? delayNs : 0), strategyId, tag);
  }

  /** Replay: a command id from the journal; compares it with the regenerated command. Cold. */
  expectCommand(id: number): void {
    const got = this.expected.shift();
    if (got !== id) this.replayMismatches++;
  }

  /** Regenerated commands not (yet) matched by journal records. */
  get unmatchedCommands(): number {
    return this.expected.length;
  }

  /**
   * Digest of the trading state: the OMS (orders, positions, counters), the risk engine's positions, PnL
   * and open exposure per scope and instrument, the books, pending timers, and every strategy's own
   * state. Cold path.
   */
  stateHash(): string {
    return kernelStateHash(this.oms, this.books, this.risk, this.timers, this.clOrdSeq, this.strategies);
  }

  /** Strategy PnL in money units (price units x lots): realized + unrealized at the mid - fees. */
  pnl(strategyId: number): number {
    return this.risk.positions.pnl(strategyId);
  }

  position(strategyId: number, inst: number): number {
    const P = this.risk.positions;
    return P.pos[strategyId * P.nInstruments + inst];
  }
}

