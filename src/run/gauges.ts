// The gauges of /metrics, read from the kernel at scrape time (GaugeSource): PnL and drawdown per
// strategy (currency units), positions (lots), risk-limit utilisation (0..1), stages, the kill switch,
// the FIX session, message rates (sampled once a second by the system). Cold path: between kernel events.
// Drawdown: fall from the highest PnL seen by this reader or the risk engine's own high-water mark.

import type { Kernel } from '../kernel/kernel.js';
import type { SystemCounters } from '../metrics/counters.js';
import { RATE_KINDS, UTIL_LIMITS } from '../metrics/names.js';
import type { GaugeSource, GaugeValues } from '../metrics/registry.js';
import { SCOPE_GLOBAL, SCOPE_STRATEGY, type RiskLimits } from '../risk/index.js';
import type { LiveVenue } from './fix-live.js';
import type { StageRouter } from './router.js';


export class GaugeReader implements GaugeSource {
  private readonly peak: Float64Array;
  private readonly rates = new Float64Array(RATE_KINDS.length);
  private readonly last = new Float64Array(RATE_KINDS.length);

  constructor(
    private readonly k: Kernel,
    private readonly router: StageRouter,
    private readonly limits: readonly RiskLimits[],
    private readonly live: LiveVenue | null,
    private readonly scale: number,
  ) {
    this.peak = new Float64Array(limits.length);
  }

  /** Messages per second over the last interval, by RATE_KINDS (feed, orders, fills, reports). */
  sampleRates(c: SystemCounters, dtNs: number): void {
    const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
    const now = [sum(c.feedMessages), sum(c.orders), sum(c.fills) + sum(c.shadowFills), c.reports];
    for (let k = 0; k < now.length; k++) {
      this.rates[k] = dtNs > 0 ? ((now[k] - this.last[k]) * 1e9) / dtNs : 0;
      this.last[k] = now[k];
    }
  }

  killActive(): boolean {
    const r = this.k.risk;
    if (r.isKilled(SCOPE_GLOBAL, 0)) return true;
    for (let s = 0; s < this.limits.length; s++) if (r.isKilled(SCOPE_STRATEGY, s)) return true;
    return false;
  }

  /** PnL of a strategy in currency units and its drawdown (>= 0). */
  pnl(s: number): { pnl: number; drawdown: number } {
    const P = this.k.risk.positions;
    const pnl = this.k.pnl(s);
    const pk = Math.max(this.peak[s], P.peak[s] ?? 0, pnl);
    this.peak[s] = pk;
    return { pnl: pnl / this.scale, drawdown: Math.max(0, pk - pnl) / this.scale };
  }

  /** Utilisation of each UTIL_LIMITS entry for strategy s (0..1; 0 when the limit is off). */
  utilisation(s: number, out: Float64Array, off: number): void {
    const k = this.k;
    const P = k.risk.positions;
    const l = this.limits[s];
    const ratio = (v: number, lim: number): number => (lim > 0 ? Math.min(1, Math.max(0, v / lim)) : 0);
    let maxPos = 0;
    for (let i = 0; i < k.nInstruments; i++) maxPos = Math.max(maxPos, Math.abs(k.position(s, i)));
    const { pnl, drawdown } = this.pnl(s);
    const vals = [
      ratio(maxPos, l.maxPositionQty),
      ratio(-pnl * this.scale, l.maxLoss),
      ratio(drawdown * this.scale, l.maxDrawdown),
      ratio(P.openCount[s], l.maxOpenOrders),
      ratio(P.grossValue[s] + P.openN[s], l.maxGrossExposure),
    ];
    for (let j = 0; j < UTIL_LIMITS.length; j++) out[off + j] = vals[j];
  }

  refresh(g: GaugeValues): void {
    const k = this.k;
    const n = this.limits.length;
    for (let s = 0; s < n; s++) {
      const p = this.pnl(s);
      g.pnl[s] = p.pnl;
      g.drawdown[s] = p.drawdown;
      for (let i = 0; i < k.nInstruments; i++) g.position[s * k.nInstruments + i] = k.position(s, i);
      this.utilisation(s, g.utilisation, s * UTIL_LIMITS.length);
      g.stage[s] = this.router.stage[s];
    }
    g.killSwitch = this.killActive() ? 1 : 0;
    if (this.live !== null) g.sessions.set(this.live.sessionName, this.live.session.loggedOn ? 1 : 0);
    g.messageRate.set(this.rates);
  }
}
