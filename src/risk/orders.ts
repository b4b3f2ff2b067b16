// Open (sent, not yet done) orders as the risk engine sees them: a struct-of-arrays pool keyed by
// clOrdId; the same table remembers the clOrdIds of the last `memory` accepted orders after they are done
// (value DONE), so duplicate-clOrdId detection is one lookup and an accept costs one insert (one table,
// not two: the check path was paying for both). Plus, for self-trade prevention, each scope's open limit orders per instrument and side on
// intrusive doubly linked lists with the best price cached (highest buy, lowest sell). The best is
// recomputed by walking the list only when the order at the best price leaves (acks/cancels/fills are
// off the check path). Orders enter the pool when the engine ACCEPTS them, not when the venue acks:
// RTS 6 Art. 15(2) requires every order sent to count against the limits at once.
// Capacity fixed at construction; no allocation afterwards. Single-threaded.

import type { AuditedOrder } from './audit.js';
import { IntTable } from './idtable.js';

const NIL = -1;
/** Table value of a clOrdId that is done but still remembered. */
const DONE = 0x7fffffff;

export class OpenOrders {
  readonly capacity: number;
  readonly ids: IntTable;
  readonly clOrdId: Float64Array;
  readonly strategy: Int32Array;
  readonly account: Int32Array; // as a scope index (nStrategies + accountId)
  readonly instrument: Int32Array;
  readonly side: Uint8Array;
  readonly market: Uint8Array;
  /** Price used for the order's notional: its limit, or the reference at acceptance for a market order. */
  readonly px: Float64Array;
  readonly leaves: Float64Array;
  readonly acked: Uint8Array;
  readonly live: Uint8Array;
  private readonly evicted: Uint8Array; // the id left the memory ring while the order was open
  private readonly ring: Float64Array;
  private ringHead = 0;
  private readonly next: Int32Array; // [slot * 2 + k], k = 0 strategy list, 1 account list
  private readonly prev: Int32Array;
  private readonly free: Int32Array;
  private freeTop: number;
  private readonly nInstruments: number;
  /** [(scope * nInstruments + instrument) * 2 + side] */
  private readonly head: Int32Array;
  readonly best: Float64Array; // buy: max price (-Infinity none), sell: min price (Infinity none)

  constructor(capacity: number, memory: number, nScopes: number, nInstruments: number) {
    this.capacity = capacity;
    this.ids = new IntTable(capacity + memory);
    this.ring = new Float64Array(memory).fill(-1);
    this.evicted = new Uint8Array(capacity);
    this.live = new Uint8Array(capacity);
    this.clOrdId = new Float64Array(capacity);
    this.strategy = new Int32Array(capacity);
    this.account = new Int32Array(capacity);
    this.instrument = new Int32Array(capacity);
    this.side = new Uint8Array(capacity);
    this.market = new Uint8Array(capacity);
    this.px = new Float64Array(capacity);
    this.leaves = new Float64Array(capacity);
    this.acked = new Uint8Array(capacity);
    this.next = new Int32Array(capacity * 2).fill(NIL);
    this.prev = new Int32Array(capacity * 2).fill(NIL);
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeTop = capacity;
    this.nInstruments = nInstruments;
    const lists = nScopes * nInstruments * 2;
    this.head = new Int32Array(lists).fill(NIL);
    this.best = new Float64Array(lists);
    for (let i = 0; i < lists; i++) this.best[i] = (i & 1) === 0 ? -Infinity : Infinity;
  }

  get size(): number {
    return this.capacity - this.freeTop;
  }

  /** Slot of an open order, or -1. */
  slotOf(clOrdId: number): number {
    const v = this.ids.get(clOrdId);
    return v === DONE ? NIL : v;
  }

  /**
   * True when the clOrdId is open or among the last `memory` accepted. An id above every id ever added is
   * unknown without a probe: engines number their orders upwards, so the accept path skips the lookup.
   */
  known(clOrdId: number): boolean {
    return clOrdId <= this.maxId && this.ids.get(clOrdId) !== NIL;
  }

  /** Largest clOrdId ever added (-1: none). */
  private maxId = -1;

  /** Best own open limit price for (scope, instrument, side). */
  bestPx(scope: number, instrument: number, side: number): number {
    return this.best[(scope * this.nInstruments + instrument) * 2 + side];
  }

