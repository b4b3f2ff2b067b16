// The kernel's backtest path: marketData() handles a message at once (no copy into the inbound ring) and
// must give exactly what feedItch + poll gives for the same timestamps (same events in the same order, at
// the same times: state hash, strategy callbacks, orders and fills). Features are computed for an
// instrument only once a strategy reads them (or always / never, by configuration).
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/clock/clock.js';
import type { StateHasher } from '../../src/core/hash.js';
import { SIDE_ASK, SIDE_BID } from '../../src/core/units.js';
import { buildKernel, type Kernel } from '../../src/kernel/index.js';
import { noLimits } from '../../src/risk/index.js';
import { createSyntheticMarket, defaultInstruments, ItchPublisher } from '../../src/sim/index.js';
import type { OrderEventView, Strategy, StrategyContext } from '../../src/strategy/index.js';
import { ShadowVenuePort, TimeInForce } from '../../src/venue/index.js';

/** Crosses the spread every 20th book event (fills come back through the ring), sets timers, records all. */
class Trader implements Strategy {
  readonly name = 'trader';
  readonly symbols = ['AAPL'];
  ctx!: StrategyContext;
  readonly log: string[] = [];
  private n = 0;
  constructor(private readonly readsFeatures: boolean) {}
  feats: Float64Array | null = null;
  init(ctx: StrategyContext): void {
    this.ctx = ctx;
    if (this.readsFeatures) this.feats = ctx.features(0);
  }
  onBook(inst: number): void {
    if (++this.n % 20 !== 0) return;
    const buy = (this.n / 20) % 2 === 1;
    const px = buy ? this.ctx.book.bestAsk(inst) : this.ctx.book.bestBid(inst);
    if (px === px) this.log.push(`submit ${this.ctx.now()} ${this.ctx.submit(inst, buy ? SIDE_BID : SIDE_ASK, 100, px, TimeInForce.Ioc)}`);
    this.ctx.setTimer(3_000_000, this.n);
  }
  onTrade(_i: number, px: number, qty: number): void { this.log.push(`trade ${this.ctx.now()} ${px} ${qty}`); }
  onTimer(tag: number): void { this.log.push(`timer ${this.ctx.now()} ${tag} ${this.ctx.position(0)}`); }
  onOrderEvent(ev: OrderEventView): void { this.log.push(`order ${this.ctx.now()} ${ev.event} ${ev.clOrdId} ${ev.lastQty}`); }
  hash(h: StateHasher): void { h.int(this.n); h.int(this.log.length); }
}

/** The synthetic market's ITCH stream with each message's time. */
function record(seconds: number): { buf: Buffer; offs: number[]; ts: number[] } {
  const market = createSyntheticMarket({ seed: 9, instruments: defaultInstruments().filter((i) => i.symbol === 'AAPL') });
  const chunks: Buffer[] = [];
  const offs: number[] = [0];
  const ts: number[] = [];
  let pos = 0;
  new ItchPublisher(market.venue, { taps: [(b, off, len) => { chunks.push(Buffer.from(b.subarray(off, off + len))); pos += len; offs.push(pos); ts.push(market.clock.now()); }] });
  const t0 = market.clock.now();
  for (let t = t0 + 1e7; t <= t0 + seconds * 1e9; t += 1e7) market.step(t);
  return { buf: Buffer.concat(chunks), offs, ts };
}

function kernel(s: Trader, features: boolean | 'always' = true): Kernel {
  return buildKernel({ instruments: ['AAPL'], strategies: [{ strategy: s, limits: noLimits() }], eventTime: 'source', features }, { clock: new SimClock(0), venue: new ShadowVenuePort() });
}

describe('kernel backtest path', () => {
  const rec = record(3);
  const n = rec.ts.length;

  it('marketData() without the ring gives exactly what feedItch + poll gives', () => {
    const a = new Trader(false), b = new Trader(false);
    const ka = kernel(a), kb = kernel(b);
    for (let i = 0; i < n; i++) {
      ka.feedItch(rec.buf, rec.offs[i], rec.offs[i + 1] - rec.offs[i], rec.ts[i]);
      ka.poll();
      kb.marketData(rec.buf, rec.offs[i], rec.offs[i + 1] - rec.offs[i], rec.ts[i]);
    }
    kb.poll(); // the last message's reports
    expect(n).toBeGreaterThan(500);
    expect(a.log.filter((l) => l.startsWith('order')).length).toBeGreaterThan(10);
    expect(a.log.filter((l) => l.startsWith('timer')).length).toBeGreaterThan(10);
    expect(b.log).toEqual(a.log);
    expect(kb.stateHash()).toBe(ka.stateHash());
    expect(kb.feedEvents).toBe(ka.feedEvents);
    expect(kb.execEvents).toBe(ka.execEvents);
    expect(kb.ring.highWater).toBeLessThan(ka.ring.highWater + 1);
  });

  it('features are computed for an instrument once a strategy reads them; always; or never', () => {
    const feed = (k: Kernel): void => {
      for (let i = 0; i < n; i++) k.marketData(rec.buf, rec.offs[i], rec.offs[i + 1] - rec.offs[i], rec.ts[i]);
    };
    const reader = new Trader(true);
    const kr = kernel(reader);
    feed(kr);
    expect(reader.feats).not.toBeNull();
    const live = Array.from(reader.feats!);
    expect(live.some((v) => v !== 0 && v === v)).toBe(true);
    // nobody reads: the engine exists but is never updated (its vector stays as built)
    const idle = kernel(new Trader(false));
    const before = Array.from(idle.features[0]!.out);
    feed(idle);
    expect(Array.from(idle.features[0]!.out)).toEqual(before);
    // 'always': updated from the first event without a reader, to the same values a reader sees
    const always = kernel(new Trader(false), 'always');
    feed(always);
    expect(Array.from(always.features[0]!.out)).toEqual(live);
    // off: a reader gets null
    const none = new Trader(true);
    feed(kernel(none, false));
    expect(none.feats).toBeNull();
  });
});
