// A deterministic synthetic Nasdaq ITCH 5.0 trading day.
//
// Contract: for the same options the same sequence of calls reaches the sink (so the same bytes reach
// a file). The message mix follows a real day (mix.ts). Model, stated plainly:
// - each symbol has a mid price on a random walk in whole cents (tick 100 in 1/10000-dollar units),
//   kept between the best bid and best ask so the book never crosses;
// - adds rest 1 + geometric(0.35) ticks away from the mid, capped one tick inside the opposite best;
// - deletes, cancels and replaces pick a uniformly random live order of the symbol; executions pick the
//   best-priced of 16 sampled orders on a random side (so they hit at or near the touch);
// - symbol activity is Zipf-like (symbol k gets weight 1/(k+1));
// - live orders per symbol are held between 1/4 and 2x a target by turning a removal into an add (or back)
//   when a bound is reached; timestamps run from 09:30 to 16:00 with exponential gaps.
// Cold path (a generator), but built to write tens of millions of messages in seconds: typed arrays, no
// per-message objects.

import { Rng } from '../../core/rng.js';
import { dayMix } from './mix.js';

export interface SyntheticSink {
  systemEvent(ts: number, code: string): void;
  stockDirectory(ts: number, locate: number, symbol: string): void;
  tradingAction(ts: number, locate: number, symbol: string, state: string): void;
  addOrder(ts: number, locate: number, ref: number, side: number, shares: number, symbol: string, price: number, mpid: string): void;
  executed(ts: number, locate: number, ref: number, shares: number, match: number): void;
  executedWithPrice(ts: number, locate: number, ref: number, shares: number, match: number, price: number): void;
  cancel(ts: number, locate: number, ref: number, shares: number): void;
  delete(ts: number, locate: number, ref: number): void;
  replace(ts: number, locate: number, oldRef: number, newRef: number, shares: number, price: number): void;
  trade(ts: number, locate: number, ref: number, side: number, shares: number, symbol: string, price: number, match: number): void;
  cross(ts: number, locate: number, shares: number, symbol: string, price: number, match: number, crossType: string): void;
  noii(ts: number, locate: number, symbol: string, paired: number, imbalance: number, direction: string, price: number): void;
}

export interface SyntheticDayOptions {
  messages: number;
  symbols: number;
  seed: number;
  /** Target live orders per symbol (default 2000). */
  liveTarget?: number;
}

const TICK = 100; // $0.01 in 1/10000-dollar units
const LADDER = 8192; // ticks each side of the start price a symbol may wander
const SIDE_BUY = 0;
const SIDE_SELL = 1;
const OPEN_NS = 34_200 * 1e9; // 09:30
const CLOSE_NS = 57_600 * 1e9; // 16:00
const WELL_KNOWN = ['AAPL', 'MSFT', 'SPY', 'AMZN', 'NVDA', 'GOOG', 'META', 'TSLA', 'QQQ', 'AMD', 'INTC', 'NFLX', 'CSCO', 'PEP', 'COST', 'AVGO'];

export function syntheticSymbols(k: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < k; i++) out.push(i < WELL_KNOWN.length ? WELL_KNOWN[i] : `SYM${i}`);
  return out;
}

/** Generates the day into `sink`. Returns the number of messages emitted (exactly opts.messages, or more when
 * opts.messages is smaller than the fixed opening and closing messages). */
