// Shared execution for the position-taking templates (momentum, mean reversion, each pairs leg): a
// template decides a TARGET position; `goTo` sends one marketable IOC limit at the touch (buy at the best
// ask, sell at the best bid) for the difference, one working order per instrument at a time, so a
// template never stacks orders while a previous one is in flight. The per-position stop loss of the
// strategy's risk preset (`stopLoss`, a fraction of the average cost) is checked here too. After a refused
// order (risk or OMS), the slot waits REJECT_COOLDOWN_NS before trying again: a strategy whose exit is
// refused (a kill switch, a throttle) must not resend on every book update.
// State (all hashed for the kernel's stateHash): working clOrdIds, entry time, counters.

import type { StateHasher } from '../core/hash.js';
import { OrderEvent } from '../core/events.js';
import { SIDE_ASK, SIDE_BID } from '../core/units.js';
import type { Nanos } from '../core/units.js';
import { TimeInForce } from '../venue/types.js';
import type { OrderEventView, StrategyContext } from './types.js';

export const REJECT_COOLDOWN_NS = 1_000_000_000;

export class Executor {
  /** Working clOrdId per slot (0 = none). */
  readonly working: Float64Array;
  /** When the current position was opened (-1: flat). */
  readonly entryTs: Float64Array;
  orders = 0;
  fills = 0;
  filledQty = 0;
  rejects = 0;
  lastReject = 0;
  stops = 0;
  /** Per slot: no order before this time (after a reject). */
  readonly blockedUntil: Float64Array;

  constructor(private readonly ctx: () => StrategyContext, readonly insts: Int32Array) {
    this.working = new Float64Array(insts.length);
    this.entryTs = new Float64Array(insts.length).fill(-1);
    this.blockedUntil = new Float64Array(insts.length);
  }

  busy(k: number): boolean {
    return this.working[k] !== 0;
  }

  /** Sends what moves the position of slot k toward `target` lots; returns true when an order went out. */
  goTo(k: number, target: number): boolean {
    if (this.working[k] !== 0) return false;
    const c = this.ctx();
    if (c.now() < this.blockedUntil[k]) return false;
    const inst = this.insts[k];
    const diff = target - c.position(inst);
    if (diff === 0) return false;
    const buy = diff > 0;
    const px = buy ? c.book.bestAsk(inst) : c.book.bestBid(inst);
    if (!(px === px)) return false;
    this.orders++;
    const cl = c.submit(inst, buy ? SIDE_BID : SIDE_ASK, buy ? diff : -diff, px, TimeInForce.Ioc);
    if (cl > 0) {
      this.working[k] = cl;
      return true;
    }
    this.rejects++;
    this.lastReject = -cl;
    this.blockedUntil[k] = c.now() + REJECT_COOLDOWN_NS;
    return false;
  }

  /** Per-position stop: the mid has moved against the position by more than `stopLoss` of its cost. */
  stopHit(k: number, mid: number, stopLoss: number): boolean {
    if (!(stopLoss > 0) || !(mid === mid)) return false;
    const c = this.ctx();
    const inst = this.insts[k];
    const pos = c.position(inst);
    if (pos === 0) return false;
    const cost = c.avgCost(inst);
    const hit = pos > 0 ? mid < cost * (1 - stopLoss) : mid > cost * (1 + stopLoss);
    if (hit) this.stops++;
    return hit;
  }

  /** Held longer than maxNs? */
  expired(k: number, now: Nanos, maxNs: number): boolean {
    return this.entryTs[k] >= 0 && maxNs > 0 && now - this.entryTs[k] >= maxNs;
  }

  onOrderEvent(ev: OrderEventView): void {
    const c = this.ctx();
    for (let k = 0; k < this.insts.length; k++) {
      if (this.working[k] !== ev.clOrdId) continue;
      if (ev.event === OrderEvent.OrderPartiallyFilled || ev.event === OrderEvent.OrderFilled) {
        this.fills++;
        this.filledQty += ev.lastQty;
      }
      if (ev.done) this.working[k] = 0;
      const pos = c.position(this.insts[k]);
      if (pos === 0) this.entryTs[k] = -1;
      else if (this.entryTs[k] < 0) this.entryTs[k] = c.now();
    }
  }

  hash(h: StateHasher): void {
    for (let k = 0; k < this.insts.length; k++) {
      h.int(this.working[k]);
      h.int(this.entryTs[k]);
      h.int(this.blockedUntil[k]);
    }
    h.int(this.orders);
    h.int(this.fills);
    h.int(this.filledQty);
    h.int(this.rejects);
    h.int(this.stops);
  }
}
