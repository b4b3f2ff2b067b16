// Optional market impact for aggressive fills of the backtest venue.
//
// Without it (the default), our aggressive orders take liquidity from the replayed book only in our own
// accounting: the replayed book never changes because of us (we cannot know how the market would have
// reacted), so a second order a moment later can take the same displayed size again. That flatters a
// strategy that trades often in size. With an impact model, the venue remembers what we took at each
// (instrument, side, price) and hides it from our later aggressive orders while it recovers: a take of q
// lots at time t hides q * (1 - (now - t) / decayNs) lots (rounded up) at now, gone after decayNs
// (linear refill). The memory is a ring of `slots` entries; when it is full the oldest is forgotten.
// Passive fills do not consume remembered liquidity (they take nothing from the visible book).
// Allocation: typed arrays sized at construction; nothing per fill.

import type { Nanos, Px, Qty } from '../../core/units.js';

export interface ImpactOptions {
  /** Time for taken liquidity to come back (ns, > 0). */
  decayNs: Nanos;
  /** Remembered takes (default 256). */
  slots?: number;
}

export class ImpactMemory {
  private readonly decay: number;
  private readonly key: Float64Array; // instrument * 2 + side, -1 = empty
  private readonly px: Float64Array;
  private readonly qty: Float64Array;
  private readonly ts: Float64Array;
  private next = 0;

  constructor(o: ImpactOptions) {
    if (!(o.decayNs > 0)) throw new Error('impact: decayNs must be > 0');
    this.decay = o.decayNs;
    const n = o.slots ?? 256;
    this.key = new Float64Array(n).fill(-1);
    this.px = new Float64Array(n);
    this.qty = new Float64Array(n);
    this.ts = new Float64Array(n);
  }

  /** Lots of (instrument, side, px) still hidden at now. */
  consumed(inst: number, side: number, px: Px, now: Nanos): Qty {
    const k = inst * 2 + side;
    let c = 0;
    for (let i = 0; i < this.key.length; i++) {
      if (this.key[i] !== k || this.px[i] !== px) continue;
      const age = now - this.ts[i];
      if (age >= this.decay) continue;
      c += this.qty[i] * (1 - age / this.decay);
    }
    return Math.ceil(c - 1e-9);
  }

  take(inst: number, side: number, px: Px, qty: Qty, now: Nanos): void {
    const i = this.next;
    this.next = i + 1 === this.key.length ? 0 : i + 1;
    this.key[i] = inst * 2 + side;
    this.px[i] = px;
    this.qty[i] = qty;
    this.ts[i] = now;
  }

  reset(): void {
    this.key.fill(-1);
    this.next = 0;
  }
}
