// The simulator venue port: orders go straight into an in-process src/sim Venue (the synthetic market, a
// backtest's exchange), and the Venue's listener events for our orders come back as execution reports.
//
// Contract (besides ./types.ts):
// - Our orders carry `owner` (default 1_000_000, outside the synthetic agents' indices) and venue order ids
//   SIM_ID_BASE + clOrdId, so they never collide with agents' ids (the venue's ids are unique per
//   instrument among live orders, whoever sent them) and a restarted port (after a crash, resumeKernel)
//   still recognises the orders sent before: an id it has no entry for maps back to its first clOrdId
//   (the OMS finds a replaced order by the venue's orderId). A replace keeps the venue id (the engine's
//   replace is in place); the port maps the venue id to the order's current clOrdId.
// - Report mapping: onAccepted -> OrderAccepted; onFill (either side ours) -> OrderPartiallyFilled /
//   OrderFilled by our leaves, with our fee (maker or taker); onCancelled (requested, IOC remainder,
//   self-match) -> OrderCancelled; onRejected -> OrderRejected (reason = venue reject code);
//   onCancelRejected -> OrderCancelRejected; onReplaced -> OrderReplaced; onExpired -> OrderExpired.
// - requestStatus answers from the venue's ledger of port orders (./sim-ledger.ts), by the venue id the
//   port knows for the clOrdId, else the OMS's orderId, else the id a first clOrdId maps to.
// - Reports reach the sink synchronously from inside the venue's command, which is why the sink is a queue.
// Threading: the kernel's thread (the venue is in-process). Cold: the id map is a Map (the simulator path
// is not the latency-critical one; the FIX port is).

import { OrderEvent } from '../core/events.js';
import type { Nanos, Px, Qty, Side } from '../core/units.js';
import { OrdType, Tif } from '../matching/types.js';
import { NoopVenueListener, type Venue } from '../sim/venue.js';
import { OrdStatus } from '../oms/table.js';
import { SIM_ID_BASE, SimOrderLedger } from './sim-ledger.js';
import { TimeInForce, type VenueEventSink, type VenuePort } from './types.js';

export { SIM_ID_BASE };

const NULL_SINK: VenueEventSink = { execReport() {} };

export class SimVenuePort extends NoopVenueListener implements VenuePort {
  readonly kind = 'sim';
  readonly owner: number;
  /** kernel instrument id -> venue instrument index */
  private readonly toVenue: Int32Array;
  /** venue instrument index -> kernel id */
  private readonly fromVenue: Int32Array;
  private sink: VenueEventSink = NULL_SINK;
  private execCmd = -1;
  private execSub = 0;
  /** (venue inst, venue id) key -> current clOrdId */
  private readonly clOf = new Map<number, number>();
  /** clOrdId -> venue id */
  private readonly venueIdOf = new Map<number, number>();
  /** clOrdId -> order qty and cum qty (for fill vs partial fill) */
  private readonly qtyOf = new Map<number, number>();
  private readonly cumOf = new Map<number, number>();

  constructor(private readonly venue: Venue, symbols: readonly string[], owner = 1_000_000) {
    super();
    this.owner = owner;
    this.toVenue = new Int32Array(symbols.length).fill(-1);
    this.fromVenue = new Int32Array(venue.instruments.length).fill(-1);
    symbols.forEach((s, i) => {
      const v = venue.indexOf(s);
      if (v < 0) throw new Error(`sim port: the venue has no instrument ${s}`);
      this.toVenue[i] = v;
      this.fromVenue[v] = i;
    });
    venue.addListener(this);
    this.ledger = SimOrderLedger.of(venue);
  }

  private readonly ledger: SimOrderLedger;

  requestStatus(clOrdId: number, orderId: number, instrument: number, _side: Side, now: Nanos): void {
    const vinst = this.toVenue[instrument];
    const vid = this.venueIdOf.get(clOrdId) ?? (orderId >= SIM_ID_BASE ? orderId : SIM_ID_BASE + clOrdId);
    const e = this.ledger.get(vinst, vid);
    const sink = this.sink;
    if (e === undefined || sink.orderStatus === undefined) {
      sink.orderStatus?.(clOrdId, 0, OrdStatus.Rejected, 0, 0, 0, 0, now);
      return;
    }
    const st = SimOrderLedger.status(e);
    const live = st === OrdStatus.New || st === OrdStatus.PartiallyFilled;
    sink.orderStatus(clOrdId, vid, st, e.cumQty, live ? e.orderQty - e.cumQty : 0, e.cumQty > 0 ? e.notional / e.cumQty : 0, e.orderQty, now);
  }

