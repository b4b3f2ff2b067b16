// Stat-arb pairs template (docs/strategies.md "Stat-arb pairs"), Engle-Granger or Johansen.
//
// Two clocks, because a bar and an estimation sample are different things:
// - Bars (Timeframe): every Timeframe the spread s = log A - beta log B is evaluated and
//   z = (s - mean) / sd taken with the mean and sd of the spread over the last estimation window; trading
//   decisions happen on bars. The seed's `Timeframe_ms: 1` therefore means "act on a 1 ms bar".
// - Estimation samples: the rolling window of Window log mids of A and B is sampled every
//   max(Timeframe, MinEstimationSpan / Window), i.e. the window always spans at least MinEstimationSpan
//   (default 300 s). Why: the seed's window of 500 one-millisecond bars covers half a second, in which
//   mids hardly move: no test can tell a cointegrated pair from two random walks (the simulator's pair
//   reverts with a ~7 s half-life), and a hedge ratio fitted on half a second is noise. With the minimum
//   span the seed's spec, as written, estimates on 500 samples 240 ms apart.
// - Re-estimation every ReestimateEvery samples (the first once the window is full): Engle-Granger =
//   OLS of log A on log B (beta, the hedge ratio) and src/stats coint(logA, [logB]) with p-value <
//   MaxPValue; Johansen = cointJohansen([logA, logB], det_order 0, k_ar_diff 1), cointegrated when the
//   rank-0 trace statistic passes its critical value at the tabulated level nearest MaxPValue (10/5/1%),
//   beta from the first eigenvector normalised on A. A pair found not cointegrated is flattened and not
//   traded until a later estimation finds it again.
// Trading: flat and z > Entry: sell the spread (sell OrderQty A, buy B); z < -Entry: buy it. B's quantity
// is the hedge ratio in money: round(beta x qtyA x midA / midB), at least 1. Exit both legs when |z| < Exit,
// or when the pair's loss passes StopLossPercent of the pair's entry notional (the preset's stopLoss).
// Orders: marketable IOC limits at the touch per leg (./base.ts).

import type { PairsParams } from '../config/strategy.js';
import type { StateHasher } from '../core/hash.js';
import { coint } from '../stats/coint.js';
import { cointJohansen } from '../stats/johansen.js';
import { Executor } from './base.js';
import { Rolling, midOf } from './rolling.js';
import { hashFloat, type OrderEventView, type Strategy, type StrategyContext } from './types.js';

const BAR = 1;
const SAMPLE = 2;
export const DEFAULT_MIN_ESTIMATION_SPAN_NS = 300_000_000_000;

export interface PairsOptions {
  /** The estimation window spans at least this long (default 300 s). */
  minEstimationSpanNs?: number;
}

export class PairsStrategy implements Strategy {
  readonly symbols: readonly string[];
  readonly sampleNs: number;
  private ctx!: StrategyContext;
  private a = -1;
  private b = -1;
  private exec!: Executor;
  private readonly la: Rolling;
  private readonly lb: Rolling;
  private readonly xa: Float64Array;
  private readonly xb: Float64Array;
  private sinceEstimate = 0;
  beta = NaN;
  mean = NaN;
  sd = NaN;
  cointegrated = false;
  estimations = 0;
  cointegratedCount = 0;
  lastPValue = NaN;
  lastZ = NaN;
  entries = 0;

  constructor(readonly name: string, symbols: readonly string[], readonly p: PairsParams, readonly stopLoss: number, opts: PairsOptions = {}) {
    if (symbols.length !== 2) throw new Error('pairs: exactly two symbols');
    this.symbols = symbols;
    const span = opts.minEstimationSpanNs ?? DEFAULT_MIN_ESTIMATION_SPAN_NS;
    this.sampleNs = Math.max(p.timeframeNs, Math.ceil(span / p.window));
    this.la = new Rolling(p.window);
    this.lb = new Rolling(p.window);
    this.xa = new Float64Array(p.window);
    this.xb = new Float64Array(p.window);
  }

  get executor(): Executor {
    return this.exec;
  }

  init(ctx: StrategyContext): void {
    this.ctx = ctx;
    this.a = ctx.instrument(this.symbols[0]);
    this.b = ctx.instrument(this.symbols[1]);
    this.exec = new Executor(() => this.ctx, Int32Array.of(this.a, this.b));
    ctx.setTimer(this.sampleNs, SAMPLE);
    ctx.setTimer(this.p.timeframeNs, BAR);
  }

  onTimer(tag: number): void {
    if (tag === SAMPLE) {
      this.ctx.setTimer(this.sampleNs, SAMPLE);
      this.sample();
    } else if (tag === BAR) {
      this.ctx.setTimer(this.p.timeframeNs, BAR);
      this.bar();
    }
  }

