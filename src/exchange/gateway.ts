// The order-entry gateway: a FIX 4.4 application (FixApplication) in front of the Venue, and a
// VenueListener that turns the engines' events for its orders into ExecutionReports and
// OrderCancelRejects.
//
// Contract:
// - NewOrderSingle (D): OrdType 1 market / 2 limit; TimeInForce 0 DAY (default), 1 GTC, 3 IOC,
//   4 FOK, 6 GTD (ExpireTime 126 required); ExecInst 18 containing '6' (participate don't initiate)
//   is post-only. OrderCancelRequest (F), OrderCancelReplaceRequest (G: new Price and total OrderQty;
//   side, symbol and order type cannot change; the engine keeps queue priority on a size decrease at
//   the same price; TimeInForce and ExpireTime stay the order's), OrderStatusRequest (H: ExecType I).
//   Other application messages: BusinessMessageReject "unsupported message type".
// - Reports: ExecType / OrdStatus / CumQty / LeavesQty / AvgPx of the order after the event; LastQty
//   and LastPx on fills (at the maker's price); OrigClOrdID on replace and cancel reports. A replace or
//   cancel gives the order the request's ClOrdID. IOC and market remainders, unfillable FOKs and
//   self-match cancels are unsolicited Canceled reports; GTD and DAY expiries are Expired.
// - Rejects: malformed messages never get here (the FIX session rejects them against the dictionary
//   with a session-level Reject and its SessionRejectReason). Business rejects are ExecutionReports
//   with ExecType 8, OrdRejReason (1 unknown symbol, 3 exceeds limit, 6 duplicate, 11 unsupported
//   characteristic, 13 incorrect quantity, 99 other: off tick, price band, post-only cross, throttle)
//   and Text; cancel/replace failures are OrderCancelRejects (CxlRejReason 0 too late, 1 unknown
//   order, 6 duplicate ClOrdID, 99 other; CxlRejResponseTo 1/2).
// - Controls per client session (SessionPolicy): message throttle (reject above one count per window,
//   log out above a second), maximum order size, self-match prevention per session or per firm
//   (owner id), cancel-on-disconnect. Price bands are the Venue's collar; ticks and lots the engine's.
// - Ids: engine order ids are GATEWAY_ID_BASE + n (n is the OrderID 37), disjoint from the synthetic
//   agents' small ids on the same Venue; owners are 1_000_000 + n per session or firm.
// Threading: the venue, the sessions and this gateway belong to ONE thread (the Node event loop);
// every FIX message is handled to completion, reports included, before the next one.
// Time: `clock` gives venue time (ns since the session epoch, UTC midnight); `epochMs` converts it to
// UTC for TransactTime and ExpireTime. Allocation: one record object per order and the ClOrdID
// strings (map keys); reports are encoded into one reused buffer (reports.ts). benchGateway (bench.ts)
// measures the whole FIX path.

import type { Clock } from '../clock/clock.js';
import type { Nanos, Px, Qty } from '../core/units.js';
import { Reject } from '../core/rejects.js';
import type { FixMessageView } from '../fix/codec/decoder.js';
import { parseUtcTimestamp } from '../fix/codec/time.js';
import type { MessageStructure } from '../fix/dictionary/validate.js';
import { SessionCore } from '../fix/session/session-core.js';
import type { FixApplication, SessionHandle } from '../fix/session/types.js';
import { CancelReason, Flags, OrdType, SMP_SHIFT, Tif } from '../matching/types.js';
import { NoopVenueListener, type Venue } from '../sim/venue.js';
import { CxlRejReason, ExecType, OrdRejReason, OrdStatus, decimalsOf, hasExecInst, ordRejReasonOf, rejectTextOf, significantDecimals, tok } from './fields.js';
import { ReportWriter } from './reports.js';
import { ClientSession, GatewayCounters, OrderRec, defaultSessionPolicy, type SessionPolicy } from './orders.js';

export const GATEWAY_ID_BASE = 2 ** 40;
export const GATEWAY_OWNER_BASE = 1_000_000;

export interface GatewayOptions {
  venue: Venue;
  clock: Clock;
  /** Unix ms of the clock's zero (the session's UTC midnight). */
  epochMs: number;
  /** Policy of a client CompID (default: defaultSessionPolicy). */
  policy?: (compId: string) => SessionPolicy;
  /** Runs before each command at its time (the live runner catches the synthetic flow up to `now`). */
  beforeCommand?: (now: Nanos) => void;
  /** Runs after each FIX message was handled (the live runner flushes market data). */
  afterCommand?: (now: Nanos) => void;
}

