// Window edges and ring growth on a scripted book: entries stamped exactly now - W have left the window,
// timestamps that go backwards are clamped, and a ring that doubles keeps every entry.

import { describe, expect, it } from 'vitest';
import type { BookView } from '../../src/book/types.js';
import { FeatureEngine, RefFeatureEngine, F_OFI_WINDOW, F_TRADE_FLOW, F_MID, returnSlot, TimeRing, type FeatureSpec } from '../../src/signal/index.js';

/** A one-level book whose best prices and sizes the test sets directly. */
class ScriptBook implements BookView {
  pb = 100;
  qb = 5;
  pa = 102;
  qa = 7;
  depth(_i: number, side: number): number {
    return side === 0 ? (this.qb > 0 ? 1 : 0) : this.qa > 0 ? 1 : 0;
  }
  levelPrice(_i: number, side: number): number {
    return side === 0 ? this.pb : this.pa;
  }
  levelQty(_i: number, side: number): number {
    return side === 0 ? this.qb : this.qa;
  }
  levelCount(): number {
    return 1;
  }
  bestBid(): number {
    return this.qb > 0 ? this.pb : NaN;
  }
  bestAsk(): number {
    return this.qa > 0 ? this.pa : NaN;
  }
  tradingStatus(): number {
    return 0;
  }
  orderCount(): number {
    return 2;
  }
  stateHash(): string {
    return '';
  }
}

const spec: FeatureSpec = { instrument: 0, levels: 1, returnWindowsNs: [10], ofiWindowNs: 10, tradeWindowNs: 10, volWindowNs: 10, initialCapacity: 16 };

describe('window edges', () => {
  it('an entry stamped exactly now - W is out; a backwards ts is clamped', () => {
    const book = new ScriptBook();
    const f = new FeatureEngine(spec);
    const r = new RefFeatureEngine(spec);
    const step = (ts: number): void => {
      f.onBook(book, ts);
      r.onBook(book, ts);
      expect(Array.from(f.out)).toEqual(Array.from(r.out));
    };
    step(0); // first event: bid 5 and ask 7 appear: e = 5 - 7
    expect(f.out[F_OFI_WINDOW]).toBe(-2);
    expect(f.out[returnSlot(spec, 0)]).toBeNaN();
    book.qb = 9;
    step(5); // bid grows by 4
    expect(f.out[F_OFI_WINDOW]).toBe(2);
    f.onTrade(6, 101, 3, 1);
    r.onTrade(6, 101, 3, 1);
    book.pb = 101;
    step(10); // the event at 0 leaves (0 <= 10 - 10); bid moves up: e = +9 (new level), old level not removed
    expect(f.out[F_OFI_WINDOW]).toBe(4 + 9);
    expect(f.out[F_TRADE_FLOW]).toBe(1);
    expect(f.out[returnSlot(spec, 0)]).toBeCloseTo(Math.log(101.5 / 101), 15);
    step(3); // clamped to 10
    expect(f.out[F_OFI_WINDOW]).toBe(13);
    step(16); // the trade at 6 leaves
    expect(f.out[F_TRADE_FLOW]).toBe(0);
    book.qa = 0;
    step(17);
    expect(f.out[F_MID]).toBeNaN();
  });

  it('TimeRing keeps its entries in order across growth', () => {
    const ring = new TimeRing(16);
    for (let i = 0; i < 10; i++) ring.push(i, i * 2);
    ring.head = 7;
    for (let i = 10; i < 100; i++) ring.push(i, i * 2);
    expect(ring.grows).toBeGreaterThan(0);
    expect(ring.length).toBe(93);
    for (let s = ring.head; s < ring.tail; s++) expect(ring.valAt(s)).toBe(s * 2);
  });
});
