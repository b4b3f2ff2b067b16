// The backtest's event loop (used by ./run.ts): walks the merged FeedLog once, in time order, sets the
// kernel's clock (a LoopClock) before every action, and allocates nothing per event itself. (Measured
// with a sampling heap profile over 1M messages, MM strategy: 32 B per message remain, two 16-byte
// HeapNumbers where an event time crosses a call V8 does not inline: kernel.feedEvent -> onFeed(now),
// and the ITCH handler -> book(ts). Before: 145 B, from SimClock's undefined-first field, a bare
// `Infinity` merged with loaded times, and the venue's second ITCH handler.)
//
// With the backtest venue (src/backtest/venue BacktestVenuePort), following its driving contract: the
// venue gets market event i at its exchange time ts_i (its own ITCH handler into port.market, sharing the
// kernel's instrument registry; the handler first advances the venue to ts_i), and the kernel gets the same
// event at feedAt_i = port.feedTime(ts_i) (feed latency, FIFO). Before event i goes to the venue, the
// kernel catches up (`until`), in time order:
//   - feed deliveries with feedAt <= ts_i: every message at one time is handled before anything the burst
//     produced (reports, timers it set for that same time), as a live kernel drains a burst from its ring:
//     straight through kernel.feedEvent while the inbound ring is empty, through the ring otherwise;
//   - venue events (command arrivals, reports: port.nextEventTime()) and timers strictly before ts_i, and
//     at ts_i too when event i is flagged FLAG_SYNC (a recording: the live kernel had sent commands at that
//     time before the venue published the message).
//   On equal times: timers first (the kernel fires a timer before the first event that reaches its
//   deadline), then the feed, then venue events. With no feed latency the kernel and the venue see event
//   i at the same instant, so timers due at ts_i fire before the venue sees it too (`timersAtLimit`).
// After every kernel step the venue is settled: commands due by now arrive and their reports are
// delivered (the venue never sees a command from its book's future, and with zero latency an order
// reaches the venue before the next market event).
// Recordings (./recording.ts): the venue goes by the exchange time in each message and the kernel gets it
// at the time the live kernel did (feedTs: the recorded latency of the feed); messages about our own
// recorded orders (FLAG_VENUE_SKIP) are not given to the venue, and executions of them (FLAG_VENUE_PRINT)
// reach it as prints (port.trade), which fill the backtest's own order in their place; the kernel sees
// every message as the live kernel did.
// Without a venue (ports that model no time, such as the shadow port) the same loop runs with no venue
// steps: feed times are the event times. Events before `from` only build the books.
// Shared book (`shared`: no feed latency, no recording; ./run.ts builds the kernel on port.book): the
// kernel's ITCH handler feeds the venue's book, whose hooks do the queue accounting (and the venue's
// before(ts)) inside the kernel's feed event, so event i is decoded and booked once. The loop is then the
// no-venue loop plus the venue steps: nothing the kernel does can tell it from the two-book path with zero
// feed latency, where the venue applies event i first and the kernel's next step is delivering it (the
// twin test: test/backtest/shared-book.test.ts).

import type { Clock } from '../clock/clock.js';
import type { Nanos } from '../core/units.js';
import { ItchBookHandler } from '../feed/itch/book-handler.js';
import type { Kernel } from '../kernel/kernel.js';
import type { BacktestVenuePort } from './venue/port.js';
import { FLAG_SYNC, FLAG_VENUE_PRINT, FLAG_VENUE_SKIP, type FeedLog } from './feed-log.js';

export interface LoopContext {
  k: Kernel;
  clock: LoopClock;
  feed: FeedLog;
  /** First event handled by the kernel (earlier ones are warm-up). */
  first: number;
  toNs: number;
  sampleNs: number;
  sample: (ns: number) => void;
  progress?: (fraction: number) => void;
  /** Interim hook: called once each time another 1/`steps` of the events [first, end) has been handled,
   *  steps 1..steps-1 (the last step, at the end of the data, is the caller's: after the final catch-up,
   *  see ./run.ts); true = stop the loop now (a pruned optimiser trial). Absent: the loop is unchanged. */
  onStep?: (step: number, fraction: number) => boolean;
  /** Number of steps (default 20). */
  steps?: number;
}

