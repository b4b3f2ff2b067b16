// StrategyContext for one strategy: the strategy's only door into the kernel. Commands carry the
// strategy's id (it cannot act for another); positions and PnL are read from the risk engine, which
// has applied every fill before the strategy hears of it. Reads only; no allocation per call.

import type { BookView } from '../book/types.js';
import type { InstrumentRegistry } from '../core/instruments.js';
import type { Nanos, Px, Qty, Side } from '../core/units.js';
import type { StrategyContext } from '../strategy/types.js';
import type { Kernel } from './kernel.js';

export class StrategyHost implements StrategyContext {
  readonly book: BookView;
  private readonly registry: InstrumentRegistry;
  constructor(
    private readonly k: Kernel,
    readonly strategyId: number,
  ) {
    this.book = k.books;
    this.registry = k.registry;
  }
  now(): Nanos {
    return this.k.time();
  }
  instrument(symbol: string): number {
    const i = this.registry.find(symbol);
    return i === undefined || i.id >= this.k.nInstruments ? -1 : i.id;
  }
  priceScale(inst: number): number {
    return this.registry.get(inst)?.priceScale ?? 10_000;
  }
  tickSize(inst: number): number {
    return this.registry.get(inst)?.tickSize ?? 100;
  }
  submit(inst: number, side: Side, qty: Qty, px: Px, tif: number): number {
    return this.k.submit(this.strategyId, inst, side, qty, px, tif);
  }
  cancel(clOrdId: number): number {
    return this.k.cancel(this.strategyId, clOrdId);
  }
  replace(clOrdId: number, qty: Qty, px: Px): number {
    return this.k.replace(this.strategyId, clOrdId, qty, px);
  }
  position(inst: number): number {
    return this.k.position(this.strategyId, inst);
  }
  avgCost(inst: number): number {
    return this.k.risk.positions.avgCost(this.strategyId, inst);
  }
  pnl(): number {
    return this.k.pnl(this.strategyId);
  }
  openOrders(): number {
    return this.k.risk.positions.openCount[this.strategyId];
  }
  setTimer(delayNs: Nanos, tag: number): void {
    this.k.setTimer(this.strategyId, delayNs, tag);
  }
  features(inst: number): Float64Array | null {
    return this.k.readFeatures(inst);
  }
}
