// Scenario tests for every order type and edge case. Each command runs on both engines (Twin checks
// that they emit the same events and hold the same state after every command).
import { describe, expect, test } from 'vitest';
import { Reject } from '../../src/core/rejects.js';
import { usEquityConfig, validateConfig } from '../../src/matching/config.js';
import { SinkEvent as E } from '../../src/matching/sinks.js';
import { BUY, CancelReason, ExpireReason, Flags, SELL, Tif, TradingState } from '../../src/matching/types.js';
import { Twin, usd } from './twin.js';

const noFees = usEquityConfig({ makerFeeRate: 0, takerFeeRate: 0 });

describe('limit orders and price-time priority', () => {
  test('a marketable limit fills across levels at the makers\' prices, then rests its remainder', () => {
    const t = new Twin(noFees);
    t.order(1, 1, SELL, usd(10.0), 100);
    t.order(2, 1, SELL, usd(10.01), 200);
    t.order(3, 1, SELL, usd(10.02), 300);
    const r = t.order(10, 2, BUY, usd(10.01), 450);
    expect(r.code).toBe(0);
    expect(Twin.kinds(r.events)).toEqual([E.Accepted, E.Fill, E.Fill, E.Rested]);
    expect(Twin.fills(r.events)).toEqual([
      [1, 10, usd(10.0), 100, 0, 350, 0, 0],
      [2, 10, usd(10.01), 200, 0, 150, 0, 0],
    ]);
    expect(r.events[3]).toEqual([E.Rested, 10, 2, BUY, usd(10.01), 150, t.now]);
    expect(t.fast.bestBid()).toBe(usd(10.01));
    expect(t.fast.bestAsk()).toBe(usd(10.02));
    expect(t.fast.fillCount()).toBe(2);
    expect(t.fast.fillVolume()).toBe(300);
  });

  test('time priority within a level, partial fill keeps the maker at the front', () => {
    const t = new Twin(noFees);
    t.order(1, 1, SELL, usd(20), 100);
    t.order(2, 2, SELL, usd(20), 100);
    const r = t.order(3, 3, BUY, usd(20), 150, { tif: Tif.Day });
    expect(Twin.fills(r.events).map((f) => [f[0], f[3], f[4]])).toEqual([[1, 100, 0], [2, 50, 50]]);
    expect(t.fast.orderQty(2)).toBe(50);
    expect(t.fast.queuePosition(2)).toBe(0);
    expect(t.fast.orderCount()).toBe(1);
  });

  test('a better-priced order jumps ahead; a non-crossing limit rests without fills', () => {
    const t = new Twin(noFees);
    t.order(1, 1, BUY, usd(9.99), 100);
    t.order(2, 1, BUY, usd(10.0), 100);
    const r = t.order(3, 2, SELL, usd(9.99), 150);
    expect(Twin.fills(r.events).map((f) => f[0])).toEqual([2, 1]);
    const rest = t.order(4, 2, SELL, usd(10.5), 10);
    expect(Twin.kinds(rest.events)).toEqual([E.Accepted, E.Rested]);
  });
});

