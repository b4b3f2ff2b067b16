// Unit tests of the book semantics (src/book/types.ts, header of src/book/l3.ts), run against both the
// fast L3Books and the reference RefBooks so that each rule is pinned in both.

import { describe, expect, it } from 'vitest';
import { SIDE_ASK, SIDE_BID } from '../../src/core/units.js';
import { TradingStatus } from '../../src/core/events.js';
import { L3Books } from '../../src/book/l3.js';
import { RefBooks } from '../../src/book/reference.js';
import type { BookSink, L3BookView } from '../../src/book/types.js';
import { Rng } from '../../src/core/rng.js';

type Books = BookSink & L3BookView;

const B = SIDE_BID;
const A = SIDE_ASK;

function l2(b: Books, inst: number, side: 0 | 1): number[][] {
  const out: number[][] = [];
  for (let l = 0; l < b.depth(inst, side); l++) out.push([b.levelPrice(inst, side, l), b.levelQty(inst, side, l), b.levelCount(inst, side, l)]);
  return out;
}

const impls: Array<[string, () => Books]> = [
  ['L3Books', () => new L3Books({ initialOrders: 2, initialLevels: 1 })],
  ['RefBooks', () => new RefBooks()],
];

describe.each(impls)('%s', (_name, make) => {
  it('starts empty: NaN best prices, zero depth, out-of-range levels', () => {
    const b = make();
    expect(b.bestBid(0)).toBeNaN();
    expect(b.bestAsk(0)).toBeNaN();
    expect(b.depth(0, B)).toBe(0);
    expect(b.levelPrice(0, A, 0)).toBeNaN();
    expect(b.levelQty(0, A, 0)).toBe(0);
    expect(b.orderCount()).toBe(0);
    expect(b.instrumentCount()).toBe(0);
    expect(b.tradingStatus(3)).toBe(TradingStatus.Unknown);
  });

  it('sorts levels best first on both sides and aggregates qty and count', () => {
    const b = make();
    b.add(0, 1, B, 100, 10, 0);
    b.add(0, 2, B, 102, 5, 0);
    b.add(0, 3, B, 101, 7, 0);
    b.add(0, 4, B, 102, 1, 0);
    b.add(0, 5, A, 105, 3, 0);
    b.add(0, 6, A, 103, 4, 0);
    b.add(0, 7, A, 104, 2, 0);
    expect(l2(b, 0, B)).toEqual([[102, 6, 2], [101, 7, 1], [100, 10, 1]]);
    expect(l2(b, 0, A)).toEqual([[103, 4, 1], [104, 2, 1], [105, 3, 1]]);
    expect(b.bestBid(0)).toBe(102);
    expect(b.bestAsk(0)).toBe(103);
    expect(b.orderCount()).toBe(7);
    expect(b.levelPrice(0, B, 3)).toBeNaN();
    expect(b.levelPrice(0, B, -1)).toBeNaN();
    expect(b.levelPrice(0, B, 0.5)).toBeNaN();
  });

  it('keeps FIFO order: queueAhead, and partial cancel / execute keep the queue position', () => {
    const b = make();
    b.add(0, 1, B, 100, 10, 0);
    b.add(0, 2, B, 100, 20, 0);
    b.add(0, 3, B, 100, 30, 0);
    expect([b.queueAhead(1), b.queueAhead(2), b.queueAhead(3)]).toEqual([0, 10, 30]);
    b.cancel(1, 4, 0);
    b.execute(2, 5, 0);
    expect([b.orderQty(1), b.orderQty(2), b.queueAhead(3)]).toEqual([6, 15, 21]);
    expect(l2(b, 0, B)).toEqual([[100, 51, 3]]);
    b.delete(2, 0);
    expect(b.queueAhead(3)).toBe(6);
    expect(b.queueAhead(42)).toBeNaN();
    expect(b.orderQty(42)).toBe(0);
    expect([b.orderPrice(3), b.orderSide(3), b.orderInstrument(3)]).toEqual([100, B, 0]);
    expect([b.orderPrice(2), b.orderSide(2), b.orderInstrument(2)]).toEqual([NaN, -1, -1]);
  });

  it('cancel and execute to zero remove the order; larger ones remove it and are counted', () => {
    const b = make();
    b.add(0, 1, A, 100, 10, 0);
    b.add(0, 2, A, 100, 10, 0);
    b.add(0, 3, A, 101, 10, 0);
    b.cancel(1, 10, 0);
    b.execute(2, 11, 0);
    b.cancel(3, 12, 0);
    expect(b.orderCount()).toBe(0);
    expect(b.depth(0, A)).toBe(0);
    expect(b.stats.overExecution).toBe(1);
    expect(b.stats.overCancel).toBe(1);
  });

  it('counts unknown ids, duplicates and bad fields, leaving the book unchanged', () => {
    const b = make();
    b.add(0, 1, B, 100, 10, 0);
    const before = b.stateHash();
    b.add(0, 1, A, 200, 5, 0); // duplicate
    b.cancel(9, 1, 0);
    b.delete(9, 0);
    b.execute(9, 1, 0);
    b.modify(9, 100, 1, 0);
    b.replace(9, 10, 100, 1, 0);
    b.add(0, 2, B, 100, 0, 0);
    b.add(0, 3, B, 100, 1.5, 0);
    b.cancel(1, -1, 0);
    b.add(0, 4, B, 100.5, 1, 0);
    b.add(0, 5, 2 as 0, 100, 1, 0);
    b.add(-1, 6, B, 100, 1, 0);
    b.add(0, NaN, B, 100, 1, 0);
    b.levelDelta(0, B, 100, 0.5, 0, 0);
    expect(b.stateHash()).toBe(before);
    expect(b.stats).toEqual({
      unknownOrder: 5, duplicateOrder: 1, overExecution: 0, badQty: 4, overCancel: 0,
      badPrice: 1, badSide: 1, badInstrument: 1, badOrderId: 1, anonClamped: 0,
    });
  });

  it('replace: old id leaves, the new id joins the back of the queue on the same side', () => {
    const b = make();
    b.add(0, 1, B, 100, 10, 0);
    b.add(0, 2, B, 100, 20, 0);
    b.replace(1, 11, 100, 5, 0);
    expect(b.hasOrder(1)).toBe(false);
    expect(b.queueAhead(11)).toBe(20);
    expect(b.orderSide(11)).toBe(B);
    b.replace(11, 12, 99, 7, 0);
    expect(l2(b, 0, B)).toEqual([[100, 20, 1], [99, 7, 1]]);
    b.replace(12, 2, 98, 1, 0); // new id already live: counted, nothing changes
    expect(b.stats.duplicateOrder).toBe(1);
    expect(b.orderQty(12)).toBe(7);
    b.replace(12, 12, 99, 8, 0); // same id is allowed
    expect(b.orderQty(12)).toBe(8);
    expect(b.orderCount()).toBe(2);
  });

  it('modify keeps priority only for the same price and a size that does not increase', () => {
    const b = make();
    b.add(0, 1, A, 100, 10, 0);
    b.add(0, 2, A, 100, 10, 0);
    b.modify(1, 100, 10, 0); // unchanged
    b.modify(1, 100, 6, 0); // smaller: keeps the front
    expect([b.queueAhead(1), b.queueAhead(2)]).toEqual([0, 6]);
    b.modify(1, 100, 7, 0); // larger: back of the queue
    expect([b.queueAhead(2), b.queueAhead(1)]).toEqual([0, 10]);
    b.modify(2, 101, 3, 0); // new price: moves level
    expect(l2(b, 0, A)).toEqual([[100, 7, 1], [101, 3, 1]]);
    b.modify(2, 100, 3, 0); // back again: behind order 1
    expect(b.queueAhead(2)).toBe(7);
    expect(b.depth(0, A)).toBe(1);
    b.modify(1, 100, 0, 0); // size 0 removes the order
    expect(b.hasOrder(1)).toBe(false);
    expect(b.queueAhead(2)).toBe(0);
    b.modify(2, 100, -1, 0);
    expect(b.stats.badQty).toBe(1);
    expect(b.stats.unknownOrder).toBe(0);
  });

  it('levelDelta: anonymous size and count at a price, clamped at zero, ahead of known orders', () => {
    const b = make();
    b.levelDelta(0, B, 100, 50, 2, 0);
    expect(l2(b, 0, B)).toEqual([[100, 50, 2]]);
    b.add(0, 1, B, 100, 10, 0);
    expect(b.queueAhead(1)).toBe(50);
    expect(l2(b, 0, B)).toEqual([[100, 60, 3]]);
    b.levelDelta(0, B, 100, -80, -1, 0); // clamps the anonymous part at zero
    expect(b.stats.anonClamped).toBe(1);
    expect(l2(b, 0, B)).toEqual([[100, 10, 1]]);
    b.delete(1, 0);
    expect(b.depth(0, B)).toBe(0); // empty level vanishes
    b.levelDelta(0, A, 101, 5, 0, 0); // L2-style: size without count
    b.levelDelta(0, A, 102, -5, -1, 0); // nothing to take from: no level, counted
    b.levelDelta(0, A, 103, 0, 3, 0); // a count without size is no level
    expect(l2(b, 0, A)).toEqual([[101, 5, 0]]);
    expect(b.stats.anonClamped).toBe(2);
    b.levelDelta(0, A, 101, -5, 0, 0);
    expect(b.depth(0, A)).toBe(0);
  });

  it('clear empties one instrument (orders, anonymous size) and keeps its status', () => {
    const b = make();
    b.add(0, 1, B, 100, 10, 0);
    b.add(1, 2, B, 100, 10, 0);
    b.levelDelta(0, A, 105, 9, 1, 0);
    b.status(0, TradingStatus.Halted, 0);
    b.clear(0, 0);
    expect([b.depth(0, B), b.depth(0, A), b.depth(1, B)]).toEqual([0, 0, 1]);
    expect(b.hasOrder(1)).toBe(false);
    expect(b.orderCount()).toBe(1);
    expect(b.tradingStatus(0)).toBe(TradingStatus.Halted);
    b.add(0, 1, A, 101, 1, 0); // the id is free again
    expect(b.stats.duplicateOrder).toBe(0);
    expect(b.bestAsk(0)).toBe(101);
  });

  it('status and instrumentCount follow every call that names an instrument', () => {
    const b = make();
    b.status(4, TradingStatus.Trading, 0);
    expect(b.instrumentCount()).toBe(5);
    expect(b.tradingStatus(4)).toBe(TradingStatus.Trading);
    expect(b.tradingStatus(2)).toBe(TradingStatus.Unknown);
    b.add(6, 1, B, 1, 0, 0); // rejected (qty), but names instrument 6
    expect(b.instrumentCount()).toBe(7);
    b.status(2 ** 40, 1, 0);
    expect(b.instrumentCount()).toBe(7);
    expect(b.stats.badInstrument).toBe(1);
  });

  it('inserts and removes levels at both ends of each side (new best, new worst)', () => {
    const b = make();
    for (const [side, sign] of [[B, -1], [A, 1]] as const) {
      const px = (d: number): number => 1000 + sign * d; // d ticks away from the mid, 0 = best seen
      b.add(0, side * 100 + 1, side, px(5), 1, 0);
      b.add(0, side * 100 + 2, side, px(3), 2, 0); // new best
      b.add(0, side * 100 + 3, side, px(9), 3, 0); // new worst
      b.add(0, side * 100 + 4, side, px(1), 4, 0); // new best again
      expect(l2(b, 0, side).map((r) => r[0])).toEqual([px(1), px(3), px(5), px(9)]);
      b.delete(side * 100 + 4, 0); // best goes
      b.delete(side * 100 + 3, 0); // worst goes
      expect(l2(b, 0, side)).toEqual([[px(3), 2, 1], [px(5), 1, 1]]);
    }
    expect([b.bestBid(0), b.bestAsk(0)]).toEqual([997, 1003]);
  });

  it('handles many levels deep, inserted and removed in random order', () => {
    const b = make();
    const rng = new Rng(11);
    const prices = Array.from({ length: 600 }, (_, i) => 1000 + i * 3);
    const order = [...prices].sort(() => rng.next() - 0.5);
    order.forEach((p, i) => {
      b.add(0, i + 1, B, p, 1, 0);
      b.add(0, 10_000 + i, A, p + 5000, 2, 0);
    });
    expect(b.depth(0, B)).toBe(600);
    expect(l2(b, 0, B).map((r) => r[0])).toEqual([...prices].reverse());
    expect(l2(b, 0, A).map((r) => r[0])).toEqual(prices.map((p) => p + 5000));
    for (let i = 0; i < 600; i += 2) {
      b.delete(i + 1, 0);
      b.delete(10_000 + i, 0);
    }
    const left = order.filter((_, i) => i % 2 === 1);
    expect(l2(b, 0, B).map((r) => r[0])).toEqual([...left].sort((x, y) => y - x));
    expect(l2(b, 0, A).map((r) => r[0])).toEqual(left.map((p) => p + 5000).sort((x, y) => x - y));
    expect(b.orderCount()).toBe(600);
  });

  it('negative and zero prices are ordinary prices (spreads)', () => {
    const b = make();
    b.add(0, 1, A, 0, 1, 0);
    b.add(0, 2, A, -5, 1, 0);
    b.add(0, 3, B, -10, 1, 0);
    b.add(0, 4, B, -7, 1, 0);
    expect([b.bestBid(0), b.bestAsk(0)]).toEqual([-7, -5]);
    expect(l2(b, 0, A).map((r) => r[0])).toEqual([-5, 0]);
  });
});

