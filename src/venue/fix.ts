// The FIX venue port: orders leave as FIX 4.4 NewOrderSingle (D), OrderCancelRequest (F) and
// OrderCancelReplaceRequest (G) application bodies, handed to an output (a FIX session's sendApp, or an
// encoder that writes the whole message into a buffer for the kernel benchmark); ExecutionReports (8) and
// OrderCancelRejects (9) come back through `fromApp` (this class is the session's FixApplication) and go to
// the kernel's ring as ExecReport fields.
//
// Contract (besides ./types.ts):
// - ClOrdID (11), OrigClOrdID (41), OrderID (37) and ExecID (17) are decimal integers on the wire (our
//   ids are integers; a venue whose OrderID/ExecID are not integers gets them hashed: FNV-1a 52-bit).
// - Prices go out as decimals of the instrument's priceScale (trailing zeros trimmed: 1900100 at scale
//   10_000 is "190.01"); LastPx comes back parsed straight into price units (no float).
// - TransactTime (60) is the kernel's `now` converted with `epochMs` (Unix ms of the session epoch).
// - Report mapping: ExecType 0 Accepted, 4 Cancelled, 5 Replaced, 8 Rejected, C Expired, 3 DoneForDay,
//   F Trade -> Filled when LeavesQty (151) is 0 else PartiallyFilled; MsgType 9 -> OrderCancelRejected.
//   Fees are not on the gateway's reports: fee 0 (commission tags are not parsed yet).
// - Reconciliation: requestStatus sends OrderStatusRequest (H: ClOrdID, Symbol, Side); the answer, an
//   ExecutionReport with ExecType I, goes to the sink's orderStatus with OrdStatus (39) as an OMS status
//   code, CumQty (14), LeavesQty (151), AvgPx (6, kept to 4 more decimals than the price scale) and
//   OrderQty (38). OrderID "NONE" (the venue does not know the ClOrdID) is orderId 0. onConnected (set by
//   the driver, called at each logon) is where a reconnect starts reconciliation.
// Hot path: the body is written into one reused buffer with hand-rolled integer/decimal writers and
// handed to the output with its length; nothing is allocated per order (the session output makes a view).

import type { FixMessageView } from '../fix/codec/decoder.js';
import { writeUtcTimestamp } from '../fix/codec/time.js';
import { FixEncoder } from '../fix/codec/encoder.js';
import type { FixApplication } from '../fix/session/types.js';
import { OrderEvent } from '../core/events.js';
import { SIDE_BID } from '../core/units.js';
import type { Nanos, Px, Qty, Side } from '../core/units.js';
import { OrdStatus } from '../oms/table.js';
import { TimeInForce, type VenueEventSink, type VenuePort } from './types.js';

/** Where encoded application bodies go. */
export interface FixOrderOutput {
  /** The body is body[0, len), valid only during the call. Returns false when it could not be sent (not logged on). */
  sendApp(msgType: string, body: Buffer, len: number): boolean;
}

/** Wraps a FIX session (FixSession / SessionHandle) as an output (the session copies the body into its message). */
export function sessionOutput(session: { sendApp(msgType: string, headerExtra: Array<[number, string]>, body: Uint8Array): boolean }): FixOrderOutput {
  const none: Array<[number, string]> = [];
  return { sendApp: (t, b, n) => session.sendApp(t, none, b.subarray(0, n)) };
}

/**
 * Writes the complete message (header 8/9/35/49/56/34/52, the body, CheckSum) with the FIX encoder into
 * its buffer: the bytes a socket would get. For benchmarks and tests: nothing is sent.
 */
export class EncoderOutput implements FixOrderOutput {
  readonly encoder: FixEncoder;
  seq = 0;
  /** Bytes of the last message: encoder.buf[start, end). */
  start = 0;
  end = 0;
  messages = 0;
  private readonly route: Buffer;
  constructor(sender = 'HFTBOT', target = 'EXCH', beginString = 'FIX.4.4') {
    this.encoder = new FixEncoder(beginString, 4096);
    this.route = Buffer.from(`49=${sender}\x0156=${target}\x01`, 'latin1');
  }
  sendApp(msgType: string, body: Buffer, len: number): boolean {
    const e = this.encoder;
    e.begin(msgType).raw(this.route).int(34, ++this.seq).raw(body, 0, len);
    this.end = e.finishRaw();
    this.start = e.outStart;
    this.messages++;
    return true;
  }
}

