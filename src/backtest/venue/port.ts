// BacktestVenuePort: the simulated venue of a backtest. The strategy's orders are filled against the
// REPLAYED market (the venue's own copy of the book, ./venue-book.ts, at exchange time), with latency,
// queue position, partial fills, fees and optional impact. Same VenuePort contract as the other ports
// (src/venue/types.ts): the kernel calls submit/cancel/replace; reports go to the sink.
//
// How a runner drives it (the backtest loop, in global time order):
// 1. Each market event at exchange time ts goes to the venue first: ITCH bytes to port.feedItch(), or any
//    feed handler (LOBSTER, Databento) pointed at `port.market` (a BookSink). Before the event changes
//    the book, the commands that reached the venue at or before ts act (on the book as it was just
//    before the event). L2 data: prints go to port.trade(), size changes to market.levelDelta().
// 2. The strategy sees the same event later, at port.feedTime(ts) (feed latency; FIFO, never reordered):
//    set the kernel's clock there, hand it the event, and before kernel.poll() call port.advance(clock)
//    so reports due by then are in the kernel's ring. Reports reach the sink ONLY from advance(): step
//    the clock to port.nextEventTime() (== nextDue()) whenever that comes before the next market event or
//    feed delivery, so each report reaches the kernel at its own time.
// Everything the kernel does at time t must happen before any market event with ts > t is given to the
// venue, so the venue never sees a command from the future of its book.
// Shared book (feedLatencyZero): with no feed latency the strategy's book and the venue's are the same
// book at the same time, so a runner may build the kernel on `book` (KernelPorts.books) and give each
// event to the kernel only: the book's hooks then act inside the kernel's feed event (commands due by ts
// first, then the queue accounting, then the book change), as steps 1 and 2 would (src/backtest/loop.ts).
//
// Model and assumptions (each part's details in its file):
// - Latency (./latency.ts): a command sent at `now` arrives at now + orderLatency; the venue's reports
//   are stamped and released at venueTime + reportLatency. Both links are FIFO (a later message never
//   overtakes an earlier one), so an order always arrives before its cancel.
// - Aggressive orders (marketable on arrival, or after a replace): fill at once against the visible
//   opposite levels, best first, each level at its price, up to the order's limit (walk the book,
//   partial fills). What is left is cancelled for IOC, rests for Day/GTC. Our fills do NOT remove
//   liquidity from the replayed book (the data shows what happened without us); the optional impact
//   model (./impact.ts) hides what we took from our own later aggressive orders while it decays.
// - Passive orders: queue position by the chosen model (./queue.ts: exact FIFO on L3, risk-adverse or
//   probabilistic on L2). A resting order fills at ITS price when (a) a print at its price gets past
//   the queue ahead of it, (b) a print happens at a price worse than ours for the aggressor (the market
//   traded through us: we would have been hit first), or (c) new opposite liquidity arrives at or
//   through our price (an incoming order would have crossed us). Each fill is at most the print's (or
//   the incoming order's) size; our orders priced through the print come first, then ours at its price
//   in arrival order, all from the one print. Hidden executions (ITCH P) are not seen.
// - Fees (./fees.ts): maker for passive fills, taker for aggressive ones, in the sink's `fee`.
// - Cancels/replaces act when they arrive: an order that filled (or was cancelled) meanwhile gets
//   OrderCancelRejected (reason MatchUnknownOrder). A replace keeps queue priority only when the price
//   is unchanged and the quantity does not grow; otherwise it is a new arrival (back of the queue, and
//   an aggressive check at the new price). A replace to a quantity not above what has filled is rejected.
// - A cleared instrument (BookSink.clear, Databento 'R') cancels our orders on it (queue position is
//   lost with the book; hftbacktest does the same). Trading status is not modelled (no halt rejects).
// - Our orders never trade with each other (the kernel's risk checks self-trade).
// Report conventions as ShadowVenuePort: cancels report the order's clOrdId; cancel rejects carry the
// request's clOrdId and the order's as origClOrdId, execId 0. Order ids are 1, 2, ... per port.
// Determinism: no system time, no Math.random; the only randomness is the seeded latency models'.
// Allocation: resting orders and in-flight queues in typed arrays; nothing per market event.

import type { BookSink, L3BookView } from '../../book/types.js';
import { InstrumentRegistry, usEquity } from '../../core/instruments.js';
import { ItchBookHandler } from '../../feed/itch/book-handler.js';
import type { L3BooksOptions } from '../../book/l3.js';
import { OrderEvent } from '../../core/events.js';
import { Reject } from '../../core/rejects.js';
import type { Nanos, Px, Qty, Side } from '../../core/units.js';
import { TimeInForce, type VenueEventSink, type VenuePort } from '../../venue/types.js';
import { Fees, type FeeSchedule } from './fees.js';
import { ImpactMemory, type ImpactOptions } from './impact.js';
import { FifoLink, constantLatency, isZeroLatency, type LatencyModel } from './latency.js';
import { VenueCore } from './core.js';
import { queueModelCode, type QueueModelKind } from './queue.js';
import { CMD_CANCEL, CMD_NEW, CMD_REPLACE, CommandQueue } from './queues.js';
import { VenueBook } from './venue-book.js';