  /** Cold path: clOrdIds of open orders of a strategy (or any: -1) and account scope (or any: -1) into `out`. */
  collect(strategy: number, accountScope: number, out: Float64Array): number {
    let n = 0;
    for (let slot = 0; slot < this.capacity && n < out.length; slot++) {
      if (this.live[slot] === 0) continue;
      if ((strategy < 0 || this.strategy[slot] === strategy) && (accountScope < 0 || this.account[slot] === accountScope)) out[n++] = this.clOrdId[slot];
    }
    return n;
  }

  /**
   * Adds an order (its clOrdId must be unknown); returns its slot or -1 when the pool is full. Its notional
   * price is the limit; the caller sets `px[slot]` for a market order (no double argument: a double passed
   * to a call that is not inlined is boxed, an allocation per order).
   */
  add(o: AuditedOrder, strategy: number, accountScope: number, market: boolean): number {
    const clOrdId = o.clOrdId, instrument = o.instrumentId, side = o.side, qty = o.qty;
    if (this.freeTop === 0) return NIL;
    const slot = this.free[--this.freeTop];
    if (!this.ids.set(clOrdId, slot)) {
      this.freeTop++;
      return NIL;
    }
    if (clOrdId > this.maxId) this.maxId = clOrdId;
    this.clOrdId[slot] = clOrdId;
    this.strategy[slot] = strategy;
    this.account[slot] = accountScope;
    this.instrument[slot] = instrument;
    this.side[slot] = side;
    this.market[slot] = market ? 1 : 0;
    this.px[slot] = o.price;
    this.leaves[slot] = qty;
    this.acked[slot] = 0;
    this.live[slot] = 1;
    this.evicted[slot] = 0;
    const ring = this.ring;
    if (ring.length === 0) this.evicted[slot] = 1;
    else {
      const old = ring[this.ringHead];
      if (old >= 0) {
        // one probe: a done id is forgotten, an open one marked to be deleted when it closes
        const v = this.ids.takeIf(old, DONE);
        if (v >= 0 && v !== DONE) this.evicted[v] = 1;
      }
      ring[this.ringHead] = clOrdId;
      this.ringHead = this.ringHead + 1 === ring.length ? 0 : this.ringHead + 1;
    }
    if (!market) {
      // Both lists (strategy k = 0, account k = 1) linked straight-line, sharing the loads: two inlined
      // link() calls cost ~10-15 ns more per accept in benchRisk.
      const nI = this.nInstruments, head = this.head, next = this.next, prev = this.prev, best = this.best;
      const l0 = (strategy * nI + instrument) * 2 + side, l1 = (accountScope * nI + instrument) * 2 + side;
      const h0 = head[l0], h1 = head[l1], p = o.price, s2 = slot * 2;
      next[s2] = h0;
      prev[s2] = NIL;
      next[s2 + 1] = h1;
      prev[s2 + 1] = NIL;
      if (h0 !== NIL) prev[h0 * 2] = slot;
      if (h1 !== NIL) prev[h1 * 2 + 1] = slot;
      head[l0] = slot;
      head[l1] = slot;
      if (side === 0) {
        if (p > best[l0]) best[l0] = p;
        if (p > best[l1]) best[l1] = p;
      } else {
        if (p < best[l0]) best[l0] = p;
        if (p < best[l1]) best[l1] = p;
      }
    }
    return slot;
  }

  /** Removes the order in `slot`. */
  remove(slot: number): void {
    if (this.evicted[slot] === 1) this.ids.delete(this.clOrdId[slot]);
    else this.ids.replace(this.clOrdId[slot], DONE);
    this.live[slot] = 0;
    if (this.market[slot] === 0) {
      this.unlink(slot, 0, this.strategy[slot]);
      this.unlink(slot, 1, this.account[slot]);
    }
    this.free[this.freeTop++] = slot;
  }

  private unlink(slot: number, k: number, scope: number): void {
    const l = (scope * this.nInstruments + this.instrument[slot]) * 2 + this.side[slot];
    const n = this.next[slot * 2 + k], p = this.prev[slot * 2 + k];
    if (p !== NIL) this.next[p * 2 + k] = n;
    else this.head[l] = n;
    if (n !== NIL) this.prev[n * 2 + k] = p;
    if (this.px[slot] !== this.best[l]) return;
    const buy = this.side[slot] === 0;
    let b = buy ? -Infinity : Infinity;
    for (let o = this.head[l]; o !== NIL; o = this.next[o * 2 + k]) {
      const x = this.px[o];
      if (buy ? x > b : x < b) b = x;
    }
    this.best[l] = b;
  }
}
