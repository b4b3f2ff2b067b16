// Duplicate-order detection against a naive model, over enough orders to wrap the filter's 16-bit
// booking numbers (> 65,536 accepts per scope): an order is a duplicate when a scope (strategy first,
// then account) has an equal order (instrument, side, qty, price) among its last DUP_MEMORY accepted
// ones, accepted less than the window ago. Equal orders recur at every distance (a small order
// domain), two strategies and two accounts make the scopes' rings differ; every order is done at once
// so no other limit is involved.

import { describe, expect, it } from 'vitest';
import { Reject } from '../../src/core/rejects.js';
import { Rng } from '../../src/core/rng.js';
import { DUP_LAYOUT } from '../../src/risk/engine.js';
import { DUP_MEMORY, noLimits, OrderIntent, RiskEngine, SCOPE_ACCOUNT, SCOPE_STRATEGY } from '../../src/risk/index.js';

describe('duplicate-order filter', () => {
  it('agrees with the last-DUP_MEMORY model across the 2^16 wrap of booking numbers', () => {
    const lim = noLimits();
    lim.duplicateWindowNs = 40;
    const e = new RiskEngine({ strategies: [lim, lim], accounts: [lim, lim], instruments: [{ notionalMultiplier: 1 }, { notionalMultiplier: 1 }] });
    type Entry = { key: number; ts: number };
    const rings: Entry[][] = [[], [], [], []]; // scope index: strategies 0-1, accounts 2-3
    const rng = new Rng(9);
    const o = new OrderIntent();
    let now = 0, dups = 0;
    const accepts = [0, 0, 0, 0];
    const found = (s: number, key: number) => rings[s].slice(-DUP_MEMORY).some((x) => x.key === key && now - x.ts < lim.duplicateWindowNs);
    for (let id = 1; id <= 180_000; id++) {
      now += rng.int(3);
      const sid = rng.int(2), aid = rng.int(2), i = rng.int(2), side = rng.int(2), qty = 1 + rng.int(3), px = 100 + rng.int(16);
      const key = ((i * 2 + side) * 4 + qty) * 1000 + px;
      const want = found(sid, key) ? SCOPE_STRATEGY : found(2 + aid, key) ? SCOPE_ACCOUNT : 0;
      const code = e.check(o.set(sid, aid, i, side, qty, px, 0, id), now);
      if (want === 0) {
        expect(code).toBe(0);
        rings[sid].push({ key, ts: now });
        rings[2 + aid].push({ key, ts: now });
        accepts[sid]++;
        accepts[2 + aid]++;
        expect(e.onOrderDone(id, now)).toBe(0);
      } else {
        dups++;
        expect([code, e.lastScope]).toEqual([Reject.RiskDuplicateOrder, want]);
      }
      if (rings[sid].length > 64) rings[sid].splice(0, 32);
      if (rings[2 + aid].length > 64) rings[2 + aid].splice(0, 32);
      e.audit.clear();
    }
    expect(dups).toBeGreaterThan(1000); // the workload does exercise rejects
    expect(Math.min(...accepts)).toBeGreaterThan(70_000); // and wraps every scope's booking numbers
  });

  it('settles a filter hit that is not a duplicate on the fast path (no hand-over to the exact evaluation)', () => {
    const lim = noLimits();
    lim.duplicateWindowNs = 1e12;
    const e = new RiskEngine({ strategies: [lim], accounts: [lim], instruments: [{ notionalMultiplier: 1 }] });
    const o = new OrderIntent();
    // 20,000 distinct orders: with 16 ring entries in 16,384 buckets a scope's filter hits ~0.1% of them
    // (~20 per scope), none a duplicate
    for (let id = 1; id <= 20_000; id++) {
      expect(e.check(o.set(0, 0, 0, id & 1, 1 + (id % 7), 1_000 + id, 0, id), id)).toBe(0);
      e.onOrderDone(id, id);
      e.audit.clear();
    }
    expect(e.slowPath).toBe(0);
    // a real duplicate of the last order still goes to exact(), which rejects it
    expect(e.check(o.set(0, 0, 0, 20_000 & 1, 1 + (20_000 % 7), 21_000, 0, 20_001), 20_001)).toBe(Reject.RiskDuplicateOrder);
    expect(e.slowPath).toBe(1);
  });

  it('walks a bucket shared by different orders: the newest entry, then the older ones inside the window', () => {
    // engine.ts dupBucket, for the layout's shift
    const bucket = (i: number, side: number, qty: number, px: number) =>
      (Math.imul(px | 0, 0x9e3779b1) ^ Math.imul(qty | 0, 0x85ebca6b) ^ Math.imul((i << 1) | side, 0xc2b2ae35)) >>> DUP_LAYOUT.DUP_SHIFT;
    // orders of qty 1 whose price falls in the bucket of (qty 1, px 1000); three of them
    const b0 = bucket(0, 0, 1, 1_000), pxs = [1_000];
    for (let px = 1_001; pxs.length < 3; px++) if (bucket(0, 0, 1, px) === b0) pxs.push(px);
    const lim = noLimits();
    lim.duplicateWindowNs = 100;
    const e = new RiskEngine({ strategies: [lim], accounts: [noLimits()], instruments: [{ notionalMultiplier: 1 }] });
    const o = new OrderIntent();
    let id = 1;
    const send = (px: number, now: number) => {
      const code = e.check(o.set(0, 0, 0, 0, 1, px, 0, id), now);
      if (code === 0) e.onOrderDone(id, now);
      id++;
      e.audit.clear();
      return code;
    };
    expect(send(pxs[0], 0)).toBe(0);
    expect(send(pxs[1], 10)).toBe(0); // same bucket, another order: the newest of the bucket
    expect(send(pxs[2], 20)).toBe(0);
    expect(e.slowPath).toBe(0);
    expect(send(pxs[0], 50)).toBe(Reject.RiskDuplicateOrder); // found two links down
    expect(send(pxs[1], 105)).toBe(Reject.RiskDuplicateOrder); // the oldest (0) is out of the window, this one (10) is not
    expect(send(pxs[0], 100)).toBe(0); // 100 ns after the first: out of the window
    expect(send(pxs[1], 111)).toBe(0); // (10 + 100 <= 111)
    const slow = e.slowPath;
    expect(send(pxs[2], 200)).toBe(0); // the newest (111) is inside the window and not equal, the next (100) outside: settled in the walk
    expect(e.slowPath).toBe(slow);
  });
});
