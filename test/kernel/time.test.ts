// Time is an input (design principle 2): every event has one time and everything decided while handling
// it uses that time. 'poll' (live): the clock is read once per poll, not per command or timer, even when
// the clock moves while the kernel works; a replay at the journaled times reproduces the run exactly.
// 'source' (backtests): an event's time is the timestamp its edge pushed; a timer fires at its deadline,
// before the first event past it.
import { describe, expect, it } from 'vitest';
import { SimClock, type Clock } from '../../src/clock/clock.js';
import type { StateHasher } from '../../src/core/hash.js';
import { SIDE_BID } from '../../src/core/units.js';
import { MemoryJournal } from '../../src/journal/index.js';
import { buildKernel, replayKernel, type Kernel, type KernelConfig } from '../../src/kernel/index.js';
import { noLimits } from '../../src/risk/index.js';
import { createSyntheticMarket, defaultInstruments, ItchPublisher } from '../../src/sim/index.js';
import type { OrderEventView, Strategy, StrategyContext } from '../../src/strategy/index.js';
import { NullVenuePort } from '../../src/venue/index.js';

/** A clock that moves a little at every read (the live clock while the kernel works), and counts reads. */
class MovingClock implements Clock {
  reads = 0;
  constructor(public t: number) {}
  now(): number {
    this.reads++;
    this.t += 3_000_000; // the live clock moves between (and while) the kernel works
    return this.t;
  }
}

/** Records ctx.now() per callback; every 25th book event sends an order and sets a timer 2 ms out. */
class Recorder implements Strategy {
  readonly name = 'recorder';
  readonly symbols = ['AAPL'];
  ctx!: StrategyContext;
  books = 0;
  readonly bookTimes: number[] = [];
  readonly timerTimes: Array<{ due: number; at: number }> = [];
  init(ctx: StrategyContext): void { this.ctx = ctx; }
  onBook(): void {
    const now = this.ctx.now();
    this.bookTimes.push(now);
    if (++this.books % 10 === 0) {
      const bid = this.ctx.book.bestBid(0);
      if (bid === bid) this.ctx.submit(0, SIDE_BID, 1, bid - 500, 0);
      this.ctx.setTimer(2_000_000, now + 2_000_000);
    }
  }
  onTrade(): void {}
  onTimer(tag: number): void { this.timerTimes.push({ due: tag, at: this.ctx.now() }); }
  onOrderEvent(_ev: OrderEventView): void {}
  hash(h: StateHasher): void {
    h.int(this.books);
    for (const t of this.timerTimes) h.int(t.at);
  }
}

function drive(eventTime: 'poll' | 'source', clock: Clock, journal: MemoryJournal | null): { k: Kernel; s: Recorder; polls: number } {
  const market = createSyntheticMarket({ seed: 3, instruments: defaultInstruments().filter((i) => i.symbol === 'AAPL') });
  const s = new Recorder();
  const cfg: KernelConfig = { instruments: ['AAPL'], strategies: [{ strategy: s, limits: noLimits() }], features: false, eventTime };
  const k = buildKernel(cfg, { clock, venue: new NullVenuePort(), journal });
  new ItchPublisher(market.venue, { taps: [(b, off, len) => k.feedItch(b, off, len, market.clock.now())] });
  let polls = 0;
  const t0 = market.clock.now();
  for (let t = t0 + 10_000_000; t <= t0 + 1_000_000_000; t += 10_000_000) {
    market.step(t);
    if (clock instanceof SimClock) clock.set(t);
    k.poll();
    polls++;
  }
  return { k, s, polls };
}

describe('event time', () => {
  it("'poll': one clock read per poll; every callback of the poll sees that time; the journal replays exactly", () => {
    const clock = new MovingClock(34_200e9);
    const journal = new MemoryJournal({ fsync: 'none' });
    const { k, s, polls } = drive('poll', clock, journal);
    expect(s.bookTimes.length).toBeGreaterThan(100);
    expect(k.commands).toBeGreaterThan(5);
    expect(s.timerTimes.length).toBeGreaterThan(3);
    // START read the clock once; then one read per poll, none per event, command or timer
    expect(clock.reads).toBe(1 + polls);
    // a poll's events share its time, so there are at most `polls` distinct times
    expect(new Set(s.bookTimes).size).toBeLessThanOrEqual(polls);
    for (let i = 1; i < s.bookTimes.length; i++) expect(s.bookTimes[i]).toBeGreaterThanOrEqual(s.bookTimes[i - 1]);
    // a timer never fires before its deadline
    for (const t of s.timerTimes) expect(t.at).toBeGreaterThanOrEqual(t.due);
    const r = replayKernel(journal, (c, p) => buildKernel({ instruments: ['AAPL'], strategies: [{ strategy: new Recorder(), limits: noLimits() }], features: false }, { clock: c, venue: p }));
    expect(r.kernel.replayMismatches).toBe(0);
    expect(r.kernel.unmatchedCommands).toBe(0);
    expect(r.kernel.stateHash()).toBe(k.stateHash());
  });

  it("'source': events carry their edge's timestamps; timers fire at their deadlines, between events", () => {
    const clock = new SimClock(0); // never set: the events' own times drive the kernel
    const { s, polls } = drive('source', clock, null);
    expect(s.bookTimes.length).toBeGreaterThan(100);
    // more distinct times than polls, off the 10 ms step grid (a poll-time kernel would see one per step)
    expect(new Set(s.bookTimes).size).toBeGreaterThan(polls);
    expect(s.bookTimes.filter((t) => t % 10_000_000 !== 0).length).toBeGreaterThan(s.bookTimes.length / 2);
    for (let i = 1; i < s.bookTimes.length; i++) expect(s.bookTimes[i]).toBeGreaterThanOrEqual(s.bookTimes[i - 1]);
    expect(s.timerTimes.length).toBeGreaterThan(3);
    for (const t of s.timerTimes) expect(t.at).toBe(t.due);
  });
});