export interface LoopResult {
  feedMessages: number;
  lastNs: number;
  /** onStep asked to stop before the end of the data. */
  stopped: boolean;
}

const PROGRESS_EVERY = 1 << 16;
// +Infinity as a module constant: a bare `Infinity` is a global load V8 keeps tagged, and a time merged
// with it (`hasF ? feedAt[j] : Infinity`) is then boxed, one HeapNumber per step (measured on Node 20).
const INF = Infinity;

/**
 * The backtest's simulated clock: SimClock's contract (moves only when set, never backwards), with its
 * field declared WITH a number. A field declared without an initializer (SimClock's `t;` under ES2022
 * class fields) starts as undefined, so V8 keeps it tagged and every new time stored allocates a
 * HeapNumber: one allocation per message here (a number-initialised field is a double updated in place).
 */
export class LoopClock implements Clock {
  private t = 0;
  constructor(start: Nanos) {
    this.t = start;
  }
  now(): Nanos {
    return this.t;
  }
  set(t: Nanos): void {
    if (t > this.t) this.t = t;
  }
}

/**
 * The loop's state as fields (not closure variables: V8 keeps fields of one object shape in registers).
 * Number fields are declared with a number (see LoopClock): stores then allocate nothing.
 */
class Loop {
  readonly timers: Kernel['timers'];
  readonly ring: Kernel['ring'];
  readonly audit: Kernel['risk']['audit'];
  readonly B: Buffer;
  readonly OFF: Float64Array;
  readonly LEN: Uint8Array;
  feedAt: Float64Array;
  nextSample = 0;
  lastNs = 0;
  /** The time `until` runs the kernel up to. */
  limit = 0;
  /** Next event the kernel gets. */
  j: number;
  /** Events given to the venue: [first, given). */
  given: number;
  /** Timers due exactly at the limit run too (no feed latency: see the header). */
  timersAtLimit = false;
  /** Interim steps (LoopContext.onStep): the next event index that completes a step (INF: none left). */
  stepAt = INF;
  stepNo = 0;
  nSteps = 0;
  stepLen = 0;
  stepFrom = 0;
  stopped = false;
  onStep: ((step: number, fraction: number) => boolean) | null = null;

  constructor(
    readonly k: Kernel,
    readonly clock: LoopClock,
    readonly vp: BacktestVenuePort | null,
    feed: FeedLog,
    readonly sampleNs: number,
    readonly sample: (ns: number) => void,
    first: number,
  ) {
    this.timers = k.timers;
    this.ring = k.ring;
    this.audit = k.risk.audit;
    this.B = feed.bytes;
    this.OFF = feed.off;
    this.LEN = feed.len;
    this.feedAt = feed.ts;
    this.nextSample = (Math.floor(clock.now() / sampleNs) + 1) * sampleNs;
    this.lastNs = clock.now();
    this.j = first;
    this.given = first;
  }

  /** Steps completed once events [stepFrom, i] are handled (several when a step holds no event); true =
   *  stop. Runs only at step boundaries (a compare per event otherwise), 20 times per run by default. */
  step(i: number): boolean {
    const done = i - this.stepFrom + 1;
    const N = this.nSteps;
    while (this.stepNo < N - 1 && done * N >= (this.stepNo + 1) * this.stepLen) {
      this.stepNo++;
      if (this.onStep!(this.stepNo, this.stepNo / N)) {
        this.stopped = true;
        return true;
      }
    }
    this.stepAt = this.stepNo < N - 1 ? this.stepFrom + Math.ceil(((this.stepNo + 1) * this.stepLen) / N) - 1 : INF;
    return false;
  }

  /** Polls what the last step produced; then command arrivals and reports due by now, until none is left. */
  settle(): void {
    const t = this.clock.now();
    if (this.ring.size > 0 || this.timers.nextDue() <= t || this.audit.size > 0) this.k.poll();
    const vp = this.vp;
    if (vp !== null) {
      while (vp.nextEventTime() <= t) {
        vp.advance(t);
        this.k.poll();
      }
    }
  }

