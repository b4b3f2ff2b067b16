// Momentum template (docs/strategies.md "Momentum"). Every LookbackWindow (a timer) the mid is sampled and
// the lookback return r = log(mid_now / mid_{now-L}) taken; z = r / sd, sd the sample standard deviation of
// the previous ZWindow such non-overlapping returns (this one excluded, so a jump does not shrink its own
// z). A unitless EntryThreshold (the seed's 0.7) is this z-score. Decisions, once at least
// min(ZWindow, 10) returns are known:
//   flat:  z >= Entry -> buy OrderQty; z <= -Entry -> sell OrderQty (Side: long/short only restricts);
//   long:  exit when z <= Exit, after MaxHoldingTime, or on the preset's stop loss; short: mirrored.
// Orders are marketable IOC limits at the touch (./base.ts). Stop loss and holding time are also checked
// between samples, on book updates.

import type { MomentumParams } from '../config/strategy.js';
import type { StateHasher } from '../core/hash.js';
import { Executor } from './base.js';
import { Rolling, midOf } from './rolling.js';
import { hashFloat, type OrderEventView, type Strategy, type StrategyContext } from './types.js';

const SAMPLE = 1;

export class MomentumStrategy implements Strategy {
  readonly symbols: readonly string[];
  private ctx!: StrategyContext;
  private inst = -1;
  private exec!: Executor;
  private readonly rets: Rolling;
  private prevMid = NaN;
  /** Last z computed (NaN before enough history). */
  lastZ = NaN;
  samples = 0;

  constructor(readonly name: string, symbol: string, readonly p: MomentumParams, readonly stopLoss: number) {
    this.symbols = [symbol];
    this.rets = new Rolling(Math.max(2, p.zWindow));
  }

  get executor(): Executor {
    return this.exec;
  }

  init(ctx: StrategyContext): void {
    this.ctx = ctx;
    this.inst = ctx.instrument(this.symbols[0]);
    this.exec = new Executor(() => this.ctx, Int32Array.of(this.inst));
    ctx.setTimer(this.p.lookbackNs, SAMPLE);
  }

  onTimer(tag: number): void {
    if (tag !== SAMPLE) return;
    this.ctx.setTimer(this.p.lookbackNs, SAMPLE);
    const mid = midOf(this.ctx.book, this.inst);
    if (!(mid === mid)) return;
    const prev = this.prevMid;
    this.prevMid = mid;
    if (!(prev === prev)) return;
    this.samples++;
    const r = Math.log(mid / prev);
    const sd = this.rets.std();
    const enough = this.rets.count >= Math.min(this.p.zWindow, 10);
    this.rets.push(r);
    if (!enough || !(sd > 0)) return;
    const z = r / sd;
    this.lastZ = z;
    this.decide(z);
  }

  private decide(z: number): void {
    const p = this.p;
    const pos = this.ctx.position(this.inst);
    const e = this.exec;
    if (pos === 0) {
      if (z >= p.entryZ && p.side !== 'short') e.goTo(0, p.orderQty);
      else if (z <= -p.entryZ && p.side !== 'long') e.goTo(0, -p.orderQty);
    } else if ((pos > 0 && z <= p.exitZ) || (pos < 0 && z >= -p.exitZ)) {
      e.goTo(0, 0);
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
    this.rets.hash(h);
    hashFloat(h, this.prevMid);
    h.int(this.samples);
    this.exec.hash(h);
  }
}
