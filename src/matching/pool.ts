// Struct-of-arrays storage of the matching engine's resting orders, and the GTD expiry queue.
//
// OrderPool: one slot per live order, reused through a LIFO free list threaded through `next` (recently
// freed slots are warm in cache); prev/next also link the orders of a price level into its FIFO queue
// (-1 = none). ExpiryHeap: a binary min-heap of (expireNs, id) in typed arrays, ordered by time then id,
// with lazy deletion: a cancelled or filled GTD order leaves its entry behind, and the engine skips an
// entry whose id is no longer live with that expiry when it pops it (the entry is at most one pop of work).
// Both grow by doubling; nothing is allocated per order once they reach the session's peak.
// Single-threaded. Units: px in price units, qty in shares, expire in ns since the session epoch.

import { growF64, growI32, growU8 } from './levels.js';

export class OrderPool {
  cap: number;
  used = 0;
  freeHead = -1;
  id: Float64Array;
  px: Float64Array;
  qty: Float64Array;
  expire: Float64Array;
  owner: Int32Array;
  side: Uint8Array;
  tif: Uint8Array;
  flags: Uint8Array;
  prev: Int32Array;
  next: Int32Array;

  constructor(cap: number) {
    this.cap = cap;
    this.id = new Float64Array(cap);
    this.px = new Float64Array(cap);
    this.qty = new Float64Array(cap);
    this.expire = new Float64Array(cap);
    this.owner = new Int32Array(cap);
    this.side = new Uint8Array(cap);
    this.tif = new Uint8Array(cap);
    this.flags = new Uint8Array(cap);
    this.prev = new Int32Array(cap);
    this.next = new Int32Array(cap);
  }

  alloc(): number {
    const s = this.freeHead;
    if (s >= 0) {
      this.freeHead = this.next[s];
      return s;
    }
    if (this.used === this.cap) this.grow();
    return this.used++;
  }

  free(s: number): void {
    this.next[s] = this.freeHead;
    this.freeHead = s;
  }

  private grow(): void {
    const cap = this.cap * 2 || 1024;
    this.id = growF64(this.id, cap);
    this.px = growF64(this.px, cap);
    this.qty = growF64(this.qty, cap);
    this.expire = growF64(this.expire, cap);
    this.owner = growI32(this.owner, cap);
    this.side = growU8(this.side, cap);
    this.tif = growU8(this.tif, cap);
    this.flags = growU8(this.flags, cap);
    this.prev = growI32(this.prev, cap);
    this.next = growI32(this.next, cap);
    this.cap = cap;
  }
}

export class ExpiryHeap {
  n = 0;
  time: Float64Array;
  id: Float64Array;

  constructor(cap: number) {
    this.time = new Float64Array(cap);
    this.id = new Float64Array(cap);
  }

  /** Earliest expiry, or +Infinity when empty. */
  top(): number {
    return this.n > 0 ? this.time[0] : Infinity;
  }

  topId(): number {
    return this.id[0];
  }

  push(t: number, id: number): void {
    if (this.n === this.time.length) {
      const cap = this.n * 2 || 64;
      this.time = growF64(this.time, cap);
      this.id = growF64(this.id, cap);
    }
    const tm = this.time, ids = this.id;
    let i = this.n++;
    while (i > 0) {
      const up = (i - 1) >> 1;
      const ut = tm[up];
      if (ut < t || (ut === t && ids[up] <= id)) break;
      tm[i] = ut;
      ids[i] = ids[up];
      i = up;
    }
    tm[i] = t;
    ids[i] = id;
  }

  /** Removes the top entry (read it first with top()/topId()). */
  pop(): void {
    const n = --this.n;
    if (n === 0) return;
    const tm = this.time, ids = this.id;
    const t = tm[n];
    const id = ids[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (tm[r] < tm[c] || (tm[r] === tm[c] && ids[r] < ids[c]))) c = r;
      const ct = tm[c];
      if (t < ct || (t === ct && id <= ids[c])) break;
      tm[i] = ct;
      ids[i] = ids[c];
      i = c;
    }
    tm[i] = t;
    ids[i] = id;
  }
}
