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
// Several Assets: the same model trades each one on its own vector (one slot, engine, position, horizon each).
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

/** Horizon timer tags: HORIZON + slot. */
const HORIZON = 1;

export class ModelStrategy implements Strategy {
  readonly symbols: readonly string[];
  readonly model: ServingModel;
  private ctx!: StrategyContext;
  /** Kernel instrument id per slot. */
  private insts = new Int32Array(0);
  private exec!: Executor;
  /** Per slot: the strategy's own feature engine, or null when it reads the kernel's features. */
  private engines: (FeatureEngine | null)[] = [];
  private readonly slots: Int32Array;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  /** Last defined score (any slot; NaN before the first). */
  lastScore = NaN;
  evaluations = 0;
  /** True when the features come from the kernel (ctx.features), false when from the strategy's own engines. */
  kernelFeatures = false;

  /** `model`: an already loaded model (tests, a caller sharing one); default: loaded from p.modelPath. */
  constructor(readonly name: string, symbols: string | readonly string[], readonly p: ModelParams, readonly stopLoss: number, model?: ServingModel) {
    this.symbols = typeof symbols === 'string' ? [symbols] : [...symbols];
    if (this.symbols.length === 0) throw new Error(`strategy ${name}: no assets`);
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
    this.insts = Int32Array.from(this.symbols.map((s) => ctx.instrument(s)));
    this.exec = new Executor(() => this.ctx, this.insts);
    const spec = this.model.spec;
    const n = featureCount({ instrument: 0, ...spec });
    // reading ctx.features here (before any event) also makes the kernel keep those vectors up to date
    // from the first event on (it updates an instrument's features once a strategy has read them)
    this.kernelFeatures = sameSpec(spec, KERNEL_FEATURE_SPEC) && Array.from(this.insts).every((i) => ctx.features(i)?.length === n);
    this.engines = Array.from(this.insts, (i) => (this.kernelFeatures ? null : new FeatureEngine({ instrument: i, ...spec })));
  }

  private slotOf(inst: number): number {
    const insts = this.insts;
    for (let k = 0; k < insts.length; k++) if (insts[k] === inst) return k;
    return -1;
  }

  onTrade(inst: number, px: number, qty: number, aggressorSide: number): void {
    const k = this.slotOf(inst);
    const e = k < 0 ? null : this.engines[k];
    if (e !== null) e.onTrade(this.ctx.now(), px, qty, aggressorSide === SIDE_BID ? 1 : -1);
  }

  onBook(inst: number): void {
    const k = this.slotOf(inst);
    if (k < 0) return;
    const c = this.ctx;
    const e = this.engines[k];
    let v: Float64Array | null;
    if (e !== null) {
      e.onBook(c.book, c.now());
      v = e.out;
    } else v = c.features(inst);
    if (v === null) return;
    this.decide(k, this.score(v));
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

  private decide(k: number, s: number): void {
    const e = this.exec;
    if (e.busy(k)) return;
    const c = this.ctx;
    const p = this.p;
    const inst = this.insts[k];
    const pos = c.position(inst);
    if (pos !== 0) {
      const out = pos > 0 ? s < p.exitThreshold : s > -p.exitThreshold;
      if (out || e.expired(k, c.now(), p.horizonNs) || e.stopHit(k, midOf(c.book, inst), this.stopLoss)) e.goTo(k, 0);
      return;
    }
    if (!(s === s)) return;
    if (s >= p.entryThreshold) e.goTo(k, p.orderQty);
    else if (s <= -p.entryThreshold) e.goTo(k, -p.orderQty);
  }

  onTimer(tag: number): void {
    const k = tag - HORIZON;
    if (k < 0 || k >= this.insts.length) return;
    const e = this.exec;
    if (!e.busy(k) && this.ctx.position(this.insts[k]) !== 0 && e.expired(k, this.ctx.now(), this.p.horizonNs)) e.goTo(k, 0);
  }

  onOrderEvent(ev: OrderEventView): void {
    const e = this.exec;
    const k = this.slotOf(ev.instrument);
    const wasOpen = k >= 0 && e.entryTs[k] >= 0;
    e.onOrderEvent(ev);
    if (k >= 0 && !wasOpen && e.entryTs[k] >= 0 && this.p.horizonNs > 0) this.ctx.setTimer(this.p.horizonNs, HORIZON + k);
  }

  hash(h: StateHasher): void {
    hashFloat(h, this.lastScore);
    h.int(this.evaluations);
    for (const e of this.engines) if (e !== null) for (let i = 0; i < e.out.length; i++) hashFloat(h, e.out[i]);
    this.exec.hash(h);
  }
}
