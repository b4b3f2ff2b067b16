// Test helpers: compare the engine's own book (the truth) with the feed-side L3Books rebuilt from ITCH.
// - topLevelsMismatch: top-N levels (price, size, order count) of one instrument, both sides, and depth.
// - topDigest: the same top-N data folded into one 32-bit integer (for the UDP path, where the engine's
//   state at event k must be remembered until the receiver has caught up with event k).
// - fullMismatch: order by order, every instrument: each resting engine order exists in the book under its
//   current ITCH reference with the same instrument, side, price, size and size ahead of it in the queue
//   (so FIFO order is equal), plus equal total order counts and clean book counters.

import type { L3BookView } from '../../src/book/types.js';
import { TradingStatus } from '../../src/core/events.js';
import { TradingState } from '../../src/matching/types.js';
import type { MatchingEngine } from '../../src/matching/engine.js';
import type { ItchPublisher } from '../../src/sim/itch-publisher.js';
import type { Venue } from '../../src/sim/venue.js';

export const TOP_N = 5;

type Levels = Pick<MatchingEngine, 'level'>;

function engineLevels(venue: Venue, inst: number): Levels {
  const e = venue.engine(inst) as unknown as Partial<Levels>;
  if (typeof e.level !== 'function') throw new Error('the comparison needs the fast engine (level())');
  return e as Levels;
}

function depthOf(lv: Levels, side: number): number {
  let d = 0;
  while (d < TOP_N && lv.level(side, d) !== undefined) d++;
  return d;
}

/** undefined when the top-N levels agree, else a description. `bookInst` is the book's instrument id. */
export function topLevelsMismatch(venue: Venue, inst: number, book: L3BookView, bookInst: number): string | undefined {
  const lv = engineLevels(venue, inst);
  for (let side = 0; side < 2; side++) {
    const d = depthOf(lv, side);
    const bd = Math.min(TOP_N, book.depth(bookInst, side as 0 | 1));
    if (d !== bd) return `inst ${inst} side ${side}: depth ${d} (engine) vs ${bd} (feed)`;
    for (let l = 0; l < d; l++) {
      const [px, qty, cnt] = lv.level(side, l)!;
      const s = side as 0 | 1;
      const b = [book.levelPrice(bookInst, s, l), book.levelQty(bookInst, s, l), book.levelCount(bookInst, s, l)];
      if (b[0] !== px || b[1] !== qty || b[2] !== cnt) {
        return `inst ${inst} side ${side} level ${l}: engine ${px}/${qty}/${cnt} vs feed ${b.join('/')}`;
      }
    }
  }
  return undefined;
}

function mix(h: number, v: number): number {
  return Math.imul(h ^ (v | 0) ^ ((v / 4294967296) | 0), 0x01000193) >>> 0;
}

/** Top-N digest of the engine's book of `inst`. */
export function engineTopDigest(venue: Venue, inst: number): number {
  const lv = engineLevels(venue, inst);
  let h = 0x811c9dc5;
  for (let side = 0; side < 2; side++) {
    const d = depthOf(lv, side);
    h = mix(h, d);
    for (let l = 0; l < d; l++) {
      const [px, qty, cnt] = lv.level(side, l)!;
      h = mix(mix(mix(h, px), qty), cnt);
    }
  }
  return h;
}

/** The same digest computed from the feed-side book. */
export function bookTopDigest(book: L3BookView, bookInst: number): number {
  let h = 0x811c9dc5;
  for (let side = 0 as 0 | 1; side < 2; side++) {
    const d = Math.min(TOP_N, book.depth(bookInst, side));
    h = mix(h, d);
    for (let l = 0; l < d; l++) h = mix(mix(mix(h, book.levelPrice(bookInst, side, l)), book.levelQty(bookInst, side, l)), book.levelCount(bookInst, side, l));
  }
  return h;
}

/** Order-by-order comparison of every instrument; undefined when identical. bookIds[inst] = book instrument id. */
export function fullMismatch(venue: Venue, pub: ItchPublisher, book: L3BookView, bookIds: readonly number[]): string | undefined {
  let total = 0;
  let problem: string | undefined;
  for (let inst = 0; inst < venue.instruments.length && problem === undefined; inst++) {
    const e = venue.engine(inst);
    total += e.orderCount();
    const status = e.tradingState() === TradingState.Open ? TradingStatus.Trading : TradingStatus.Halted;
    if (book.tradingStatus(bookIds[inst]) !== status) problem = `inst ${inst}: trading status ${status} (engine) vs ${book.tradingStatus(bookIds[inst])} (feed)`;
    let levelPx = NaN;
    let levelSide = -1;
    let ahead = 0;
    e.forEachOrder((id, _owner, side, px, qty) => {
      if (problem !== undefined) return;
      if (px !== levelPx || side !== levelSide) {
        levelPx = px;
        levelSide = side;
        ahead = 0;
      }
      const ref = pub.orderRef(inst, id);
      const got = [book.orderInstrument(ref), book.orderSide(ref), book.orderPrice(ref), book.orderQty(ref), book.queueAhead(ref)];
      const want = [bookIds[inst], side, px, qty, ahead];
      if (got.some((v, i) => v !== want[i])) problem = `inst ${inst} order ${id} (ref ${ref}): engine ${want.join('/')} vs feed ${got.join('/')}`;
      ahead += qty;
    });
  }
  if (problem !== undefined) return problem;
  if (book.orderCount() !== total) return `order count: engine ${total} vs feed ${book.orderCount()}`;
  const bad = Object.entries(book.stats).filter(([, v]) => v !== 0);
  if (bad.length > 0) return `feed book counters: ${JSON.stringify(Object.fromEntries(bad))}`;
  return undefined;
}
