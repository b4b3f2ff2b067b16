// Kernel instrumentation for /metrics, attached at wiring time without touching the kernel's code: the
// kernel's event entry points (feedEvent/execEvent/timersEvent, or onFeed/onExec/fireTimers) and the risk engine's check() are wrapped on the
// INSTANCE (the kernel calls them as this.onFeed(...), so an own property takes precedence), and the risk
// audit sink counts rejects and hard-limit breaches.
// What is measured (monoMs(): performance.now, allocation-free):
//   feed handler   one ITCH message through onFeed (book, features, shadow fills, strategies)
//   tick-to-trade  the start of the event the kernel is handling (feed message, report or timer) to the
//                  order handed to the venue port (recorded by the router via `eventStart`), per strategy
//   risk check     one RiskEngine.check()
// Cost: two timer reads per feed message and per check, one per exec/timer event; the counters are typed
// arrays; nothing allocates per event. Threading: the kernel's thread.

import { monoMs } from '../clock/live.js';
import type { Kernel } from '../kernel/kernel.js';
import { N_REASONS, type SystemCounters } from '../metrics/counters.js';
import type { AuditRecord, OrderIntent } from '../risk/index.js';

type Fn10 = (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, f: unknown, g: unknown, h: unknown, i: unknown, j: unknown) => unknown;

export interface ProbeHooks {
  /** A hard-limit breach (a reject by a check in the strategy's killOnBreach). */
  onBreach(strategyId: number, check: number, r: AuditRecord): void;
}

export class KernelProbe {
  /** monoMs() at the start of the event being handled (read by the router for tick-to-trade). */
  readonly eventStart = new Float64Array(1);
  /** [strategy * N_REASONS + check] = 1 when the check engages the strategy's kill switch. */
  private readonly hard: Uint8Array;

  constructor(k: Kernel, c: SystemCounters, killOnBreach: readonly (readonly number[])[], hooks: ProbeHooks) {
    const ev = this.eventStart;
    this.hard = new Uint8Array(c.nStrategies * N_REASONS);
    killOnBreach.forEach((checks, s) => { for (const ch of checks) this.hard[s * N_REASONS + ch] = 1; });
    const hard = this.hard;
    const feedRec = c.feedHandler[0];
    const feedMsgs = c.feedMessages;
    // Event entry points: the kernel's API has had two shapes (onFeed/onExec/fireTimers called from poll,
    // then feedEvent/execEvent/timersEvent around them, with the journal record): wrap the outermost that
    // exists. Fixed arity, so no rest-argument array per call. A feed message is timed from its event's
    // start (journal record included) to its end: two timer reads per message.
    const obj = k as unknown as Record<string, unknown>;
    const feedName = typeof obj.feedEvent === 'function' ? 'feedEvent' : 'onFeed';
    if (typeof obj[feedName] === 'function') {
      const feed = (obj[feedName] as Fn10).bind(k);
      obj[feedName] = (a: unknown, b: unknown, c2: unknown, d: unknown): unknown => {
        const t0 = monoMs();
        ev[0] = t0;
        const r = feed(a, b, c2, d, undefined, undefined, undefined, undefined, undefined, undefined);
        feedMsgs[0]++;
        feedRec.record((monoMs() - t0) * 1e6);
        return r;
      };
    }
    const outer = typeof obj.execEvent === 'function' ? ['execEvent', 'statusEvent', 'timersEvent'] : ['onExec', 'fireTimers'];
    for (const name of outer) {
      const f = obj[name];
      if (typeof f !== 'function') continue;
      const bound = (f as Fn10).bind(k);
      obj[name] = (a: unknown, b: unknown, c2: unknown, d: unknown, e: unknown, f2: unknown, g: unknown, h: unknown, i: unknown, j: unknown): unknown => {
        ev[0] = monoMs();
        return bound(a, b, c2, d, e, f2, g, h, i, j);
      };
    }
    const risk = k.risk;
    const check = risk.check.bind(risk);
    const riskRec = c.riskCheck;
    risk.check = (intent: OrderIntent, now: number): number => {
      const t0 = monoMs();
      const code = check(intent, now);
      riskRec.record((monoMs() - t0) * 1e6);
      return code;
    };
    const rejects = c.rejects;
    const breaches = c.breaches;
    const nS = c.nStrategies;
    k.auditSink = (r: AuditRecord): void => {
      if (r.code === 0 || r.strategyId < 0 || r.strategyId >= nS) return;
      const i = r.strategyId * N_REASONS + r.check;
      rejects[i]++;
      if (hard[i] === 1) {
        breaches[i]++;
        hooks.onBreach(r.strategyId, r.check, r);
      }
    };
  }
}