const SMP_MODE: Record<SessionPolicy['selfMatch'], number> = { 'none': 0, 'cancel-newest': 1, 'cancel-oldest': 2, 'cancel-both': 3 };
const TIF_OF: Record<string, number> = { '0': Tif.Day, '1': Tif.Gtc, '3': Tif.Ioc, '4': Tif.Fok, '6': Tif.Gtd };

interface Pending {
  kind: 0 | 1 | 2; // none, cancel, replace
  rec: OrderRec | null;
  clOrdId: string;
  text: string;
}

export class Gateway extends NoopVenueListener implements FixApplication {
  readonly counters = new GatewayCounters();
  private readonly venue: Venue;
  private readonly clock: Clock;
  private readonly epochMs: number;
  private readonly policyOf: (compId: string) => SessionPolicy;
  private readonly before: (now: Nanos) => void;
  private readonly after: (now: Nanos) => void;
  private readonly byHandle = new Map<SessionHandle, ClientSession>();
  private readonly byCompId = new Map<string, ClientSession>();
  private readonly firmOwners = new Map<string, number>();
  private readonly byId = new Map<number, OrderRec>();
  private readonly decimals: number[];
  private readonly out: ReportWriter;
  private readonly pending: Pending = { kind: 0, rec: null, clOrdId: '', text: '' };
  /** OrderQty (total) of the replace in progress. */
  private pendingQty = 0;
  private nextOrder = 0;
  private nextOwner = GATEWAY_OWNER_BASE;

  constructor(opts: GatewayOptions) {
    super();
    this.venue = opts.venue;
    this.clock = opts.clock;
    this.epochMs = opts.epochMs;
    this.policyOf = opts.policy ?? (() => defaultSessionPolicy);
    this.before = opts.beforeCommand ?? (() => undefined);
    this.after = opts.afterCommand ?? (() => undefined);
    this.decimals = opts.venue.instruments.map((i) => {
      const d = decimalsOf(i.priceScale);
      if (d < 0) throw new Error(`gateway: ${i.symbol} priceScale must be a power of ten`);
      return d;
    });
    this.out = new ReportWriter(opts.epochMs, this.decimals);
    opts.venue.addListener(this);
  }

  /** The client session of a CompID (after its first logon). */
  session(compId: string): ClientSession | undefined {
    return this.byCompId.get(compId);
  }

  /** The record of an order by ClOrdID (any of its chain) in a client session. */
  order(compId: string, clOrdId: string): OrderRec | undefined {
    return this.byCompId.get(compId)?.orders.get(clOrdId);
  }

  // ---- FixApplication ----------------------------------------------------------------------------

  onLogon(h: SessionHandle): void {
    this.client(h);
  }

  onLogout(h: SessionHandle): void {
    const cs = this.byHandle.get(h);
    if (cs === undefined || !cs.policy.cancelOnDisconnect || cs.live.size === 0) return;
    const now = this.clock.now();
    this.before(now);
    for (const rec of [...cs.live]) {
      this.setPending(0, rec, '', 'cancel on disconnect');
      this.venue.cancel(rec.inst, rec.id, now);
      this.counters.cancelledOnDisconnect++;
    }
    this.pending.kind = 0;
    this.pending.text = '';
    this.after(now);
  }

  fromApp(v: FixMessageView, _s: MessageStructure | null, h: SessionHandle): number {
    const cs = this.client(h);
    const now = this.clock.now();
    this.counters.messages++;
    const mt = v.tokenAt(2); // a decoded message has 8, 9, 35 first
    // every application message counts against the throttle, unsupported ones too
    const t = cs.policy.throttle;
    if (now - cs.winStartNs >= t.windowMs * 1e6) {
      cs.winStartNs = now;
      cs.winCount = 0;
    }
    cs.winCount++;
    if (cs.winCount > t.disconnectAbove) {
      cs.throttleDisconnects++;
      this.counters.throttleDisconnects++;
      if (h instanceof SessionCore) {
        h.logout(`throttle: more than ${t.disconnectAbove} messages in ${t.windowMs} ms`);
        h.disconnect();
      }
      return -1;
    }
    if (mt !== 'D' && mt !== 'F' && mt !== 'G' && mt !== 'H') return 3;
    const throttled = cs.winCount > t.rejectAbove;
    if (throttled) {
      cs.throttled++;
      this.counters.throttled++;
    }
    this.before(now);
    if (mt === 'D') this.newOrder(v, cs, now, throttled);
    else if (mt === 'F' || mt === 'G') this.cancelOrReplace(v, cs, now, mt === 'G', throttled);
    else if (throttled) return 0;
    else this.status(v, cs, now);
    this.after(now);
    return -1;
  }

