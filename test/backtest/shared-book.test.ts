// Twin test of the shared-book fast path (src/backtest/loop.ts header, design principle 10): with no feed
// latency the kernel runs on the venue's own book (one ITCH decode, one L3 book per message); with
// `sharedBook: false` the venue keeps its own book, fed first, as before. Over seeded synthetic ITCH days
// both must give the same orders, fills, events and kernel state hash: a market maker, and a seeded
// prober that rests, crosses, cancels and replaces at random. One day has its timestamps snapped to a
// 1 s grid, so the strategies' timers (whole seconds) fall exactly on market events (the tie rule), and
// one run has order and report latency.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSpec, type StrategySpec } from '../../src/config/index.js';
import { Rng } from '../../src/core/rng.js';
import type { Side } from '../../src/core/units.js';
import { writeSyntheticItchFile } from '../../src/feed/synthetic/index.js';
import { loadData } from '../../src/backtest/load.js';
import type { FeedLog } from '../../src/backtest/feed-log.js';
import { runOnFeed, type BacktestOptions, type BacktestResult } from '../../src/backtest/run.js';
import { constantLatency } from '../../src/backtest/venue/index.js';
import { noLimits } from '../../src/risk/index.js';
import type { OrderEventView, Strategy, StrategyContext } from '../../src/strategy/types.js';
import { TimeInForce } from '../../src/venue/types.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-shared-'));
const feeds: FeedLog[] = [];

/** Snaps every message's time (FeedLog and the ITCH bytes alike) down to a multiple of `grid` ns. */
function snap(feed: FeedLog, grid: number): void {
  for (let i = 0; i < feed.n; i++) {
    const t = Math.floor(feed.ts[i] / grid) * grid;
    feed.ts[i] = t;
    const off = feed.off[i];
    feed.bytes.writeUInt16BE(Math.floor(t / 2 ** 32), off + 5);
    feed.bytes.writeUInt32BE(t % 2 ** 32, off + 7);
  }
}

beforeAll(async () => {
  for (const [seed, grid] of [[11, 0], [12, 0], [13, 1e9]] as const) {
    const path = join(dir, `day${seed}.itch`);
    writeSyntheticItchFile(path, { messages: 40_000, symbols: 2, seed, liveTarget: 300 });
    const { feed } = await loadData([{ path, format: 'itch' }]);
    if (grid > 0) snap(feed, grid);
    feeds.push(feed);
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mm(asset: string, refresh: string): StrategySpec {
  const r = parseSpec(`Strategy: Market Making\nAsset: ${asset}\nQuoteQty: 100\nMaxInventory: 400\nKappa: 100\nRefreshInterval: ${refresh}\nRiskTolerance: Medium\n`, 'mm.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.spec as StrategySpec;
}

/** Rests near the touch, crosses the spread, cancels and replaces, all from a seeded Rng, on book events and whole-second timers. */
function prober(symbols: string[], seed: number): Strategy {
  const rng = new Rng(seed);
  const open: number[] = [];
  let ctx: StrategyContext | null = null;
  let events = 0;
  const act = (inst: number): void => {
    const c = ctx!;
    const bid = c.book.bestBid(inst);
    const ask = c.book.bestAsk(inst);
    if (!(bid === bid && ask === ask)) return;
    const tick = c.tickSize(inst);
    const r = rng.int(10);
    const side = rng.int(2) as Side;
    if (r < 4 && open.length < 20) {
      const px = side === 0 ? bid - rng.int(3) * tick : ask + rng.int(3) * tick;
      const cl = c.submit(inst, side, 100 * (1 + rng.int(3)), px, TimeInForce.Day);
      if (cl > 0) open.push(cl);
    } else if (r < 5 && open.length < 20) {
      const px = side === 0 ? ask + rng.int(2) * tick : bid - rng.int(2) * tick;
      const cl = c.submit(inst, side, 100, px, rng.int(2) === 0 ? TimeInForce.Ioc : TimeInForce.Day);
      if (cl > 0) open.push(cl);
    } else if (r < 7 && open.length > 0) {
      c.cancel(open[rng.int(open.length)]);
    } else if (open.length > 0) {
      const k = rng.int(open.length);
      const px = side === 0 ? bid - rng.int(2) * tick : ask + rng.int(2) * tick;
      const cl = c.replace(open[k], 100 * (2 + rng.int(3)), px);
      if (cl > 0) open[k] = cl;
    }
  };
  return {
    name: 'prober',
    symbols,
    init(c) {
      ctx = c;
      c.setTimer(1e9, 0);
    },
    onBook(inst) {
      if (++events % 5 === 0) act(inst);
    },
    onTrade() {},
    onTimer(tag) {
      act(ctx!.instrument(symbols[rng.int(symbols.length)]));
      ctx!.setTimer((1 + rng.int(3)) * 1e9, tag);
    },
    onOrderEvent(ev: OrderEventView) {
      if (!ev.done) return;
      const k = open.indexOf(ev.clOrdId);
      if (k >= 0) open.splice(k, 1);
    },
    hash(h) {
      h.int(events);
      h.int(open.length);
    },
  };
}

async function both(feed: FeedLog, make: () => BacktestOptions): Promise<[BacktestResult, BacktestResult]> {
  const a = make();
  const shared = await runOnFeed(a, feed, null);
  const b = make();
  const two = await runOnFeed({ ...b, venue: { ...b.venue, sharedBook: false } }, feed, null);
  return [shared, two];
}

function expectSame(shared: BacktestResult, two: BacktestResult, minFills: number): void {
  expect(shared.sharedBook).toBe(true);
  expect(two.sharedBook).toBe(false);
  expect(shared.fills.length).toBeGreaterThanOrEqual(minFills);
  expect(shared.fills).toEqual(two.fills);
  expect(shared.orders).toEqual(two.orders);
  expect(shared.events).toBe(two.events);
  expect(shared.stateHash).toBe(two.stateHash);
  expect(shared.strategies).toEqual(two.strategies);
}

describe('shared book (no feed latency) = two books', () => {
  it('market makers on two symbols, requoting every second', async () => {
    for (const feed of feeds) {
      const [s, t] = await both(feed, () => ({ strategy: [mm('AAPL', '1s'), mm('MSFT', '2s')], data: [] }));
      expectSame(s, t, 10);
    }
  });

  it('a seeded prober (rests, crosses, cancels, replaces) on both symbols', async () => {
    for (let f = 0; f < feeds.length; f++) {
      const [s, t] = await both(feeds[f], () => ({ strategy: { strategy: prober(['AAPL', 'MSFT'], 100 + f), limits: noLimits() }, data: [] }));
      expectSame(s, t, 50);
      expect(s.orders.some((o) => o.kind === 'replace')).toBe(true);
      expect(s.orders.some((o) => o.kind === 'cancel')).toBe(true);
    }
  });

  it('with order and report latency (the feed still has none)', async () => {
    const venue = { orderLatency: constantLatency(250_000_000), reportLatency: constantLatency(1e9) };
    for (const feed of [feeds[0], feeds[2]]) {
      const [s, t] = await both(feed, () => ({ strategy: { strategy: prober(['AAPL', 'MSFT'], 7), limits: noLimits() }, data: [], venue: { ...venue } }));
      expectSame(s, t, 20);
    }
  });

  it('feed latency keeps two books', async () => {
    const r = await runOnFeed({ strategy: mm('AAPL', '1s'), data: [], venue: { feedLatency: constantLatency(1000) } }, feeds[0], null);
    expect(r.sharedBook).toBe(false);
    expect(r.fills.length).toBeGreaterThan(0);
  });
});
