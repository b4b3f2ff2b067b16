// The kernel's event loop (design principles 1 and 2), the part of the Kernel (./kernel.ts) that is
// about events rather than trading: the inbound ring, event times, timers, and the journal record plus
// outbox of each event.
// Contract:
// - Time is an input: every event has ONE time, `now`, and everything decided while handling it (order
//   times, timer deadlines, ctx.now()) uses it. eventTime 'poll' (live): an event's time is the clock read
//   once per poll(); 'source' (backtests): the time the edge pushed with it (feedItch's ts, a report's
//   ts). Times never go backwards (max with the previous event's). A timer fires before the first event
//   whose time reaches its deadline, at max(deadline, previous time). No clock read per event or command.
// - Journal: one record per event, its input and its commands, written in one journal write before any
//   of its commands reaches the port (./records.ts, ./outbox.ts). Commands issued outside an event (tests,
//   an operator) are their own CMDS record, and a replay re-issues them.
// Hot path: no allocation per event.

import type { Clock } from '../clock/clock.js';
import type { Nanos, Px, Qty } from '../core/units.js';
import type { Journal } from '../journal/journal.js';
import type { VenuePort } from '../venue/types.js';
import type { KernelParts } from './parts.js';
import { EV_EXEC, EV_FEED, FIELDS, BYTES, type InboundRing } from './ring.js';
import { EventRecord, K_CMDS, K_CTRL, K_EXEC, K_FEED, K_RECON, K_STATUS, K_TIMERS } from './records.js';
import { Outbox } from './outbox.js';
import type { TimerQueue } from './timers.js';

const CTRL_FIELDS = new Float64Array(3);

export abstract class KernelLoop {
  /** The time source; replaced only by resumeKernel (the replay's SimClock, then the live clock). */
  clock: Clock;
  readonly port: VenuePort;
  readonly ring: InboundRing;
  readonly timers: TimerQueue;
  journal: Journal | null;
  /** 'source': an event's time is the one its edge pushed (backtests); 'poll': the poll's clock read. */
  readonly sourceTime: boolean;
  /** Time of the event being handled (or of the last one). */
  now: Nanos = 0;
  /** True while an event is being handled (commands join its journal record and outbox). */
  inEvent = false;
  feedEvents = 0;
  execEvents = 0;
  statusEvents = 0;
  timerFires = 0;
  readonly rec = new EventRecord();
  readonly outbox = new Outbox();
  /** Called after each event record is written, before its commands go out (tests: crash points). */
  onRecorded: ((seq: number) => void) | null = null;

  constructor(p: KernelParts) {
    this.clock = p.clock;
    this.port = p.port;
    this.ring = p.ring;
    this.timers = p.timers;
    this.journal = p.journal;
    this.sourceTime = p.eventTime === 'source';
  }

  abstract onFeed(buf: Buffer, off: number, len: number, now: Nanos): void;
  abstract onExec(event: number, execId: number, clOrdId: number, origClOrdId: number, orderId: number, lastQty: Qty, lastPx: Px, fee: number, reason: number, now: Nanos): void;
  /** A status answer, fields f[o, o + 7) in STATUS order. */
  protected abstract onStatus(f: Float64Array, o: number, now: Nanos): void;
  protected abstract onTimer(owner: number, tag: number): void;
  /** Work left by the handler that just ran (kill-switch cancels). */
  protected abstract afterEvent(): void;
  /** Queues the status requests of a reconciliation; returns how many. */
  protected abstract beginReconcile(): number;
  /** An operator's control inside its CTRL event (./control.ts); returns what the caller reports. */
  protected abstract onControl(action: number, scopeKind: number, id: number, json: string): number;
  /** End of poll (the risk audit drain). */
  abstract drainAudit(): void;

  // ---- edges ----

  /** A market-data message (ITCH 5.0, type byte first) from the feed or the simulator's tap; ts: its time. */
  feedItch(buf: Uint8Array, off: number, len: number, ts: Nanos): void {
    this.ring.pushBytes(EV_FEED, buf, off, len, ts);
  }