  private client(h: SessionHandle): ClientSession {
    let cs = this.byHandle.get(h);
    if (cs !== undefined) return cs;
    const compId = h.config.targetCompId;
    cs = this.byCompId.get(compId);
    if (cs === undefined) {
      const policy = this.policyOf(compId);
      let owner: number;
      if (policy.firm !== null) {
        owner = this.firmOwners.get(policy.firm) ?? this.nextOwner++;
        this.firmOwners.set(policy.firm, owner);
      } else owner = this.nextOwner++;
      cs = new ClientSession(compId, h, owner, SMP_MODE[policy.selfMatch] << SMP_SHIFT, policy);
      this.byCompId.set(compId, cs);
    }
    cs.handle = h;
    this.byHandle.set(h, cs);
    return cs;
  }

  // ---- requests ----------------------------------------------------------------------------------

  private newOrder(v: FixMessageView, cs: ClientSession, now: Nanos, throttled: boolean): void {
    this.counters.orders++;
    const clOrdId = v.get(11) ?? '';
    const symbol = v.get(55) ?? '';
    const inst = this.venue.indexOf(symbol);
    const side = tok(v, 54);
    const ordTypeCh = tok(v, 40);
    const tifCh = v.has(59) ? tok(v, 59) : '0';
    const execInst = v.get(18) ?? '';
    const expireTime = v.get(126) ?? '';
    const dec = inst >= 0 ? this.decimals[inst] : 4;
    const qi = v.indexOf(38);
    const qty = qi < 0 ? NaN : significantDecimals(v.buf, v.valueStart[qi], v.valueEnd[qi]) > 0 ? NaN : v.priceAt(qi, 1);
    const pi = v.indexOf(44);
    const px = pi < 0 ? 0 : significantDecimals(v.buf, v.valueStart[pi], v.valueEnd[pi]) > dec ? -1 : v.priceAt(pi, 10 ** dec);
    const id = GATEWAY_ID_BASE + ++this.nextOrder;
    const rec = new OrderRec(id, String(this.nextOrder), cs, inst, symbol, side, side === '1' ? 0 : 1, ordTypeCh, tifCh, execInst, expireTime, clOrdId, px > 0 ? px : 0, qty === qty ? qty : 0);
    const tif = TIF_OF[tifCh];
    const ordType = ordTypeCh === '1' ? OrdType.Market : ordTypeCh === '2' ? OrdType.Limit : 0;
    let expireNs = 0;
    if (expireTime !== '') {
      const ei = v.indexOf(126);
      expireNs = (parseUtcTimestamp(v.buf, v.valueStart[ei], v.valueEnd[ei]) - this.epochMs) * 1e6;
    }
    // Gateway checks, in the order a client can fix them: identity, instrument, order shape, size, price.
    let code = 0;
    let reason = -1;
    let text = '';
    if (throttled) [reason, text] = [OrdRejReason.Other, 'throttle: message rate above the limit'];
    else if (cs.orders.has(clOrdId)) [reason, text] = [OrdRejReason.DuplicateOrder, 'duplicate ClOrdID'];
    else if (inst < 0) code = Reject.MatchUnknownInstrument;
    else if (side !== '1' && side !== '2') [reason, text] = [OrdRejReason.UnsupportedOrderCharacteristic, `unsupported Side ${side}`];
    else if (ordType === 0) code = Reject.MatchBadOrderType;
    else if (tif === undefined) code = Reject.MatchBadTimeInForce;
    else if (tif === Tif.Gtd && expireTime === '') [reason, text] = [OrdRejReason.Other, 'GTD needs ExpireTime'];
    else if (!(qty > 0)) code = Reject.MatchBadQty;
    else if (cs.policy.maxOrderQty > 0 && qty > cs.policy.maxOrderQty) [reason, text] = [OrdRejReason.OrderExceedsLimit, `OrderQty above the session limit ${cs.policy.maxOrderQty}`];
    else if (ordType === OrdType.Limit && pi < 0) [reason, text] = [OrdRejReason.Other, 'a limit order needs Price'];
    else if (ordType === OrdType.Limit && px < 0) code = Reject.MatchOffTick;
    if (code !== 0 || reason >= 0) {
      if (reason < 0) [reason, text] = [ordRejReasonOf(code), rejectTextOf(code)];
      if (!cs.orders.has(clOrdId)) cs.orders.set(clOrdId, rec);
      this.reject(rec, reason, text, now);
      return;
    }
    cs.orders.set(clOrdId, rec);
    this.byId.set(id, rec);
    const flags = (execInst !== '' && hasExecInst(execInst, '6') ? Flags.PostOnly : 0) | cs.smpFlags;
    this.venue.newOrder(inst, id, cs.owner, rec.engineSide, ordType, tif, ordType === OrdType.Limit ? px : 0, qty, flags, expireNs, now);
  }

