// Model template (docs/strategies.md "Model"; issue 9): trades on a model's score of the instrument's
// feature vector. The model (ONNX on the pure-TypeScript fast path, or XGBoost JSON: src/model/serving.ts)
// is loaded once, synchronously, when the strategy is built; on every book event of the instrument the
// selected features are gathered into a preallocated vector and the model evaluated (no allocation).
//
// Score: s = 2p - 1 for a model that outputs P(up) in [0, 1] (what `hftbot model train` writes, XGBoost
// binary:logistic, a sigmoid or two-class softmax output), else the model's raw output. Decisions:
//   flat:  s >= EntryThreshold -> buy OrderQty;  s <= -EntryThreshold -> sell OrderQty;
//   long:  exit when s < ExitThreshold, after Horizon, or on the risk preset's stop loss; short mirrored
//          (s > -ExitThreshold). A NaN score (a feature not yet defined, e.g. a return window still
//          filling) decides nothing.
// Orders are marketable IOC limits at the touch, one working order at a time (./base.ts). A Horizon timer
// is set when a position opens, so the exit does not wait for the next book event.
//
// Features: the model names the src/signal features it takes and the spec they were computed with. When
// that spec is the kernel's (KERNEL_FEATURE_SPEC) and the kernel computes features, the strategy reads
// ctx.features(inst); otherwise it keeps its own FeatureEngine on ctx.book with the model's spec, fed the
// same trades and book events in the same order as the kernel's, so serving computes what training did.
//
// The same object runs in backtest, shadow and live: the kernel drives it, only the venue port differs.

import type { ModelParams } from '../config/strategy.js';
import type { StateHasher } from '../core/hash.js';
import { SIDE_BID } from '../core/units.js';
import { KERNEL_FEATURE_SPEC, featureSlots, loadServingModel, sameSpec, type ServingModel } from '../model/serving.js';
import { FeatureEngine } from '../signal/features.js';
import { featureCount } from '../signal/spec.js';
import { Executor } from './base.js';
import { midOf } from './rolling.js';
import { hashFloat, type OrderEventView, type Strategy, type StrategyContext } from './types.js';

const HORIZON = 1;

export class ModelStrategy implements Strategy {
  readonly symbols: readonly string[];
  readonly model: ServingModel;
  private ctx!: StrategyContext;
  private inst = -1;
  private exec!: Executor;
  private engine: FeatureEngine | null = null;
  private readonly slots: Int32Array;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  /** Last score (NaN before the first defined one). */
  lastScore = NaN;
  evaluations = 0;
  /** True when the features come from the kernel (ctx.features), false when from the strategy's own engine. */
  kernelFeatures = false;

  /** `model`: an already loaded model (tests, a caller sharing one); default: loaded from p.modelPath. */
  constructor(readonly name: string, symbol: string, readonly p: ModelParams, readonly stopLoss: number, model?: ServingModel) {
    this.symbols = [symbol];
    this.model = model ?? loadServingModel(p.modelPath);
    if (this.model.predictor.inputSize !== this.model.features.length) {
      throw new Error(`strategy ${name}: the model takes ${this.model.predictor.inputSize} inputs but names ${this.model.features.length} features`);
    }
    this.slots = featureSlots(this.model.spec, this.model.features);
    this.x = new Float64Array(this.slots.length);
    this.y = new Float64Array(Math.max(1, this.model.predictor.outputSize));
  }

  get executor(): Executor {
    return this.exec;
  }

  init(ctx: StrategyContext): void {
    this.ctx = ctx;
    this.inst = ctx.instrument(this.symbols[0]);
    this.exec = new Executor(() => this.ctx, Int32Array.of(this.inst));
    const kv = ctx.features(this.inst);
    const spec = this.model.spec;
    this.kernelFeatures = kv !== null && sameSpec(spec, KERNEL_FEATURE_SPEC) && kv.length === featureCount({ instrument: 0, ...spec });
    if (!this.kernelFeatures) this.engine = new FeatureEngine({ instrument: this.inst, ...spec });
  }

  onTrade(inst: number, px: number, qty: number, aggressorSide: number): void {
    if (inst !== this.inst || this.engine === null) return;
    this.engine.onTrade(this.ctx.now(), px, qty, aggressorSide === SIDE_BID ? 1 : -1);
  }

  onBook(inst: number): void {
    if (inst !== this.inst) return;
    const c = this.ctx;
    let v: Float64Array | null;
    if (this.engine !== null) {
      this.engine.onBook(c.book, c.now());
      v = this.engine.out;
    } else v = c.features(inst);
    if (v === null) return;
    const s = this.score(v);
    this.decide(s);
  }

  /** The model's score of feature vector v (signed: 2p - 1 for probability models). */
  score(v: Float64Array): number {
    const x = this.x;
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) x[i] = v[slots[i]];
    const m = this.model;
    m.predictor.predict(x, this.y);
    const out = this.y[m.scoreIndex];
    const s = m.probability ? 2 * out - 1 : out;
    this.evaluations++;
    if (s === s) this.lastScore = s;
    return s;
  }

  private decide(s: number): void {
    const e = this.exec;
    if (e.busy(0)) return;
    const c = this.ctx;
    const p = this.p;
    const pos = c.position(this.inst);
    if (pos !== 0) {
      const out = pos > 0 ? s < p.exitThreshold : s > -p.exitThreshold;
      if (out || e.expired(0, c.now(), p.horizonNs) || e.stopHit(0, midOf(c.book, this.inst), this.stopLoss)) e.goTo(0, 0);
      return;
    }
    if (!(s === s)) return;
    if (s >= p.entryThreshold) e.goTo(0, p.orderQty);
    else if (s <= -p.entryThreshold) e.goTo(0, -p.orderQty);
  }

  onTimer(tag: number): void {
    if (tag !== HORIZON) return;
    const e = this.exec;
    if (!e.busy(0) && this.ctx.position(this.inst) !== 0 && e.expired(0, this.ctx.now(), this.p.horizonNs)) e.goTo(0, 0);
  }

  onOrderEvent(ev: OrderEventView): void {
    const e = this.exec;
    const wasOpen = e.entryTs[0] >= 0;
    e.onOrderEvent(ev);
    if (!wasOpen && e.entryTs[0] >= 0 && this.p.horizonNs > 0) this.ctx.setTimer(this.p.horizonNs, HORIZON);
  }

  hash(h: StateHasher): void {
    hashFloat(h, this.lastScore);
    h.int(this.evaluations);
    if (this.engine !== null) for (let i = 0; i < this.engine.out.length; i++) hashFloat(h, this.engine.out[i]);
    this.exec.hash(h);
  }
}