  /** The venue ports' sink: reports are queued, handled in poll(). */
  readonly sink = {
    execReport: (event: number, execId: number, clOrdId: number, origClOrdId: number, orderId: number, lastQty: Qty, lastPx: Px, fee: number, reason: number, ts: Nanos): void => {
      this.ring.pushExec(event, execId, clOrdId, origClOrdId, orderId, lastQty, lastPx, fee, reason, ts);
    },
    orderStatus: (clOrdId: number, orderId: number, ordStatus: number, cumQty: Qty, leavesQty: Qty, avgPx: number, orderQty: Qty, ts: Nanos): void => {
      this.ring.pushStatus(clOrdId, orderId, ordStatus, cumQty, leavesQty, avgPx, orderQty, ts);
    },
  };

  /**
   * A market-data message handled at once, without its copy into the inbound ring (backtests and other
   * single-threaded drivers: the feed is on the kernel's thread). Event order is the ring's: whatever
   * waits in the ring (reports the last commands produced) is handled first, then the timers due by the
   * message's time, then the message; reports it causes wait in the ring for the next call or poll().
   * ts: the message's time ('source' event time; with 'poll' the clock is read instead).
   */
  marketData(buf: Buffer, off: number, len: number, ts: Nanos): void {
    if (this.ring.head !== this.ring.tail) this.poll();
    const src = this.sourceTime ? ts : this.clock.now();
    const t = src > this.now ? src : this.now;
    if (this.timers.nextDue() <= t) this.runTimers(t);
    this.feedEvent(buf, off, len, t);
    this.drainAudit();
  }

  /** Handles everything queued and every timer due; returns the events handled. */
  poll(): number {
    let n = 0;
    const ring = this.ring;
    const pollNow = this.clock.now();
    for (;;) {
      let s = ring.peek();
      while (s >= 0) {
        const src = this.sourceTime ? ring.ts[s] : pollNow;
        const t = src > this.now ? src : this.now;
        if (this.timers.nextDue() <= t) this.runTimers(t);
        this.dispatch(s, t);
        ring.release();
        n++;
        s = ring.peek();
      }
      const end = this.now > pollNow ? this.now : pollNow;
      if (this.timers.nextDue() > end) break;
      this.runTimers(end);
    }
    this.drainAudit();
    return n;
  }

  private dispatch(s: number, now: Nanos): void {
    const ring = this.ring;
    const k = ring.kind[s];
    if (k === EV_FEED) this.feedEvent(ring.bytes, s * BYTES, ring.len[s], now);
    else if (k === EV_EXEC) this.execEvent(ring.f, s * FIELDS, now);
    else this.statusEvent(ring.f, s * FIELDS, now);
  }

  /** Fires the timers due up to `limit`, each batch at max(its deadline, the previous event's time). */
  private runTimers(limit: Nanos): void {
    while (this.timers.nextDue() <= limit) {
      const due = this.timers.nextDue();
      this.timersEvent(due > this.now ? due : this.now);
    }
  }

  // ---- events: journal record, handling, then the commands go out ----

  protected begin(type: number, now: Nanos): void {
    this.now = now;
    this.inEvent = true;
    if (this.journal !== null) this.rec.begin(this.journal, type, now);
  }

  /** Ends the event: kill-switch cancels, the journal record, then the commands to the port. */
  endEvent(): void {
    this.afterEvent();
    if (this.rec.open) {
      const seq = this.rec.commit();
      if (this.onRecorded !== null) this.onRecorded(seq);
    }
    this.inEvent = false;
    if (this.outbox.n > 0) this.outbox.flush(this.port, this.now);
  }

  feedEvent(buf: Buffer, off: number, len: number, now: Nanos): void {
    this.begin(K_FEED, now);
    if (this.rec.open) this.rec.bytes(buf, off, len);
    this.onFeed(buf, off, len, now);
    this.endEvent();
  }