  private sample(): void {
    const ma = midOf(this.ctx.book, this.a);
    const mb = midOf(this.ctx.book, this.b);
    if (!(ma > 0 && mb > 0)) return;
    this.la.push(Math.log(ma));
    this.lb.push(Math.log(mb));
    this.sinceEstimate++;
    if (this.la.full() && (this.estimations === 0 || this.sinceEstimate >= this.p.reestimateEvery)) this.estimate();
  }

  /** Cold (every ReestimateEvery samples): hedge ratio, cointegration test, spread mean and sd. */
  private estimate(): void {
    this.sinceEstimate = 0;
    this.estimations++;
    const n = this.la.copyTo(this.xa);
    this.lb.copyTo(this.xb);
    const ya = this.xa, yb = this.xb;
    let beta: number;
    let ok: boolean;
    try {
      if (this.p.model === 'johansen') {
        const j = cointJohansen([ya, yb], 0, 1);
        const level = this.p.maxPValue >= 0.075 ? 0 : this.p.maxPValue >= 0.03 ? 1 : 2;
        ok = j.trace[0] > j.traceCritical[0][level];
        const v0 = j.eigenvectors[0][0], v1 = j.eigenvectors[1][0];
        beta = -v1 / v0;
        this.lastPValue = NaN;
      } else {
        let ma = 0, mb = 0;
        for (let i = 0; i < n; i++) { ma += ya[i]; mb += yb[i]; }
        ma /= n; mb /= n;
        let sab = 0, sbb = 0;
        for (let i = 0; i < n; i++) { sab += (ya[i] - ma) * (yb[i] - mb); sbb += (yb[i] - mb) * (yb[i] - mb); }
        beta = sab / sbb;
        const r = coint(ya, [yb]);
        this.lastPValue = r.pvalue;
        ok = r.pvalue < this.p.maxPValue;
      }
    } catch {
      ok = false;
      beta = NaN;
    }
    if (!(beta === beta) || !Number.isFinite(beta) || beta <= 0) ok = false;
    this.cointegrated = ok;
    if (!ok) return;
    this.cointegratedCount++;
    this.beta = beta;
    let m = 0;
    for (let i = 0; i < n; i++) m += ya[i] - beta * yb[i];
    m /= n;
    let s = 0;
    for (let i = 0; i < n; i++) { const d = ya[i] - beta * yb[i] - m; s += d * d; }
    this.mean = m;
    this.sd = Math.sqrt(s / (n - 1));
  }

  private bar(): void {
    const c = this.ctx;
    const e = this.exec;
    if (e.busy(0) || e.busy(1)) return;
    const posA = c.position(this.a), posB = c.position(this.b);
    const flat = posA === 0 && posB === 0;
    if (!this.cointegrated) {
      if (!flat) this.flatten();
      return;
    }
    const ma = midOf(c.book, this.a), mb = midOf(c.book, this.b);
    if (!(ma > 0 && mb > 0) || !(this.sd > 0)) return;
    const z = (Math.log(ma) - this.beta * Math.log(mb) - this.mean) / this.sd;
    this.lastZ = z;
    if (flat) {
      if (Math.abs(z) <= this.p.entryStd) return;
      const qa = this.p.orderQty;
      const qb = Math.max(1, Math.round((this.beta * qa * ma) / mb));
      this.entries++;
      if (z > 0) { e.goTo(0, -qa); e.goTo(1, qb); } else { e.goTo(0, qa); e.goTo(1, -qb); }
      return;
    }
    if (Math.abs(z) < this.p.exitStd || this.stopped(ma, mb)) this.flatten();
  }

  /** The pair's unrealized loss passed stopLoss of its entry notional. */
  private stopped(ma: number, mb: number): boolean {
    if (!(this.stopLoss > 0)) return false;
    const c = this.ctx;
    const pa = c.position(this.a), pb = c.position(this.b);
    const ca = c.avgCost(this.a), cb = c.avgCost(this.b);
    const unreal = pa * (ma - ca) + pb * (mb - cb);
    const notional = Math.abs(pa) * ca + Math.abs(pb) * cb;
    const hit = -unreal > this.stopLoss * notional;
    if (hit) this.exec.stops++;
    return hit;
  }

  private flatten(): void {
    this.exec.goTo(0, 0);
    this.exec.goTo(1, 0);
  }

  onBook(): void {}
  onTrade(): void {}

  onOrderEvent(ev: OrderEventView): void {
    this.exec.onOrderEvent(ev);
  }

  hash(h: StateHasher): void {
    this.la.hash(h);
    this.lb.hash(h);
    h.int(this.sinceEstimate);
    h.int(this.estimations);
    hashFloat(h, this.beta);
    hashFloat(h, this.mean);
    hashFloat(h, this.sd);
    h.int(this.cointegrated ? 1 : 0);
    h.int(this.entries);
    this.exec.hash(h);
  }
}
