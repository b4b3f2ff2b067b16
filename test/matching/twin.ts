// Test helper: drives MatchingEngine and RefMatchingEngine with the same commands and checks after each
// one that both emitted the same events and hold the same state; exposes the events as arrays.
import { expect } from 'vitest';
import type { EngineConfig } from '../../src/matching/config.js';
import { usEquityConfig } from '../../src/matching/config.js';
import { MatchingEngine } from '../../src/matching/engine.js';
import { RefMatchingEngine } from '../../src/matching/reference.js';
import { RecordingSink, SinkEvent, firstLogDifference } from '../../src/matching/sinks.js';
import { OrdType, Tif } from '../../src/matching/types.js';

/** Arguments per event code in RecordingSink logs. */
const ARGS: Record<number, number> = { 1: 8, 2: 4, 3: 13, 4: 6, 5: 8, 6: 4, 7: 9, 8: 7, 9: 2 };

export function splitEvents(log: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < log.length; ) {
    const n = ARGS[log[i]];
    out.push(log.slice(i, i + 1 + n));
    i += 1 + n;
  }
  return out;
}

/** Dollars to price units (priceScale 10_000). */
export const usd = (d: number): number => Math.round(d * 10_000);

export class Twin {
  readonly fastSink = new RecordingSink();
  readonly refSink = new RecordingSink();
  readonly fast: MatchingEngine;
  readonly ref: RefMatchingEngine;
  now = 1_000;

  constructor(cfg: EngineConfig = usEquityConfig()) {
    this.fast = new MatchingEngine(cfg, this.fastSink, { initialOrders: 4, initialLevels: 2 });
    this.ref = new RefMatchingEngine(cfg, this.refSink);
  }

  private check<T>(a: T, b: T): { code: T; events: number[][] } {
    expect(a).toEqual(b);
    expect(firstLogDifference(this.fastSink.log, this.refSink.log)).toBe(-1);
    expect(this.fast.stateHash()).toBe(this.ref.stateHash());
    const events = splitEvents(this.fastSink.log);
    this.fastSink.clear();
    this.refSink.clear();
    return { code: a, events };
  }

  order(id: number, owner: number, side: number, px: number, qty: number, o: { tif?: number; type?: number; flags?: number; expire?: number } = {}) {
    this.now += 10;
    const args = [id, owner, side, o.type ?? OrdType.Limit, o.tif ?? Tif.Gtc, px, qty, o.flags ?? 0, o.expire ?? 0, this.now] as const;
    return this.check(this.fast.newOrder(...args), this.ref.newOrder(...args));
  }

  market(id: number, owner: number, side: number, qty: number, o: { tif?: number; flags?: number } = {}) {
    return this.order(id, owner, side, 0, qty, { type: OrdType.Market, tif: o.tif ?? Tif.Ioc, flags: o.flags });
  }

  cancel(id: number) {
    this.now += 10;
    return this.check(this.fast.cancel(id, this.now), this.ref.cancel(id, this.now));
  }

  replace(id: number, px: number, qty: number) {
    this.now += 10;
    return this.check(this.fast.replace(id, px, qty, this.now), this.ref.replace(id, px, qty, this.now));
  }

  state(s: number) {
    this.now += 10;
    return this.check(this.fast.setTradingState(s, this.now), this.ref.setTradingState(s, this.now));
  }

  advance(now: number) {
    this.now = now;
    this.fast.advanceTime(now);
    this.ref.advanceTime(now);
    return this.check(0, 0);
  }

  endSession() {
    this.now += 10;
    return this.check(this.fast.endSession(this.now), this.ref.endSession(this.now));
  }

  /** Fill events only: [makerId, takerId, px, qty, makerLeaves, takerLeaves, makerFee, takerFee]. */
  static fills(events: number[][]): number[][] {
    return events.filter((e) => e[0] === SinkEvent.Fill).map((e) => [e[1], e[3], e[6], e[7], e[8], e[9], e[10], e[11]]);
  }

  static kinds(events: number[][]): number[] {
    return events.map((e) => e[0]);
  }
}