const SOH = 1;
const POW10 = Array.from({ length: 17 }, (_, i) => 10 ** i);
const TAG_BYTES: Uint8Array[] = [];
for (const t of [11, 38, 40, 41, 44, 54, 55, 59, 60]) TAG_BYTES[t] = Uint8Array.from(Buffer.from(`${t}=`, 'latin1'));
const NULL_SINK: VenueEventSink = { execReport() {} };

/** FIX OrdStatus (39) character -> OMS status code (src/oms/table.ts); -1 when unknown. */
const ORD_STATUS = new Int8Array(128).fill(-1);
ORD_STATUS[0x41] = OrdStatus.PendingNew;
ORD_STATUS[0x30] = OrdStatus.New;
ORD_STATUS[0x31] = OrdStatus.PartiallyFilled;
ORD_STATUS[0x32] = OrdStatus.Filled;
ORD_STATUS[0x36] = OrdStatus.PendingCancel;
ORD_STATUS[0x34] = OrdStatus.Cancelled;
ORD_STATUS[0x45] = OrdStatus.PendingReplace;
ORD_STATUS[0x38] = OrdStatus.Rejected;
ORD_STATUS[0x43] = OrdStatus.Expired;
ORD_STATUS[0x33] = OrdStatus.DoneForDay;

/** Integer id of a FIX id field: its digits, else a 52-bit FNV-1a hash of its bytes. */
function idAt(v: FixMessageView, tag: number): number {
  const i = v.indexOf(tag);
  if (i < 0) return 0;
  const n = v.intAt(i);
  if (n >= 0) return n;
  let h = 0xcbf29ce4;
  let l = 0x84222325;
  for (let p = v.valueStart[i]; p < v.valueEnd[i]; p++) {
    l = Math.imul(l ^ v.buf[p], 0x01000193) >>> 0;
    h = (h + (l >>> 7)) % 1048576;
  }
  return h * 4294967296 + l;
}

export interface FixPortOptions {
  /** Symbols by kernel instrument id. */
  symbols: readonly string[];
  /** priceScale by kernel instrument id (default 10_000 each). */
  priceScales?: readonly number[];
  /** Unix ms of the session epoch (TransactTime = epochMs + now / 1e6). */
  epochMs: number;
}

export class FixVenuePort implements VenuePort, FixApplication {
  readonly kind = 'fix';
  private sink: VenueEventSink = NULL_SINK;
  private readonly body = Buffer.alloc(512);
  private pos = 0;
  private readonly symbols: Buffer[];
  private readonly scales: number[];
  private readonly decimals: number[];
  private readonly bySymbol = new Map<string, number>();
  private readonly epochMs: number;
  /** Messages the output refused (not logged on): each also reported as a reject / cancel reject. */
  unsent = 0;
  /** Application messages received that are not reports (ignored). */
  ignored = 0;

  constructor(private readonly out: FixOrderOutput, opts: FixPortOptions) {
    this.symbols = opts.symbols.map((s) => Buffer.from(s, 'latin1'));
    this.scales = opts.symbols.map((_, i) => opts.priceScales?.[i] ?? 10_000);
    this.decimals = this.scales.map((s) => Math.round(Math.log10(s)));
    opts.symbols.forEach((s, i) => this.bySymbol.set(s, i));
    this.epochMs = opts.epochMs;
  }

  attach(sink: VenueEventSink): void {
    this.sink = sink;
  }

  onMarket(): void {}

  submit(clOrdId: number, instrument: number, side: Side, qty: Qty, px: Px, tif: number, now: Nanos): void {
    this.pos = 0;
    this.int(11, clOrdId);
    this.sym(instrument);
    this.ch(54, side === SIDE_BID ? 0x31 : 0x32);
    this.time(now);
    this.int(38, qty);
    this.ch(40, 0x32);
    this.dec(44, px, instrument);
    this.ch(59, tif === TimeInForce.Ioc ? 0x33 : tif === TimeInForce.Gtc ? 0x31 : 0x30);
    if (!this.out.sendApp('D', this.body, this.pos)) {
      this.unsent++;
      this.sink.execReport(OrderEvent.OrderRejected, 0, clOrdId, 0, 0, 0, 0, 0, -1, now);
    }
  }

