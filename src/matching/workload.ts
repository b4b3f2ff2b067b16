// The committed benchmark workload `matching-v1` (issue 4, item 6; described in docs/matching-v1.md).
// Changing anything here changes the benchmark: bump the name (matching-v2) instead.
//
// One instrument, US-equity ticks: mid fixed at $100.00 (1_000_000 price units at priceScale 10_000),
// tick $0.01 (100 units), lot 1, owner ids 1..8, no self-match prevention, no fees that matter to speed.
// 1_000_000 commands drawn from Rng(seed) (src/core/rng.ts), default seed 1:
//   - u < 0.60  limit add, GTC: side 50/50, price mid -/+ d ticks on its passive side with d uniform in
//               1..20 (so adds never cross: the book stays uncrossed), size 100 * (1 + int(5)) shares;
//   - u < 0.90  cancel of a live order chosen uniformly among all live orders (an add instead when the
//               book is empty);
//   - else      marketable order, side 50/50: half market orders (IOC), half IOC limits priced 2 ticks
//               through the opposite best (at the mid when that side is empty); size 100 * (1 + int(17))
//               scaled by live / 450 and clamped to [100, 10_000] shares: a restoring force that keeps
//               the book near 550 live orders over ~30 levels (seed 1: 18.7 orders per level on average,
//               53 at most; measured in `stats`, asserted <= 20 in test/matching/workload.test.ts).
// Generation (cold) runs the commands through the reference engine to know which orders are live; the
// result is typed arrays (Int32Array: small integers, as an order gateway would hand them over), so a
// timed loop only reads numbers. Ids are 1, 2, 3, ... in command order.

import { Rng } from '../core/rng.js';
import type { EngineConfig } from './config.js';
import { usEquityConfig } from './config.js';
import { RefMatchingEngine } from './reference.js';
import type { MatchSink } from './types.js';
import { BUY, OrdType, SELL, Tif } from './types.js';

export const WOP_ADD = 0;
export const WOP_CANCEL = 1;
export const WOP_MARKET = 2;
export const WOP_IOC = 3;

export interface MatchingWorkload {
  name: 'matching-v1';
  seed: number;
  n: number;
  /** WOP_* per command. */
  op: Uint8Array;
  side: Uint8Array;
  /** Order id (the order added / cancelled / sent). */
  id: Int32Array;
  /** Limit price (0 for market orders and cancels). */
  px: Int32Array;
  qty: Int32Array;
  owner: Uint8Array;
  /** Counts per op and book shape statistics, measured during generation. */
  stats: { adds: number; cancels: number; markets: number; iocs: number; fills: number; avgLiveOrders: number; avgOrdersPerLevel: number; maxOrdersPerLevel: number };
}

export const MATCHING_V1_MID = 1_000_000;
export const MATCHING_V1_TICK = 100;
const TARGET_LIVE = 450;

/** The engine configuration of matching-v1. */
export function matchingV1Config(): EngineConfig {
  return usEquityConfig({ lotSize: 1, maxQty: 1_000_000 });
}

/** Live-order set with O(1) random pick and removal (cold path helper). */
class LiveSet {
  readonly ids: number[] = [];
  private readonly pos = new Map<number, number>();
  add(id: number): void {
    this.pos.set(id, this.ids.length);
    this.ids.push(id);
  }
  remove(id: number): void {
    const i = this.pos.get(id);
    if (i === undefined) return;
    const last = this.ids.pop()!;
    if (last !== id) {
      this.ids[i] = last;
      this.pos.set(last, i);
    }
    this.pos.delete(id);
  }
}

/** Sink that keeps the live set in step with the reference engine. */
class LiveTracker implements MatchSink {
  fills = 0;
  constructor(readonly live: LiveSet) {}
  onRested(id: number): void { this.live.add(id); }
  onFill(makerId: number, _mo: number, _t: number, _to: number, _s: number, _px: number, _q: number, makerLeaves: number): void {
    this.fills++;
    if (makerLeaves === 0) this.live.remove(makerId);
  }
  onCancelled(id: number, _o: number, _s: number, _px: number, _q: number, _r: number, resting: number): void {
    if (resting === 1) this.live.remove(id);
  }
  onExpired(id: number): void { this.live.remove(id); }
  onAccepted(): void {}
  onRejected(): void {}
  onCancelRejected(): void {}
  onReplaced(): void {}
  onTradingState(): void {}
}

