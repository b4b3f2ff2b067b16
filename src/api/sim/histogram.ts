// A small latency histogram for SimBackend: power-of-two microsecond buckets (1 us .. 2^23 us), as the
// API's HistogramInfo. Cold: one record per simulation step.

import type { HistogramInfo } from '../backend.js';

const N = 24;

export class Log2Histogram {
  private readonly buckets = new Float64Array(N);
  private count = 0;
  private maxUs = 0;

  constructor(readonly metric: string, readonly labels: Record<string, string>) {}

  record(us: number): void {
    this.count++;
    if (us > this.maxUs) this.maxUs = us;
    this.buckets[Math.min(N - 1, Math.max(0, Math.ceil(Math.log2(Math.max(1, us)))))]++;
  }

  /** Upper bound of the bucket holding quantile p, seconds. */
  private quantile(p: number): number {
    let c = 0;
    for (let i = 0; i < N; i++) {
      c += this.buckets[i];
      if (c >= p * this.count) return Math.min(2 ** i, this.maxUs) / 1e6;
    }
    return this.maxUs / 1e6;
  }

  info(): HistogramInfo {
    const buckets: Array<{ le: number; count: number }> = [];
    for (let i = 0; i < N; i++) buckets.push({ le: 2 ** i / 1e6, count: this.buckets[i] });
    return { metric: this.metric, labels: this.labels, count: this.count, p50: this.quantile(0.5), p99: this.quantile(0.99), p999: this.quantile(0.999), max: this.maxUs / 1e6, buckets };
  }
}