describe('market, IOC and FOK', () => {
  test('a market order sweeps and its remainder is cancelled; on an empty side it is cancelled whole', () => {
    const t = new Twin(noFees);
    t.order(1, 1, SELL, usd(5), 100);
    t.order(2, 1, SELL, usd(6), 100);
    const r = t.market(3, 2, BUY, 250);
    expect(Twin.fills(r.events).map((f) => [f[2], f[3]])).toEqual([[usd(5), 100], [usd(6), 100]]);
    expect(r.events.at(-1)).toEqual([E.Cancelled, 3, 2, BUY, 0, 50, CancelReason.IocRemainder, 0, t.now]);
    const empty = t.market(4, 2, BUY, 10);
    expect(Twin.kinds(empty.events)).toEqual([E.Accepted, E.Cancelled]);
    expect(t.fast.orderCount()).toBe(0);
  });

  test('IOC fills up to its limit and never rests', () => {
    const t = new Twin(noFees);
    t.order(1, 1, SELL, usd(5), 100);
    t.order(2, 1, SELL, usd(5.01), 100);
    const r = t.order(3, 2, BUY, usd(5), 150, { tif: Tif.Ioc });
    expect(Twin.fills(r.events).length).toBe(1);
    expect(r.events.at(-1)?.[6]).toBe(CancelReason.IocRemainder);
    expect(t.fast.bestBid()).toBeNaN();
    expect(t.fast.orderQty(3)).toBe(0);
  });

  test('a FOK that cannot fill is killed with no fill and no change; one that can fills completely', () => {
    const t = new Twin(noFees);
    t.order(1, 1, SELL, usd(5), 100);
    t.order(2, 1, SELL, usd(5.01), 100);
    const before = t.fast.stateHash();
    const r = t.order(3, 2, BUY, usd(5.01), 201, { tif: Tif.Fok });
    expect(Twin.kinds(r.events)).toEqual([E.Accepted, E.Cancelled]);
    expect(r.events[1][6]).toBe(CancelReason.FokUnfilled);
    expect(r.events[1][5]).toBe(201);
    expect(t.fast.stateHash()).toBe(before);
    const limited = t.order(4, 2, BUY, usd(5), 150, { tif: Tif.Fok });
    expect(Twin.fills(limited.events)).toEqual([]);
    const ok = t.order(5, 2, BUY, usd(5.01), 200, { tif: Tif.Fok });
    expect(Twin.fills(ok.events).map((f) => f[3])).toEqual([100, 100]);
    const mkt = t.market(6, 2, BUY, 1, { tif: Tif.Fok });
    expect(mkt.events[1][6]).toBe(CancelReason.FokUnfilled);
  });

  test('a FOK does not count liquidity that self-match prevention would remove', () => {
    const t = new Twin(noFees);
    t.order(1, 7, SELL, usd(5), 100); // own order first in the queue
    t.order(2, 1, SELL, usd(5), 100);
    const oldest = t.order(3, 7, BUY, usd(5), 150, { tif: Tif.Fok, flags: Flags.SmpCancelOldest });
    expect(oldest.events[1][6]).toBe(CancelReason.FokUnfilled);
    expect(t.fast.orderQty(1)).toBe(100); // no side effect: the own order is still there
    const ok = t.order(4, 7, BUY, usd(5), 100, { tif: Tif.Fok, flags: Flags.SmpCancelOldest });
    expect(Twin.kinds(ok.events)).toEqual([E.Accepted, E.Cancelled, E.Fill]);
    expect(ok.events[1][6]).toBe(CancelReason.SelfMatchMaker);
    t.order(5, 7, SELL, usd(5), 100);
    const newest = t.order(6, 7, BUY, usd(5), 50, { tif: Tif.Fok, flags: Flags.SmpCancelNewest });
    expect(newest.events[1][6]).toBe(CancelReason.FokUnfilled);
  });
});

describe('post-only', () => {
  test('a post-only order that would cross is rejected; one that does not rests', () => {
    const t = new Twin(noFees);
    t.order(1, 1, SELL, usd(5), 100);
    const before = t.fast.stateHash();
    const r = t.order(2, 2, BUY, usd(5), 100, { flags: Flags.PostOnly });
    expect(r.code).toBe(Reject.MatchPostOnlyWouldCross);
    expect(r.events).toEqual([[E.Rejected, 2, 2, Reject.MatchPostOnlyWouldCross, t.now]]);
    expect(t.fast.stateHash()).toBe(before);
    expect(t.order(3, 2, BUY, usd(4.99), 100, { flags: Flags.PostOnly }).code).toBe(0);
    expect(t.order(4, 2, BUY, usd(4.99), 100, { flags: Flags.PostOnly, tif: Tif.Ioc }).code).toBe(Reject.MatchBadFlags);
    expect(t.market(5, 2, BUY, 100, { flags: Flags.PostOnly }).code).toBe(Reject.MatchBadFlags);
  });

  test('a post-only order cannot be replaced to a crossing price', () => {
    const t = new Twin(noFees);
    t.order(1, 1, SELL, usd(5), 100);
    t.order(2, 2, BUY, usd(4.9), 100, { flags: Flags.PostOnly });
    const r = t.replace(2, usd(5), 100);
    expect(r.code).toBe(Reject.MatchPostOnlyWouldCross);
    expect(r.events[0][0]).toBe(E.CancelRejected);
    expect(t.fast.orderPrice(2)).toBe(usd(4.9));
  });
});