  /**
   * ExecIDs unique for the venue's whole session, whoever's port asks (a port restarted after a crash must
   * not reuse the ids its predecessor reported: the OMS drops a seen execId as a duplicate): the venue's
   * command count x 1024 + the report's index within that command.
   */
  private nextExecId(): number {
    const c = this.venue.commands;
    if (c !== this.execCmd) {
      this.execCmd = c;
      this.execSub = 0;
    }
    return c * 1024 + ++this.execSub;
  }

  attach(sink: VenueEventSink): void {
    this.sink = sink;
  }

  private key(vinst: number, vid: number): number {
    return (vid - SIM_ID_BASE) * 65536 + vinst;
  }

  submit(clOrdId: number, instrument: number, side: Side, qty: Qty, px: Px, tif: number, now: Nanos): void {
    const vinst = this.toVenue[instrument];
    const vid = SIM_ID_BASE + clOrdId;
    this.clOf.set(this.key(vinst, vid), clOrdId);
    this.venueIdOf.set(clOrdId, vid);
    this.qtyOf.set(clOrdId, qty);
    this.cumOf.set(clOrdId, 0);
    const t = tif === TimeInForce.Ioc ? Tif.Ioc : tif === TimeInForce.Gtc ? Tif.Gtc : Tif.Day;
    this.venue.newOrder(vinst, vid, this.owner, side, OrdType.Limit, t, px, qty, 0, 0, now);
  }

  cancel(clOrdId: number, origClOrdId: number, instrument: number, _side: Side, now: Nanos): void {
    // an order sent before a restart has no entry: its venue id is its first clOrdId's
    const known = this.venueIdOf.get(origClOrdId);
    const code = this.venue.cancel(this.toVenue[instrument], known ?? SIM_ID_BASE + origClOrdId, now);
    // the listener reports rejects for orders it knows; for the others, the answer is ours to give
    if (code !== 0 && known === undefined) this.sink.execReport(OrderEvent.OrderCancelRejected, 0, clOrdId, origClOrdId, 0, 0, 0, 0, code, now);
  }

  replace(clOrdId: number, origClOrdId: number, instrument: number, _side: Side, qty: Qty, px: Px, now: Nanos): void {
    const vid = this.venueIdOf.get(origClOrdId);
    if (vid === undefined) {
      this.sink.execReport(OrderEvent.OrderCancelRejected, 0, clOrdId, origClOrdId, 0, 0, 0, 0, 0, now);
      return;
    }
    this.pendingReplace.set(clOrdId, origClOrdId);
    this.pendingOf.set(origClOrdId, clOrdId);
    // the engine's replace takes the new OPEN quantity; the OMS's orderQty is the new total (FIX)
    const cum = this.cumOf.get(origClOrdId) ?? 0;
    this.venue.replace(this.toVenue[instrument], vid, px, qty - cum, now);
  }

  private readonly pendingReplace = new Map<number, number>();
  private readonly pendingOf = new Map<number, number>();

  onMarket(): void {}

  // ---- VenueListener (our orders only) ----

  /** Our clOrdId for a venue order of our owner (callers check the owner), 0 when it is not ours. */
  private ours(vinst: number, vid: number): number {
    if (vid < SIM_ID_BASE) return 0;
    return this.clOf.get(this.key(vinst, vid)) ?? vid - SIM_ID_BASE;
  }

  /** The same for callbacks without an owner: only orders this port sent. */
  private known(vinst: number, vid: number): number {
    if (vid < SIM_ID_BASE) return 0;
    return this.clOf.get(this.key(vinst, vid)) ?? 0;
  }

  override onAccepted(inst: number, id: number, owner: number, _s: number, _t: number, _f: number, _px: Px, _q: Qty, ts: Nanos): void {
    if (owner !== this.owner) return;
    const cl = this.ours(inst, id);
    if (cl !== 0) this.sink.execReport(OrderEvent.OrderAccepted, this.nextExecId(), cl, 0, id, 0, 0, 0, 0, ts);
  }

