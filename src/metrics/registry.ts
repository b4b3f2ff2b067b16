// The Prometheus registry of a running system (prom-client): every name in ./names.ts, the default
// process metrics, and scrape(): refresh the gauges from the system (GaugeSource), then serialise.
// Counters and gauges are prom-client Counter/Gauge objects whose values are loaded at scrape from the
// typed arrays of SystemCounters / GaugeValues (reset + set): the hot path never calls prom-client.
// Cold path: runs once per scrape on the event loop, between kernel events.

import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { N_REASONS, reasonName, type SystemCounters } from './counters.js';
import { HELP, M, RATE_KINDS, STAGES, UTIL_LIMITS } from './names.js';

/** Gauge values a GaugeSource fills at scrape. Indexing as in SystemCounters. */
export class GaugeValues {
  readonly pnl: Float64Array;
  readonly drawdown: Float64Array;
  readonly position: Float64Array;
  readonly utilisation: Float64Array;
  /** Index into STAGES per strategy. */
  readonly stage: Uint8Array;
  killSwitch = 0;
  readonly sessions = new Map<string, number>();
  readonly messageRate = new Float64Array(RATE_KINDS.length);
  constructor(nStrategies: number, nInstruments: number) {
    this.pnl = new Float64Array(nStrategies);
    this.drawdown = new Float64Array(nStrategies);
    this.position = new Float64Array(nStrategies * nInstruments);
    this.utilisation = new Float64Array(nStrategies * UTIL_LIMITS.length);
    this.stage = new Uint8Array(nStrategies);
  }
}

export interface GaugeSource {
  refresh(g: GaugeValues): void;
}

export interface SystemRegistry {
  readonly registry: Registry;
  readonly gauges: GaugeValues;
  readonly contentType: string;
  /** Refreshes the gauges, then returns the exposition text. */
  scrape(): Promise<string>;
  /** Refreshes the gauges, then returns every series value as /metrics would show it (histogram buckets as
   *  `<name>_bucket` with an `le` label, cumulative): what the in-process alert rules read. */
  samples(): Promise<Array<{ name: string; labels: Record<string, string>; value: number }>>;
}

export function buildRegistry(c: SystemCounters, source: GaugeSource, opts: { processMetrics?: boolean } = {}): SystemRegistry {
  const registry = new Registry();
  const g = new GaugeValues(c.nStrategies, c.nInstruments);
  const { strategies, instruments, traded, feeds } = c.shape;
  // Strategies named '' are spare slots (src/run/slots.ts): not exported until a strategy fills them.
  const each = (f: (strategy: string, s: number) => void): void => strategies.forEach((n, s) => { if (n !== '') f(n, s); });
  if (opts.processMetrics !== false) {
    collectDefaultMetrics({ register: registry });
    // gauges named *_total, which `promtool check metrics` rejects (non-counter with a counter suffix)
    for (const n of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(n);
  }
  for (const h of c.histograms) registry.registerMetric(h as never);

  const perInstrument = (name: string, help: string, arr: Float64Array): void => {
    new Counter({
      name, help, labelNames: ['strategy', 'instrument'], registers: [registry],
      collect() {
        this.reset();
        each((strategy, s) => {
          for (const i of traded[s]) this.inc({ strategy, instrument: instruments[i] }, arr[s * c.nInstruments + i]);
        });
      },
    });
  };
  perInstrument(M.orders, HELP.orders, c.orders);
  perInstrument(M.fills, HELP.fills, c.fills);
  perInstrument(M.shadowFills, HELP.shadowFills, c.shadowFills);

  const perFeed = (name: string, help: string, arr: Float64Array): void => {
    new Counter({
      name, help, labelNames: ['feed'], registers: [registry],
      collect() {
        this.reset();
        feeds.forEach((feed, f) => this.inc({ feed }, arr[f]));
      },
    });
  };
  perFeed(M.feedMessages, HELP.feedMessages, c.feedMessages);
  perFeed(M.feedGaps, HELP.feedGaps, c.feedGaps);

  const perReason = (name: string, help: string, label: string, arr: Float64Array): void => {
    new Counter({
      name, help, labelNames: ['strategy', label], registers: [registry],
      collect() {
        this.reset();
        each((strategy, s) => {
          for (let r = 0; r < N_REASONS; r++) {
            const v = arr[s * N_REASONS + r];
            if (v > 0) this.inc({ strategy, [label]: reasonName(r) }, v);
          }
        });
      },
    });
  };
  perReason(M.rejects, HELP.rejects, 'reason', c.rejects);
  perReason(M.riskBreaches, HELP.riskBreaches, 'check', c.breaches);

  const perStrategy = (name: string, help: string, arr: Float64Array): void => {
    new Gauge({
      name, help, labelNames: ['strategy'], registers: [registry],
      collect() {
        this.reset();
        each((strategy, s) => this.set({ strategy }, arr[s]));
      },
    });
  };
  perStrategy(M.pnl, HELP.pnl, g.pnl);
  perStrategy(M.drawdown, HELP.drawdown, g.drawdown);
  new Gauge({
    name: M.position, help: HELP.position, labelNames: ['strategy', 'instrument'], registers: [registry],
    collect() {
      this.reset();
      each((strategy, s) => {
        for (const i of traded[s]) this.set({ strategy, instrument: instruments[i] }, g.position[s * c.nInstruments + i]);
      });
    },
  });
  new Gauge({
    name: M.riskUtilisation, help: HELP.riskUtilisation, labelNames: ['strategy', 'limit'], registers: [registry],
    collect() {
      this.reset();
      each((strategy, s) => UTIL_LIMITS.forEach((limit, k) => this.set({ strategy, limit }, g.utilisation[s * UTIL_LIMITS.length + k])));
    },
  });
  new Gauge({
    name: M.fixSessionUp, help: HELP.fixSessionUp, labelNames: ['session'], registers: [registry],
    collect() {
      this.reset();
      for (const [session, up] of g.sessions) this.set({ session }, up);
    },
  });
  new Gauge({
    name: M.killSwitch, help: HELP.killSwitch, registers: [registry],
    collect() {
      this.set(g.killSwitch);
    },
  });
  new Gauge({
    name: M.strategyStage, help: HELP.strategyStage, labelNames: ['strategy', 'stage'], registers: [registry],
    collect() {
      this.reset();
      each((strategy, s) => STAGES.forEach((stage, k) => this.set({ strategy, stage }, g.stage[s] === k ? 1 : 0)));
    },
  });
  new Gauge({
    name: M.messageRate, help: HELP.messageRate, labelNames: ['kind'], registers: [registry],
    collect() {
      this.reset();
      RATE_KINDS.forEach((kind, k) => this.set({ kind }, g.messageRate[k]));
    },
  });

  return {
    registry, gauges: g, contentType: registry.contentType,
    async scrape(): Promise<string> {
      source.refresh(g);
      return registry.metrics();
    },
    async samples() {
      source.refresh(g);
      const out: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
      for (const m of await registry.getMetricsAsJSON()) {
        for (const v of m.values) {
          const labels: Record<string, string> = {};
          for (const [k, x] of Object.entries(v.labels)) labels[k] = k === 'le' && x === Infinity ? '+Inf' : String(x);
          out.push({ name: (v as { metricName?: string }).metricName ?? m.name, labels, value: v.value });
        }
      }
      return out;
    },
  };
}
