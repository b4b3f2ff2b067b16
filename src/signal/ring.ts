// A growable ring of (ts, value) entries addressed by absolute sequence numbers (seq & mask), for
// windowed features. Entries are pushed in non-decreasing ts order and leave from the front.
// Allocation happens only when the ring is full and doubles (amortized, bounded by the largest window's
// population): size `initialCapacity` for the expected window population and the steady state allocates
// nothing.

export class TimeRing {
  ts: Float64Array;
  val: Float64Array;
  mask: number;
  /** Sequence number of the oldest retained entry. */
  head = 0;
  /** Sequence number the next push gets. */
  tail = 0;
  /** Times the ring doubled (a sizing hint for callers). */
  grows = 0;

  constructor(capacity: number) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.ts = new Float64Array(cap);
    this.val = new Float64Array(cap);
    this.mask = cap - 1;
  }

  get length(): number {
    return this.tail - this.head;
  }

  push(ts: number, v: number): void {
    if (this.tail - this.head > this.mask) this.grow();
    const i = this.tail & this.mask;
    this.ts[i] = ts;
    this.val[i] = v;
    this.tail++;
  }

  tsAt(seq: number): number {
    return this.ts[seq & this.mask];
  }

  valAt(seq: number): number {
    return this.val[seq & this.mask];
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const ts = new Float64Array(cap);
    const val = new Float64Array(cap);
    const m = cap - 1;
    for (let s = this.head; s < this.tail; s++) {
      ts[s & m] = this.ts[s & this.mask];
      val[s & m] = this.val[s & this.mask];
    }
    this.ts = ts;
    this.val = val;
    this.mask = m;
    this.grows++;
  }
}

/**
 * Sum of the values stamped inside a trailing window. Integer-valued inputs (order flow, trade sizes)
 * stay exact. Float inputs (squared returns) drift by rounding as values enter and leave, so the sum is
 * recomputed from the retained entries whenever as many entries have left as the ring holds (amortized
 * O(1), bounded drift) and reset to exactly 0 whenever the window empties.
 */
export class WindowSum {
  readonly ring: TimeRing;
  sum = 0;
  private evicted = 0;

  constructor(
    readonly windowNs: number,
    capacity: number,
    private readonly exact: boolean,
  ) {
    this.ring = new TimeRing(capacity);
  }

  add(ts: number, v: number): void {
    this.ring.push(ts, v);
    this.sum += v;
  }

  /** Drops entries with ts <= now - windowNs. */
  advance(now: number): void {
    const r = this.ring;
    const cut = now - this.windowNs;
    let h = r.head;
    const t = r.tail;
    if (h === t || r.tsAt(h) > cut) return;
    let sum = this.sum;
    while (h < t && r.tsAt(h) <= cut) {
      sum -= r.valAt(h);
      h++;
      this.evicted++;
    }
    r.head = h;
    if (h === t) sum = 0;
    else if (!this.exact && this.evicted > r.mask) {
      this.evicted = 0;
      sum = 0;
      for (let s = h; s < t; s++) sum += r.valAt(s);
    }
    this.sum = sum;
  }
}
