// Open (sent, not yet done) orders as the risk engine sees them: a struct-of-arrays pool keyed by
// clOrdId; the same table remembers the clOrdIds of the last `memory` accepted orders after they are done,
// so duplicate-clOrdId detection is one lookup and an accept costs one insert (one table, not two: the
// check path was paying for both). A done id's value is its accept sequence number (encoded below -1):
// it is remembered while fewer than `memory` orders were accepted after it, which a lookup decides
// itself. Forgetting (deleting the entry) is therefore off the accept path: a close deletes its id at
// once when it is already out of the memory, else queues it, and each close deletes the queue's expired
// front entries (the eviction probe at every accept cost ~10 ns of a check in benchRisk). The queue
// holds at most 2 x memory + 1 ids (every queued id was accepted after the front one's acceptance minus
// `memory`, and the front one is still remembered), so the table is sized for capacity + 2 x memory + 2. Plus, for self-trade prevention, each scope's open limit orders per instrument and side on
// intrusive doubly linked lists with the best price cached (highest buy, lowest sell). The best is
// recomputed by walking the list only when the order at the best price leaves (acks/cancels/fills are
// off the check path). Orders enter the pool when the engine ACCEPTS them, not when the venue acks:
// RTS 6 Art. 15(2) requires every order sent to count against the limits at once.
// Capacity fixed at construction; no allocation afterwards. Single-threaded.

import type { AuditedOrder } from './audit.js';
import { IntTable } from './idtable.js';

const NIL = -1;
/** Low bits of the accept sequence number kept in a done id's value: -2 - (seq & SEQ_MASK). Exact while
 *  an entry lives fewer than 2^30 accepts after its own (it lives ~2 x memory + capacity at most). */
const SEQ_MASK = 0x3fffffff;
/** Largest clOrdId memory accepted. */
export const MAX_CLORDID_MEMORY = 1 << 26;

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
  /** Accept sequence number of each slot's order. */
  private readonly seqOf: Float64Array;
  /** Orders added so far (the next order's sequence number). */
  private seq = 0;
  private readonly memory: number;
  // Expiry queue of done ids (close order) with the value they were given; counters, index & qMask.
  private readonly qId: Float64Array;
  private readonly qVal: Int32Array;
  private readonly qMask: number;
  private qHead = 0;
  private qTail = 0;
  private readonly next: Int32Array; // [slot * 2 + k], k = 0 strategy list, 1 account list
  private readonly prev: Int32Array;
  private readonly free: Int32Array;
  private freeTop: number;
  private readonly nInstruments: number;
  /** [(scope * nInstruments + instrument) * 2 + side] */
  private readonly head: Int32Array;
  readonly best: Float64Array; // buy: max price (-Infinity none), sell: min price (Infinity none)

  constructor(capacity: number, memory: number, nScopes: number, nInstruments: number) {
    if (!Number.isInteger(memory) || memory < 0 || memory > MAX_CLORDID_MEMORY) throw new Error(`risk: clOrdIdMemory must be an integer in [0, ${MAX_CLORDID_MEMORY}]`);
    this.capacity = capacity;
    this.memory = memory;
    this.ids = new IntTable(capacity + 2 * memory + 2);
    let q = 2;
    while (q < 2 * memory + 2) q *= 2;
    this.qId = new Float64Array(q);
    this.qVal = new Int32Array(q);
    this.qMask = q - 1;
    this.seqOf = new Float64Array(capacity);
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
    return v >= 0 ? v : NIL;
  }

  /** A done id's table value `v` (< -1): fewer than `memory` orders were accepted after it. */
  private remembered(v: number): boolean {
    return ((this.seq - (-2 - v)) & SEQ_MASK) <= this.memory;
  }

  /**
   * True when the clOrdId is open or among the last `memory` accepted. An id above every id ever added is
   * unknown without a probe: engines number their orders upwards, so the accept path skips the lookup.
   */
  known(clOrdId: number): boolean {
    if (clOrdId > this.maxId) return false;
    const v = this.ids.get(clOrdId);
    return v >= 0 || (v !== NIL && this.remembered(v));
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
    // An id still in the table here is one already forgotten (the caller checked `known`) whose entry
    // awaits expiry: it is reused (its queue entry no longer matches and is skipped).
    if (!(clOrdId <= this.maxId && this.ids.replace(clOrdId, slot)) && !this.ids.set(clOrdId, slot)) {
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
    this.seqOf[slot] = this.seq++;
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
    const id = this.clOrdId[slot], e = this.seqOf[slot];
    if (this.seq - e > this.memory) this.ids.delete(id);
    else {
      const v = -2 - (e & SEQ_MASK);
      this.ids.replace(id, v);
      const t = this.qTail & this.qMask;
      this.qId[t] = id;
      this.qVal[t] = v;
      this.qTail++;
    }
    this.expire();
    this.live[slot] = 0;
    if (this.market[slot] === 0) {
      this.unlink(slot, 0, this.strategy[slot]);
      this.unlink(slot, 1, this.account[slot]);
    }
    this.free[this.freeTop++] = slot;
  }

  /** Deletes the queue's front ids that are no longer remembered (skips entries whose id was reused). */
  private expire(): void {
    while (this.qHead < this.qTail) {
      const h = this.qHead & this.qMask, id = this.qId[h], v = this.qVal[h];
      if (this.ids.get(id) === v) {
        if (this.remembered(v)) return;
        this.ids.delete(id);
      }
      this.qHead++;
    }
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
