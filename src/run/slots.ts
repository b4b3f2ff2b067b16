// StrategySlot: what the kernel holds for each strategy of `hftbot run`. The kernel's strategy list,
// subscriptions and risk scopes are fixed when it is built; a slot lets the running system (the API) put
// a strategy into a spare slot later, stop and restart one, and swap one for a new spec, without
// rebuilding the kernel (which owns positions, PnL and orders of every other strategy).
// - Market data: a slot subscribes to every instrument of its kernel and forwards only its strategy's.
// - Context: the strategy gets a context that (a) refuses new orders while the slot is stopped (the
//   strategy sees a RiskKillSwitch refusal and backs off, as for a kill switch) and (b) tags its timers
//   with the slot's generation, so a replaced strategy's pending timers never reach its successor.
// Cost: one extra call per forwarded event and per context call; nothing allocated per event.
// Replay caveat: a kernel journal replays a slot's strategy only if it is rebuilt with the same strategy
// at the same point; strategies created at run time are noted in the audit log, not re-created by replay.

import type { BookView } from '../book/types.js';
import type { StateHasher } from '../core/hash.js';
import { Reject } from '../core/rejects.js';
import type { Nanos, Px, Qty, Side } from '../core/units.js';
import type { OrderEventView, Strategy, StrategyContext } from '../strategy/types.js';

const GEN = 1 << 20;

class SlotContext implements StrategyContext {
  constructor(private readonly slot: StrategySlot, private readonly host: StrategyContext) {}
  get strategyId(): number { return this.host.strategyId; }
  get book(): BookView { return this.host.book; }
  now(): Nanos { return this.host.now(); }
  instrument(symbol: string): number { return this.host.instrument(symbol); }
  priceScale(inst: number): number { return this.host.priceScale(inst); }
  tickSize(inst: number): number { return this.host.tickSize(inst); }
  submit(inst: number, side: Side, qty: Qty, px: Px, tif: number): number {
    return this.slot.running ? this.host.submit(inst, side, qty, px, tif) : -Reject.RiskKillSwitch;
  }
  cancel(clOrdId: number): number { return this.host.cancel(clOrdId); }
  replace(clOrdId: number, qty: Qty, px: Px): number {
    return this.slot.running ? this.host.replace(clOrdId, qty, px) : -Reject.RiskKillSwitch;
  }
  position(inst: number): number { return this.host.position(inst); }
  avgCost(inst: number): number { return this.host.avgCost(inst); }
  pnl(): number { return this.host.pnl(); }
  openOrders(): number { return this.host.openOrders(); }
  setTimer(delayNs: Nanos, tag: number): void { this.host.setTimer(delayNs, this.slot.generation * GEN + tag); }
  features(inst: number): Float64Array | null { return this.host.features(inst); }
}

export class StrategySlot implements Strategy {
  name: string;
  readonly symbols: readonly string[];
  inner: Strategy | null = null;
  /** false: the strategy sees the market but its new orders are refused. */
  running = true;
  generation = 0;
  private host: StrategyContext | null = null;
  /** [kernel instrument] = 1 when the inner strategy trades it. */
  private readonly subs: Uint8Array;

  /** `symbols`: every instrument of the kernel, in kernel order (the slot subscribes to all). */
  constructor(symbols: readonly string[], inner: Strategy | null) {
    this.symbols = symbols;
    this.subs = new Uint8Array(symbols.length);
    this.name = inner?.name ?? '';
    this.inner = inner;
  }

  init(ctx: StrategyContext): void {
    this.host = ctx;
    if (this.inner !== null) this.attach(this.inner);
  }

  /** Puts a strategy in the slot (replacing any), and starts it (cold: from the API, between events). */
  assign(s: Strategy): void {
    this.generation++;
    this.name = s.name;
    this.inner = s;
    this.running = true;
    if (this.host !== null) this.attach(s);
  }

  private attach(s: Strategy): void {
    this.subs.fill(0);
    for (const sym of s.symbols) {
      const i = this.symbols.indexOf(sym);
      if (i < 0) throw new Error(`strategy ${s.name} trades ${sym}, which the running market does not carry`);
      this.subs[i] = 1;
    }
    s.init(new SlotContext(this, this.host!));
  }

  onBook(inst: number): void {
    if (this.subs[inst] === 1) this.inner!.onBook(inst);
  }

  onTrade(inst: number, px: Px, qty: Qty, aggressorSide: number): void {
    if (this.subs[inst] === 1) this.inner!.onTrade(inst, px, qty, aggressorSide);
  }

  onTimer(tag: number): void {
    const gen = Math.floor(tag / GEN);
    if (gen === this.generation && this.inner !== null) this.inner.onTimer(tag - gen * GEN);
  }

  onOrderEvent(ev: OrderEventView): void {
    this.inner?.onOrderEvent(ev);
  }

  hash(h: StateHasher): void {
    h.int(this.generation);
    this.inner?.hash(h);
  }
}
