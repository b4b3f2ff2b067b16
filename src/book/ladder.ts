// One side of one instrument's book: the non-empty price levels, struct-of-arrays in typed arrays,
// sorted ascending by `key` with the BEST level at the END (index n-1). Most feed traffic lands within a
// few levels of the top, so inserting or removing a level there shifts only the few entries above it.
//
// key = price for bids and -price for asks, so both sides are "ascending, best last" and share one
// search. Level fields: total qty (known orders + anonymous), known-order count, anonymous qty and
// count, and the head/tail pool slots of the level's FIFO order list (-1 when it has no known order).
// Arrays grow by doubling; nothing is allocated otherwise. Single-threaded.

/** Entries scanned linearly from the top before falling back to binary search. */
const TOP_SCAN = 8;
/** Shifts longer than this use copyWithin (its call overhead beats a JS loop only on long runs). */
const LOOP_SHIFT_MAX = 24;

export class Ladder {
  n = 0;
  cap: number;
  key: Float64Array;
  qty: Float64Array;
  cnt: Int32Array;
  anonQty: Float64Array;
  anonCnt: Float64Array;
  head: Int32Array;
  tail: Int32Array;

  constructor(cap: number) {
    this.cap = cap;
    this.key = new Float64Array(cap);
    this.qty = new Float64Array(cap);
    this.cnt = new Int32Array(cap);
    this.anonQty = new Float64Array(cap);
    this.anonCnt = new Float64Array(cap);
    this.head = new Int32Array(cap);
    this.tail = new Int32Array(cap);
  }

  /**
   * Index of the level with this key, starting from `hint` (the order's level index when last seen).
   * Inserting or removing a level shifts only the levels better than it, by one, so a remembered index
   * is usually exact or a few places off: walk from it a few steps before falling back to find().
   */
  findFrom(key: number, hint: number): number {
    const n = this.n;
    const k = this.key;
    if (hint >= n) hint = n - 1;
    if (hint < 0) return this.find(key);
    let v = k[hint];
    if (v === key) return hint;
    if (v < key) {
      const end = hint + TOP_SCAN < n ? hint + TOP_SCAN : n;
      for (let i = hint + 1; i < end; i++) {
        v = k[i];
        if (v === key) return i;
        if (v > key) return ~i;
      }
    } else {
      const end = hint - TOP_SCAN > -1 ? hint - TOP_SCAN : -1;
      for (let i = hint - 1; i > end; i--) {
        v = k[i];
        if (v === key) return i;
        if (v < key) return ~(i + 1);
      }
    }
    return this.find(key);
  }

  /** Index of the level with this key, or ~insertionIndex (negative) when there is none. */
  find(key: number): number {
    const k = this.key;
    let i = this.n - 1;
    let stop = i - TOP_SCAN;
    if (stop < -1) stop = -1;
    for (; i > stop; i--) {
      const v = k[i];
      if (v === key) return i;
      if (v < key) return ~(i + 1);
    }
    // key < k[stop + 1]: binary search in [0, stop].
    let lo = 0;
    let hi = stop;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = k[mid];
      if (v === key) return mid;
      if (v < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return ~lo;
  }

  /** Inserts an empty level (no orders, no anonymous size) at `pos`. */
  insertAt(pos: number, key: number): void {
    const n = this.n;
    if (n === this.cap) this.grow();
    const k = this.key, q = this.qty, c = this.cnt, aq = this.anonQty, ac = this.anonCnt, h = this.head, t = this.tail;
    if (n - pos <= LOOP_SHIFT_MAX) {
      for (let j = n; j > pos; j--) {
        k[j] = k[j - 1];
        q[j] = q[j - 1];
        c[j] = c[j - 1];
        aq[j] = aq[j - 1];
        ac[j] = ac[j - 1];
        h[j] = h[j - 1];
        t[j] = t[j - 1];
      }
    } else {
      k.copyWithin(pos + 1, pos, n);
      q.copyWithin(pos + 1, pos, n);
      c.copyWithin(pos + 1, pos, n);
      aq.copyWithin(pos + 1, pos, n);
      ac.copyWithin(pos + 1, pos, n);
      h.copyWithin(pos + 1, pos, n);
      t.copyWithin(pos + 1, pos, n);
    }
    k[pos] = key;
    q[pos] = 0;
    c[pos] = 0;
    aq[pos] = 0;
    ac[pos] = 0;
    h[pos] = -1;
    t[pos] = -1;
    this.n = n + 1;
  }

  removeAt(pos: number): void {
    const n = this.n - 1;
    const k = this.key, q = this.qty, c = this.cnt, aq = this.anonQty, ac = this.anonCnt, h = this.head, t = this.tail;
    if (n - pos <= LOOP_SHIFT_MAX) {
      for (let j = pos; j < n; j++) {
        k[j] = k[j + 1];
        q[j] = q[j + 1];
        c[j] = c[j + 1];
        aq[j] = aq[j + 1];
        ac[j] = ac[j + 1];
        h[j] = h[j + 1];
        t[j] = t[j + 1];
      }
    } else {
      k.copyWithin(pos, pos + 1, n + 1);
      q.copyWithin(pos, pos + 1, n + 1);
      c.copyWithin(pos, pos + 1, n + 1);
      aq.copyWithin(pos, pos + 1, n + 1);
      ac.copyWithin(pos, pos + 1, n + 1);
      h.copyWithin(pos, pos + 1, n + 1);
      t.copyWithin(pos, pos + 1, n + 1);
    }
    this.n = n;
  }

  private grow(): void {
    const cap = this.cap * 2 || 8;
    this.key = growF64(this.key, cap);
    this.qty = growF64(this.qty, cap);
    this.cnt = growI32(this.cnt, cap);
    this.anonQty = growF64(this.anonQty, cap);
    this.anonCnt = growF64(this.anonCnt, cap);
    this.head = growI32(this.head, cap);
    this.tail = growI32(this.tail, cap);
    this.cap = cap;
  }
}

export function growF64(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

export function growI32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