  /**
   * Everything the kernel does up to this.limit (feed deliveries inclusive; venue events and timers
   * strictly before, or at it when atLimit). Times travel in fields and typed arrays, not arguments: a
   * double passed to a call that is not inlined is boxed (an allocation per message).
   */
  until(atLimit: boolean): void {
    const limit = this.limit;
    const feedAt = this.feedAt;
    const timers = this.timers;
    const vp = this.vp;
    for (;;) {
      const j = this.j;
      const hasF = j < this.given;
      const F = hasF ? feedAt[j] : INF;
      const D = timers.nextDue();
      const P = vp === null ? INF : vp.nextEventTime();
      if (hasF && F <= limit && F <= P && F < D) {
        this.deliver(j);
        continue;
      }
      const t = P <= D ? P : D;
      if (!(t < limit || (t === limit && (atLimit || (D === limit && this.timersAtLimit))))) return;
      this.clock.set(t);
      if (vp !== null) vp.advance(t);
      this.k.poll();
      this.settle();
    }
  }

  /**
   * The loop when the kernel gets every event at its own exchange time (no recording; no venue, or the
   * venue's book shared): for each event, the catch-up (`until`: timers due by ts, venue events before
   * it) only when something is due, then the event straight into the kernel, then `settle` only when the
   * event produced something. The same steps as until + deliver (which would deliver event i first
   * thing in the next until), with their checks inline: no call and no boxed time when nothing is due.
   */
  direct(from: number, end: number, progress: ((fraction: number) => void) | undefined): void {
    const T = this.feedAt;
    const k = this.k;
    const timers = this.timers;
    const ring = this.ring;
    const audit = this.audit;
    const vp = this.vp;
    const clock = this.clock;
    const B = this.B;
    const OFF = this.OFF;
    const LEN = this.LEN;
    let nextProgress = progress === undefined ? INF : from;
    for (let i = from; i < end; i++) {
      const ts = T[i];
      if (timers.nextDue() <= ts || (vp !== null && vp.nextEventTime() < ts)) {
        this.limit = ts;
        this.until(false);
      }
      this.given = i + 1;
      if (ts >= this.nextSample) {
        this.sample(ts);
        this.nextSample = (Math.floor(ts / this.sampleNs) + 1) * this.sampleNs;
      }
      clock.set(ts);
      k.feedEvent(B, OFF[i], LEN[i], ts);
      this.j = i + 1;
      this.lastNs = ts;
      if (ring.size > 0 || timers.nextDue() <= ts || audit.size > 0 || (vp !== null && vp.nextEventTime() <= ts)) this.settle();
      if (i >= nextProgress) {
        progress!((i - from) / Math.max(1, end - from));
        nextProgress = i + PROGRESS_EVERY;
      }
      if (i >= this.stepAt && this.step(i)) return;
    }
  }

  /** The messages from j on that the kernel gets at F (a burst), then what they produced. */
  private deliver(j: number): void {
    const F = this.feedAt[j];
    if (F >= this.nextSample) {
      this.sample(F);
      this.nextSample = (Math.floor(F / this.sampleNs) + 1) * this.sampleNs;
    }
    this.clock.set(F);
    const feedAt = this.feedAt;
    let m = j + 1;
    while (m < this.given && feedAt[m] === F) m++;
    const k = this.k;
    const ring = this.ring;
    const timers = this.timers;
    // Straight into the kernel while nothing is queued (no copy, and the ITCH handler keeps reading one
    // buffer); once a report or a due timer is waiting, the rest of the burst queues behind it.
    let q = j;
    for (; q < m && ring.size === 0 && timers.nextDue() > F; q++) k.feedEvent(this.B, this.OFF[q], this.LEN[q], F);
    for (; q < m; q++) k.feedItch(this.B, this.OFF[q], this.LEN[q], F);
    this.j = m;
    this.lastNs = F;
    this.settle();
  }
}