  cancel(clOrdId: number, origClOrdId: number, instrument: number, side: Side, now: Nanos): void {
    this.pos = 0;
    this.int(41, origClOrdId);
    this.int(11, clOrdId);
    this.sym(instrument);
    this.ch(54, side === SIDE_BID ? 0x31 : 0x32);
    this.time(now);
    if (!this.out.sendApp('F', this.body, this.pos)) {
      this.unsent++;
      this.sink.execReport(OrderEvent.OrderCancelRejected, 0, clOrdId, origClOrdId, 0, 0, 0, 0, -1, now);
    }
  }

  replace(clOrdId: number, origClOrdId: number, instrument: number, side: Side, qty: Qty, px: Px, now: Nanos): void {
    this.pos = 0;
    this.int(41, origClOrdId);
    this.int(11, clOrdId);
    this.sym(instrument);
    this.ch(54, side === SIDE_BID ? 0x31 : 0x32);
    this.time(now);
    this.int(38, qty);
    this.ch(40, 0x32);
    this.dec(44, px, instrument);
    if (!this.out.sendApp('G', this.body, this.pos)) {
      this.unsent++;
      this.sink.execReport(OrderEvent.OrderCancelRejected, 0, clOrdId, origClOrdId, 0, 0, 0, 0, -1, now);
    }
  }

  requestStatus(clOrdId: number, _orderId: number, instrument: number, side: Side, _now: Nanos): void {
    this.pos = 0;
    this.int(11, clOrdId);
    this.sym(instrument);
    this.ch(54, side === SIDE_BID ? 0x31 : 0x32);
    if (!this.out.sendApp('H', this.body, this.pos)) this.unsent++; // not logged on: reconcile again once it is
  }

  /** An ExecutionReport with ExecType I (order status): to the sink's orderStatus. Cold. */
  private status(v: FixMessageView): void {
    const oi = v.indexOf(37);
    const none = oi < 0 || (v.valueEnd[oi] - v.valueStart[oi] === 4 && v.buf[v.valueStart[oi]] === 0x4e); // "NONE"
    const si = v.indexOf(55);
    const inst = si < 0 ? -1 : (this.bySymbol.get(v.stringAt(si)) ?? -1);
    const scale = inst < 0 ? 10_000 : this.scales[inst];
    const ai = v.indexOf(6);
    const avg = ai < 0 ? 0 : v.priceAt(ai, scale * 10_000) / 10_000;
    const st = ORD_STATUS[v.char(39) & 0x7f];
    this.sink.orderStatus?.(idAt(v, 11), none ? 0 : idAt(v, 37), st < 0 ? OrdStatus.Rejected : st, v.int(14, 0), v.int(151, 0), avg === avg ? avg : 0, v.int(38, 0), 0);
  }

  /**
   * Called at every logon of the session this port is the application of (FixApplication.onLogon): the
   * driver sets it to reconcile (`() => kernel.reconcile()`), so after a reconnect the kernel asks the
   * venue for every open order's status. Runs on the kernel's thread, outside any kernel event.
   */
  onConnected: (() => void) | null = null;
  /** Logons seen. */
  logons = 0;

  onLogon(): void {
    this.logons++;
    if (this.onConnected !== null) this.onConnected();
  }

  // ---- FixApplication: reports in ----

