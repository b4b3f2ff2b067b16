// Struct-of-arrays pool of resting orders for L3Books: one slot per live order, reused through a LIFO
// free list threaded through `next` (recently freed slots are warm in cache). prev/next also link the
// orders of one price level into its FIFO queue (-1 = none); lvl is that level's LevelPool slot.
// Grows by doubling; nothing is allocated per order once the pool has reached the session's peak.
// Single-threaded.
//
// Units: id as given by the feed (a safe integer), px in the instrument's price units, qty in lots.

import { growF64, growI32 } from './ladder.js';

export class OrderPool {
  cap: number;
  /** Slots ever handed out (high-water mark); slots below it are live or on the free list. */
  used = 0;
  freeHead = -1;
  id: Float64Array;
  px: Float64Array;
  qty: Float64Array;
  side: Uint8Array;
  inst: Int32Array;
  prev: Int32Array;
  next: Int32Array;
  /** LevelPool slot of the order's price level. */
  lvl: Int32Array;

  constructor(cap: number) {
    this.cap = cap;
    this.id = new Float64Array(cap);
    this.px = new Float64Array(cap);
    this.qty = new Float64Array(cap);
    this.side = new Uint8Array(cap);
    this.inst = new Int32Array(cap);
    this.prev = new Int32Array(cap);
    this.next = new Int32Array(cap);
    this.lvl = new Int32Array(cap);
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
    const side = new Uint8Array(cap);
    side.set(this.side);
    this.side = side;
    this.inst = growI32(this.inst, cap);
    this.prev = growI32(this.prev, cap);
    this.next = growI32(this.next, cap);
    this.lvl = growI32(this.lvl, cap);
    this.cap = cap;
  }
}