  private cancelOrReplace(v: FixMessageView, cs: ClientSession, now: Nanos, replace: boolean, throttled: boolean): void {
    const clOrdId = v.get(11) ?? '';
    const orig = v.get(41) ?? '';
    const rec = cs.orders.get(orig) ?? null;
    this.setPending(replace ? 2 : 1, rec, clOrdId, '');
    const fail = (reason: number, text: string) => this.cancelReject(cs, rec, clOrdId, orig, replace, reason, text, now);
    if (throttled) return fail(CxlRejReason.Other, 'throttle: message rate above the limit');
    if (cs.orders.has(clOrdId)) return fail(CxlRejReason.DuplicateClOrdId, 'duplicate ClOrdID');
    if (rec === null) return fail(CxlRejReason.UnknownOrder, 'unknown order');
    if (rec.done) return fail(CxlRejReason.TooLateToCancel, 'order already done');
    if (tok(v, 54) !== rec.side || (v.get(55) ?? '') !== rec.symbol) return fail(CxlRejReason.Other, 'Side and Symbol must match the order');
    if (!replace) {
      this.venue.cancel(rec.inst, rec.id, now);
      this.pending.kind = 0;
      return;
    }
    if (tok(v, 40) !== rec.ordType || rec.ordType !== '2') return fail(CxlRejReason.Other, 'only limit orders can be replaced, and OrdType cannot change');
    const dec = this.decimals[rec.inst];
    const qi = v.indexOf(38);
    const pi = v.indexOf(44);
    const qty = qi < 0 ? NaN : significantDecimals(v.buf, v.valueStart[qi], v.valueEnd[qi]) > 0 ? NaN : v.priceAt(qi, 1);
    if (!(qty > rec.cumQty)) return fail(CxlRejReason.Other, 'OrderQty must exceed the filled quantity');
    if (cs.policy.maxOrderQty > 0 && qty > cs.policy.maxOrderQty) return fail(CxlRejReason.Other, `OrderQty above the session limit ${cs.policy.maxOrderQty}`);
    if (pi < 0) return fail(CxlRejReason.Other, 'a limit order needs Price');
    if (significantDecimals(v.buf, v.valueStart[pi], v.valueEnd[pi]) > dec) return fail(CxlRejReason.Other, rejectTextOf(Reject.MatchOffTick));
    this.pendingQty = qty;
    this.venue.replace(rec.inst, rec.id, v.priceAt(pi, 10 ** dec), qty - rec.cumQty, now);
    this.pending.kind = 0;
  }

  private status(v: FixMessageView, cs: ClientSession, now: Nanos): void {
    const clOrdId = v.get(11) ?? '';
    this.out.status(cs, cs.orders.get(clOrdId), clOrdId, v.get(790), v.get(55) ?? '', tok(v, 54), now);
  }

  private setPending(kind: 0 | 1 | 2, rec: OrderRec | null, clOrdId: string, text: string): void {
    const p = this.pending;
    p.kind = kind;
    p.rec = rec;
    p.clOrdId = clOrdId;
    p.text = text;
  }

  // ---- reports ----------------------------------------------------------------------------------

  private report(rec: OrderRec, execType: string, ts: Nanos, lastQty: Qty, lastPx: Px, text: string, rejReason: number): void {
    this.out.execution(rec, execType, ts, lastQty, lastPx, text, rejReason);
  }

  private reject(rec: OrderRec, reason: number, text: string, ts: Nanos): void {
    this.counters.rejects++;
    rec.terminal = OrdStatus.Rejected;
    rec.leaves = 0;
    this.report(rec, ExecType.Rejected, ts, 0, 0, text, reason);
  }

  private cancelReject(cs: ClientSession, rec: OrderRec | null, clOrdId: string, orig: string, replace: boolean, reason: number, text: string, ts: Nanos): void {
    this.counters.cancelRejects++;
    this.pending.kind = 0;
    this.out.cancelReject(cs, rec, clOrdId, orig, replace, reason, text, ts);
  }

  private finish(rec: OrderRec): void {
    rec.leaves = 0;
    rec.session.live.delete(rec);
    this.byId.delete(rec.id);
  }

  // ---- VenueListener: engine events for gateway orders --------------------------------------------

