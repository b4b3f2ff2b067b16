// Latent fair values of the synthetic market: the "true" prices the agents quote and trade around. They
// are never published; the book follows them only through the agents' orders.
//
// Models (time in seconds of simulated time, prices as FLOATS in price units: this is the latent model,
// not the engine path; agents round to ticks before sending an order):
// - Independent instrument: geometric Brownian motion without drift, exact discretisation
//   x(t+dt) = x(t) * exp(sigma sqrt(dt) z - sigma^2 dt / 2), sigma = volatility per sqrt-second.
// - Cointegrated follower (AssetB of the AssetA/AssetB pair): B = beta * A + alpha + s, where the spread
//   s is an Ornstein-Uhlenbeck process with exact discretisation
//   s(t+dt) = s(t) e^(-kappa dt) + sigmaS sqrt((1 - e^(-2 kappa dt)) / (2 kappa)) z,
//   so A and B are each I(1) while B - beta A is stationary (half-life ln 2 / kappa): an Engle-Granger
//   test on their mids finds the cointegration a pairs strategy trades.
// Determinism: all randomness comes from the seeded Rng (standard normals by Box-Muller, pairs cached),
// and instruments advance in index order, so the same seed and the same calls give the same path.

import type { Rng } from '../core/rng.js';

export interface FairValueSpec {
  /** Start value in price units (e.g. 190 * 10_000 for $190). Ignored for a follower (derived). */
  start: number;
  /** Volatility per sqrt-second, relative (GBM sigma). 1.5% a day over 6.5 h is ~1e-4. */
  volPerSqrtSec: number;
  /** Makes this instrument the cointegrated follower of another: value = beta * leader + alpha + OU spread. */
  follows?: {
    /** Index of the leader (must come earlier in the list). */
    leader: number;
    beta: number;
    /** Intercept in price units. */
    alpha: number;
    /** Mean-reversion speed of the spread per second (half-life ln2 / kappa). */
    kappa: number;
    /** Spread volatility in price units per sqrt-second. */
    spreadVol: number;
  };
}

/** Standard normal draws from a seeded Rng (Box-Muller; the second value of each pair is kept). */
export class Normal {
  private spare = 0;
  private hasSpare = false;
  constructor(private readonly rng: Rng) {}

  next(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u = this.rng.next();
    while (u <= 1e-300) u = this.rng.next();
    const v = this.rng.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    this.hasSpare = true;
    return r * Math.cos(2 * Math.PI * v);
  }
}

export class FairValues {
  /** Current latent value per instrument, price units (float). */
  readonly value: Float64Array;
  /** Current OU spread of each follower (0 for others). */
  readonly spread: Float64Array;
  private readonly normal: Normal;

  constructor(
    private readonly specs: readonly FairValueSpec[],
    rng: Rng,
  ) {
    this.normal = new Normal(rng);
    this.value = new Float64Array(specs.length);
    this.spread = new Float64Array(specs.length);
    specs.forEach((s, i) => {
      if (s.follows !== undefined) {
        const f = s.follows;
        if (!(f.leader >= 0 && f.leader < i)) throw new Error(`fair value ${i}: leader must be an earlier instrument`);
        if (!(f.kappa > 0)) throw new Error(`fair value ${i}: kappa must be positive`);
        this.value[i] = f.beta * this.value[f.leader] + f.alpha;
      } else {
        if (!(s.start > 0)) throw new Error(`fair value ${i}: start must be positive`);
        this.value[i] = s.start;
      }
    });
  }

  /** Advances every process by dtNs nanoseconds. */
  advance(dtNs: number): void {
    if (dtNs <= 0) return;
    const dt = dtNs / 1e9;
    const specs = this.specs;
    const v = this.value;
    for (let i = 0; i < specs.length; i++) {
      const s = specs[i];
      const f = s.follows;
      if (f === undefined) {
        const sig = s.volPerSqrtSec;
        v[i] *= Math.exp(sig * Math.sqrt(dt) * this.normal.next() - 0.5 * sig * sig * dt);
      } else {
        const decay = Math.exp(-f.kappa * dt);
        const sd = f.spreadVol * Math.sqrt((1 - decay * decay) / (2 * f.kappa));
        this.spread[i] = this.spread[i] * decay + sd * this.normal.next();
        v[i] = f.beta * v[f.leader] + f.alpha + this.spread[i];
      }
    }
  }
}
