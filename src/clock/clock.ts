// Time is an input (design principle 2): domain code asks a Clock for `now`, or gets it as an argument.
// Only src/clock/live.ts reads the system time; the simulated clock is advanced by its driver
// (a backtest, a replay, a test).

import type { Nanos } from '../core/units.js';

export interface Clock {
  /** Integer nanoseconds since the session epoch. */
  now(): Nanos;
}

/** A clock that moves only when told: backtests, replays and tests. */
export class SimClock implements Clock {
  private t: Nanos;
  constructor(start: Nanos = 0) {
    this.t = start;
  }
  now(): Nanos {
    return this.t;
  }
  /** Sets the time; time never goes backwards (a later event never carries an earlier stamp). */
  set(t: Nanos): void {
    if (t > this.t) this.t = t;
  }
  advance(dt: Nanos): void {
    this.t += dt;
  }
}
