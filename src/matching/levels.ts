// One side of the matching engine's book: the non-empty price levels in struct-of-arrays typed arrays,
// sorted ascending by `key` with the BEST level at the END (index n-1), so that matching consumes from the
// end (removing the best level is `n--`) and most adds, which land near the top, shift few entries.
// key = px for bids and -px for asks: both sides are "ascending, best last" and share one search.
// Per level: total open qty, order count, head/tail pool slots of its FIFO list (links live in the pool).
// Same idea as src/book/ladder.ts, kept separate so the matching engine is self-contained.
// Grows by doubling; nothing else is allocated. Single-threaded.

/** Levels scanned linearly from the top before falling back to binary search. */
const TOP_SCAN = 8;

export class Levels {
  n = 0;
  cap: number;
  key: Float64Array;
  qty: Float64Array;
  cnt: Int32Array;
  head: Int32Array;
  tail: Int32Array;

  constructor(cap: number) {
    this.cap = cap;
    this.key = new Float64Array(cap);
    this.qty = new Float64Array(cap);
    this.cnt = new Int32Array(cap);
    this.head = new Int32Array(cap);
    this.tail = new Int32Array(cap);
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

  /** Inserts an empty level at `pos`. */
  insertAt(pos: number, key: number): void {
    const n = this.n;
    if (n === this.cap) this.grow();
    const k = this.key, q = this.qty, c = this.cnt, h = this.head, t = this.tail;
    for (let j = n; j > pos; j--) {
      k[j] = k[j - 1];
      q[j] = q[j - 1];
      c[j] = c[j - 1];
      h[j] = h[j - 1];
      t[j] = t[j - 1];
    }
    k[pos] = key;
    q[pos] = 0;
    c[pos] = 0;
    h[pos] = -1;
    t[pos] = -1;
    this.n = n + 1;
  }

  removeAt(pos: number): void {
    const n = this.n - 1;
    const k = this.key, q = this.qty, c = this.cnt, h = this.head, t = this.tail;
    for (let j = pos; j < n; j++) {
      k[j] = k[j + 1];
      q[j] = q[j + 1];
      c[j] = c[j + 1];
      h[j] = h[j + 1];
      t[j] = t[j + 1];
    }
    this.n = n;
  }

  private grow(): void {
    const cap = this.cap * 2 || 16;
    this.key = growF64(this.key, cap);
    this.qty = growF64(this.qty, cap);
    this.cnt = growI32(this.cnt, cap);
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

export function growU8(a: Uint8Array, cap: number): Uint8Array {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}
