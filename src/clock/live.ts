// The live clock: the one module allowed to read the system time and to set real timers
// (the lint rule in eslint.config.js enforces it). Everything else takes a Clock.

import type { Clock } from './clock.js';
import type { Nanos } from '../core/units.js';

/**
 * Monotonic nanoseconds from an arbitrary origin (the process start), for measuring intervals
 * (benchmarks, latency): an integer, exact to +-1 ns (performance.now() is hrtime in ms as a double,
 * whose resolution at process-lifetime magnitudes is far below 1 ns). Not hrtime.bigint(): that
 * allocates a BigInt per call (two with the subtraction), which on a FIX round trip fed the
 * scavenger for nothing; all of Node's clock reads cost about the same (~0.1 us).
 */
export function monoNs(): number {
  return Math.round(performance.now() * 1e6);
}

/** The same as a bigint, for callers that difference very long spans. */
export function monoNsBig(): bigint {
  return process.hrtime.bigint();
}

/** Wall-clock milliseconds since the Unix epoch (logs, run metadata). */
export function wallMs(): number {
  return Date.now();
}

/** Nanoseconds since the most recent UTC midnight: the session epoch of a live session started today. */
export function nsSinceUtcMidnight(): Nanos {
  const ms = Date.now();
  const midnight = ms - (ms % 86_400_000);
  return (ms - midnight) * 1_000_000;
}

/**
 * Live clock: now() is ns since the session epoch (the UTC midnight at construction), monotonic
 * (performance.now()-based after an initial wall-clock anchor, so NTP steps never make time go
 * backwards), an integer, and without the BigInt per call that hrtime.bigint() costs (see monoNs).
 */
export class LiveClock implements Clock {
  private readonly anchorNs: number;
  private readonly anchorMs: number;
  constructor() {
    this.anchorNs = nsSinceUtcMidnight();
    this.anchorMs = performance.now();
  }
  now(): Nanos {
    return this.anchorNs + Math.round((performance.now() - this.anchorMs) * 1e6);
  }
}

export function setLiveTimeout(fn: () => void, ms: number): NodeJS.Timeout {
  return setTimeout(fn, ms);
}

export function setLiveInterval(fn: () => void, ms: number): NodeJS.Timeout {
  return setInterval(fn, ms);
}

export function clearLiveTimer(t: NodeJS.Timeout): void {
  clearTimeout(t);
}

/**
 * Monotonic milliseconds as a double with sub-microsecond resolution (performance.now()): allocation-free,
 * unlike hrtime.bigint(), so it suits sampled per-message latency timing on hot paths.
 */
export function monoMs(): number {
  return performance.now();
}