export function matchingV1Workload(seed = 1, n = 1_000_000): MatchingWorkload {
  const rng = new Rng(seed);
  const live = new LiveSet();
  const tracker = new LiveTracker(live);
  const ref = new RefMatchingEngine(matchingV1Config(), tracker);
  const w: MatchingWorkload = {
    name: 'matching-v1', seed, n,
    op: new Uint8Array(n), side: new Uint8Array(n), id: new Int32Array(n), px: new Int32Array(n),
    qty: new Int32Array(n), owner: new Uint8Array(n),
    stats: { adds: 0, cancels: 0, markets: 0, iocs: 0, fills: 0, avgLiveOrders: 0, avgOrdersPerLevel: 0, maxOrdersPerLevel: 0 },
  };
  let liveSum = 0, levelSamples = 0, perLevelSum = 0;
  for (let i = 0; i < n; i++) {
    const id = i + 1;
    const u = rng.next();
    const side = rng.int(2);
    const owner = 1 + rng.int(8);
    w.id[i] = id;
    w.side[i] = side;
    w.owner[i] = owner;
    if (u >= 0.6 && u < 0.9 && live.ids.length > 0) {
      const victim = live.ids[rng.int(live.ids.length)];
      w.op[i] = WOP_CANCEL;
      w.id[i] = victim;
      w.side[i] = ref.orderSide(victim);
      ref.cancel(victim, i);
      w.stats.cancels++;
    } else if (u >= 0.9) {
      let qty = 100 * (1 + rng.int(17)) * (live.ids.length / TARGET_LIVE);
      qty = Math.min(10_000, Math.max(100, Math.round(qty / 100) * 100));
      w.qty[i] = qty;
      if (rng.chance(0.5)) {
        w.op[i] = WOP_MARKET;
        ref.newOrder(id, owner, side, OrdType.Market, Tif.Ioc, 0, qty, 0, 0, i);
        w.stats.markets++;
      } else {
        const best = side === BUY ? ref.bestAsk() : ref.bestBid();
        const through = side === BUY ? 2 * MATCHING_V1_TICK : -2 * MATCHING_V1_TICK;
        const px = Number.isNaN(best) ? MATCHING_V1_MID : best + through;
        w.op[i] = WOP_IOC;
        w.px[i] = px;
        ref.newOrder(id, owner, side, OrdType.Limit, Tif.Ioc, px, qty, 0, 0, i);
        w.stats.iocs++;
      }
    } else {
      const d = 1 + rng.int(20);
      const px = side === BUY ? MATCHING_V1_MID - d * MATCHING_V1_TICK : MATCHING_V1_MID + d * MATCHING_V1_TICK;
      const qty = 100 * (1 + rng.int(5));
      w.op[i] = WOP_ADD;
      w.px[i] = px;
      w.qty[i] = qty;
      ref.newOrder(id, owner, side, OrdType.Limit, Tif.Gtc, px, qty, 0, 0, i);
      w.stats.adds++;
    }
    liveSum += live.ids.length;
    if (i % 1000 === 999) {
      let levels = 0;
      for (const s of [BUY, SELL]) {
        const book = ref.levels(s);
        levels += book.length;
        for (const l of book) w.stats.maxOrdersPerLevel = Math.max(w.stats.maxOrdersPerLevel, l.count);
      }
      if (levels > 0) {
        perLevelSum += live.ids.length / levels;
        levelSamples++;
      }
    }
  }
  w.stats.fills = tracker.fills;
  w.stats.avgLiveOrders = liveSum / n;
  w.stats.avgOrdersPerLevel = levelSamples > 0 ? perLevelSum / levelSamples : 0;
  return w;
}