describe('cancel and cancel/replace', () => {
  test('size decrease at the same price keeps priority; increase or price change loses it', () => {
    const t = new Twin(noFees);
    for (const id of [1, 2, 3]) t.order(id, id, BUY, usd(10), 100);
    const down = t.replace(2, usd(10), 60);
    expect(down.events).toEqual([[E.Replaced, 2, 2, BUY, usd(10), 100, usd(10), 60, 1, t.now]]);
    expect(t.fast.queuePosition(2)).toBe(1);
    const up = t.replace(2, usd(10), 80);
    expect(Twin.kinds(up.events)).toEqual([E.Replaced, E.Rested]);
    expect(up.events[0][8]).toBe(0);
    expect(t.fast.queuePosition(2)).toBe(2);
    t.replace(1, usd(10.01), 100);
    t.replace(1, usd(10), 100);
    expect(t.fast.queuePosition(1)).toBe(2);
    expect(t.fast.queuePosition(3)).toBe(0);
    const same = t.replace(3, usd(10), 100);
    expect(same.events[0][8]).toBe(1);
    expect(t.fast.queuePosition(3)).toBe(0);
  });

  test('a replace to a crossing price trades as a taker and rests the rest', () => {
    const t = new Twin(noFees);
    t.order(1, 1, SELL, usd(10.05), 50);
    t.order(2, 2, BUY, usd(10), 100);
    const r = t.replace(2, usd(10.05), 100);
    expect(Twin.kinds(r.events)).toEqual([E.Replaced, E.Fill, E.Rested]);
    expect(Twin.fills(r.events)[0]).toEqual([1, 2, usd(10.05), 50, 0, 50, 0, 0]);
    expect(t.fast.bestBid()).toBe(usd(10.05));
    expect(t.fast.orderQty(2)).toBe(50);
  });

  test('cancel removes the order; unknown ids and bad replace values are refused', () => {
    const t = new Twin(noFees);
    t.order(1, 1, BUY, usd(10), 100);
    const c = t.cancel(1);
    expect(c.events).toEqual([[E.Cancelled, 1, 1, BUY, usd(10), 100, CancelReason.Requested, 1, t.now]]);
    expect(t.cancel(1).code).toBe(Reject.MatchUnknownOrder);
    expect(t.replace(1, usd(10), 10).code).toBe(Reject.MatchUnknownOrder);
    t.order(2, 1, BUY, usd(10), 100);
    expect(t.replace(2, usd(10.001), 100).code).toBe(Reject.MatchOffTick);
    expect(t.replace(2, usd(10), 0).code).toBe(Reject.MatchBadQty);
    expect(t.replace(2, usd(10), 2_000_000).code).toBe(Reject.MatchQtyTooLarge);
    expect(t.fast.orderQty(2)).toBe(100);
  });

  test('duplicate live ids are rejected; an id may be reused once its order is gone', () => {
    const t = new Twin(noFees);
    t.order(1, 1, BUY, usd(10), 100);
    expect(t.order(1, 1, BUY, usd(10), 100).code).toBe(Reject.MatchDuplicateOrderId);
    t.cancel(1);
    expect(t.order(1, 1, SELL, usd(11), 100).code).toBe(0);
  });
});

