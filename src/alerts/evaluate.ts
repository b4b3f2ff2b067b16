// In-process alert evaluation: the rules of an alerts spec (src/config/alerts.ts) evaluated by `hftbot run`
// itself, once a second, on the same series its /metrics serves, so the dashboard and GET /api/alerts show
// what Prometheus with the generated rules (./rules.ts) would show, without a Prometheus. Each rule means
// exactly its PromQL expression (./promql.ts alertExpr):
//   histogram  histogram_quantile(q, sum by (le, <by>) (rate(<family>_bucket{where}[1m])))
//   rate       sum by (<by>) (rate(<family>{where}[1m]))
//   increase   sum by (<by>) (increase(<family>{where}[5m]))
//   gauge      <family>{where} compared with the threshold (loss: -PnL)
//   bool       <family>{where} == 0 (a FIX session down)
// then `for:` (pending until the condition has held that long, then firing) and resolution (firing ->
// resolved when the condition stops holding; resolved alerts are listed for `keepResolvedNs`).
// Differences from Prometheus, on purpose: rate/increase are the plain difference over the window between
// the newest sample and the oldest sample inside it, divided by its span (no extrapolation to the window's
// edges); a counter that went down (a restart) counts from zero. A `where` label the family does not
// export (the seed's `server: NY4`) is taken as a label of the target, as the generated prometheus.yml
// attaches it (./deploy.ts targetLabelsFor): it matches, and the alert carries it.
// Cold path: one evaluation per second over a few hundred series.

import type { AlertRule, AlertsSpec } from '../config/alerts.js';
import { METRIC_FAMILIES } from './metric-names.js';
import { promThreshold, SHAPES, thresholdText } from './promql.js';

/** One series value of a scrape (histogram buckets as `<family>_bucket` with an `le` label, cumulative). */
export interface Sample {
  name: string;
  labels: Readonly<Record<string, string>>;
  value: number;
}

export interface AlertState {
  /** The rule's name (Prometheus alertname). */
  name: string;
  severity: string;
  /** The identifying labels of the series group (strategy, venue, ...), plus the rule's target labels. */
  labels: Record<string, string>;
  state: 'pending' | 'firing' | 'resolved';
  /** ns (the evaluator's clock) when the condition began to hold (pending/firing) or stopped (resolved). */
  sinceNs: number;
  /** The value last compared, in the series' unit (seconds, currency units, per second, ...). */
  value: number;
  summary: string;
}

const RATE_NS = 60e9;
const GAPS_NS = 300e9;

interface Snapshot { t: number; values: Map<string, number> }

const exported = new Map(METRIC_FAMILIES.map((f) => [f.name, new Set<string>(f.labels)]));

function key(name: string, labels: Readonly<Record<string, string>>): string {
  return `${name}${JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]))}`;
}

/** Prometheus' histogram_quantile over cumulative (le, count) pairs sorted by le (the last le +Inf). */
export function histogramQuantile(q: number, buckets: ReadonlyArray<readonly [number, number]>): number {
  if (buckets.length < 2 || buckets[buckets.length - 1][0] !== Infinity) return NaN;
  const total = buckets[buckets.length - 1][1];
  if (!(total > 0)) return NaN;
  const rank = q * total;
  let b = 0;
  while (b < buckets.length - 1 && buckets[b][1] < rank) b++;
  if (b === buckets.length - 1) return buckets[buckets.length - 2][0]; // in the +Inf bucket: the highest finite bound
  const upper = buckets[b][0];
  const lower = b === 0 ? (upper > 0 ? 0 : upper) : buckets[b - 1][0];
  const below = b === 0 ? 0 : buckets[b - 1][1];
  const inBucket = buckets[b][1] - below;
  return inBucket <= 0 ? upper : lower + (upper - lower) * ((rank - below) / inBucket);
}

export class AlertEvaluator {
  private readonly history: Snapshot[] = [];
  /** Active and recently resolved alerts by rule + labels. */
  private readonly alerts = new Map<string, AlertState>();
  /** Called when an alert starts firing or resolves. */
  onChange: ((a: AlertState) => void) | null = null;

  constructor(readonly spec: AlertsSpec, private readonly keepResolvedNs = 15 * 60e9) {}

  /** One scrape at time `t` (ns, increasing): stores what the rules read, then evaluates every rule. */
  observe(t: number, samples: readonly Sample[]): void {
    const families = new Set(this.spec.rules.map((r) => SHAPES[r.metric].family));
    const values = new Map<string, number>();
    for (const s of samples) {
      const fam = s.name.endsWith('_bucket') ? s.name.slice(0, -7) : s.name;
      if (families.has(fam)) values.set(key(s.name, s.labels), s.value);
    }
    this.history.push({ t, values });
    while (this.history.length > 2 && t - this.history[1].t >= GAPS_NS) this.history.shift();
    const seen = new Set<string>();
    for (const r of this.spec.rules) {
      for (const [labels, value] of this.evaluate(r, samples, t)) {
        const k = key(r.name, labels);
        seen.add(k);
        const holds = compare(r, value);
        const a = this.alerts.get(k);
        if (holds) {
          if (a === undefined || a.state === 'resolved') {
            this.alerts.set(k, { name: r.name, severity: r.severity, labels, state: 'pending', sinceNs: t, value, summary: summaryOf(r, labels) });
          } else a.value = value;
          const cur = this.alerts.get(k)!;
          if (cur.state === 'pending' && t - cur.sinceNs >= r.forNs) {
            cur.state = 'firing';
            this.onChange?.(cur);
          }
        } else if (a !== undefined) this.settle(k, a, t, value);
      }
    }
    // a group whose series disappeared no longer holds
    for (const [k, a] of this.alerts) if (!seen.has(k) && a.state !== 'resolved') this.settle(k, a, t, NaN);
    for (const [k, a] of this.alerts) if (a.state === 'resolved' && t - a.sinceNs > this.keepResolvedNs) this.alerts.delete(k);
  }