  override onAccepted(_i: number, id: number, _o: number, _s: number, _t: number, _f: number, _px: Px, _q: Qty, ts: Nanos): void {
    const rec = id >= GATEWAY_ID_BASE ? this.byId.get(id) : undefined;
    if (rec === undefined) return;
    rec.session.live.add(rec);
    this.report(rec, ExecType.New, ts, 0, 0, '', -1);
  }

  override onRejected(_i: number, id: number, _o: number, code: number, ts: Nanos): void {
    const rec = id >= GATEWAY_ID_BASE ? this.byId.get(id) : undefined;
    if (rec === undefined) return;
    this.finish(rec);
    this.reject(rec, ordRejReasonOf(code), rejectTextOf(code), ts);
  }

  override onFill(
    _i: number, makerId: number, _mo: number, takerId: number, _to: number, _side: number, px: Px, qty: Qty,
    makerLeaves: Qty, takerLeaves: Qty, _mf: number, _tf: number, _m: number, ts: Nanos,
  ): void {
    if (makerId >= GATEWAY_ID_BASE) this.fill(makerId, px, qty, makerLeaves, ts);
    if (takerId >= GATEWAY_ID_BASE) this.fill(takerId, px, qty, takerLeaves, ts);
  }

  private fill(id: number, px: Px, qty: Qty, leaves: Qty, ts: Nanos): void {
    const rec = this.byId.get(id);
    if (rec === undefined) return;
    this.counters.fills++;
    rec.cumQty += qty;
    rec.notional += px * qty;
    rec.leaves = leaves;
    if (rec.cumQty >= rec.orderQty) this.finish(rec);
    this.report(rec, ExecType.Trade, ts, qty, px, '', -1);
  }

  override onCancelled(_i: number, id: number, _o: number, _s: number, _px: Px, _q: Qty, reason: number, _r: number, ts: Nanos): void {
    const rec = id >= GATEWAY_ID_BASE ? this.byId.get(id) : undefined;
    if (rec === undefined) return;
    const p = this.pending;
    let text = p.text;
    if (reason === CancelReason.Requested && p.kind === 1 && p.rec === rec) {
      rec.origClOrdId = rec.clOrdId;
      rec.clOrdId = p.clOrdId;
      rec.session.orders.set(p.clOrdId, rec);
    } else if (reason === CancelReason.IocRemainder) text = 'unfilled remainder of an immediate order';
    else if (reason === CancelReason.FokUnfilled) text = 'fill or kill: not enough liquidity';
    else if (reason === CancelReason.SelfMatchTaker || reason === CancelReason.SelfMatchMaker) text = 'self-match prevention';
    rec.terminal = OrdStatus.Canceled;
    this.finish(rec);
    this.report(rec, ExecType.Canceled, ts, 0, 0, text, -1);
  }

  override onCancelRejected(_i: number, id: number, kind: number, code: number, ts: Nanos): void {
    const p = this.pending;
    const rec = id >= GATEWAY_ID_BASE ? this.byId.get(id) : undefined;
    if (rec === undefined || p.kind === 0 || p.rec !== rec) return;
    const reason = code === Reject.MatchUnknownOrder ? CxlRejReason.TooLateToCancel : code === Reject.MatchHalted ? CxlRejReason.ExchangeOption : CxlRejReason.Other;
    this.cancelReject(rec.session, rec, p.clOrdId, rec.clOrdId, kind === 2, reason, rejectTextOf(code), ts);
  }

  override onReplaced(_i: number, id: number, _o: number, _s: number, _op: Px, _oq: Qty, newPx: Px, newQty: Qty, _k: number, ts: Nanos): void {
    const rec = id >= GATEWAY_ID_BASE ? this.byId.get(id) : undefined;
    const p = this.pending;
    if (rec === undefined || p.kind !== 2 || p.rec !== rec) return;
    rec.origClOrdId = rec.clOrdId;
    rec.clOrdId = p.clOrdId;
    rec.session.orders.set(p.clOrdId, rec);
    rec.px = newPx;
    rec.orderQty = this.pendingQty;
    rec.leaves = newQty;
    this.report(rec, ExecType.Replaced, ts, 0, 0, '', -1);
  }

  override onExpired(_i: number, id: number, _o: number, _s: number, _px: Px, _q: Qty, _r: number, ts: Nanos): void {
    const rec = id >= GATEWAY_ID_BASE ? this.byId.get(id) : undefined;
    if (rec === undefined) return;
    rec.terminal = OrdStatus.Expired;
    this.finish(rec);
    this.report(rec, ExecType.Expired, ts, 0, 0, '', -1);
  }
}