describe('self-match prevention', () => {
  const setup = (): Twin => {
    const t = new Twin(noFees);
    t.order(1, 7, SELL, usd(5), 100); // same owner as the taker, first in the queue
    t.order(2, 8, SELL, usd(5), 100);
    return t;
  };

  test('cancel newest: the incoming order is cancelled, the resting one stays', () => {
    const t = setup();
    const r = t.order(3, 7, BUY, usd(5), 150, { flags: Flags.SmpCancelNewest });
    expect(Twin.kinds(r.events)).toEqual([E.Accepted, E.Cancelled]);
    expect(r.events[1]).toEqual([E.Cancelled, 3, 7, BUY, usd(5), 150, CancelReason.SelfMatchTaker, 0, t.now]);
    expect(t.fast.orderQty(1)).toBe(100);
  });

  test('cancel oldest: the resting order is cancelled and matching continues', () => {
    const t = setup();
    const r = t.order(3, 7, BUY, usd(5), 150, { flags: Flags.SmpCancelOldest });
    expect(Twin.kinds(r.events)).toEqual([E.Accepted, E.Cancelled, E.Fill, E.Rested]);
    expect(r.events[1]).toEqual([E.Cancelled, 1, 7, SELL, usd(5), 100, CancelReason.SelfMatchMaker, 1, t.now]);
    expect(Twin.fills(r.events)[0].slice(0, 4)).toEqual([2, 3, usd(5), 100]);
    expect(t.fast.orderQty(3)).toBe(50);
  });

  test('cancel both: the resting order and the incoming remainder are cancelled', () => {
    const t = new Twin(noFees);
    t.order(1, 8, SELL, usd(5), 100);
    t.order(2, 7, SELL, usd(5), 100);
    const r = t.order(3, 7, BUY, usd(5), 150, { flags: Flags.SmpCancelBoth });
    expect(Twin.kinds(r.events)).toEqual([E.Accepted, E.Fill, E.Cancelled, E.Cancelled]);
    expect(r.events[2][6]).toBe(CancelReason.SelfMatchMaker);
    expect(r.events[3]).toEqual([E.Cancelled, 3, 7, BUY, usd(5), 50, CancelReason.SelfMatchTaker, 0, t.now]);
    expect(t.fast.orderCount()).toBe(0);
  });

  test('no mode, or another owner: the orders trade', () => {
    const t = setup();
    const r = t.order(3, 7, BUY, usd(5), 150);
    expect(Twin.fills(r.events).map((f) => f[0])).toEqual([1, 2]);
  });
});

describe('halts', () => {
  test('halted: new orders and replaces rejected, cancels accepted; frozen: cancels rejected too; resume', () => {
    const t = new Twin(noFees);
    t.order(1, 1, BUY, usd(10), 100);
    t.order(2, 1, BUY, usd(10), 100);
    expect(t.state(TradingState.Halted).events).toEqual([[E.TradingState, TradingState.Halted, t.now]]);
    expect(t.order(3, 1, SELL, usd(10), 100).code).toBe(Reject.MatchHalted);
    expect(t.replace(1, usd(10), 50).code).toBe(Reject.MatchHalted);
    expect(t.cancel(1).code).toBe(0);
    t.state(TradingState.Frozen);
    expect(t.cancel(2).code).toBe(Reject.MatchHalted);
    expect(t.state(9).code).toBe(Reject.MatchBadTradingState);
    expect(t.fast.tradingState()).toBe(TradingState.Frozen);
    t.state(TradingState.Open);
    const r = t.order(4, 2, SELL, usd(10), 100);
    expect(Twin.fills(r.events).length).toBe(1);
  });
});