  override onRejected(inst: number, id: number, owner: number, code: number, ts: Nanos): void {
    if (owner !== this.owner) return;
    const cl = this.ours(inst, id);
    if (cl === 0) return;
    this.forget(inst, id, cl);
    this.sink.execReport(OrderEvent.OrderRejected, this.nextExecId(), cl, 0, id, 0, 0, 0, code, ts);
  }

  override onFill(
    inst: number, makerId: number, makerOwner: number, takerId: number, takerOwner: number, _side: number,
    px: Px, qty: Qty, makerLeaves: Qty, takerLeaves: Qty, makerFee: number, takerFee: number, _m: number, ts: Nanos,
  ): void {
    if (makerOwner === this.owner) this.fill(inst, makerId, px, qty, makerLeaves, makerFee, ts);
    if (takerOwner === this.owner) this.fill(inst, takerId, px, qty, takerLeaves, takerFee, ts);
  }

  private fill(inst: number, id: number, px: Px, qty: Qty, leaves: Qty, fee: number, ts: Nanos): void {
    const cl = this.ours(inst, id);
    if (cl === 0) return;
    this.cumOf.set(cl, (this.cumOf.get(cl) ?? 0) + qty);
    const ev = leaves === 0 ? OrderEvent.OrderFilled : OrderEvent.OrderPartiallyFilled;
    if (leaves === 0) this.forget(inst, id, cl);
    this.sink.execReport(ev, this.nextExecId(), cl, 0, id, qty, px, fee, 0, ts);
  }

  override onCancelled(inst: number, id: number, owner: number, _s: number, _px: Px, _q: Qty, reason: number, _r: number, ts: Nanos): void {
    if (owner !== this.owner) return;
    const cl = this.ours(inst, id);
    if (cl === 0) return;
    this.forget(inst, id, cl);
    this.sink.execReport(OrderEvent.OrderCancelled, this.nextExecId(), cl, 0, id, 0, 0, 0, reason, ts);
  }

  override onExpired(inst: number, id: number, owner: number, _s: number, _px: Px, _q: Qty, reason: number, ts: Nanos): void {
    if (owner !== this.owner) return;
    const cl = this.ours(inst, id);
    if (cl === 0) return;
    this.forget(inst, id, cl);
    this.sink.execReport(OrderEvent.OrderExpired, this.nextExecId(), cl, 0, id, 0, 0, 0, reason, ts);
  }

  override onCancelRejected(inst: number, id: number, _kind: number, code: number, ts: Nanos): void {
    const cl = this.known(inst, id);
    if (cl === 0) return;
    const newCl = this.pendingOf.get(cl);
    if (newCl !== undefined) {
      this.pendingOf.delete(cl);
      this.pendingReplace.delete(newCl);
      this.sink.execReport(OrderEvent.OrderCancelRejected, 0, newCl, cl, id, 0, 0, 0, code, ts);
      return;
    }
    this.sink.execReport(OrderEvent.OrderCancelRejected, 0, cl, cl, id, 0, 0, 0, code, ts);
  }

  override onReplaced(inst: number, id: number, owner: number, _s: number, _op: Px, _oq: Qty, _np: Px, _nq: Qty, _k: number, ts: Nanos): void {
    if (owner !== this.owner) return;
    const old = this.ours(inst, id);
    const cl = this.pendingOf.get(old);
    if (old === 0 || cl === undefined) return;
    this.pendingOf.delete(old);
    this.pendingReplace.delete(cl);
    this.clOf.set(this.key(inst, id), cl);
    this.venueIdOf.delete(old);
    this.venueIdOf.set(cl, id);
    const cum = this.cumOf.get(old) ?? 0;
    this.cumOf.delete(old);
    this.cumOf.set(cl, cum);
    this.sink.execReport(OrderEvent.OrderReplaced, this.nextExecId(), cl, old, id, 0, 0, 0, 0, ts);
  }

  private forget(inst: number, id: number, cl: number): void {
    this.clOf.delete(this.key(inst, id));
    this.venueIdOf.delete(cl);
    this.qtyOf.delete(cl);
    this.cumOf.delete(cl);
  }

  /** Our orders the port still tracks as live (tests). */
  get liveOrders(): number {
    return this.venueIdOf.size;
  }

  /** kernel id of a venue instrument index (-1 when the kernel does not trade it). */
  kernelId(venueInst: number): number {
    return this.fromVenue[venueInst] ?? -1;
  }
}