  private settle(k: string, a: AlertState, t: number, value: number): void {
    if (a.state === 'pending') this.alerts.delete(k);
    else if (a.state === 'firing') {
      a.state = 'resolved';
      a.sinceNs = t;
      a.value = value;
      this.onChange?.(a);
    }
  }

  /** Firing and recently resolved alerts (pending ones too with `pending`), firing first. */
  list(pending = false): AlertState[] {
    const order = { firing: 0, pending: 1, resolved: 2 };
    return [...this.alerts.values()].filter((a) => pending || a.state !== 'pending').sort((x, y) => order[x.state] - order[y.state] || y.sinceNs - x.sinceNs);
  }

  /** (group labels, value in the series' unit) for each group of the rule's series. */
  private evaluate(r: AlertRule, samples: readonly Sample[], t: number): Array<[Record<string, string>, number]> {
    const s = SHAPES[r.metric];
    const own = exported.get(s.family) ?? new Set<string>();
    const target: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.where)) if (!own.has(k)) target[k] = v;
    const by = [...new Set([...s.by, ...Object.keys(r.where)])].filter((l) => own.has(l));
    const name = s.kind === 'histogram' ? `${s.family}_bucket` : s.family;
    const matches = (l: Readonly<Record<string, string>>): boolean => Object.entries(r.where).every(([k, v]) => !own.has(k) || l[k] === v);
    const groups = new Map<string, { labels: Record<string, string>; series: Sample[] }>();
    for (const x of samples) {
      if (x.name !== name || !matches(x.labels)) continue;
      const labels: Record<string, string> = { ...target };
      for (const l of by) labels[l] = x.labels[l] ?? '';
      const gk = JSON.stringify(labels);
      const g = groups.get(gk) ?? groups.set(gk, { labels, series: [] }).get(gk)!;
      g.series.push(x);
    }
    const out: Array<[Record<string, string>, number]> = [];
    for (const { labels, series } of groups.values()) {
      switch (s.kind) {
        case 'gauge':
        case 'bool':
          for (const x of series) out.push([labels, x.value]);
          break;
        case 'rate':
        case 'increase': {
          const w = s.kind === 'rate' ? RATE_NS : GAPS_NS;
          let sum = 0, span = 0;
          for (const x of series) {
            const d = this.delta(key(name, x.labels), x.value, t, w);
            sum += d.delta;
            span = Math.max(span, d.span);
          }
          if (span > 0) out.push([labels, s.kind === 'rate' ? sum / (span / 1e9) : sum]);
          break;
        }
        case 'histogram': {
          const byLe = new Map<number, number>();
          let span = 0;
          for (const x of series) {
            const le = x.labels.le === '+Inf' ? Infinity : Number(x.labels.le);
            const d = this.delta(key(name, x.labels), x.value, t, RATE_NS);
            byLe.set(le, (byLe.get(le) ?? 0) + d.delta);
            span = Math.max(span, d.span);
          }
          if (span === 0) break;
          const v = histogramQuantile(Number(r.quantile), [...byLe.entries()].sort((a, b) => a[0] - b[0]));
          if (v === v) out.push([labels, v]);
          break;
        }
      }
    }
    return out;
  }

  /** Increase of a counter over the window ending at t: newest minus the oldest sample inside the window. */
  private delta(k: string, now: number, t: number, windowNs: number): { delta: number; span: number } {
    for (const h of this.history) {
      if (t - h.t > windowNs || h.t >= t) continue;
      const then = h.values.get(k);
      if (then === undefined) continue;
      return { delta: now >= then ? now - then : now, span: t - h.t };
    }
    return { delta: 0, span: 0 };
  }
}

/** The rule's condition on a value in the series' unit (./promql.ts promOp and promThreshold). */
function compare(r: AlertRule, v: number): boolean {
  const s = SHAPES[r.metric];
  if (s.kind === 'bool') return v === 0;
  const t = promThreshold(r);
  const above = (r.op === 'above') !== (s.negate === true);
  return above ? v > t : v < t;
}

function summaryOf(r: AlertRule, labels: Record<string, string>): string {
  const where = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');
  const t = thresholdText(r);
  return `${r.summary}${t === '' ? '' : ` (${r.op} ${t})`}${where === '' ? '' : ` [${where}]`}`;
}
