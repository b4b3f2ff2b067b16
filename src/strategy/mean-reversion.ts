// Mean reversion template (docs/strategies.md "Mean reversion"): the mid is sampled every Window / 100
// (a timer) into a rolling window of 100 samples spanning Window; z = (mid - mean) / sd over the window.
// Flat: z >= Entry -> sell OrderQty, z <= -Entry -> buy. In a position: exit when |z| < Exit, after
// MaxHoldingTime, or on the preset's stop loss. Orders: marketable IOC limits at the touch (./base.ts).

import type { MeanReversionParams } from '../config/strategy.js';
import type { StateHasher } from '../core/hash.js';
import { Executor } from './base.js';
import { Rolling, midOf } from './rolling.js';
import type { OrderEventView, Strategy, StrategyContext } from './types.js';

const SAMPLE = 1;
const SAMPLES = 100;

export class MeanReversionStrategy implements Strategy {
  readonly symbols: readonly string[];
  private ctx!: StrategyContext;
  private inst = -1;
  private exec!: Executor;
  private readonly mids = new Rolling(SAMPLES);
  private readonly stepNs: number;
  lastZ = NaN;

  constructor(readonly name: string, symbol: string, readonly p: MeanReversionParams, readonly stopLoss: number) {
    this.symbols = [symbol];
    this.stepNs = Math.max(1, Math.round(p.windowNs / SAMPLES));
  }

  get executor(): Executor {
    return this.exec;
  }

  init(ctx: StrategyContext): void {
    this.ctx = ctx;
    this.inst = ctx.instrument(this.symbols[0]);
    this.exec = new Executor(() => this.ctx, Int32Array.of(this.inst));
    ctx.setTimer(this.stepNs, SAMPLE);
  }

  onTimer(tag: number): void {
    if (tag !== SAMPLE) return;
    this.ctx.setTimer(this.stepNs, SAMPLE);
    const mid = midOf(this.ctx.book, this.inst);
    if (!(mid === mid)) return;
    this.mids.push(mid);
    if (!this.mids.full()) return;
    const sd = this.mids.std();
    if (!(sd > 0)) return;
    const z = (mid - this.mids.mean()) / sd;
    this.lastZ = z;
    const p = this.p;
    const pos = this.ctx.position(this.inst);
    if (pos === 0) {
      if (z >= p.entryStd) this.exec.goTo(0, -p.orderQty);
      else if (z <= -p.entryStd) this.exec.goTo(0, p.orderQty);
    } else if (Math.abs(z) < p.exitStd) {
      this.exec.goTo(0, 0);
    }
  }

  onBook(inst: number): void {
    if (inst !== this.inst) return;
    const e = this.exec;
    if (e.busy(0) || this.ctx.position(inst) === 0) return;
    if (e.expired(0, this.ctx.now(), this.p.maxHoldingNs) || e.stopHit(0, midOf(this.ctx.book, inst), this.stopLoss)) e.goTo(0, 0);
  }

  onTrade(): void {}

  onOrderEvent(ev: OrderEventView): void {
    this.exec.onOrderEvent(ev);
  }

  hash(h: StateHasher): void {
    this.mids.hash(h);
    this.exec.hash(h);
  }
}