export interface BacktestVenueOptions {
  /** Strategy -> venue (default constant 0). */
  orderLatency?: LatencyModel;
  /** Venue -> strategy (default constant 0). */
  reportLatency?: LatencyModel;
  /** Exchange -> strategy's feed, applied by feedTime() (default constant 0). */
  feedLatency?: LatencyModel;
  /** Queue-position model (default 'fifo'). */
  queue?: QueueModelKind;
  /** Exponent n of 'prob-power' (default 2). */
  queuePower?: number;
  fees?: FeeSchedule;
  /** Market impact of our aggressive fills (default none). */
  impact?: ImpactOptions | null;
  /** Most resting orders of ours at once (default 1024). */
  capacity?: number;
  /** Options of the venue's book. */
  book?: L3BooksOptions;
  /**
   * For feedItch: the kernel's instruments in its order (buildKernel's `instruments`), so ITCH symbols map
   * to the kernel's ids (symbols announced later get the next ids in both, in the same order). Or pass
   * the registry itself.
   */
  symbols?: readonly string[];
  registry?: InstrumentRegistry;
}

const NULL_SINK: VenueEventSink = { execReport() {} };
/**
 * The venue book's initial order capacity (it doubles as needed). Small on purpose: the id table is
 * sized from it and every add/cancel probes it at a random cell, so a table that fits the CPU cache
 * (4,096 orders: 8,192 cells, ~100 KB) is measurably faster per event than the L3 default's 1.5 MB
 * (src/backtest/bench.ts, ~10% of the loop on a 2-symbol synthetic day).
 */
const BOOK_ORDERS = 1 << 12;

export class BacktestVenuePort extends VenueCore implements VenuePort {
  // VenuePort.kind has no 'backtest' member (src/venue/types.ts is not ours): 'sim' is the closest.
  readonly kind = 'sim';
  private readonly impact: ImpactMemory | null;
  private readonly orderLink: FifoLink;
  private readonly feedLink: FifoLink;
  private readonly cmds = new CommandQueue();
  private sink: VenueEventSink = NULL_SINK;
  private orderSeq = 0;
  /** ITCH 5.0 into the venue's book (feedItch), ids from `registry`. */
  readonly registry: InstrumentRegistry;
  private readonly itch: ItchBookHandler;
  /** The venue's clock: the latest command arrival or market event it handled. */
  venueNow = 0;

  constructor(opts: BacktestVenueOptions = {}) {
    super(
      new VenueBook({ initialOrders: BOOK_ORDERS, ...opts.book }), queueModelCode(opts.queue ?? 'fifo'), opts.queuePower ?? 2, new Fees(opts.fees ?? {}),
      new FifoLink(opts.reportLatency ?? constantLatency(0)), opts.capacity ?? 1024,
    );
    this.book.hooks = this;
    this.impact = opts.impact ? new ImpactMemory(opts.impact) : null;
    this.orderLink = new FifoLink(opts.orderLatency ?? constantLatency(0));
    this.feedLink = new FifoLink(opts.feedLatency ?? constantLatency(0));
    if (opts.registry !== undefined) {
      this.registry = opts.registry;
    } else {
      this.registry = new InstrumentRegistry();
      for (const sym of opts.symbols ?? []) this.registry.register(usEquity(sym));
    }
    this.itch = new ItchBookHandler(this.book, this.registry);
  }

  /** Where the replayed market goes (exchange time): the venue's book, which drives fills. */
  get market(): BookSink {
    return this.book;
  }

  /** Read side of the venue's book. */
  get view(): L3BookView {
    return this.book;
  }

  // ---- driving ----

  /**
   * The runner's step at kernel time `now`: every command arriving and every report due at or before
   * now, in time order (reports go to the sink stamped with their due time).
   */
  advance(now: Nanos): void {
    const c = this.cmds;
    const r = this.reports;
    for (;;) {
      const tc = c.nextDue();
      const tr = r.nextDue();
      if (tc <= tr) {
        if (tc > now) return;
        this.arriveHead();
      } else {
        if (tr > now) return;
        const o = r.peek();
        const f = r.f;
        const ev = f[o + 1], ex = f[o + 2], cl = f[o + 3], orig = f[o + 4], oid = f[o + 5];
        const lq = f[o + 6], lp = f[o + 7], fee = f[o + 8], reason = f[o + 9];
        r.pop();
        this.sink.execReport(ev, ex, cl, orig, oid, lq, lp, fee, reason, tr);
      }
    }
  }

