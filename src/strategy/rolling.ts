// Fixed-capacity rolling sample of floats (the last `capacity` values) with O(1) push and O(n) statistics
// on demand; the templates' windows are small (tens to a few thousand samples) and the statistics are
// taken on timers, not per market-data message. Preallocated; nothing is allocated per push.

import type { StateHasher } from '../core/hash.js';
import { hashFloat } from './types.js';

export class Rolling {
  readonly values: Float64Array;
  private head = 0;
  count = 0;

  constructor(readonly capacity: number) {
    this.values = new Float64Array(capacity);
  }

  push(v: number): void {
    this.values[this.head] = v;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (this.count < this.capacity) this.count++;
  }

  /** The i-th oldest value (0 = oldest kept). */
  at(i: number): number {
    const start = this.count < this.capacity ? 0 : this.head;
    const k = start + i;
    return this.values[k >= this.capacity ? k - this.capacity : k];
  }

  last(): number {
    return this.count === 0 ? NaN : this.at(this.count - 1);
  }

  full(): boolean {
    return this.count === this.capacity;
  }

  mean(): number {
    let s = 0;
    for (let i = 0; i < this.count; i++) s += this.values[i];
    return this.count === 0 ? NaN : s / this.count;
  }

  /** Sample standard deviation (n - 1); NaN under two values. */
  std(): number {
    const n = this.count;
    if (n < 2) return NaN;
    const m = this.mean();
    let s = 0;
    for (let i = 0; i < n; i++) {
      const d = this.values[i] - m;
      s += d * d;
    }
    return Math.sqrt(s / (n - 1));
  }

  /** Copies the values oldest first into out (length >= count); returns count. */
  copyTo(out: Float64Array): number {
    for (let i = 0; i < this.count; i++) out[i] = this.at(i);
    return this.count;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  hash(h: StateHasher): void {
    h.int(this.count);
    for (let i = 0; i < this.count; i++) hashFloat(h, this.at(i));
  }
}

/** The book mid in price units (may be a half unit), NaN when a side is empty. */
export function midOf(book: { bestBid(i: number): number; bestAsk(i: number): number }, inst: number): number {
  const b = book.bestBid(inst);
  const a = book.bestAsk(inst);
  return b === b && a === a ? (a + b) / 2 : NaN;
}