describe('stateHash', () => {
  it('is equal across implementations and changes with any part of the state', () => {
    const books = impls.map(([, make]) => make());
    const hashes = new Set<string>();
    const steps: Array<(b: Books) => void> = [
      (b) => b.status(1, 4, 0),
      (b) => b.add(1, 7, B, 100, 5, 0),
      (b) => b.add(1, 8, B, 100, 5, 0),
      (b) => b.modify(7, 100, 6, 0), // reorders the queue: 8 before 7
      (b) => b.levelDelta(1, B, 100, 1, 0, 0),
      (b) => b.levelDelta(1, B, 100, 0, 1, 0),
      (b) => b.add(0, 9, A, 101, 1, 0),
    ];
    for (const step of steps) {
      for (const b of books) step(b);
      const [fast, ref] = books.map((b) => b.stateHash());
      expect(fast).toBe(ref);
      hashes.add(fast);
    }
    expect(hashes.size).toBe(steps.length);
  });
});

describe('L3Books.checkInvariants', () => {
  it('passes on a consistent book and reports a corrupted one', () => {
    const b = new L3Books({ initialOrders: 2, initialLevels: 1 });
    for (let i = 0; i < 50; i++) b.add(i % 3, i + 1, (i % 2) as 0 | 1, 100 + (i % 7), 10, 0);
    b.levelDelta(1, B, 95, 40, 2, 0);
    for (let i = 0; i < 50; i += 3) b.delete(i + 1, 0);
    expect(b.checkInvariants()).toBeNull();
    // Corrupt one level's aggregate qty through the internals (test-only access).
    const inner = b as unknown as {
      levels: { qty: Float64Array };
      pool: { lvl: Int32Array };
      ids: { get(id: number): number };
    };
    expect(b.hasOrder(2)).toBe(true);
    inner.levels.qty[inner.pool.lvl[inner.ids.get(2)]] += 1;
    expect(b.checkInvariants()).toMatch(/count\/qty mismatch/);
  });
});