  /** Executes the command at the head of the in-flight queue, at its arrival time. */
  private arriveHead(): void {
    const c = this.cmds;
    const tc = c.nextDue();
    if (tc > this.venueNow) this.venueNow = tc;
    const i = c.peek();
    const kind = c.kind[i], cl = c.cl[i], orig = c.orig[i], inst = c.inst[i], side = c.side[i];
    const qty = c.qty[i], px = c.px[i], tif = c.tif[i];
    c.pop();
    if (kind === CMD_NEW) this.arriveNew(cl, inst, side, qty, px, tif, this.venueNow);
    else if (kind === CMD_CANCEL) this.arriveCancel(cl, orig, this.venueNow);
    else this.arriveReplace(cl, orig, qty, px, this.venueNow);
  }

  /** When the next command arrives or report is due (Infinity when nothing is in flight). */
  nextEventTime(): Nanos {
    const a = this.cmds.nextDue();
    const b = this.reports.nextDue();
    return a < b ? a : b;
  }

  /** Same as nextEventTime (the runner's ScheduledPort name). */
  nextDue(): Nanos {
    return this.nextEventTime();
  }

  /**
   * One ITCH 5.0 message (type byte at off) at exchange time into the venue's book: the L3 path of step 1
   * above. Returns the handler's ItchStatus (0 = ok). Give the kernel the same message after this one.
   */
  feedItch(buf: Buffer, off: number, len: number): number {
    return this.itch.onMessage(buf, off, len);
  }

  /**
   * True when the feed latency is constantly 0: the strategy sees each market event at its exchange time,
   * so a runner may build the kernel on the venue's book (`book`, KernelPorts.books) and give each message
   * to the kernel alone (one ITCH decode, one book; the book's hooks still do the queue accounting before
   * it applies each event, inside the kernel's feed event). Feeding both port.feedItch and that kernel
   * would apply every event twice.
   */
  get feedLatencyZero(): boolean {
    return isZeroLatency(this.feedLink.model);
  }

  /** When the strategy sees a market event the exchange stamped ts (feed latency; FIFO). */
  feedTime(ts: Nanos): Nanos {
    return this.feedLink.arrival(ts, 0);
  }

  /**
   * A print on L2 data (no order identity): `restingSide` is the side that was hit (SIDE_BID when a
   * seller traded), at px for qty lots, exchange time ts. On L3 data executions come through `market`.
   */
  trade(instrument: number, restingSide: Side, px: Px, qty: Qty, ts: Nanos): void {
    this.before(ts);
    if (this.orders.n > 0 && qty > 0) this.tradeAt(instrument, restingSide, px, qty, -1, true, ts);
  }

  // ---- VenuePort ----

  attach(sink: VenueEventSink): void {
    this.sink = sink;
  }

  /** The kernel's book is the strategy's (feed-delayed) view; the venue keeps its own. */
  useBook(): void {}

  /** The kernel's market events come feed-latency late; the venue is driven through `market`. */
  onMarket(): void {}

  submit(clOrdId: number, instrument: number, side: Side, qty: Qty, px: Px, tif: number, now: Nanos): void {
    this.cmds.push(this.orderLink.arrival(now, clOrdId), CMD_NEW, clOrdId, 0, instrument, side, qty, px, tif);
  }

  cancel(clOrdId: number, origClOrdId: number, instrument: number, side: Side, now: Nanos): void {
    this.cmds.push(this.orderLink.arrival(now, clOrdId), CMD_CANCEL, clOrdId, origClOrdId, instrument, side, 0, 0, 0);
  }

  replace(clOrdId: number, origClOrdId: number, instrument: number, side: Side, qty: Qty, px: Px, now: Nanos): void {
    this.cmds.push(this.orderLink.arrival(now, clOrdId), CMD_REPLACE, clOrdId, origClOrdId, instrument, side, qty, px, 0);
  }

  // ---- queries (tests, reports) ----

  /** Our resting orders. */
  get resting(): number {
    return this.orders.n;
  }

  /** Commands sent but not yet arrived, and reports not yet released. */
  get inFlight(): number {
    return this.cmds.size + this.reports.size;
  }

  /** Queue ahead of a resting order of ours (NaN when it is not resting). */
  queueAheadOf(clOrdId: number): number {
    const k = this.orders.find(clOrdId);
    return k < 0 ? NaN : this.orders.ahead[k];
  }

  /** Leaves of a resting order of ours (0 when it is not resting). */
  leavesOf(clOrdId: number): Qty {
    const k = this.orders.find(clOrdId);
    return k < 0 ? 0 : this.orders.qty[k] - this.orders.cum[k];
  }

  // ---- commands at the venue ----

