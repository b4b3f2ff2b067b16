// Canonical text of a venue's books (cold path: shutdown logs and tests): per symbol, bids then asks,
// best level first, each level [price, size, order count]. The same text computed from the engines
// (venueBookLevels) and from a feed-side book (bookLevels: L3Books rebuilt from the published ITCH)
// proves the market-data stream carries the engine's book.

import type { BookView } from '../book/types.js';
import type { Venue } from '../sim/venue.js';

export type Levels = Record<string, { bids: number[][]; asks: number[][] }>;

/** The engines' books, aggregated by price level (forEachOrder visits best level first, FIFO). */
export function venueBookLevels(venue: Venue): Levels {
  const out: Levels = {};
  for (const inst of venue.instruments) {
    const sides: number[][][] = [[], []];
    venue.engine(inst.index).forEachOrder((_id, _owner, side, px, qty) => {
      const lv = sides[side];
      const last = lv[lv.length - 1];
      if (last !== undefined && last[0] === px) {
        last[1] += qty;
        last[2]++;
      } else lv.push([px, qty, 1]);
    });
    out[inst.symbol] = { bids: sides[0], asks: sides[1] };
  }
  return out;
}

/** The same from a feed-side book: `ids` maps each symbol to its book instrument id. */
export function bookLevels(book: BookView, ids: ReadonlyMap<string, number>): Levels {
  const out: Levels = {};
  for (const [symbol, id] of ids) {
    const sides: number[][][] = [[], []];
    for (const side of [0, 1] as const) {
      const d = book.depth(id, side);
      for (let l = 0; l < d; l++) sides[side].push([book.levelPrice(id, side, l), book.levelQty(id, side, l), book.levelCount(id, side, l)]);
    }
    out[symbol] = { bids: sides[0], asks: sides[1] };
  }
  return out;
}
