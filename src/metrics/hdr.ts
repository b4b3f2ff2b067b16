// Latency recording for /metrics: the hot path records integer nanoseconds into an HDR histogram
// (hdr-histogram-js Float64Histogram: a preallocated typed array of counts, 3 significant digits, 1 ns to
// 10 s; recordValue allocates nothing), and the histogram is exported as a Prometheus histogram in SECONDS
// at scrape time by HdrHistogramMetric, a metric object prom-client's Registry serialises like its own
// (name, help, type 'histogram', get() -> values with `_bucket{le}`, `_sum`, `_count`).
// Why not prom-client's Histogram directly: its observe() builds a label object and walks the buckets per
// call (allocation and ~100s of ns on the hot path); and it has no way to load counts in bulk.
// Bucket assignment: each HDR count is put in the first Prometheus bucket whose bound is >= the HDR
// bucket's lowest equivalent value (HDR's own resolution, 0.1%, is far finer than the Prometheus bounds).
// Threading: record on the kernel thread; scrape on the same event loop between kernel events.

import { Float64Histogram } from 'hdr-histogram-js';
import { LATENCY_BUCKETS } from './names.js';

const HIGHEST_NS = 10_000_000_000;

/** One latency series: record(ns) on the hot path. */
export class LatencyRecorder {
  readonly h: Float64Histogram;
  /** Sum of the recorded values, ns (exact, unlike HDR's bucketed mean). */
  sumNs = 0;
  constructor() {
    this.h = new Float64Histogram(1, HIGHEST_NS, 3);
    this.h.autoResize = false;
    this.halfMag = this.h.subBucketHalfCountMagnitude;
    this.half = this.h.subBucketHalfCount;
    if (this.h.unitMagnitude !== 0) throw new Error('LatencyRecorder: the integer index path assumes lowest value 1');
  }

  private readonly halfMag: number;
  private readonly half: number;

  /**
   * Records one latency in ns (rounded; clamped to 1 ns .. 10 s). No allocation. Values below 2^32 ns
   * (4.3 s) take an integer path to the counts index (clz32 and a shift: HDR's layout with lowest value 1,
   * index = bucket x subBucketHalfCount + subBucket) instead of the library's log2/pow, ~3x cheaper;
   * the index is the library's own (tested against countsArrayIndex).
   */
  record(ns: number): void {
    const v = ns < 1 ? 1 : ns > HIGHEST_NS ? HIGHEST_NS : Math.round(ns);
    this.sumNs += v;
    const h = this.h;
    if (v >= 4294967296) {
      h.recordValue(v);
      return;
    }
    let b = 31 - Math.clz32(v) - this.halfMag;
    if (b < 0) b = 0;
    h.incrementCountAtIndex(b * this.half + (v >>> b));
    h.updateMinAndMax(v);
    h.incrementTotalCount();
  }

  /** The counts index record() uses for v (tests compare it with the library's countsArrayIndex). */
  indexOf(v: number): number {
    if (v >= 4294967296) return this.h.countsArrayIndex(v);
    const b = Math.max(0, 31 - Math.clz32(v) - this.halfMag);
    return b * this.half + (v >>> b);
  }

  get count(): number {
    return this.h.totalCount;
  }

  /** Percentile in ns (0 when empty). Cold. */
  percentileNs(p: number): number {
    return this.h.totalCount === 0 ? 0 : this.h.getValueAtPercentile(p);
  }

  /**
   * Counts per Prometheus bucket (non-cumulative; the last slot is +Inf) for bounds in seconds. Cold
   * (scrape): walks the HDR counts up to the maximum recorded value.
   */
  bucketCounts(boundsSec: readonly number[], out: Float64Array): Float64Array {
    out.fill(0);
    const h = this.h;
    if (h.totalCount === 0) return out;
    const last = h.countsArrayIndex(h.maxValue);
    let b = 0;
    for (let i = 0; i <= last; i++) {
      const c = h.getCountAtIndex(i);
      if (c === 0) continue;
      const sec = h.valueFromIndex(i) / 1e9;
      while (b < boundsSec.length && sec > boundsSec[b]) b++;
      out[b] += c;
    }
    return out;
  }

  /** Cumulative distribution for a UI: [upper bound s, cumulative count] per bucket, +Inf last. Cold. */
  cumulative(boundsSec: readonly number[] = LATENCY_BUCKETS): Array<[number, number]> {
    const c = this.bucketCounts(boundsSec, new Float64Array(boundsSec.length + 1));
    let acc = 0;
    return [...boundsSec, Infinity].map((le, i) => [le, (acc += c[i])]);
  }

  reset(): void {
    this.h.reset();
    this.sumNs = 0;
  }
}

interface PromValue { value: number; labels: Record<string, string | number>; metricName?: string }

/** A Prometheus histogram (seconds) over labelled LatencyRecorders; register it in a prom-client Registry. */
export class HdrHistogramMetric {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series: Array<{ labels: Record<string, string>; rec: LatencyRecorder }> = [];
  private readonly scratch: Float64Array;

  constructor(readonly name: string, readonly help: string, readonly buckets: readonly number[] = LATENCY_BUCKETS) {
    this.scratch = new Float64Array(buckets.length + 1);
  }

  /** Adds a series; returns its recorder (keep it: the hot path records into it directly). */
  add(labels: Record<string, string>, rec = new LatencyRecorder()): LatencyRecorder {
    this.series.push({ labels, rec });
    return rec;
  }

  /** The series (labels and recorder), for readers other than Prometheus (the API's latency view). */
  entries(): ReadonlyArray<{ labels: Record<string, string>; rec: LatencyRecorder }> {
    return this.series;
  }

  get(): { name: string; help: string; type: string; values: PromValue[]; aggregator: string } {
    const values: PromValue[] = [];
    for (const { labels, rec } of this.series) {
      if (Object.values(labels).some((v) => v === '')) continue; // an unnamed (spare) series
      const c = rec.bucketCounts(this.buckets, this.scratch);
      let acc = 0;
      for (let i = 0; i < this.buckets.length; i++) {
        acc += c[i];
        values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le: this.buckets[i] }, value: acc });
      }
      acc += c[this.buckets.length];
      values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le: '+Inf' }, value: acc });
      values.push({ metricName: `${this.name}_sum`, labels, value: rec.sumNs / 1e9 });
      values.push({ metricName: `${this.name}_count`, labels, value: rec.count });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }
}
