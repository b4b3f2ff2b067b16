// Our resting orders at the backtest venue: a struct-of-arrays table with a fixed capacity (design
// principle 4: nothing allocated per order or per market event). Slots are kept in arrival order
// (removal shifts the tail down; the table holds a strategy's few live orders, so a shift is a handful of
// copies), which makes "our earlier order at the same price fills first" a plain scan.
// Units: prices in price units, quantities in lots; seq is the venue book's arrival sequence number
// (./venue-book.ts), ahead the queue size ahead of the order (./queue.ts). Single-threaded.

export class RestingOrders {
  n = 0;
  readonly cl: Float64Array;
  readonly oid: Float64Array;
  readonly inst: Int32Array;
  readonly side: Uint8Array;
  readonly px: Float64Array;
  /** Order quantity (FIX OrderQty: includes what has filled). */
  readonly qty: Float64Array;
  readonly cum: Float64Array;
  readonly ahead: Float64Array;
  readonly seq: Float64Array;
  /** L2 prints at the order's price since the level last shrank (prob models). */
  readonly traded: Float64Array;
  /** Exact FIFO: anonymous size (levelDelta) ahead of the order (there at arrival) and behind it (added since). */
  readonly anonAhead: Float64Array;
  readonly anonBehind: Float64Array;
  /** Our resting orders per (instrument * 2 + side): lets the venue book skip events on other books. */
  perBook: Int32Array = new Int32Array(64);

  constructor(readonly capacity: number) {
    this.cl = new Float64Array(capacity);
    this.oid = new Float64Array(capacity);
    this.inst = new Int32Array(capacity);
    this.side = new Uint8Array(capacity);
    this.px = new Float64Array(capacity);
    this.qty = new Float64Array(capacity);
    this.cum = new Float64Array(capacity);
    this.ahead = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.traded = new Float64Array(capacity);
    this.anonAhead = new Float64Array(capacity);
    this.anonBehind = new Float64Array(capacity);
  }

  add(cl: number, oid: number, inst: number, side: number, px: number, qty: number, cum: number, ahead: number, seq: number, anonAhead: number): number {
    if (this.n === this.capacity) throw new Error(`backtest venue: more than ${this.capacity} resting orders (raise BacktestVenueOptions.capacity)`);
    const b = inst * 2 + side;
    if (b >= this.perBook.length) {
      let cap = this.perBook.length * 2;
      while (cap <= b) cap *= 2;
      const g = new Int32Array(cap);
      g.set(this.perBook);
      this.perBook = g;
    }
    this.perBook[b]++;
    const k = this.n++;
    this.cl[k] = cl;
    this.oid[k] = oid;
    this.inst[k] = inst;
    this.side[k] = side;
    this.px[k] = px;
    this.qty[k] = qty;
    this.cum[k] = cum;
    this.ahead[k] = ahead;
    this.seq[k] = seq;
    this.traded[k] = 0;
    this.anonAhead[k] = anonAhead;
    this.anonBehind[k] = 0;
    return k;
  }

  find(cl: number): number {
    for (let k = 0; k < this.n; k++) if (this.cl[k] === cl) return k;
    return -1;
  }

  /** Resting orders of ours on book b (instrument * 2 + side). */
  onBook(b: number): number {
    return b < this.perBook.length ? this.perBook[b] : 0;
  }

  /** Removes slot k, keeping the others in arrival order. */
  remove(k: number): void {
    this.perBook[this.inst[k] * 2 + this.side[k]]--;
    this.shift(k);
  }

  private shift(k: number): void {
    const last = --this.n;
    for (let j = k; j < last; j++) this.copy(j + 1, j);
  }

  /** Moves slot k to the end (a replace that lost priority: it arrives again). */
  toBack(k: number): number {
    if (k === this.n - 1) return k;
    const cl = this.cl[k], oid = this.oid[k], inst = this.inst[k], side = this.side[k], px = this.px[k];
    const qty = this.qty[k], cum = this.cum[k], ahead = this.ahead[k], seq = this.seq[k], tr = this.traded[k];
    const aa = this.anonAhead[k], ab = this.anonBehind[k];
    this.shift(k);
    const j = this.n++;
    this.cl[j] = cl; this.oid[j] = oid; this.inst[j] = inst; this.side[j] = side; this.px[j] = px;
    this.qty[j] = qty; this.cum[j] = cum; this.ahead[j] = ahead; this.seq[j] = seq; this.traded[j] = tr;
    this.anonAhead[j] = aa; this.anonBehind[j] = ab;
    return j;
  }

  /** Drops every slot whose leaves reached 0 (after a market event filled some), keeping order. */
  sweepFilled(): void {
    let w = 0;
    for (let k = 0; k < this.n; k++) {
      if (this.qty[k] - this.cum[k] <= 0) {
        this.perBook[this.inst[k] * 2 + this.side[k]]--;
        continue;
      }
      if (w !== k) this.copy(k, w);
      w++;
    }
    this.n = w;
  }

  private copy(from: number, to: number): void {
    this.cl[to] = this.cl[from];
    this.oid[to] = this.oid[from];
    this.inst[to] = this.inst[from];
    this.side[to] = this.side[from];
    this.px[to] = this.px[from];
    this.qty[to] = this.qty[from];
    this.cum[to] = this.cum[from];
    this.ahead[to] = this.ahead[from];
    this.seq[to] = this.seq[from];
    this.traded[to] = this.traded[from];
    this.anonAhead[to] = this.anonAhead[from];
    this.anonBehind[to] = this.anonBehind[from];
  }
}
