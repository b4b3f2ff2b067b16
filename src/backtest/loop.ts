// The backtest's event loops (used by ./run.ts). Both walk the merged FeedLog once, in time order, set the
// kernel's SimClock before every action, and allocate nothing per event.
//
// runPlain (ports that model no time: the shadow port, fills at the kernel's `now`), per event at t:
//   1. timers due strictly before t fire, each at its due time;
//   2. a sample is taken when t crossed a sampling boundary;
//   3. the clock is set to t and the kernel handles the message (kernel.onFeed: book -> signals -> shadow
//      fills -> strategies -> risk -> OMS -> port). The inbound ring is bypassed (nothing is journaled in
//      a backtest, and the ring is empty at that point, so the order of events is the same);
//   4. what that produced (reports, timers due at t) is handled by kernel.poll().
// runVenue (src/backtest/venue BacktestVenuePort: latency, queues), following the port's driving contract:
//   the venue gets market event i at its exchange time ts_i (through its own ITCH handler into port.market,
//   which first advances the venue to ts_i); the kernel gets the same event at feedAt_i = port.feedTime(ts_i)
//   (feed latency, FIFO). Before event i goes to the venue, everything the kernel has to do strictly before
//   ts_i is done, in time order: feed deliveries, timers, and venue arrivals / reports
//   (port.nextEventTime()); on equal times the market event goes first, then venue events, then timers.
//   So the venue never sees a command from its book's future, and the kernel never sees an event before the
//   venue applied it. Messages with equal exchange times reach the venue before the kernel handles the
//   first of them.
// Events before `from` only build the books (kernel and venue), with no strategy, risk or clock.

import type { SimClock } from '../clock/clock.js';
import { ItchBookHandler } from '../feed/itch/book-handler.js';
import type { Kernel } from '../kernel/kernel.js';
import type { BacktestVenuePort } from './venue/port.js';
import type { FeedLog } from './feed-log.js';

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

export function runPlain(c: LoopContext): LoopResult {
  const { k, clock, feed, toNs, sampleNs, sample, progress } = c;
  const n = feed.n;
  const T = feed.ts;
  const B = feed.bytes;
  const OFF = feed.off;
  const LEN = feed.len;
  for (let w = 0; w < c.first; w++) k.itch.onMessage(B, OFF[w], LEN[w]);
  const timers = k.timers;
  const ring = k.ring;
  const audit = k.risk.audit;
  let nextSample = (Math.floor(clock.now() / sampleNs) + 1) * sampleNs;
  let lastNs = clock.now();
  let i = c.first;
  for (; i < n; i++) {
    const ts = T[i];
    if (ts > toNs) break;
    while (timers.nextDue() < ts) {
      clock.set(timers.nextDue());
      k.poll();
    }
    if (ts >= nextSample) {
      sample(ts);
      nextSample = (Math.floor(ts / sampleNs) + 1) * sampleNs;
    }
    clock.set(ts);
    k.onFeed(B, OFF[i], LEN[i], ts);
    if (ring.size > 0 || timers.nextDue() <= ts || audit.size > 0) k.poll();
    lastNs = ts;
    if (progress !== undefined && (i - c.first) % PROGRESS_EVERY === 0) progress((i - c.first) / Math.max(1, n - c.first));
  }
  return { feedMessages: i - c.first, lastNs };
}

export function runVenue(c: LoopContext, vp: BacktestVenuePort): LoopResult {
  const { k, clock, feed, toNs, sampleNs, sample, progress } = c;
  const n = feed.n;
  const T = feed.ts;
  const B = feed.bytes;
  const OFF = feed.off;
  const LEN = feed.len;
  // the venue's handler shares the kernel's registry, so both books use the same instrument ids
  const venueItch = new ItchBookHandler(vp.market, k.registry);
  for (let w = 0; w < c.first; w++) {
    k.itch.onMessage(B, OFF[w], LEN[w]);
    venueItch.onMessage(B, OFF[w], LEN[w]);
  }
  const feedAt = new Float64Array(Math.max(0, n - c.first));
  const timers = k.timers;
  const ring = k.ring;
  const audit = k.risk.audit;
  let nextSample = (Math.floor(clock.now() / sampleNs) + 1) * sampleNs;
  let lastNs = clock.now();
  let j = c.first; // next event the kernel gets
  let given = c.first; // events given to the venue so far: [first, given)

  // Everything the kernel does strictly before `limit`, in time order.
  const until = (limit: number): void => {
    for (;;) {
      const F = j < given ? feedAt[j - c.first] : Infinity;
      const D = timers.nextDue();
      const P = vp.nextEventTime();
      if (F <= D && F <= P) {
        if (!(F < limit)) return;
        if (F >= nextSample) {
          sample(F);
          nextSample = (Math.floor(F / sampleNs) + 1) * sampleNs;
        }
        clock.set(F);
        k.onFeed(B, OFF[j], LEN[j], F);
        j++;
        lastNs = F;
        if (vp.nextEventTime() <= F) vp.advance(F);
        if (ring.size > 0 || timers.nextDue() <= F || audit.size > 0) k.poll();
      } else {
        const t = P < D ? P : D;
        if (!(t < limit)) return;
        clock.set(t);
        vp.advance(t);
        k.poll();
      }
    }
  };

  let i = c.first;
  for (; i < n; i++) {
    const ts = T[i];
    if (ts > toNs) break;
    until(ts);
    venueItch.onMessage(B, OFF[i], LEN[i]);
    feedAt[i - c.first] = vp.feedTime(ts);
    given = i + 1;
    if (progress !== undefined && (i - c.first) % PROGRESS_EVERY === 0) progress((i - c.first) / Math.max(1, n - c.first));
  }
  // the kernel catches up with the last delivery (timers beyond it do not run: the data has ended)
  if (given > c.first) until(feedAt[given - 1 - c.first] + 1);
  return { feedMessages: given - c.first, lastNs };
}