  /** A report (fields f[o, o + 9) in EXEC order). */
  execEvent(f: Float64Array, o: number, now: Nanos): void {
    this.begin(K_EXEC, now);
    if (this.rec.open) this.rec.fields(f, o, 9);
    this.onExec(f[o], f[o + 1], f[o + 2], f[o + 3], f[o + 4], f[o + 5], f[o + 6], f[o + 7], f[o + 8], now);
    this.endEvent();
  }

  /** An order status answer (fields f[o, o + 7) in STATUS order). Cold. */
  statusEvent(f: Float64Array, o: number, now: Nanos): void {
    this.begin(K_STATUS, now);
    if (this.rec.open) this.rec.fields(f, o, 7);
    this.statusEvents++;
    this.onStatus(f, o, now);
    this.endEvent();
  }

  timersEvent(now: Nanos): void {
    this.begin(K_TIMERS, now);
    const t = this.timers;
    while (t.nextDue() <= now) {
      const owner = t.topOwner();
      const tag = t.topTag();
      t.pop();
      this.timerFires++;
      this.onTimer(owner, tag);
      this.afterEvent();
    }
    this.endEvent();
  }

  /**
   * Reconciliation after a restart or reconnect (call once the port can reach the venue): asks the venue
   * for the status of every open or in-doubt order and holds new orders until every answer is in; each
   * answer corrects the OMS, risk and the strategy through reports, and reports differences to
   * onDiscrepancy (./reconcile.ts). Returns the requests sent; 0 (and nothing journaled) when the port
   * cannot ask. Journaled (RECON), replayed alike.
   */
  reconcile(): number {
    if (this.port.requestStatus === undefined) return 0;
    const c = this.clock.now();
    return this.reconcileEvent(c > this.now ? c : this.now);
  }

  /** The RECON event at `now` (replay calls it for a RECON record). */
  reconcileEvent(now: Nanos): number {
    this.begin(K_RECON, now);
    const n = this.beginReconcile();
    this.endEvent();
    return n;
  }

  /**
   * An operator's control (./control.ts: kill switch engage/release, risk limits) as its own CTRL event at
   * max(clock, last event time): journaled with its input, replayed alike. Returns onControl's result.
   */
  control(action: number, scopeKind: number, id: number, json = ''): number {
    // an event inside an event would interleave two journal records: controls come from outside (operators)
    if (this.inEvent) throw new Error('kernel control: called while the kernel handles an event');
    const c = this.clock.now();
    return this.controlEvent(action, scopeKind, id, json, c > this.now ? c : this.now);
  }

  /** The CTRL event at `now` (replay calls it for a CTRL record). Cold. */
  controlEvent(action: number, scopeKind: number, id: number, json: string, now: Nanos): number {
    this.begin(K_CTRL, now);
    if (this.rec.open) {
      CTRL_FIELDS[0] = action;
      CTRL_FIELDS[1] = scopeKind;
      CTRL_FIELDS[2] = id;
      this.rec.fields(CTRL_FIELDS, 0, 3);
      const bytes = Buffer.from(json, 'utf8');
      if (bytes.length > 0xffff) throw new Error('kernel control: payload over 64 KiB');
      this.rec.bytes(bytes, 0, bytes.length);
    }
    const r = this.onControl(action, scopeKind, id, json);
    this.afterEvent();
    this.endEvent();
    return r;
  }

  /** The START event: the strategies' init runs inside it (their first timers and commands). */
  startEvent(type: number, now: Nanos, init: () => void): void {
    this.begin(type, now);
    init();
    this.endEvent();
  }

  /** A command outside any event: its own CMDS record at max(clock, last event time). */
  protected beginCmds(): void {
    const c = this.clock.now();
    this.begin(K_CMDS, c > this.now ? c : this.now);
  }

  /** The event's time (ctx.now()); outside an event, the clock. */
  time(): Nanos {
    return this.inEvent ? this.now : this.clock.now();
  }
}