describe('time in force', () => {
  test('GTD expires when time reaches its expiry, before the command that brings the time', () => {
    const t = new Twin(noFees);
    t.now = 1_000;
    t.order(1, 1, BUY, usd(10), 100, { tif: Tif.Gtd, expire: 5_000 });
    t.order(2, 1, BUY, usd(10), 100, { tif: Tif.Gtd, expire: 3_000 });
    t.order(3, 1, BUY, usd(10), 100, { tif: Tif.Gtd, expire: 3_000 });
    expect(t.order(4, 1, BUY, usd(10), 100, { tif: Tif.Gtd, expire: t.now }).code).toBe(Reject.MatchBadExpireTime);
    t.replace(3, usd(10), 50); // keeps its expiry
    expect(t.advance(2_999).events).toEqual([]);
    t.now = 2_990;
    const r = t.order(5, 2, SELL, usd(10), 300); // at now = 3_000: orders 2 and 3 expire first
    expect(r.events.slice(0, 2)).toEqual([
      [E.Expired, 2, 1, BUY, usd(10), 100, ExpireReason.Gtd, 3_000],
      [E.Expired, 3, 1, BUY, usd(10), 50, ExpireReason.Gtd, 3_000],
    ]);
    expect(Twin.fills(r.events).map((f) => f[0])).toEqual([1]);
    expect(t.fast.orderQty(5)).toBe(200);
    // Order 1 (GTD 5_000) was filled: its stale heap entry produces nothing when time passes.
    expect(t.advance(10_000).events).toEqual([]);
    t.order(6, 1, BUY, usd(9), 100, { tif: Tif.Gtd, expire: 20_000 });
    expect(t.advance(20_000).events).toEqual([[E.Expired, 6, 1, BUY, usd(9), 100, ExpireReason.Gtd, 20_000]]);
  });

  test('endSession expires DAY orders (bids then asks, best first, FIFO), GTC and GTD stay', () => {
    const t = new Twin(noFees);
    t.order(1, 1, BUY, usd(10), 100, { tif: Tif.Day });
    t.order(2, 1, BUY, usd(10.01), 100, { tif: Tif.Gtc });
    t.order(3, 1, BUY, usd(10.01), 100, { tif: Tif.Day });
    t.order(4, 1, SELL, usd(11), 100, { tif: Tif.Day });
    t.order(5, 1, SELL, usd(11), 100, { tif: Tif.Gtd, expire: 1e12 });
    const r = t.endSession();
    expect(r.code).toBe(3);
    expect(r.events.map((e) => [e[1], e[6]])).toEqual([[3, ExpireReason.Day], [1, ExpireReason.Day], [4, ExpireReason.Day]]);
    expect(t.fast.orderCount()).toBe(2);
  });
});

describe('ticks, lots, sizes', () => {
  test('US equity bands: sub-penny below $1.00, pennies at and above', () => {
    const t = new Twin(noFees);
    expect(t.order(1, 1, BUY, usd(0.9999), 100).code).toBe(0);
    expect(t.order(2, 1, BUY, usd(0.5001), 100).code).toBe(0);
    expect(t.order(3, 1, SELL, usd(1.0), 100).code).toBe(0);
    expect(t.order(4, 1, SELL, usd(1.0001), 100).code).toBe(Reject.MatchOffTick);
    expect(t.order(5, 1, SELL, usd(1.015), 100).code).toBe(Reject.MatchOffTick);
    expect(t.order(6, 1, SELL, usd(1.02), 100).code).toBe(0);
    expect(t.fast.bestBid()).toBe(9_999);
  });

  test('configurable bands, lot size, maximum order size and price', () => {
    const cfg = usEquityConfig({ tickBands: [{ minPx: 0, tick: 5 }, { minPx: 1_000, tick: 50 }], lotSize: 100, maxQty: 1_000, maxPx: 100_000 });
    const t = new Twin(cfg);
    expect(t.order(1, 1, BUY, 995, 100).code).toBe(0);
    expect(t.order(2, 1, BUY, 996, 100).code).toBe(Reject.MatchOffTick);
    expect(t.order(3, 1, BUY, 1_050, 100).code).toBe(0);
    expect(t.order(4, 1, BUY, 1_005, 100).code).toBe(Reject.MatchOffTick);
    expect(t.order(5, 1, BUY, 995, 150).code).toBe(Reject.MatchBadLot);
    expect(t.order(6, 1, BUY, 995, 1_100).code).toBe(Reject.MatchQtyTooLarge);
    expect(t.order(7, 1, BUY, 995, 1_000).code).toBe(0);
    expect(t.order(8, 1, BUY, 100_050, 100).code).toBe(Reject.MatchBadPrice);
    expect(t.order(9, 1, BUY, 0, 100).code).toBe(Reject.MatchBadPrice);
    expect(t.order(10, 1, BUY, 995, 0).code).toBe(Reject.MatchBadQty);
    expect(t.order(11, 1, BUY, 995, 1.5).code).toBe(Reject.MatchBadQty);
    expect(t.order(12, 1, 3, 995, 100).code).toBe(Reject.MatchBadSide);
    expect(t.order(13, -1, BUY, 995, 100).code).toBe(Reject.MatchBadOwner);
    expect(t.order(-13, 1, BUY, 995, 100).code).toBe(Reject.MatchBadOrderId);
    expect(t.order(14, 1, BUY, 995, 100, { tif: 9 }).code).toBe(Reject.MatchBadTimeInForce);
    expect(t.order(15, 1, BUY, 995, 100, { type: 5 }).code).toBe(Reject.MatchBadOrderType);
    expect(t.order(16, 1, BUY, 995, 100, { flags: 32 }).code).toBe(Reject.MatchBadFlags);
  });

  test('invalid configurations are refused at construction', () => {
    expect(() => validateConfig(usEquityConfig({ tickBands: [] }))).toThrow();
    expect(() => validateConfig(usEquityConfig({ tickBands: [{ minPx: 5, tick: 1 }] }))).toThrow();
    expect(() => validateConfig(usEquityConfig({ tickBands: [{ minPx: 0, tick: 100 }, { minPx: 150, tick: 100 }] }))).toThrow();
    expect(() => validateConfig(usEquityConfig({ lotSize: 0 }))).toThrow();
    expect(() => validateConfig(usEquityConfig({ feeDenominator: 0 }))).toThrow();
  });
});