  fromApp(v: FixMessageView): number {
    const mt = v.char(35);
    const now = 0;
    if (mt === 0x39) { // '9' OrderCancelReject
      this.sink.execReport(OrderEvent.OrderCancelRejected, 0, idAt(v, 11), idAt(v, 41), idAt(v, 37), 0, 0, 0, v.int(102, 0), now);
      return -1;
    }
    if (mt !== 0x38) { // not '8'
      this.ignored++;
      return -1;
    }
    let ev = 0;
    switch (v.char(150)) {
      case 0x30: ev = OrderEvent.OrderAccepted; break;
      case 0x34: ev = OrderEvent.OrderCancelled; break;
      case 0x35: ev = OrderEvent.OrderReplaced; break;
      case 0x38: ev = OrderEvent.OrderRejected; break;
      case 0x43: ev = OrderEvent.OrderExpired; break;
      case 0x33: ev = OrderEvent.OrderDoneForDay; break;
      case 0x46: ev = v.int(151, 0) === 0 ? OrderEvent.OrderFilled : OrderEvent.OrderPartiallyFilled; break;
      case 0x49: // 'I' order status
        this.status(v);
        return -1;
      default:
        this.ignored++;
        return -1;
    }
    let lastQty = 0;
    let lastPx = 0;
    if (ev === OrderEvent.OrderFilled || ev === OrderEvent.OrderPartiallyFilled) {
      lastQty = v.int(32, 0);
      const si = v.indexOf(55);
      const inst = si < 0 ? -1 : (this.bySymbol.get(v.stringAt(si)) ?? -1);
      const pi = v.indexOf(31);
      lastPx = pi < 0 ? 0 : v.priceAt(pi, inst < 0 ? 10_000 : this.scales[inst]);
    }
    this.sink.execReport(ev, idAt(v, 17), idAt(v, 11), idAt(v, 41), idAt(v, 37), lastQty, lastPx, 0, v.int(103, 0), now);
    return -1;
  }

  // ---- body writers (no allocation) ----

  /** "tag=" from a table of precomputed bytes (the tags this port writes). */
  private tag(t: number): void {
    const bytes = TAG_BYTES[t];
    const b = this.body;
    let p = this.pos;
    for (let i = 0; i < bytes.length; i++) b[p++] = bytes[i];
    this.pos = p;
  }

  private digits(v: number): void {
    const b = this.body;
    if (v === 0) { b[this.pos++] = 0x30; return; }
    let n = 1;
    while (n < 16 && v >= POW10[n]) n++;
    let p = this.pos + n;
    this.pos = p;
    if (v < 2147483648) {
      for (let x = v; x > 0; ) { const q = (x / 10) | 0; b[--p] = 0x30 + x - q * 10; x = q; }
    } else {
      for (let x = v; x > 0; ) { const q = Math.floor(x / 10); b[--p] = 0x30 + x - q * 10; x = q; }
    }
  }

  private int(t: number, v: number): void {
    this.tag(t);
    this.digits(v);
    this.body[this.pos++] = SOH;
  }

  private ch(t: number, c: number): void {
    this.tag(t);
    this.body[this.pos++] = c;
    this.body[this.pos++] = SOH;
  }

  private sym(inst: number): void {
    this.tag(55);
    const s = this.symbols[inst];
    const b = this.body;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) b[p++] = s[i]; // a byte loop: Buffer.copy costs ~100 ns for 4 bytes
    b[p++] = SOH;
    this.pos = p;
  }

  /** Price units -> decimal text with trailing zeros trimmed. */
  private dec(t: number, px: number, inst: number): void {
    this.tag(t);
    const scale = this.scales[inst];
    const ip = Math.floor(px / scale);
    let frac = px - ip * scale;
    this.digits(ip);
    if (frac > 0) {
      let d = this.decimals[inst];
      while (frac % 10 === 0) { frac /= 10; d--; }
      this.body[this.pos++] = 0x2e;
      const b = this.body;
      const end = this.pos + d;
      for (let p = end - 1; p >= this.pos; p--) { b[p] = 0x30 + (frac % 10); frac = Math.floor(frac / 10); }
      this.pos = end;
    }
    this.body[this.pos++] = SOH;
  }

  /** TransactTime; the text is cached per millisecond (orders come in bursts within one ms). */
  private time(now: Nanos): void {
    this.tag(60);
    const ms = this.epochMs + Math.floor(now / 1e6);
    const t = this.timeText;
    if (ms !== this.timeMs) {
      writeUtcTimestamp(t, 0, ms, true);
      this.timeMs = ms;
    }
    const b = this.body;
    let p = this.pos;
    for (let i = 0; i < 21; i++) b[p++] = t[i];
    b[p++] = SOH;
    this.pos = p;
  }

  private readonly timeText = Buffer.alloc(24);
  private timeMs = NaN;
}
