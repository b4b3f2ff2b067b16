// Audit ring: one record per risk decision (accept or reject), written on the kernel thread into
// preallocated struct-of-arrays slots and drained at the edge (journal, log) by `drain`. 15c3-5 and
// RTS 6 Art. 17/Art. 9 expect every pre-trade decision to be reconstructible: time, order, which check,
// the limit and the value observed. When the ring is full the engine fails closed (rejects with
// RiskAuditFull and counts it in `overflow`) rather than let an order out unaudited: drain often.
// Single-threaded: drain on the same thread (or copy out) between kernel events.

import { heapAlloc, type Alloc } from './arena.js';

/** One decision, as handed to a drain visitor (one reused instance: copy what you keep). */
export class AuditRecord {
  /** ns since the session epoch. */
  ts = 0;
  clOrdId = 0;
  strategyId = 0;
  accountId = 0;
  instrumentId = 0;
  side = 0;
  qty = 0;
  price = 0;
  orderType = 0;
  /** Check id (src/risk/types.ts Check); 0 on accept. */
  check = 0;
  /** 0 = accepted, else the reject code (src/core/rejects.ts, 5000-5999). */
  code = 0;
  /** SCOPE_* of the limit that decided (0 on accept). */
  scope = 0;
  /** The configured limit that was breached (0 on accept or for checks without a numeric limit). */
  limit = 0;
  /** The value that breached it, in the limit's units (0 on accept). */
  observed = 0;
  /** 1 when the decision was for an auto-hedge order. */
  hedge = 0;
}

// Record layout (FIELDS doubles, a power of two: the offset is a shift): ts, clOrdId, strategyId, accountId,
// instrumentId, qty, price, then at M_META either check (>= 0) followed by side, orderType, code, scope,
// limit, observed, hedge, or, for an accept written by writeAccept, -1 - (side + 2 orderType + 4 hedge)
// and nothing after it: an accept is 8 stores instead of 15 (the accept path writes one per order).
const FIELDS = 16;
const M_META = 7;
/** Cells (a Float64Array the engine's wasm fast path writes too): the next write, records written. */
const C_HEAD = 0, C_WRITTEN = 1;
export const AUDIT_CELLS = 2;
/** Record and cell layout, for the copy in asm/risk-fast.ts (test/risk/layout.test.ts). */
export const AUDIT_LAYOUT: Readonly<Record<string, number>> = { A_HEAD: C_HEAD, A_WRITTEN: C_WRITTEN, A_FIELDS: FIELDS, A_META: M_META };

/** The order fields an audit record copies (OrderIntent has them). */
export interface AuditedOrder {
  clOrdId: number;
  strategyId: number;
  accountId: number;
  instrumentId: number;
  side: number;
  qty: number;
  price: number;
  orderType: number;
}

export class AuditRing {
  // Fields are `declare`d: see the note on field declarations in engine.ts.
  // data and cells are read by the engine's wasm fast path (asm/risk-fast.ts), which writes accepts.
  declare readonly data: Float64Array;
  declare readonly cells: Float64Array;
  private declare readonly mask: number;
  declare readonly capacity: number;
  private tail = 0; // next read
  /** Decisions refused because the ring was full. */
  overflow = 0;
  private readonly rec = new AuditRecord();

  constructor(capacityPow2: number, alloc: Alloc = heapAlloc) {
    this.capacity = AuditRing.slots(capacityPow2);
    this.mask = this.capacity - 1;
    this.data = alloc.f64(this.capacity * FIELDS);
    this.cells = alloc.f64(AUDIT_CELLS);
  }

  /** Slots of a ring asked for `capacityPow2` (the next power of two, at least 16). */
  static slots(capacityPow2: number): number {
    let cap = 16;
    while (cap < capacityPow2) cap *= 2;
    return cap;
  }

  /** Next write (a cell: see `cells`). */
  private get head(): number {
    return this.cells[C_HEAD];
  }

  private set head(v: number) {
    this.cells[C_HEAD] = v;
  }

  /** Records written since construction. */
  get written(): number {
    return this.cells[C_WRITTEN];
  }

  set written(v: number) {
    this.cells[C_WRITTEN] = v;
  }

  get size(): number {
    return this.head - this.tail;
  }

  get full(): boolean {
    return this.head - this.tail >= this.capacity;
  }

  /**
   * Appends one record for order `o`; the caller has checked `full`. Takes the intent rather than its
   * eight fields: fewer (boxed) arguments keep the call cheap on the check path.
   */
  write(ts: number, o: AuditedOrder, check: number, code: number, scope: number, limit: number, observed: number, hedge: number): void {
    const d = this.data;
    const b = (this.head & this.mask) * FIELDS;
    d[b] = ts; d[b + 1] = o.clOrdId; d[b + 2] = o.strategyId; d[b + 3] = o.accountId; d[b + 4] = o.instrumentId;
    d[b + 5] = o.qty; d[b + 6] = o.price; d[b + M_META] = check; d[b + 8] = o.side; d[b + 9] = o.orderType;
    d[b + 10] = code; d[b + 11] = scope; d[b + 12] = limit; d[b + 13] = observed; d[b + 14] = hedge;
    this.head++;
    this.written++;
  }

  /** An accept of a valid order (side and orderType 0 or 1, hedge a non-negative integer): packed. */
  writeAccept(ts: number, o: AuditedOrder, hedge: number): void {
    const d = this.data;
    const b = (this.head & this.mask) * FIELDS;
    d[b] = ts; d[b + 1] = o.clOrdId; d[b + 2] = o.strategyId; d[b + 3] = o.accountId; d[b + 4] = o.instrumentId;
    d[b + 5] = o.qty; d[b + 6] = o.price; d[b + M_META] = -1 - (o.side + 2 * o.orderType + 4 * hedge);
    this.head++;
    this.written++;
  }

  /** Hands up to `max` oldest records to `visit` (one reused AuditRecord) and frees them; returns how many. */
  drain(visit: (r: AuditRecord) => void, max = Infinity): number {
    const d = this.data, r = this.rec;
    let n = 0;
    while (this.tail < this.head && n < max) {
      const o = (this.tail & this.mask) * FIELDS;
      r.ts = d[o]; r.clOrdId = d[o + 1]; r.strategyId = d[o + 2]; r.accountId = d[o + 3]; r.instrumentId = d[o + 4];
      r.qty = d[o + 5]; r.price = d[o + 6];
      const m = d[o + M_META];
      if (m < 0) {
        const p = -1 - m;
        r.side = p & 1; r.orderType = (p >> 1) & 1; r.hedge = (p - (p & 3)) / 4;
        r.check = 0; r.code = 0; r.scope = 0; r.limit = 0; r.observed = 0;
      } else {
        r.check = m; r.side = d[o + 8]; r.orderType = d[o + 9]; r.code = d[o + 10]; r.scope = d[o + 11];
        r.limit = d[o + 12]; r.observed = d[o + 13]; r.hedge = d[o + 14];
      }
      this.tail++;
      n++;
      visit(r);
    }
    return n;
  }

  /** Frees every record without reading it (benchmarks; tests). */
  clear(): void {
    this.tail = this.head;
  }
}
