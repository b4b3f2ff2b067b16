// Latency models for the backtest venue (src/backtest/venue/port.ts): how long a message takes between
// the strategy and the venue, and how late the strategy's feed is behind the exchange.
//
// Three models, all deterministic (no system time, no Math.random):
// - constantLatency(ns): every message takes ns.
// - empiricalLatency(samplesNs, seed): each message takes one of the samples, drawn uniformly with the
//   seeded mulberry32 Rng (src/core/rng.ts): a bootstrap of a measured distribution (e.g. the order-ack
//   round trips the FIX session recorded, halved). The same samples and seed give the same draws; reset()
//   rewinds to the first draw.
// - recordedLatency(series): the latencies a recording gave, replayed. An array gives the n-th message its
//   n-th value (after the last value the last one repeats: a recording shorter than the backtest does not
//   stop it); a Map gives a message the value keyed by its clOrdId (the port passes the message's
//   clOrdId as `key`), and a message with no entry takes `fallbackNs` (default 0).
// Units: integer ns. Samples are rounded to integers (design principle 3) and negative values are taken
// as 0 (a message cannot arrive before it is sent). Who draws when: the port draws one order latency per
// command (submit, cancel, replace) when the kernel sends it, one report latency per report when the
// venue produces it, and one feed latency per market event when the runner asks port.feedTime().

import { Rng } from '../../core/rng.js';
import type { Nanos } from '../../core/units.js';

export interface LatencyModel {
  /** Latency (integer ns >= 0) of the next message, sent at `now`; `key` is its clOrdId when it has one. */
  next(now: Nanos, key: number): Nanos;
  /** Rewinds to the first draw (a second run with the same model gives the same latencies). */
  reset(): void;
  /** Short description for run metadata. */
  readonly describe: string;
}

function clean(ns: number): number {
  if (!(ns > 0)) return 0; // NaN and negatives
  return Math.round(ns);
}

class ConstantLatency implements LatencyModel {
  readonly describe: string;
  constructor(readonly ns: number) {
    this.describe = `constant ${ns} ns`;
  }
  next(): Nanos {
    return this.ns;
  }
  reset(): void {}
}

class EmpiricalLatency implements LatencyModel {
  readonly describe: string;
  private readonly samples: Float64Array;
  private rng: Rng;
  constructor(samples: ArrayLike<number>, private readonly seed: number) {
    if (samples.length === 0) throw new Error('empiricalLatency: no samples');
    this.samples = Float64Array.from(samples, clean);
    this.rng = new Rng(seed);
    this.describe = `empirical ${samples.length} samples, seed ${seed}`;
  }
  next(): Nanos {
    return this.samples[this.rng.int(this.samples.length)];
  }
  reset(): void {
    this.rng = new Rng(this.seed);
  }
}

class SeriesLatency implements LatencyModel {
  readonly describe: string;
  private readonly series: Float64Array;
  private i = 0;
  constructor(series: ArrayLike<number>) {
    this.series = Float64Array.from(series, clean);
    this.describe = `recorded series of ${series.length}`;
  }
  next(): Nanos {
    const s = this.series;
    if (s.length === 0) return 0;
    const v = s[this.i < s.length ? this.i : s.length - 1];
    this.i++;
    return v;
  }
  reset(): void {
    this.i = 0;
  }
}

class KeyedLatency implements LatencyModel {
  readonly describe: string;
  private readonly byKey: Map<number, number>;
  constructor(map: ReadonlyMap<number, number>, private readonly fallback: number) {
    this.byKey = new Map();
    for (const [k, v] of map) this.byKey.set(k, clean(v));
    this.describe = `recorded per clOrdId (${map.size} entries)`;
  }
  next(_now: Nanos, key: number): Nanos {
    return this.byKey.get(key) ?? this.fallback;
  }
  reset(): void {}
}

export function constantLatency(ns: Nanos): LatencyModel {
  return new ConstantLatency(clean(ns));
}

/** True when every message of the model takes 0 ns (constantLatency(0)): the runner may then merge the venue's and the strategy's view of the market. */
export function isZeroLatency(m: LatencyModel): boolean {
  return m instanceof ConstantLatency && m.ns === 0;
}

export function empiricalLatency(samplesNs: ArrayLike<number>, seed: number): LatencyModel {
  return new EmpiricalLatency(samplesNs, seed);
}

export function recordedLatency(series: ArrayLike<number> | ReadonlyMap<number, number>, fallbackNs = 0): LatencyModel {
  if (series instanceof Map) return new KeyedLatency(series, clean(fallbackNs));
  return new SeriesLatency(series as ArrayLike<number>);
}

/**
 * A FIFO link: what one model's latencies would reorder, the link keeps in order (a TCP session or a feed
 * line delivers in the order it was given), so a message never arrives before one sent earlier:
 * arrival = max(sent + latency, previous arrival).
 */
export class FifoLink {
  private last = -Infinity;
  constructor(readonly model: LatencyModel) {}
  arrival(sent: Nanos, key: number): Nanos {
    let t = sent + this.model.next(sent, key);
    if (t < this.last) t = this.last;
    this.last = t;
    return t;
  }
  reset(): void {
    this.last = -Infinity;
    this.model.reset();
  }
}
