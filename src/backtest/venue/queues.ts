// The two in-flight queues of the backtest venue: commands on their way to the venue (submit, cancel,
// replace, due at their arrival time) and reports on their way back to the kernel (due at their release
// time). Both are FIFOs ordered by due time: a FifoLink (./latency.ts) never lets a message overtake an
// earlier one, so the head is always the next due. Struct-of-arrays rings that double when full (cold:
// only while the in-flight peak grows), so the steady state allocates nothing.

// +Infinity as a module constant: with a bare `Infinity` (a global load V8 keeps tagged), an inlined
// `size === 0 ? Infinity : due[head]` boxes the loaded time, one HeapNumber per call (measured on Node 20).
const INF = Infinity;

export const CMD_NEW = 1;
export const CMD_CANCEL = 2;
export const CMD_REPLACE = 3;

export class CommandQueue {
  private cap: number;
  private head = 0;
  size = 0;
  due: Float64Array;
  kind: Float64Array;
  cl: Float64Array;
  orig: Float64Array;
  inst: Float64Array;
  side: Float64Array;
  qty: Float64Array;
  px: Float64Array;
  tif: Float64Array;

  constructor(cap = 1024) {
    this.cap = cap;
    this.due = new Float64Array(cap);
    this.kind = new Float64Array(cap);
    this.cl = new Float64Array(cap);
    this.orig = new Float64Array(cap);
    this.inst = new Float64Array(cap);
    this.side = new Float64Array(cap);
    this.qty = new Float64Array(cap);
    this.px = new Float64Array(cap);
    this.tif = new Float64Array(cap);
  }

  /** Due time of the head, or Infinity. */
  nextDue(): number {
    return this.size === 0 ? INF : this.due[this.head];
  }

  /** Slot of the head (valid until pop). */
  peek(): number {
    return this.head;
  }

  pop(): void {
    this.head = this.head + 1 === this.cap ? 0 : this.head + 1;
    this.size--;
  }

  push(due: number, kind: number, cl: number, orig: number, inst: number, side: number, qty: number, px: number, tif: number): void {
    if (this.size === this.cap) this.grow();
    let i = this.head + this.size;
    if (i >= this.cap) i -= this.cap;
    this.size++;
    this.due[i] = due;
    this.kind[i] = kind;
    this.cl[i] = cl;
    this.orig[i] = orig;
    this.inst[i] = inst;
    this.side[i] = side;
    this.qty[i] = qty;
    this.px[i] = px;
    this.tif[i] = tif;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
  }

  private grow(): void {
    const n = this.cap * 2;
    const unwrap = (a: Float64Array): Float64Array => {
      const b = new Float64Array(n);
      for (let k = 0; k < this.size; k++) b[k] = a[(this.head + k) % this.cap];
      return b;
    };
    this.due = unwrap(this.due);
    this.kind = unwrap(this.kind);
    this.cl = unwrap(this.cl);
    this.orig = unwrap(this.orig);
    this.inst = unwrap(this.inst);
    this.side = unwrap(this.side);
    this.qty = unwrap(this.qty);
    this.px = unwrap(this.px);
    this.tif = unwrap(this.tif);
    this.head = 0;
    this.cap = n;
  }
}

/** Reports: 10 numbers each (release time + the VenueEventSink.execReport arguments but ts). */
export const REPORT_FIELDS = 10;

export class ReportQueue {
  private cap: number;
  private head = 0;
  size = 0;
  f: Float64Array;

  constructor(cap = 1024) {
    this.cap = cap;
    this.f = new Float64Array(cap * REPORT_FIELDS);
  }

  nextDue(): number {
    return this.size === 0 ? INF : this.f[this.head * REPORT_FIELDS];
  }

  /** Offset of the head's fields in f: [due, event, execId, clOrdId, origClOrdId, orderId, lastQty, lastPx, fee, reason]. */
  peek(): number {
    return this.head * REPORT_FIELDS;
  }

  pop(): void {
    this.head = this.head + 1 === this.cap ? 0 : this.head + 1;
    this.size--;
  }

  push(due: number, event: number, execId: number, cl: number, orig: number, oid: number, lastQty: number, lastPx: number, fee: number, reason: number): void {
    if (this.size === this.cap) this.grow();
    let i = this.head + this.size;
    if (i >= this.cap) i -= this.cap;
    this.size++;
    const o = i * REPORT_FIELDS;
    const f = this.f;
    f[o] = due;
    f[o + 1] = event;
    f[o + 2] = execId;
    f[o + 3] = cl;
    f[o + 4] = orig;
    f[o + 5] = oid;
    f[o + 6] = lastQty;
    f[o + 7] = lastPx;
    f[o + 8] = fee;
    f[o + 9] = reason;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
  }

  private grow(): void {
    const n = this.cap * 2;
    const b = new Float64Array(n * REPORT_FIELDS);
    for (let k = 0; k < this.size; k++) {
      const from = ((this.head + k) % this.cap) * REPORT_FIELDS;
      b.set(this.f.subarray(from, from + REPORT_FIELDS), k * REPORT_FIELDS);
    }
    this.f = b;
    this.head = 0;
    this.cap = n;
  }
}
