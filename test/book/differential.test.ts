// Differential test (design principle 10): one seeded stream of feed calls drives L3Books and its
// reference twin RefBooks; their state hashes, counters and L2 views must agree throughout.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import type { Side } from '../../src/core/units.js';
import { L3Books } from '../../src/book/l3.js';
import { RefBooks } from '../../src/book/reference.js';
import type { BookSink, L3BookView } from '../../src/book/types.js';

type Books = BookSink & L3BookView;

interface StreamOptions {
  seed: number;
  events: number;
  instruments: number;
  /** How order ids are minted: small increasing ints, or random safe integers (large, negative too). */
  idMode: 'sequential' | 'random';
  /** Compare state hashes every this many events. */
  hashEvery: number;
}

class Driver {
  readonly rng: Rng;
  readonly mid: number[];
  readonly live: number[] = [];
  private nextSeq = 1;

  constructor(readonly o: StreamOptions, readonly ref: RefBooks) {
    this.rng = new Rng(o.seed);
    this.mid = new Array<number>(o.instruments).fill(10_000);
  }

  /** A fresh id; now and then one that is not a safe integer (the books must count and ignore it). */
  newId(): number {
    if (this.rng.chance(0.002)) return this.rng.pick([1.5, NaN, 2 ** 60, -(2 ** 54)]);
    if (this.o.idMode === 'sequential') return this.nextSeq++;
    const r = this.rng;
    const big = (r.u32() & 0x1fffff) * 4294967296 + r.u32(); // up to 2^53 - 1
    return r.chance(0.1) ? -big : big;
  }

  /** A live order id (checked against the reference), or an unknown one now and then. */
  target(): number {
    const r = this.rng;
    if (r.chance(0.03) || this.live.length === 0) return r.chance(0.5) ? this.newId() : 1e15 + r.int(1000);
    for (let tries = 0; tries < 8 && this.live.length > 0; tries++) {
      // Bias to recent orders (most feed activity is near the top and recent), but reach old ones too.
      const j = r.chance(0.7) ? this.live.length - 1 - r.int(Math.min(50, this.live.length)) : r.int(this.live.length);
      const id = this.live[j];
      if (this.ref.hasOrder(id)) return id;
      this.live[j] = this.live[this.live.length - 1];
      this.live.pop();
    }
    return this.newId();
  }

  price(inst: number, side: number): number {
    const r = this.rng;
    let dist = 0;
    while (dist < 60 && r.chance(0.75)) dist++;
    if (r.chance(0.05)) dist = -r.int(3); // crossing / locked prices happen in real feeds
    return side === 0 ? this.mid[inst] - 1 - dist : this.mid[inst] + 1 + dist;
  }

  qty(): number {
    const r = this.rng;
    if (r.chance(0.004)) return r.pick([0, -5, 1.5, NaN, 2 ** 60]);
    return 1 + r.int(r.chance(0.8) ? 300 : 5000);
  }

  inst(): number {
    const r = this.rng;
    if (r.chance(0.002)) return r.pick([-1, 0.5, 1e12, NaN]);
    return r.int(this.o.instruments);
  }

  /** Applies one random event to every book. */
  step(books: Books[], ts: number): void {
    const r = this.rng;
    const u = r.next();
    const inst = this.inst();
    const side = (r.chance(0.002) ? 2 : r.int(2)) as Side;
    const i = Number.isInteger(inst) && inst >= 0 && inst < this.mid.length ? inst : 0;
    if (r.chance(0.01)) this.mid[i] += r.int(5) - 2;
    const tooMany = this.live.length > 1500;
    if (u < (tooMany ? 0.2 : 0.42)) {
      const dup = r.chance(0.01) && this.live.length > 0;
      const id = dup ? this.target() : this.newId();
      const px = r.chance(0.002) ? r.pick([1.5, NaN, 2 ** 60]) : this.price(i, side);
      const q = this.qty();
      for (const b of books) b.add(inst, id, side, px, q, ts);
      if (!dup) this.live.push(id);
    } else if (u < 0.5) {
      const id = this.target();
      const q = r.chance(0.1) ? this.ref.orderQty(id) + r.int(20) : this.qty();
      for (const b of books) b.cancel(id, q, ts);
    } else if (u < 0.66) {
      const id = this.target();
      for (const b of books) b.delete(id, ts);
    } else if (u < 0.76) {
      const id = this.target();
      const left = this.ref.orderQty(id);
      const q = r.chance(0.3) ? left : r.chance(0.1) ? left + 1 + r.int(50) : this.qty();
      for (const b of books) b.execute(id, q, ts);
    } else if (u < 0.84) {
      const id = this.target();
      const dup = r.chance(0.02);
      const nid = dup ? this.target() : r.chance(0.01) ? id : this.newId();
      const s = this.ref.orderSide(id);
      const px = this.price(i, s < 0 ? 0 : s);
      const q = this.qty();
      for (const b of books) b.replace(id, nid, px, q, ts);
      this.live.push(nid);
    } else if (u < 0.92) {
      const id = this.target();
      const old = this.ref.orderPrice(id);
      const left = this.ref.orderQty(id);
      const s = this.ref.orderSide(id);
      const sameP = r.chance(0.6) && !Number.isNaN(old);
      const px = sameP ? old : this.price(i, s < 0 ? 0 : s);
      const q = r.chance(0.5) && left > 1 ? 1 + r.int(left) : this.qty();
      for (const b of books) b.modify(id, px, q, ts);
    } else if (u < 0.985) {
      const px = this.price(i, side === 1 ? 1 : 0);
      const dq = r.int(601) - 300;
      const dc = r.int(5) - 2;
      for (const b of books) b.levelDelta(inst, side, px, dq, dc, ts);
    } else if (u < 0.9998) {
      const st = r.int(5);
      for (const b of books) b.status(inst, st, ts);
    } else {
      for (const b of books) b.clear(inst, ts);
    }
  }
}

