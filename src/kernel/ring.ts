// The kernel's inbound queue (design principle 1): everything that happens at the edges (a market-data
// message off the feed socket or the simulator's tap, an execution report from a venue port) is copied
// into a preallocated ring slot and handled later, in arrival order, on the kernel's thread.
//
// Layout: struct-of-arrays slots, capacity a power of two. A slot holds a kind, a timestamp (the source's
// time: the event's time with eventTime 'source'), up to FIELDS float64 numbers and up to BYTES raw bytes
// (an ITCH message is at most 50). Pushing copies; nothing is allocated per event. A full ring doubles
// (cold: a burst larger than any before), up to `maxCapacity`, beyond which it throws (a driver that never
// drains): dropping an execution report would corrupt the order state. Starting small keeps a kernel
// cheap to build (backtests and optimisers build thousands).
// Single producer and consumer on one thread (edges on worker threads would hand over through a
// SharedArrayBuffer version of this layout; not needed yet).

export const EV_FEED = 1;
export const EV_EXEC = 2;
/** An order status answer (reconciliation): clOrdId orderId ordStatus cumQty leavesQty avgPx orderQty. */
export const EV_STATUS = 3;

export const FIELDS = 10;
export const BYTES = 64;

export class InboundRing {
  capacity: number;
  private mask: number;
  kind: Uint8Array;
  ts: Float64Array;
  /** [slot * FIELDS + k] */
  f: Float64Array;
  len: Uint16Array;
  /** [slot * BYTES, slot * BYTES + len) */
  bytes: Buffer;
  head = 0; // next to read (monotone counter)
  tail = 0; // next to write
  /** Most slots ever in use at once. */
  highWater = 0;
  /** Times the ring doubled. */
  grown = 0;

  constructor(capacity = 4096, readonly maxCapacity = 1 << 22) {
    let c = 1;
    while (c < capacity) c *= 2;
    this.capacity = c;
    this.mask = c - 1;
    this.kind = new Uint8Array(c);
    this.ts = new Float64Array(c);
    this.f = new Float64Array(c * FIELDS);
    this.len = new Uint16Array(c);
    this.bytes = Buffer.alloc(c * BYTES);
  }

  get size(): number {
    return this.tail - this.head;
  }

  private claim(): number {
    const used = this.tail - this.head;
    if (used === this.capacity) this.grow();
    if (used + 1 > this.highWater) this.highWater = used + 1;
    return this.tail++ & this.mask;
  }

  /** Doubles the ring, keeping every queued event at its counter's slot. Cold. */
  private grow(): void {
    const c = this.capacity * 2;
    if (c > this.maxCapacity) throw new Error(`kernel ring full (${this.capacity} events): drain it between bursts`);
    const m = c - 1;
    const kind = new Uint8Array(c), ts = new Float64Array(c), f = new Float64Array(c * FIELDS), len = new Uint16Array(c), bytes = Buffer.alloc(c * BYTES);
    for (let n = this.head; n < this.tail; n++) {
      const a = n & this.mask, b = n & m;
      kind[b] = this.kind[a];
      ts[b] = this.ts[a];
      len[b] = this.len[a];
      f.set(this.f.subarray(a * FIELDS, a * FIELDS + FIELDS), b * FIELDS);
      this.bytes.copy(bytes, b * BYTES, a * BYTES, a * BYTES + this.len[a]);
    }
    this.kind = kind;
    this.ts = ts;
    this.f = f;
    this.len = len;
    this.bytes = bytes;
    this.capacity = c;
    this.mask = m;
    this.grown++;
  }

  /** Copies one market-data message (src[off, off+len)). */
  pushBytes(kind: number, src: Uint8Array, off: number, len: number, ts: number): void {
    if (len > BYTES) throw new Error(`kernel ring: message of ${len} bytes (max ${BYTES})`);
    const s = this.claim();
    this.kind[s] = kind;
    this.ts[s] = ts;
    this.len[s] = len;
    const b = this.bytes;
    const base = s * BYTES;
    for (let i = 0; i < len; i++) b[base + i] = src[off + i];
  }

  /** Pushes an execution report's fields (ExecReport order: see Kernel.onExec). */
  pushExec(
    event: number, execId: number, clOrdId: number, origClOrdId: number, orderId: number,
    lastQty: number, lastPx: number, fee: number, reason: number, ts: number,
  ): void {
    const s = this.claim();
    this.kind[s] = EV_EXEC;
    this.ts[s] = ts;
    this.len[s] = 0;
    const f = this.f;
    const o = s * FIELDS;
    f[o] = event;
    f[o + 1] = execId;
    f[o + 2] = clOrdId;
    f[o + 3] = origClOrdId;
    f[o + 4] = orderId;
    f[o + 5] = lastQty;
    f[o + 6] = lastPx;
    f[o + 7] = fee;
    f[o + 8] = reason;
  }

  /** Pushes an order status answer (fields in K_STATUS order, ./records.ts). */
  pushStatus(clOrdId: number, orderId: number, ordStatus: number, cumQty: number, leavesQty: number, avgPx: number, orderQty: number, ts: number): void {
    const s = this.claim();
    this.kind[s] = EV_STATUS;
    this.ts[s] = ts;
    this.len[s] = 0;
    const f = this.f;
    const o = s * FIELDS;
    f[o] = clOrdId;
    f[o + 1] = orderId;
    f[o + 2] = ordStatus;
    f[o + 3] = cumQty;
    f[o + 4] = leavesQty;
    f[o + 5] = avgPx;
    f[o + 6] = orderQty;
  }

  /** Slot index of the next event, or -1 when empty. Call release() when done with it. */
  peek(): number {
    return this.head === this.tail ? -1 : this.head & this.mask;
  }

  release(): void {
    this.head++;
  }
}
