// A small seeded pseudo-random generator (mulberry32: 32-bit state, period 2^32) for differential tests,
// simulations and benchmark op streams. Deterministic: the same seed gives the same sequence on every
// platform (only 32-bit integer arithmetic via Math.imul). Not cryptographic. Single-threaded.

export class Rng {
  readonly seed: number;
  private s: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.s = this.seed;
  }

  /** Next 32-bit unsigned integer. */
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n) (n >= 1). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element (the array must not be empty). */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}
