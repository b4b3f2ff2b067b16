// A kernel strategy slot for the test backend: the kernel's strategy list is fixed when it is built, so
// the backend builds it with a few Slots and puts a template strategy into one when the API creates it.
// A Slot subscribes to every instrument, forwards events to its inner strategy while it runs, and records
// its orders and fills (through a StrategyContext wrapper) for the blotter.

import type { StateHasher } from '../../core/hash.js';
import type { Nanos, Px, Qty, Side } from '../../core/units.js';
import type { OrderEventView, Strategy, StrategyContext } from '../../strategy/types.js';

export interface SlotRecorder {
  onSubmit(slot: Slot, clOrdId: number, inst: number, side: Side, qty: Qty, px: Px): void;
  onReplace(slot: Slot, oldCl: number, newCl: number, qty: Qty, px: Px): void;
  onOrderEvent(slot: Slot, ev: OrderEventView): void;
  onTrade(inst: number, px: Px, qty: Qty, aggressorSide: number): void;
  onRejected(slot: Slot): void;
}

/** The refusal code of a stopped slot's submit/replace (returned negated, like a reject code). */
export const STOPPED = 1;

export class Slot implements Strategy {
  readonly name: string;
  ctx!: StrategyContext;
  inner: Strategy | null = null;
  running = false;
  private innerInst = new Set<number>();

  constructor(readonly id: number, readonly symbols: readonly string[], private readonly rec: SlotRecorder, private readonly recordTrades: boolean) {
    this.name = `slot-${id}`;
  }

  init(ctx: StrategyContext): void {
    this.ctx = ctx;
  }

  /** Puts a strategy in the slot (stopped). Its timers start at once; they act only while running. */
  attach(inner: Strategy): void {
    this.inner = inner;
    this.innerInst = new Set(inner.symbols.map((s) => this.ctx.instrument(s)));
    inner.init(this.wrap());
  }

  private wrap(): StrategyContext {
    const c = this.ctx;
    return {
      strategyId: c.strategyId,
      book: c.book,
      now: () => c.now(),
      instrument: (s) => c.instrument(s),
      priceScale: (i) => c.priceScale(i),
      tickSize: (i) => c.tickSize(i),
      submit: (inst: number, side: Side, qty: Qty, px: Px, tif: number): number => {
        if (!this.running) return -STOPPED;
        const cl = c.submit(inst, side, qty, px, tif);
        if (cl > 0) this.rec.onSubmit(this, cl, inst, side, qty, px);
        else this.rec.onRejected(this);
        return cl;
      },
      cancel: (cl) => c.cancel(cl),
      replace: (cl: number, qty: Qty, px: Px): number => {
        if (!this.running) return -STOPPED;
        const n = c.replace(cl, qty, px);
        if (n > 0) this.rec.onReplace(this, cl, n, qty, px);
        else this.rec.onRejected(this);
        return n;
      },
      position: (i) => c.position(i),
      avgCost: (i) => c.avgCost(i),
      pnl: () => c.pnl(),
      openOrders: () => c.openOrders(),
      setTimer: (d: Nanos, tag: number) => c.setTimer(d, tag),
      features: (i) => c.features(i),
    };
  }

  onBook(inst: number): void {
    if (this.running && this.innerInst.has(inst)) this.inner!.onBook(inst);
  }

  onTrade(inst: number, px: Px, qty: Qty, aggressorSide: number): void {
    if (this.recordTrades) this.rec.onTrade(inst, px, qty, aggressorSide);
    if (this.running && this.innerInst.has(inst)) this.inner!.onTrade(inst, px, qty, aggressorSide);
  }

  onTimer(tag: number): void {
    // Timers keep firing while stopped so that a template's sampling timer survives a stop/start; its
    // orders are refused meanwhile (STOPPED).
    this.inner?.onTimer(tag);
  }

  onOrderEvent(ev: OrderEventView): void {
    this.rec.onOrderEvent(this, ev);
    this.inner?.onOrderEvent(ev);
  }

  hash(h: StateHasher): void {
    this.inner?.hash(h);
  }
}