describe('fees and rebates', () => {
  test('per fill, integer math, rounded up (charges up, rebates toward zero)', () => {
    // Taker $0.0030/share (30 units), maker rebate $0.00295/share (29.5 units): rates in tenths of a unit.
    const t = new Twin(usEquityConfig({ takerFeeRate: 300, makerFeeRate: -295, feeDenominator: 10 }));
    t.order(1, 1, SELL, usd(10), 1);
    t.order(2, 1, SELL, usd(10), 100);
    const r = t.order(3, 2, BUY, usd(10), 101);
    expect(Twin.fills(r.events).map((f) => [f[3], f[6], f[7]])).toEqual([
      [1, -29, 30], // -29.5 -> -29 (rebate rounded toward zero), 30
      [100, -2950, 3000],
    ]);
  });

  test('odd denominators: charges round up, rebates toward zero, zero rates give zero (not -0)', () => {
    const t = new Twin(usEquityConfig({ takerFeeRate: 20, makerFeeRate: -13, feeDenominator: 7 }));
    t.order(1, 1, SELL, usd(10), 3);
    const r = t.order(2, 2, BUY, usd(10), 3);
    expect(Twin.fills(r.events)[0].slice(6)).toEqual([-5, 9]); // -39/7 = -5.57 -> -5; 60/7 = 8.57 -> 9
    const z = new Twin(usEquityConfig({ takerFeeRate: 0, makerFeeRate: -1, feeDenominator: 3 }));
    z.order(1, 1, SELL, usd(10), 1);
    const f = Twin.fills(z.order(2, 2, BUY, usd(10), 1).events)[0];
    expect(Object.is(f[6], 0)).toBe(true); // -1/3 -> 0
    expect(Object.is(f[7], 0)).toBe(true);
  });
});

describe('snapshot', () => {
  test('forEachOrder visits bids then asks, best first, FIFO, the same in both engines', () => {
    const t = new Twin(noFees);
    t.order(1, 1, BUY, usd(10), 100);
    t.order(2, 2, BUY, usd(10.01), 200, { tif: Tif.Day });
    t.order(3, 3, BUY, usd(10), 300);
    t.order(4, 4, SELL, usd(10.05), 400);
    const seen: number[][] = [];
    t.fast.forEachOrder((id, owner, side, px, qty, tif) => seen.push([id, owner, side, px, qty, tif]));
    const ref: number[][] = [];
    t.ref.forEachOrder((...a) => ref.push(a));
    expect(seen).toEqual([
      [2, 2, BUY, usd(10.01), 200, Tif.Day],
      [1, 1, BUY, usd(10), 100, Tif.Gtc],
      [3, 3, BUY, usd(10), 300, Tif.Gtc],
      [4, 4, SELL, usd(10.05), 400, Tif.Gtc],
    ]);
    expect(ref).toEqual(seen);
  });
});