export function generateItchDay(opts: SyntheticDayOptions, sink: SyntheticSink): number {
  const rng = new Rng(opts.seed);
  const mix = dayMix();
  const K = Math.max(1, opts.symbols | 0);
  const symbols = syntheticSymbols(K);
  const target = opts.liveTarget ?? 2000;
  const total = Math.max(opts.messages, 0);

  // per-symbol state
  const baseTick = new Int32Array(K); // price of ladder index 0, in ticks
  const midIdx = new Int32Array(K);
  const bestBid = new Int32Array(K).fill(-1); // ladder index, -1 = none
  const bestAsk = new Int32Array(K).fill(-1);
  const bidCt = new Int32Array(K * LADDER * 2);
  const askCt = new Int32Array(K * LADDER * 2);
  const weights = new Float64Array(K);
  let wsum = 0;
  for (let s = 0; s < K; s++) {
    const startTicks = 1000 + rng.int(49_000); // $10 .. $500
    baseTick[s] = startTicks - LADDER;
    midIdx[s] = LADDER;
    wsum += 1 / (s + 1);
    weights[s] = wsum;
  }

  // live order pool: slot -> fields; per-symbol lists of slots for uniform picks
  let cap = 1 << 16;
  let oRef = new Float64Array(cap);
  let oSym = new Int32Array(cap);
  let oSide = new Uint8Array(cap);
  let oIdx = new Int32Array(cap); // ladder index
  let oQty = new Int32Array(cap);
  let oPos = new Int32Array(cap); // position in its symbol's list
  const free: number[] = [];
  let used = 0;
  const lists: Int32Array[] = [];
  const listLen = new Int32Array(K);
  for (let s = 0; s < K; s++) lists.push(new Int32Array(1024));

  let ts = OPEN_NS - 1e9;
  let emitted = 0;
  let nextRef = 1;
  let match = 1;
  const gapMean = (CLOSE_NS - OPEN_NS) / Math.max(1, total);

  const emitOpen = () => {
    sink.systemEvent(4 * 3600e9, 'O');
    emitted++;
    for (let s = 0; s < K; s++) {
      sink.stockDirectory(4 * 3600e9 + 1000 * (s + 1), s + 1, symbols[s]);
      emitted++;
    }
    sink.systemEvent(4 * 3600e9 + 2e6, 'S');
    emitted++;
    for (let s = 0; s < K; s++) {
      sink.tradingAction(OPEN_NS - 2e9, s + 1, symbols[s], 'T');
      emitted++;
    }
    sink.systemEvent(OPEN_NS, 'Q');
    emitted++;
  };
  const closing = 3; // M, E, C
  emitOpen();

  const grow = () => {
    const n = cap * 2;
    const r = new Float64Array(n); r.set(oRef); oRef = r;
    const sy = new Int32Array(n); sy.set(oSym); oSym = sy;
    const sd = new Uint8Array(n); sd.set(oSide); oSide = sd;
    const ix = new Int32Array(n); ix.set(oIdx); oIdx = ix;
    const q = new Int32Array(n); q.set(oQty); oQty = q;
    const p = new Int32Array(n); p.set(oPos); oPos = p;
    cap = n;
  };
  const ladderOff = (s: number, i: number) => s * LADDER * 2 + i;
  const priceOf = (s: number, i: number) => (baseTick[s] + i) * TICK;
  const pickSymbol = () => {
    const x = rng.next() * wsum;
    let lo = 0;
    let hi = K - 1;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (weights[m] < x) lo = m + 1; else hi = m;
    }
    return lo;
  };
  const fixBest = (s: number, side: number) => {
    const o = s * LADDER * 2;
    if (side === SIDE_BUY) {
      let i = bestBid[s];
      while (i >= 0 && bidCt[o + i] === 0) i--;
      bestBid[s] = i;
    } else {
      let i = bestAsk[s];
      if (i < 0) return;
      while (i < LADDER * 2 && askCt[o + i] === 0) i++;
      bestAsk[s] = i < LADDER * 2 ? i : -1;
    }
  };
  const place = (s: number, side: number, idx: number) => {
    if (side === SIDE_BUY) {
      bidCt[ladderOff(s, idx)]++;
      if (idx > bestBid[s]) bestBid[s] = idx;
    } else {
      askCt[ladderOff(s, idx)]++;
      if (bestAsk[s] < 0 || idx < bestAsk[s]) bestAsk[s] = idx;
    }
  };
  const unplace = (s: number, side: number, idx: number) => {
    if (side === SIDE_BUY) {
      bidCt[ladderOff(s, idx)]--;
      if (idx === bestBid[s]) fixBest(s, SIDE_BUY);
    } else {
      askCt[ladderOff(s, idx)]--;
      if (idx === bestAsk[s]) fixBest(s, SIDE_SELL);
    }
  };
  const chooseIdx = (s: number, side: number) => {
    let d = 1;
    while (d < 60 && rng.next() > 0.35) d++;
    if (side === SIDE_BUY) {
      let i = midIdx[s] - d;
      if (bestAsk[s] >= 0 && i >= bestAsk[s]) i = bestAsk[s] - 1;
      return Math.max(0, i);
    }
    let i = midIdx[s] + d;
    if (bestBid[s] >= 0 && i <= bestBid[s]) i = bestBid[s] + 1;
    return Math.min(LADDER * 2 - 1, i);
  };
  const chooseQty = () => (rng.next() < 0.1 ? 1 + rng.int(99) : 100 * (1 + rng.int(rng.next() < 0.8 ? 3 : 20)));
  const newSlot = (): number => {
    if (free.length > 0) return free.pop()!;
    if (used === cap) grow();
    return used++;
  };
  const listAdd = (s: number, slot: number) => {
    let l = lists[s];
    if (listLen[s] === l.length) {
      const n = new Int32Array(l.length * 2);
      n.set(l);
      lists[s] = l = n;
    }
    oPos[slot] = listLen[s];
    l[listLen[s]++] = slot;
  };
  const removeOrder = (slot: number) => {
    const s = oSym[slot];
    unplace(s, oSide[slot], oIdx[slot]);
    const l = lists[s];
    const last = l[--listLen[s]];
    l[oPos[slot]] = last;
    oPos[last] = oPos[slot];
    free.push(slot);
  };
  const randomOrder = (s: number) => lists[s][rng.int(listLen[s])];
  const tick = () => {
    ts += Math.max(1, Math.round(-Math.log(1 - rng.next()) * gapMean));
  };
  const walk = (s: number) => {
    if (rng.next() < 0.08) midIdx[s] += rng.next() < 0.5 ? -1 : 1;
    if (midIdx[s] < 64) midIdx[s] = 64;
    if (midIdx[s] > LADDER * 2 - 64) midIdx[s] = LADDER * 2 - 64;
    if (bestBid[s] >= 0 && midIdx[s] < bestBid[s]) midIdx[s] = bestBid[s];
    if (bestAsk[s] >= 0 && midIdx[s] > bestAsk[s]) midIdx[s] = bestAsk[s];
  };
  const doAdd = (s: number) => {
    const side = rng.next() < 0.5 ? SIDE_BUY : SIDE_SELL;
    const idx = chooseIdx(s, side);
    const slot = newSlot();
    const qty = chooseQty();
    oRef[slot] = nextRef++;
    oSym[slot] = s;
    oSide[slot] = side;
    oIdx[slot] = idx;
    oQty[slot] = qty;
    listAdd(s, slot);
    place(s, side, idx);
    const mpid = rng.next() < mix.attributedShareOfAdds ? 'SYNT' : '';
    sink.addOrder(ts, s + 1, oRef[slot], side, qty, symbols[s], priceOf(s, idx), mpid);
  };

  const cAdd = mix.add;
  const cExe = cAdd + mix.execute;
  const cCan = cExe + mix.cancel;
  const cDel = cCan + mix.delete;
  const cRep = cDel + mix.replace;
  const cTrd = cRep + mix.trade;
  const cNoii = cTrd + mix.noii;

  while (emitted < total - closing) {
    tick();
    const s = pickSymbol();
    walk(s);
    const live = listLen[s];
    let u = rng.next(); // the shares sum to 1; u >= cNoii is a cross trade
    const removal = u >= cAdd && u < cRep;
    if (live < 4 || (removal && live < target / 4)) u = 0; // too thin: add instead
    else if (u < cAdd && live > target * 2) u = (cCan + cDel) / 2; // too thick: delete instead
    if (u < cAdd) {
      doAdd(s);
    } else if (u < cExe) {
      const side = rng.next() < 0.5 ? SIDE_BUY : SIDE_SELL;
      let best = -1;
      for (let k = 0; k < 16; k++) {
        const o = randomOrder(s);
        if (oSide[o] !== side) continue;
        if (best < 0 || (side === SIDE_BUY ? oIdx[o] > oIdx[best] : oIdx[o] < oIdx[best])) best = o;
      }
      if (best < 0) best = randomOrder(s);
      const q = rng.next() < 0.6 ? oQty[best] : Math.max(1, Math.floor(oQty[best] * rng.next()));
      if (rng.next() < mix.withPriceShareOfExecutions) {
        sink.executedWithPrice(ts, s + 1, oRef[best], q, match++, priceOf(s, oIdx[best]));
      } else {
        sink.executed(ts, s + 1, oRef[best], q, match++);
      }
      oQty[best] -= q;
      if (oQty[best] === 0) removeOrder(best);
    } else if (u < cCan) {
      const o = randomOrder(s);
      if (oQty[o] < 2) {
        sink.delete(ts, s + 1, oRef[o]);
        removeOrder(o);
      } else {
        const q = 1 + rng.int(oQty[o] - 1);
        sink.cancel(ts, s + 1, oRef[o], q);
        oQty[o] -= q;
      }
    } else if (u < cDel) {
      const o = randomOrder(s);
      sink.delete(ts, s + 1, oRef[o]);
      removeOrder(o);
    } else if (u < cRep) {
      const o = randomOrder(s);
      const side = oSide[o];
      const oldRef = oRef[o];
      unplace(s, side, oIdx[o]);
      const idx = chooseIdx(s, side);
      oIdx[o] = idx;
      oQty[o] = chooseQty();
      oRef[o] = nextRef++;
      place(s, side, idx);
      sink.replace(ts, s + 1, oldRef, oRef[o], oQty[o], priceOf(s, idx));
    } else if (u < cTrd) {
      const px = priceOf(s, midIdx[s]);
      sink.trade(ts, s + 1, 0, rng.next() < 0.5 ? SIDE_BUY : SIDE_SELL, chooseQty(), symbols[s], px, match++);
    } else if (u < cNoii) {
      const paired = 100 * rng.int(1000);
      const imb = 100 * rng.int(200);
      sink.noii(ts, s + 1, symbols[s], paired, imb, imb === 0 ? 'N' : rng.next() < 0.5 ? 'B' : 'S', priceOf(s, midIdx[s]));
    } else {
      sink.cross(ts, s + 1, 100 * (1 + rng.int(1000)), symbols[s], priceOf(s, midIdx[s]), match++, rng.next() < 0.5 ? 'O' : 'C');
    }
    emitted++;
  }
  sink.systemEvent(CLOSE_NS, 'M');
  sink.systemEvent(20 * 3600e9, 'E');
  sink.systemEvent(20 * 3600e9 + 1e6, 'C');
  return emitted + closing;
}
