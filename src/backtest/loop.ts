// The backtest's event loop (used by ./run.ts): walks the merged FeedLog once, in time order, sets the
// kernel's SimClock before every action, and allocates nothing per event.
//
// With the backtest venue (src/backtest/venue BacktestVenuePort), following its driving contract: the
// venue gets market event i at its exchange time ts_i (its own ITCH handler into port.market, sharing the
// kernel's instrument registry; the handler first advances the venue to ts_i), and the kernel gets the same
// event at feedAt_i = port.feedTime(ts_i) (feed latency, FIFO). Before event i goes to the venue, the
// kernel catches up (`until`), in time order:
//   - feed deliveries with feedAt <= ts_i: every message at one time goes into the kernel's inbound ring
//     and is handled by ONE poll (as a live kernel drains a burst; a single message skips the ring:
//     kernel.feedEvent, the same event);
//   - venue events (command arrivals, reports: port.nextEventTime()) and timers strictly before ts_i, and
//     at ts_i too when event i is flagged FLAG_SYNC (a recording: the live kernel had sent commands at that
//     time before the venue published the message).
//   On equal times: timers first (the kernel fires a timer before the first event that reaches its
//   deadline), then the feed, then venue events.
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

import type { SimClock } from '../clock/clock.js';
import { ItchBookHandler } from '../feed/itch/book-handler.js';
import type { Kernel } from '../kernel/kernel.js';
import type { BacktestVenuePort } from './venue/port.js';
import { FLAG_SYNC, FLAG_VENUE_PRINT, FLAG_VENUE_SKIP, type FeedLog } from './feed-log.js';

export interface LoopContext {
  k: Kernel;
  clock: SimClock;
  feed: FeedLog;
  /** First event handled by the kernel (earlier ones are warm-up). */
  first: number;
  toNs: number;
  sampleNs: number;
  sample: (ns: number) => void;
  progress?: (fraction: number) => void;
}

export interface LoopResult {
  feedMessages: number;
  lastNs: number;
}

const PROGRESS_EVERY = 1 << 16;

export function runLoop(c: LoopContext, vp: BacktestVenuePort | null): LoopResult {
  const { k, clock, feed, toNs, sampleNs, sample, progress } = c;
  const first = c.first;
  const T = feed.ts;
  const B = feed.bytes;
  const OFF = feed.off;
  const LEN = feed.len;
  const FL = feed.flags;
  const AUX = feed.aux;
  let end = first;
  while (end < feed.n && T[end] <= toNs) end++;
  const venueItch = vp === null ? null : new ItchBookHandler(vp.market, k.registry);
  for (let w = 0; w < first; w++) {
    k.itch.onMessage(B, OFF[w], LEN[w]);
    if (venueItch !== null && (FL[w] & (FLAG_VENUE_SKIP | FLAG_VENUE_PRINT)) === 0) venueItch.onMessage(B, OFF[w], LEN[w]);
  }
  // when the kernel gets each message: recorded (a recording), the event time, or the venue's feed latency
  const recorded = feed.feedTs;
  const feedAt = recorded !== null ? recorded : vp === null ? T : new Float64Array(end);
  const timers = k.timers;
  const ring = k.ring;
  const audit = k.risk.audit;
  let nextSample = (Math.floor(clock.now() / sampleNs) + 1) * sampleNs;
  let lastNs = clock.now();
  let j = first; // next event the kernel gets
  let given = first; // events given to the venue: [first, given)

  const settle = (t: number): void => {
    if (ring.size > 0 || timers.nextDue() <= t || audit.size > 0) k.poll();
    if (vp !== null) {
      while (vp.nextEventTime() <= t) {
        vp.advance(t);
        k.poll();
      }
    }
  };

  const until = (limit: number, timersAtLimit: boolean): void => {
    for (;;) {
      const hasF = j < given;
      const F = hasF ? feedAt[j] : Infinity;
      const D = timers.nextDue();
      const P = vp === null ? Infinity : vp.nextEventTime();
      if (hasF && F <= limit && F <= P && F < D) {
        if (F >= nextSample) {
          sample(F);
          nextSample = (Math.floor(F / sampleNs) + 1) * sampleNs;
        }
        clock.set(F);
        let m = j + 1;
        while (m < given && feedAt[m] === F) m++;
        if (m === j + 1 && ring.size === 0) k.feedEvent(B, OFF[j], LEN[j], F);
        else for (let q = j; q < m; q++) k.feedItch(B, OFF[q], LEN[q], F);
        j = m;
        lastNs = F;
        settle(F);
        continue;
      }
      const t = P <= D ? P : D;
      if (!(t < limit || (t === limit && timersAtLimit))) return;
      clock.set(t);
      if (vp !== null) vp.advance(t);
      k.poll();
      settle(t);
    }
  };

  for (let i = first; i < end; i++) {
    const ts = T[i];
    const fl = FL[i];
    until(ts, (fl & FLAG_SYNC) !== 0);
    if (vp !== null) {
      if ((fl & (FLAG_VENUE_SKIP | FLAG_VENUE_PRINT)) === 0) venueItch!.onMessage(B, OFF[i], LEN[i]);
      else if ((fl & FLAG_VENUE_PRINT) !== 0) {
        const a = AUX![i];
        const inst = venueItch!.locateToId[B.readUInt16BE(OFF[i] + 1)];
        vp.trade(inst, (a % 2) as 0 | 1, Math.floor(a / 2), B.readUInt32BE(OFF[i] + 19), ts);
      }
      if (recorded === null) feedAt[i] = vp.feedTime(ts);
    }
    given = i + 1;
    if (progress !== undefined && (i - first) % PROGRESS_EVERY === 0) progress((i - first) / Math.max(1, end - first));
  }
  // the kernel catches up with the last delivery, and the timers due by then (not later: the data ended)
  if (given > first) until(feedAt[given - 1], true);
  return { feedMessages: j - first, lastNs };
}
