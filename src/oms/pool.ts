// Orders as a struct-of-arrays pool (design principle 4): one slot per order chain (a replace keeps
// the slot and moves it to the new clOrdId). Ids are non-negative safe integers; 0 means "none".
// Units: quantities in lots, prices in the instrument's price units, notional = sum(lastQty * lastPx),
// times in ns since the session epoch. avgPx is derived (notional / cumQty), never stored.

export class OrderPool {
  readonly capacity: number;
  readonly clOrdId: Float64Array;
  readonly orderId: Float64Array; // the venue's OrderID once known, else 0
  readonly status: Uint8Array;
  readonly acked: Uint8Array; // 1 once the venue has acknowledged the order in any way
  readonly side: Uint8Array; // SIDE_BID (buy) or SIDE_ASK (sell)
  readonly strategy: Int32Array;
  readonly account: Int32Array;
  readonly instrument: Int32Array;
  readonly posSlot: Int32Array;
  readonly orderQty: Float64Array;
  readonly price: Float64Array;
  readonly cumQty: Float64Array;
  readonly leavesQty: Float64Array;
  readonly notional: Float64Array;
  readonly lastQty: Float64Array;
  readonly lastPx: Float64Array;
  readonly lastExecId: Float64Array;
  readonly updateTime: Float64Array;
  // the outstanding cancel/replace request, if any
  readonly pendClOrdId: Float64Array;
  readonly pendQty: Float64Array;
  readonly pendPx: Float64Array;
  private readonly free: Int32Array;
  private freeTop: number;
  used = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.clOrdId = new Float64Array(capacity);
    this.orderId = new Float64Array(capacity);
    this.status = new Uint8Array(capacity);
    this.acked = new Uint8Array(capacity);
    this.side = new Uint8Array(capacity);
    this.strategy = new Int32Array(capacity);
    this.account = new Int32Array(capacity);
    this.instrument = new Int32Array(capacity);
    this.posSlot = new Int32Array(capacity);
    this.orderQty = new Float64Array(capacity);
    this.price = new Float64Array(capacity);
    this.cumQty = new Float64Array(capacity);
    this.leavesQty = new Float64Array(capacity);
    this.notional = new Float64Array(capacity);
    this.lastQty = new Float64Array(capacity);
    this.lastPx = new Float64Array(capacity);
    this.lastExecId = new Float64Array(capacity);
    this.updateTime = new Float64Array(capacity);
    this.pendClOrdId = new Float64Array(capacity);
    this.pendQty = new Float64Array(capacity);
    this.pendPx = new Float64Array(capacity);
    this.free = new Int32Array(capacity);
    // slots are handed out lowest first (deterministic layout for the same command stream)
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeTop = capacity;
  }

  /** A zeroed slot, or -1 when the pool is full. */
  alloc(): number {
    if (this.freeTop === 0) return -1;
    const s = this.free[--this.freeTop];
    this.used++;
    this.orderId[s] = 0;
    this.acked[s] = 0;
    this.cumQty[s] = 0;
    this.leavesQty[s] = 0;
    this.notional[s] = 0;
    this.lastQty[s] = 0;
    this.lastPx[s] = 0;
    this.lastExecId[s] = 0;
    this.pendClOrdId[s] = 0;
    this.pendQty[s] = 0;
    this.pendPx[s] = 0;
    return s;
  }

  release(s: number): void {
    this.status[s] = 0;
    this.free[this.freeTop++] = s;
    this.used--;
  }

  /** Average fill price in price units, rounded half away from zero (NaN before the first fill). */
  avgPx(s: number): number {
    const q = this.cumQty[s];
    return q === 0 ? Number.NaN : Math.round(this.notional[s] / q);
  }
}
