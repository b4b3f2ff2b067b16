// Open (sent, not yet done) orders as the risk engine sees them: a pool of slots keyed by clOrdId; the
// same table remembers the clOrdIds of the last `memory` accepted orders after they are done, so
// duplicate-clOrdId detection is one lookup and an accept costs one insert (one table, not two: the
// check path was paying for both). A done id's value is its accept sequence number (encoded below -1):
// it is remembered while fewer than `memory` orders were accepted after it, which a lookup decides
// itself. Forgetting (deleting the entry) is therefore off the accept path: a close deletes its id at
// once when it is already out of the memory, else queues it, and each close deletes the queue's expired
// front entries (the eviction probe at every accept cost ~10 ns of a check in benchRisk). The queue
// holds at most 2 x memory + 1 ids (every queued id was accepted after the front one's acceptance minus
// `memory`, and the front one is still remembered), so the table is sized for capacity + 2 x memory + 2.
// Plus, for self-trade prevention, each scope's open limit orders per instrument and side on intrusive
// doubly linked lists with the best price cached (highest buy, lowest sell). The best is
// recomputed by walking the list only when the order at the best price leaves (acks/cancels/fills are
// off the check path). Linking is off the accept path too: an accept updates the best prices (exact at
// once: an add can only improve them) and queues the slot; the queue is linked at the next remove, before
// any list is walked (linking at accept cost ~5 ns of a check in benchRisk, A/B: 127 vs 122 ns).
// Orders enter the pool when the engine ACCEPTS them, not when the venue acks: RTS 6 Art. 15(2) requires
// every order sent to count against the limits at once.
// Per-slot state is one Float64Array row per order (OW doubles: two cache lines) rather than a typed array
// per field: an accept writes ~15 fields of its slot, in two lines instead of fifteen arrays. (Measured
// only together with the other layout changes of its commit; links kept in a separate compact Int32Array
// instead measured the same.)
// Capacity fixed at construction; no allocation afterwards. Single-threaded.

import { heapAlloc, type Alloc } from './arena.js';
import type { AuditedOrder } from './audit.js';
import { IntTable } from './idtable.js';

const NIL = -1;
/** Low bits of the accept sequence number kept in a done id's value: -2 - (seq & SEQ_MASK). Exact while
 *  an entry lives fewer than 2^30 accepts after its own (it lives ~2 x memory + capacity at most). */
const SEQ_MASK = 0x3fffffff;
/** Largest clOrdId memory accepted. */
export const MAX_CLORDID_MEMORY = 1 << 26;

// Fields of a slot's row (slot * OW + field). Exported under O_* names; this module's own code uses the
// unexported copies below: V8 folds a module's unexported consts into optimized code but loads an exported
// binding from its cell (with a hole check) at every use, inlined callers included.
const ROW_W = 16, R_ID = 0, R_STRAT = 1, R_ACCT = 2, R_INST = 3, R_SIDE = 4, R_MKT = 5, R_PX = 6, R_LEAVES = 7, R_ACKED = 8, R_LIVE = 9, R_SEQ = 10, R_NEXT = 11, R_PREV = 12;
export const OW = ROW_W;
export const O_ID = R_ID;
export const O_STRAT = R_STRAT;
/** The account as a scope index (nStrategies + accountId). */
export const O_ACCT = R_ACCT;
export const O_INST = R_INST;
export const O_SIDE = R_SIDE;
export const O_MKT = R_MKT;
/** Price used for the order's notional: its limit, or the reference at acceptance for a market order. */
export const O_PX = R_PX;
export const O_LEAVES = R_LEAVES;
export const O_ACKED = R_ACKED;
export const O_LIVE = R_LIVE;
/** Accept sequence number of the slot's order. */
export const O_SEQ = R_SEQ;
/** List links, k = 0 the strategy's list, k = 1 the account's: next at O_NEXT + 2k, prev at O_PREV + 2k. */
export const O_NEXT = R_NEXT;
export const O_PREV = R_PREV;
// Scalars the engine's wasm fast path writes too, in `cells` (a Float64Array in its memory): the getters
// and setters below keep their names.
const C_FREE_TOP = 0, C_SEQ = 1, C_NPEND = 2, C_NIDPEND = 3, C_MAXID = 4;
export const ORDER_CELLS = 5;
/** The cell numbers, for the copy in asm/risk-fast.ts (test/risk/layout.test.ts). */
export const ORDER_CELL_LAYOUT: Readonly<Record<string, number>> = { C_FREE_TOP, C_SEQ, C_NPEND, C_NIDPEND, C_MAXID };

