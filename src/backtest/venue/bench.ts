// Benchmark of the backtest venue's market side: a synthetic ITCH-like day (src/feed/synthetic, recorded
// first as BookSink calls in typed arrays, so generation is not timed) replayed into
//   book:    a plain L3Books (the floor),
//   idle:    the venue's book with no order of ours (the fast path: no lookups, no stamping),
//   quoting: the venue's book with a bid and an ask of ours on every instrument, re-quoted at the touch
//            whenever one is done (fills, queue updates, reports: the backtest's real per-event work).
// Reports go to a counting sink. Figures: events/s per configuration (best of `rounds`), fills.
// Cold wiring; the timed loops allocate nothing. Wire into `hftbot bench` as `backtest-venue`.

import { L3Books } from '../../book/l3.js';
import type { BookSink } from '../../book/types.js';
import { monoNs } from '../../clock/live.js';
import { OrderEvent } from '../../core/events.js';
import { generateItchDay, type SyntheticSink } from '../../feed/synthetic/index.js';
import { TimeInForce } from '../../venue/types.js';
import { BacktestVenuePort } from './port.js';

const OP_ADD = 1, OP_EXEC = 2, OP_CANCEL = 3, OP_DELETE = 4, OP_REPLACE = 5;

class Tape {
  n = 0;
  op = new Uint8Array(1 << 20);
  a = new Float64Array(1 << 20); // inst or ref
  b = new Float64Array(1 << 20); // ref / qty / newRef
  c = new Float64Array(1 << 20); // side / price
  d = new Float64Array(1 << 20); // price / qty
  e = new Float64Array(1 << 20); // qty
  ts = new Float64Array(1 << 20);
  push(op: number, ts: number, a: number, b = 0, c = 0, d = 0, e = 0): void {
    if (this.n === this.op.length) this.grow();
    const i = this.n++;
    this.op[i] = op; this.ts[i] = ts; this.a[i] = a; this.b[i] = b; this.c[i] = c; this.d[i] = d; this.e[i] = e;
  }
  private grow(): void {
    const g = <T extends Float64Array | Uint8Array>(x: T): T => {
      const y = new (x.constructor as new (n: number) => T)(x.length * 2);
      y.set(x);
      return y;
    };
    this.op = g(this.op); this.a = g(this.a); this.b = g(this.b); this.c = g(this.c); this.d = g(this.d); this.e = g(this.e); this.ts = g(this.ts);
  }
}

function record(messages: number, symbols: number, seed: number): Tape {
  const t = new Tape();
  const sink: SyntheticSink = {
    systemEvent() {}, stockDirectory() {}, tradingAction() {}, trade() {}, cross() {}, noii() {},
    addOrder: (ts, loc, ref, side, shares, _s, price) => t.push(OP_ADD, ts, loc - 1, ref, side, price, shares),
    executed: (ts, _l, ref, shares) => t.push(OP_EXEC, ts, ref, shares),
    executedWithPrice: (ts, _l, ref, shares) => t.push(OP_EXEC, ts, ref, shares),
    cancel: (ts, _l, ref, shares) => t.push(OP_CANCEL, ts, ref, shares),
    delete: (ts, _l, ref) => t.push(OP_DELETE, ts, ref),
    replace: (ts, _l, ref, newRef, shares, price) => t.push(OP_REPLACE, ts, ref, newRef, price, shares),
  };
  generateItchDay({ messages, symbols, seed }, sink);
  return t;
}

function replay(t: Tape, m: BookSink, from: number, to: number): void {
  const { op, a, b, c, d, e, ts } = t;
  for (let i = from; i < to; i++) {
    switch (op[i]) {
      case OP_ADD: m.add(a[i], b[i], c[i] as 0 | 1, d[i], e[i], ts[i]); break;
      case OP_EXEC: m.execute(a[i], b[i], ts[i]); break;
      case OP_CANCEL: m.cancel(a[i], b[i], ts[i]); break;
      case OP_DELETE: m.delete(a[i], ts[i]); break;
      case OP_REPLACE: m.replace(a[i], b[i], c[i], d[i], ts[i]); break;
    }
  }
}

export interface VenueBenchResult {
  events: number;
  bookEventsPerSecond: number;
  idleEventsPerSecond: number;
  quotingEventsPerSecond: number;
  fills: number;
}

export function benchBacktestVenue(opts: { messages?: number; symbols?: number; seed?: number; rounds?: number } = {}): VenueBenchResult {
  const messages = opts.messages ?? 2_000_000;
  const symbols = opts.symbols ?? 4;
  const rounds = opts.rounds ?? 3;
  const t = record(messages, symbols, opts.seed ?? 1);
  // the three configurations take turns within each round (a shared, loaded machine drifts); best of rounds
  const runBook = (): void => replay(t, new L3Books(), 0, t.n);
  const runIdle = (): void => replay(t, new BacktestVenuePort().market, 0, t.n);
  let fills = 0;
  const runQuoting = (): void => {
    fills = 0;
    const p = new BacktestVenuePort({ capacity: 4 * symbols });
    const bidCl = new Float64Array(symbols);
    const askCl = new Float64Array(symbols);
    let cl = 0;
    p.attach({
      execReport(ev, _x, c) {
        if (ev === OrderEvent.OrderPartiallyFilled || ev === OrderEvent.OrderFilled) fills++;
        if (ev === OrderEvent.OrderFilled || ev === OrderEvent.OrderCancelled) {
          for (let s = 0; s < symbols; s++) {
            if (bidCl[s] === c) bidCl[s] = 0;
            if (askCl[s] === c) askCl[s] = 0;
          }
        }
      },
    });
    const v = p.view;
    const step = 256;
    for (let i = 0; i < t.n; i += step) {
      const j = i + step < t.n ? i + step : t.n;
      replay(t, p.market, i, j);
      const now = t.ts[j - 1];
      p.advance(now);
      for (let s = 0; s < symbols; s++) {
        if (bidCl[s] === 0) {
          const px = v.bestBid(s);
          if (px === px) { bidCl[s] = ++cl; p.submit(cl, s, 0, 100, px, TimeInForce.Day, now); }
        }
        if (askCl[s] === 0) {
          const px = v.bestAsk(s);
          if (px === px) { askCl[s] = ++cl; p.submit(cl, s, 1, 100, px, TimeInForce.Day, now); }
        }
      }
    }
  };
  const runs = [runBook, runIdle, runQuoting];
  const bestNs = [Infinity, Infinity, Infinity];
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < runs.length; k++) {
      const t0 = monoNs();
      runs[k]();
      const dt = monoNs() - t0;
      if (dt < bestNs[k]) bestNs[k] = dt;
    }
  }
  const rate = (ns: number): number => Math.round(t.n / (ns / 1e9));
  const [book, idle, quoting] = bestNs.map(rate);
  return { events: t.n, bookEventsPerSecond: book, idleEventsPerSecond: idle, quotingEventsPerSecond: quoting, fills };
}