/** shared: the kernel is built on vp.book (./run.ts), which then must not be fed a second time. */
export function runLoop(c: LoopContext, vp: BacktestVenuePort | null, shared = false): LoopResult {
  const { k, feed, toNs, progress } = c;
  const first = c.first;
  const T = feed.ts;
  const B = feed.bytes;
  const OFF = feed.off;
  const LEN = feed.len;
  const FL = feed.flags;
  const AUX = feed.aux;
  // first event after toNs (times are in order: a binary search, not a pass over the day)
  let end = first;
  let hi = feed.n;
  while (end < hi) {
    const mid = (end + hi) >>> 1;
    if (T[mid] <= toNs) end = mid + 1;
    else hi = mid;
  }
  const venueItch = vp === null || shared ? null : new ItchBookHandler(vp.market, k.registry);
  for (let w = 0; w < first; w++) {
    k.itch.onMessage(B, OFF[w], LEN[w]);
    if (venueItch !== null && (FL[w] & (FLAG_VENUE_SKIP | FLAG_VENUE_PRINT)) === 0) venueItch.onMessage(B, OFF[w], LEN[w]);
  }
  const L = new Loop(k, c.clock, vp, feed, c.sampleNs, c.sample, first);
  if (c.onStep !== undefined && end > first) {
    L.onStep = c.onStep;
    L.nSteps = Math.max(1, Math.floor(c.steps ?? 20));
    L.stepLen = end - first;
    L.stepFrom = first;
    L.step(first - 1); // sets stepAt (no event handled yet: no step completes)
  }
  // when the kernel gets each message: recorded (a recording), the event time, or the venue's feed latency
  const recorded = feed.feedTs;
  if (shared && (recorded !== null || vp === null || !vp.feedLatencyZero)) throw new Error('backtest loop: a shared book needs a venue with no feed latency and no recording');
  if (recorded !== null) L.feedAt = recorded;
  else if (vp !== null && !shared) L.feedAt = new Float64Array(end);
  L.timersAtLimit = vp !== null && recorded === null && vp.feedLatencyZero;
  const feedAt = L.feedAt;

  if (recorded === null && (vp === null || shared)) {
    // timers due at ts_i fire before event i whether `until` or the next delivery runs them (no venue
    // sees the event in between): direct() runs them in its catch-up
    L.timersAtLimit = true;
    L.direct(first, end, progress);
  } else if (vp === null) {
    for (let i = first; i < end; i++) {
      L.limit = T[i];
      L.until((FL[i] & FLAG_SYNC) !== 0);
      L.given = i + 1;
      if (progress !== undefined && (i - first) % PROGRESS_EVERY === 0) progress((i - first) / Math.max(1, end - first));
      if (i >= L.stepAt && L.step(i)) break;
    }
  } else {
    const vItch = venueItch!;
    for (let i = first; i < end; i++) {
      const ts = T[i];
      const fl = FL[i];
      L.limit = ts;
      L.until((fl & FLAG_SYNC) !== 0);
      if ((fl & (FLAG_VENUE_SKIP | FLAG_VENUE_PRINT)) === 0) vItch.onMessage(B, OFF[i], LEN[i]);
      else if ((fl & FLAG_VENUE_PRINT) !== 0) {
        const a = AUX![i];
        vp.trade(vItch.locateToId[B.readUInt16BE(OFF[i] + 1)], (a % 2) as 0 | 1, Math.floor(a / 2), B.readUInt32BE(OFF[i] + 19), ts);
      }
      if (recorded === null) feedAt[i] = vp.feedTime(ts);
      L.given = i + 1;
      if (progress !== undefined && (i - first) % PROGRESS_EVERY === 0) progress((i - first) / Math.max(1, end - first));
      if (i >= L.stepAt && L.step(i)) break;
    }
  }
  // the kernel catches up with the last delivery, and the timers due by then (not later: the data ended)
  if (L.given > first) {
    L.limit = feedAt[L.given - 1];
    L.until(true);
  }
  return { feedMessages: L.j - first, lastNs: L.lastNs, stopped: L.stopped };
}