  private arriveNew(cl: number, inst: number, side: number, qty: number, px: number, tif: number, t: Nanos): void {
    if (!(qty > 0) || !Number.isSafeInteger(qty) || !(px > 0) || !Number.isSafeInteger(px) || (side !== 0 && side !== 1)) {
      const code = !(qty > 0) || !Number.isSafeInteger(qty) ? Reject.MatchBadQty : side !== 0 && side !== 1 ? Reject.MatchBadSide : Reject.MatchBadPrice;
      this.report(OrderEvent.OrderRejected, cl, 0, 0, 0, 0, 0, code, t);
      return;
    }
    const oid = ++this.orderSeq;
    this.report(OrderEvent.OrderAccepted, cl, 0, oid, 0, 0, 0, 0, t);
    const cum = this.take(cl, oid, inst, side, px, qty, 0, t);
    if (cum === qty) return;
    if (tif === TimeInForce.Ioc) {
      this.report(OrderEvent.OrderCancelled, cl, 0, oid, 0, 0, 0, 0, t);
      return;
    }
    const b = this.book;
    this.orders.add(cl, oid, inst, side, px, qty, cum, b.qtyAt(inst, side, px), b.nextSeq(), b.anonAt(inst, side, px));
  }

  private arriveCancel(cl: number, orig: number, t: Nanos): void {
    const o = this.orders;
    const k = o.find(orig);
    if (k < 0) {
      this.cancelRejects++;
      this.report(OrderEvent.OrderCancelRejected, cl, orig, 0, 0, 0, 0, Reject.MatchUnknownOrder, t);
      return;
    }
    const oid = o.oid[k];
    o.remove(k);
    this.report(OrderEvent.OrderCancelled, orig, 0, oid, 0, 0, 0, 0, t);
  }

  private arriveReplace(cl: number, orig: number, qty: number, px: number, t: Nanos): void {
    const o = this.orders;
    let k = o.find(orig);
    if (k < 0 || !(qty > o.cum[k]) || !Number.isSafeInteger(qty) || !(px > 0) || !Number.isSafeInteger(px)) {
      this.cancelRejects++;
      this.report(OrderEvent.OrderCancelRejected, cl, orig, k < 0 ? 0 : o.oid[k], 0, 0, 0, k < 0 ? Reject.MatchUnknownOrder : Reject.MatchBadQty, t);
      return;
    }
    const oid = o.oid[k];
    const keeps = px === o.px[k] && qty <= o.qty[k];
    o.cl[k] = cl;
    o.qty[k] = qty;
    this.report(OrderEvent.OrderReplaced, cl, orig, oid, 0, 0, 0, 0, t);
    if (keeps) return;
    // a new arrival at the new price: cross first, then the back of the queue
    o.px[k] = px;
    const inst = o.inst[k], side = o.side[k];
    const cum = this.take(cl, oid, inst, side, px, qty, o.cum[k], t);
    k = o.find(cl);
    if (cum === qty) {
      o.remove(k);
      return;
    }
    o.cum[k] = cum;
    k = o.toBack(k);
    o.ahead[k] = this.book.qtyAt(inst, side, px);
    o.seq[k] = this.book.nextSeq();
    o.traded[k] = 0;
    o.anonAhead[k] = this.book.anonAt(inst, side, px);
    o.anonBehind[k] = 0;
  }

  /** Aggressive part of an arriving order: walks the opposite levels up to px; returns the new cum. */
  private take(cl: number, oid: number, inst: number, side: number, px: number, qty: number, cum: number, t: Nanos): number {
    const b = this.book;
    const opp = side === 0 ? 1 : 0;
    const im = this.impact;
    const depth = b.depth(inst, opp as Side);
    for (let lvl = 0; lvl < depth && cum < qty; lvl++) {
      const lp = b.levelPrice(inst, opp as Side, lvl);
      if (side === 0 ? lp > px : lp < px) break;
      let avail = b.levelQty(inst, opp as Side, lvl);
      if (im !== null) avail -= im.consumed(inst, opp, lp, t);
      const left = qty - cum;
      const f = avail < left ? avail : left;
      if (!(f > 0)) continue;
      cum += f;
      if (im !== null) im.take(inst, opp, lp, f, t);
      this.takerFills++;
      this.fillReport(cl, oid, f, lp, cum === qty, false, t);
    }
    return cum;
  }

  // ---- market events ----

  /**
   * Before a market event at exchange time ts: the commands that reached the venue by then act first.
   * Reports are NOT released here: they reach the kernel when the runner's clock gets to them (advance),
   * which with feed latency can be after the venue has moved on.
   */
  before(ts: Nanos): void {
    const c = this.cmds;
    while (c.size > 0 && c.nextDue() <= ts) this.arriveHead();
    if (ts > this.venueNow) this.venueNow = ts;
  }
}