function compareL2(a: Books, b: Books, instruments: number): void {
  for (let inst = 0; inst < instruments + 1; inst++) {
    expect(a.bestBid(inst)).toBe(b.bestBid(inst));
    expect(a.bestAsk(inst)).toBe(b.bestAsk(inst));
    expect(a.tradingStatus(inst)).toBe(b.tradingStatus(inst));
    for (const side of [0, 1] as const) {
      expect(a.depth(inst, side)).toBe(b.depth(inst, side));
      const top: number[][] = [];
      const topRef: number[][] = [];
      for (let l = 0; l < 10; l++) {
        top.push([a.levelPrice(inst, side, l), a.levelQty(inst, side, l), a.levelCount(inst, side, l)]);
        topRef.push([b.levelPrice(inst, side, l), b.levelQty(inst, side, l), b.levelCount(inst, side, l)]);
      }
      expect(top).toEqual(topRef);
    }
  }
}

function compareOrders(a: Books, b: Books, ids: number[]): void {
  for (const id of ids) {
    expect([a.hasOrder(id), a.orderQty(id), a.orderPrice(id), a.orderSide(id), a.orderInstrument(id), a.queueAhead(id)]).toEqual([
      b.hasOrder(id),
      b.orderQty(id),
      b.orderPrice(id),
      b.orderSide(id),
      b.orderInstrument(id),
      b.queueAhead(id),
    ]);
  }
}

function runStream(o: StreamOptions): { checks: number; fastHash: string } {
  const ref = new RefBooks();
  // Tiny initial capacities so that pool, id table and ladders all grow during the run.
  const fast = new L3Books({ initialOrders: 16, initialLevels: 1 });
  const d = new Driver(o, ref);
  const books: Books[] = [fast, ref];
  let checks = 0;
  for (let e = 1; e <= o.events; e++) {
    d.step(books, e);
    if (e % o.hashEvery === 0) {
      expect(fast.stateHash(), `hash at event ${e} (seed ${o.seed})`).toBe(ref.stateHash());
      expect(fast.orderCount()).toBe(ref.orderCount());
      expect(fast.instrumentCount()).toBe(ref.instrumentCount());
      expect({ ...fast.stats }).toEqual({ ...ref.stats });
      if (checks % 20 === 0) expect(fast.checkInvariants()).toBeNull();
      checks++;
    }
    if (d.rng.chance(0.002)) {
      compareL2(fast, ref, o.instruments);
      const sample: number[] = [];
      for (let k = 0; k < 20 && d.live.length > 0; k++) sample.push(d.live[d.rng.int(d.live.length)]);
      compareOrders(fast, ref, sample);
    }
  }
  expect(fast.stateHash()).toBe(ref.stateHash());
  return { checks, fastHash: fast.stateHash() };
}

describe('L3Books vs RefBooks (differential)', () => {
  it('agrees over 3 x 120k events with small sequential ids', () => {
    for (const seed of [1, 2, 3]) {
      const { checks } = runStream({ seed, events: 120_000, instruments: 5, idMode: 'sequential', hashEvery: 250 });
      expect(checks).toBe(480);
    }
  });

  it('agrees over 150k events with large and negative ids', () => {
    const { checks } = runStream({ seed: 99, events: 150_000, instruments: 3, idMode: 'random', hashEvery: 500 });
    expect(checks).toBe(300);
  });

  it('exercises every counter (the stream is not trivially clean)', () => {
    const ref = new RefBooks();
    const o: StreamOptions = { seed: 7, events: 40_000, instruments: 4, idMode: 'sequential', hashEvery: 1 };
    const d = new Driver(o, ref);
    let peak = 0;
    let sum = 0;
    for (let e = 0; e < o.events; e++) {
      d.step([ref], e);
      peak = Math.max(peak, ref.orderCount());
      sum += ref.orderCount();
    }
    for (const [name, v] of Object.entries(ref.stats)) expect(v, name).toBeGreaterThan(0);
    // The book stays populated (hundreds of live orders, several per level), not a trickle.
    expect(peak).toBeGreaterThan(500);
    expect(sum / o.events).toBeGreaterThan(300);
  });

  it('is deterministic: the same seed gives the same final hash, another seed a different one', () => {
    const a = runStream({ seed: 5, events: 5_000, instruments: 3, idMode: 'sequential', hashEvery: 1000 });
    const b = runStream({ seed: 5, events: 5_000, instruments: 3, idMode: 'sequential', hashEvery: 1000 });
    const c = runStream({ seed: 6, events: 5_000, instruments: 3, idMode: 'sequential', hashEvery: 1000 });
    expect(a.fastHash).toBe(b.fastHash);
    expect(a.fastHash).not.toBe(c.fastHash);
  });
});