export class OpenOrders {
  // Fields are `declare`d: see the note on field declarations in engine.ts.
  declare readonly capacity: number;
  declare readonly ids: IntTable;
  /** [slot * ROW_W + O_*] */
  declare readonly row: Float64Array;
  /** freeTop, seq, nPend, nIdPend, maxId (see ORDER_CELLS). */
  declare readonly cells: Float64Array;
  private declare readonly memory: number;
  // Expiry queue of done ids (close order) with the value they were given; counters, index & qMask.
  private declare readonly qId: Float64Array;
  private declare readonly qVal: Int32Array;
  private declare readonly qMask: number;
  private qHead = 0;
  private qTail = 0;
  declare readonly free: Int32Array;
  private declare readonly nInstruments: number;
  /** [(scope * nInstruments + instrument) * 2 + side]: the list's first slot. */
  declare readonly head: Int32Array;
  declare readonly best: Float64Array; // buy: max price (-Infinity none), sell: min price (Infinity none)
  /** Limit orders accepted but not yet linked into their lists (see the header). */
  declare readonly pend: Int32Array;
  /** Slots whose clOrdId is not yet in the id table (see claim). */
  declare readonly idPend: Int32Array;

  /** alloc: where the arrays the engine's wasm fast path uses live (see arena.ts). */
  constructor(capacity: number, memory: number, nScopes: number, nInstruments: number, alloc: Alloc = heapAlloc) {
    if (!Number.isInteger(memory) || memory < 0 || memory > MAX_CLORDID_MEMORY) throw new Error(`risk: clOrdIdMemory must be an integer in [0, ${MAX_CLORDID_MEMORY}]`);
    this.capacity = capacity;
    this.memory = memory;
    this.ids = new IntTable(capacity + 2 * memory + 2);
    let q = 2;
    while (q < 2 * memory + 2) q *= 2;
    this.qId = new Float64Array(q);
    this.qVal = new Int32Array(q);
    this.qMask = q - 1;
    this.cells = alloc.f64(ORDER_CELLS);
    this.row = alloc.f64(capacity * ROW_W);
    this.free = alloc.i32(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeTop = capacity;
    this.maxId = -1;
    this.nInstruments = nInstruments;
    const lists = nScopes * nInstruments * 2;
    this.head = new Int32Array(lists).fill(NIL);
    this.best = alloc.f64(lists);
    this.pend = alloc.i32(capacity);
    this.idPend = alloc.i32(capacity);
    for (let i = 0; i < lists; i++) this.best[i] = (i & 1) === 0 ? -Infinity : Infinity;
  }

  /** Free slots: free[0, freeTop). */
  get freeTop(): number {
    return this.cells[C_FREE_TOP];
  }

  set freeTop(v: number) {
    this.cells[C_FREE_TOP] = v;
  }

  /** Orders added so far (the next order's sequence number). */
  get seq(): number {
    return this.cells[C_SEQ];
  }

  set seq(v: number) {
    this.cells[C_SEQ] = v;
  }

  /** Limit orders accepted but not yet linked: pend[0, nPend). */
  get nPend(): number {
    return this.cells[C_NPEND];
  }

  set nPend(v: number) {
    this.cells[C_NPEND] = v;
  }

  /** Slots whose clOrdId awaits its table insert: idPend[0, nIdPend). */
  get nIdPend(): number {
    return this.cells[C_NIDPEND];
  }

  set nIdPend(v: number) {
    this.cells[C_NIDPEND] = v;
  }

  /** Largest clOrdId ever added (-1: none). */
  get maxId(): number {
    return this.cells[C_MAXID];
  }

  set maxId(v: number) {
    this.cells[C_MAXID] = v;
  }

  get size(): number {
    return this.capacity - this.freeTop;
  }

  /** Slot of an open order, or -1. */
  slotOf(clOrdId: number): number {
    if (this.nIdPend > 0) this.enterPending();
    const v = this.ids.get(clOrdId);
    return v >= 0 ? v : NIL;
  }

  /** A field of an open order's row. */
  field(slot: number, f: number): number {
    return this.row[slot * ROW_W + f];
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
    if (this.nIdPend > 0) this.enterPending();
    const v = this.ids.get(clOrdId);
    return v >= 0 || (v !== NIL && this.remembered(v));
  }

  /** Best own open limit price for (scope, instrument, side). */
  bestPx(scope: number, instrument: number, side: number): number {
    return this.best[(scope * this.nInstruments + instrument) * 2 + side];
  }

  /** Cold path: clOrdIds of open orders of a strategy (or any: -1) and account scope (or any: -1) into `out`. */
  collect(strategy: number, accountScope: number, out: Float64Array): number {
    const R = this.row;
    let n = 0;
    for (let slot = 0; slot < this.capacity && n < out.length; slot++) {
      const r = slot * ROW_W;
      if (R[r + R_LIVE] === 0) continue;
      if ((strategy < 0 || R[r + R_STRAT] === strategy) && (accountScope < 0 || R[r + R_ACCT] === accountScope)) out[n++] = R[r + R_ID];
    }
    return n;
  }

  /**
   * Adds an order (its clOrdId must be unknown); returns its slot or -1 when the pool is full. Its notional
   * price is the limit; the caller sets the row's R_PX for a market order (no double argument: a double
   * passed to a call that is not inlined is boxed, an allocation per order). The engine's accept path has
   * this written out by hand (RiskEngine.accept): keep the two in step.
   */
  add(o: AuditedOrder, strategy: number, accountScope: number, market: boolean): number {
    if (this.freeTop === 0) return NIL;
    const clOrdId = o.clOrdId;
    const slot = this.free[--this.freeTop];
    if (!this.claim(clOrdId, slot)) {
      this.freeTop++;
      return NIL;
    }
    const R = this.row, r = slot * ROW_W;
    R[r + R_ID] = clOrdId;
    R[r + R_STRAT] = strategy;
    R[r + R_ACCT] = accountScope;
    R[r + R_INST] = o.instrumentId;
    R[r + R_SIDE] = o.side;
    R[r + R_MKT] = market ? 1 : 0;
    R[r + R_PX] = o.price;
    R[r + R_LEAVES] = o.qty;
    R[r + R_ACKED] = 0;
    R[r + R_LIVE] = 1;
    R[r + R_SEQ] = this.seq++;
    if (!market) this.enlist(slot, strategy, accountScope, o.instrumentId, o.side);
    return slot;
  }

  /**
   * Claims clOrdId for `slot` (whose row's R_ID the caller sets to it); false when the id table is full.
   * An id above every id so far is only queued: the table insert waits for the next lookup (slotOf,
   * known's probe, remove), off the accept path (~2-3 ns of a check in benchRisk, A/B 126.7 vs 124.1 ns).
   * An id still in the table here is one already forgotten (the caller checked `known`) whose entry
   * awaits expiry: it is reused (its queue entry no longer matches and is skipped).
   */
  claim(clOrdId: number, slot: number): boolean {
    const ids = this.ids;
    if (clOrdId <= this.maxId) {
      if (this.nIdPend > 0) this.enterPending();
      return ids.replace(clOrdId, slot) || ids.set(clOrdId, slot);
    }
    if (ids.size + this.nIdPend >= ids.capacity) return false;
    this.idPend[this.nIdPend++] = slot;
    this.maxId = clOrdId;
    return true;
  }

  /** Enters the queued ids (the R_ID of each queued slot) in the id table. */
  private enterPending(): void {
    const R = this.row, q = this.idPend;
    for (let k = 0; k < this.nIdPend; k++) this.ids.set(R[q[k] * ROW_W + R_ID], q[k]);
    this.nIdPend = 0;
  }

  /**
   * A new limit order: updates its strategy's and account's best prices and queues it for linking. The
   * price is read from the row, not passed (a double argument to a call that is not inlined is boxed).
   */
  enlist(slot: number, strategy: number, accountScope: number, instrument: number, side: number): void {
    const nI = this.nInstruments, best = this.best, p = this.row[slot * ROW_W + R_PX];
    const l0 = (strategy * nI + instrument) * 2 + side, l1 = (accountScope * nI + instrument) * 2 + side;
    if (side === 0) {
      if (p > best[l0]) best[l0] = p;
      if (p > best[l1]) best[l1] = p;
    } else {
      if (p < best[l0]) best[l0] = p;
      if (p < best[l1]) best[l1] = p;
    }
    this.pend[this.nPend++] = slot;
  }

  /** Links the queued orders at the heads of their lists (both lists straight-line, sharing the loads). */
  private linkPending(): void {
    const nI = this.nInstruments, head = this.head, R = this.row, pend = this.pend;
    for (let q = 0; q < this.nPend; q++) {
      const slot = pend[q], r = slot * ROW_W, instrument = R[r + R_INST], side = R[r + R_SIDE];
      const l0 = (R[r + R_STRAT] * nI + instrument) * 2 + side, l1 = (R[r + R_ACCT] * nI + instrument) * 2 + side;
      const h0 = head[l0], h1 = head[l1];
      R[r + R_NEXT] = h0;
      R[r + R_PREV] = NIL;
      R[r + R_NEXT + 2] = h1;
      R[r + R_PREV + 2] = NIL;
      if (h0 !== NIL) R[h0 * ROW_W + R_PREV] = slot;
      if (h1 !== NIL) R[h1 * ROW_W + R_PREV + 2] = slot;
      head[l0] = slot;
      head[l1] = slot;
    }
    this.nPend = 0;
  }

  /** Removes the order in `slot`. */
  remove(slot: number): void {
    if (this.nIdPend > 0) this.enterPending();
    const R = this.row, r = slot * ROW_W;
    const id = R[r + R_ID], e = R[r + R_SEQ];
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
    R[r + R_LIVE] = 0;
    if (this.nPend > 0) this.linkPending();
    if (R[r + R_MKT] === 0) {
      this.unlink(slot, 0, R[r + R_STRAT]);
      this.unlink(slot, 1, R[r + R_ACCT]);
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
    const R = this.row, r = slot * ROW_W, side = R[r + R_SIDE];
    const l = (scope * this.nInstruments + R[r + R_INST]) * 2 + side;
    const n = R[r + R_NEXT + 2 * k], p = R[r + R_PREV + 2 * k];
    if (p !== NIL) R[p * ROW_W + R_NEXT + 2 * k] = n;
    else this.head[l] = n;
    if (n !== NIL) R[n * ROW_W + R_PREV + 2 * k] = p;
    const px = R[r + R_PX];
    if (px !== this.best[l]) return;
    const buy = side === 0;
    let b = buy ? -Infinity : Infinity;
    for (let o = this.head[l]; o !== NIL; o = R[o * ROW_W + R_NEXT + 2 * k]) {
      const x = R[o * ROW_W + R_PX];
      if (buy ? x > b : x < b) b = x;
    }
    this.best[l] = b;
  }
}
