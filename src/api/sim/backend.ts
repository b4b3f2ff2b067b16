// SimBackend: an ApiBackend over an in-process simulator session (src/kernel/sim-session.ts: the
// synthetic market, the kernel, the simulator venue port), stepped on a live timer (startClock) or by
// the caller (step), with strategies from src/config specs in kernel Slots (./slot.ts). For the API and
// UI tests, the dashboard benchmark (../bench.ts) and UI work without `hftbot run` (whose backend,
// src/run, is the real one). Simplifications of a stand-in: every stage sends its orders to the
// simulator (fills in shadow are only flagged shadow), limit overrides are recorded and shown, not
// enforced, and the only latency histogram is the time of each step (market and kernel).

import { clearLiveTimer, monoNs, setLiveInterval, wallMs } from '../../clock/live.js';
import { RISK_PRESETS } from '../../config/presets.js';
import type { StrategySpec } from '../../config/strategy.js';
import { simSession, type SimSession } from '../../kernel/sim-session.js';
import { CTRL_KILL, CTRL_RELEASE } from '../../kernel/control.js';
import { limitsFromPreset, SCOPE_GLOBAL, SCOPE_STRATEGY } from '../../risk/index.js';
import { strategyFromSpec } from '../../strategy/factory.js';
import type {
  AlertInfo, ApiBackend, AuditEntry, BackendEvent, BacktestRequest, BookInfo, DashboardSnapshot, FillInfo, HealthInfo,
  HistogramInfo, OrderInfo, PnlInfo, PositionInfo, Result, RiskInfo, Stage, StrategyInfo, StrategyInput, TradeInfo,
} from '../backend.js';
import { validateInput } from '../spec-input.js';
import { Blotter } from './blotter.js';
import { Log2Histogram } from './histogram.js';
import { Slot, type SlotRecorder } from './slot.js';
import { runSimBacktest } from './backtest.js';

export const SYMBOLS = ['AAPL', 'MSFT', 'SPY', 'AssetA', 'AssetB'];
const SCALE = 10_000;
const STAGES: Stage[] = ['shadow', 'paper', 'live'];

interface Entry {
  slot: Slot;
  spec: StrategySpec;
  yaml: string;
  stage: Stage;
  stageSinceMs: number;
  stageTrades: number;
  trades: number;
  breaches: number;
  peak: number;
  halted: boolean;
  overrides: Record<string, number | null>;
}

export interface SimBackendOptions {
  seed?: number;
  /** Real ms between steps (each advances the market by the same simulated time). */
  stepMs?: number;
  /** Strategies created at start (YAML), running. */
  preload?: Array<{ yaml: string; stage: Stage }>;
  slots?: number;
}

export class SimBackend implements ApiBackend {
  readonly session: SimSession;
  private readonly slots: Slot[] = [];
  private readonly entries = new Map<string, Entry>();
  private readonly blotter = new Blotter(SYMBOLS, SCALE);
  private readonly auditEntries: AuditEntry[] = [];
  private readonly listeners = new Set<(e: BackendEvent) => void>();
  /** Time of each step's market + kernel work (a stand-in's latency figure). */
  private readonly stepHist = new Log2Histogram('hftbot_sim_step_seconds', { work: 'market+kernel step' });
  private timer: NodeJS.Timeout | null = null;
  private killActive = false;
  private killSince = 0;
  private readonly startedAtMs = wallMs();
  private lastRateAt = wallMs();
  private lastEvents = 0;
  private rate = 0;

  constructor(private readonly opts: SimBackendOptions = {}) {
    const rec: SlotRecorder = {
      onSubmit: (slot, cl, inst, side, qty, px) => {
        const e = this.entryOf(slot);
        this.blotter.submitted(e?.spec.name ?? slot.name, e?.stage ?? 'paper', cl, inst, side, qty, px);
      },
      onReplace: (_slot, oldCl, newCl, qty, px) => this.blotter.replaced(oldCl, newCl, qty, px),
      onOrderEvent: (slot, ev) => {
        const e = this.entryOf(slot);
        if (this.blotter.event(ev) && e !== undefined) { e.trades++; e.stageTrades++; }
      },
      onTrade: (inst, px, qty, agg) => this.blotter.print(inst, px, qty, agg),
      onRejected: (slot) => { const e = this.entryOf(slot); if (e !== undefined) e.breaches++; },
    };
    const n = opts.slots ?? 6;
    for (let i = 0; i < n; i++) this.slots.push(new Slot(i, SYMBOLS, rec, i === 0));
    const limits = limitsFromPreset(RISK_PRESETS.medium, { priceScale: SCALE });
    this.session = simSession({
      market: { seed: opts.seed ?? 7 },
      kernel: { instruments: SYMBOLS, strategies: this.slots.map((s) => ({ strategy: s, limits })) },
      venue: 'sim',
    });
    for (const p of opts.preload ?? []) {
      const v = validateInput({ yaml: p.yaml });
      if (v.spec === undefined) throw new Error(`preload: ${JSON.stringify(v.issues)}`);
      const e = this.add(v.spec, p.yaml, p.stage);
      e.slot.running = true;
    }
  }

  /** Steps the market and the kernel every stepMs of real time by as much simulated time. */
  startClock(): void {
    const stepMs = this.opts.stepMs ?? 20;
    this.timer = setLiveInterval(() => this.step(stepMs), stepMs);
  }

  step(ms: number): void {
    const t0 = monoNs();
    this.session.run(this.session.clock.now() + ms * 1_000_000);
    const us = (monoNs() - t0) / 1000;
    this.stepHist.record(us);
    for (const e of this.entries.values()) {
      const pnl = this.pnlOf(e);
      if (pnl > e.peak) e.peak = pnl;
    }
    const now = wallMs();
    if (now - this.lastRateAt >= 1000) {
      const k = this.session.kernel;
      const ev = k.feedEvents + k.execEvents;
      this.rate = ((ev - this.lastEvents) * 1000) / (now - this.lastRateAt);
      this.lastEvents = ev;
      this.lastRateAt = now;
    }
  }

  close(): void {
    if (this.timer !== null) clearLiveTimer(this.timer);
    this.timer = null;
  }

  // ---- recording ----

  private entryOf(slot: Slot): Entry | undefined {
    for (const e of this.entries.values()) if (e.slot === slot) return e;
    return undefined;
  }

  private emit(e: BackendEvent): void {
    for (const l of this.listeners) l(e);
  }

  private add(spec: StrategySpec, yaml: string, stage: Stage): Entry {
    const slot = this.slots.find((s) => s.inner === null);
    if (slot === undefined) throw new Error('no free slot');
    slot.attach(strategyFromSpec(spec));
    const e: Entry = { slot, spec, yaml, stage, stageSinceMs: wallMs(), stageTrades: 0, trades: 0, breaches: 0, peak: 0, halted: false, overrides: {} };
    this.entries.set(spec.name, e);
    return e;
  }

  private pnlOf(e: Entry): number {
    return this.session.kernel.pnl(e.slot.id) / SCALE;
  }

  private info(e: Entry): StrategyInfo {
    const pnl = this.pnlOf(e);
    return {
      name: e.spec.name, template: e.spec.template, instruments: e.spec.instruments, stage: e.stage,
      state: e.halted ? 'halted' : e.slot.running ? 'running' : 'stopped', pnl, drawdown: Math.max(0, e.peak - pnl),
      trades: e.trades, openOrders: this.session.kernel.risk.positions.openCount[e.slot.id], riskBreaches: e.breaches,
      stageSinceMs: e.stageSinceMs, yaml: e.yaml,
    };
  }

  private cancelAll(slotId: number | null): number {
    const k = this.session.kernel;
    const buf = new Float64Array(4096);
    let cancelled = 0;
    for (const s of this.slots) {
      if (slotId !== null && s.id !== slotId) continue;
      const n = k.risk.openOrdersOf(SCOPE_STRATEGY, s.id, buf);
      for (let i = 0; i < n; i++) if (k.cancel(s.id, buf[i]) === 0) cancelled++;
    }
    return cancelled;
  }

  // ---- ApiBackend ----

  health(): HealthInfo {
    return {
      status: this.killActive ? 'degraded' : 'ok', startedAtMs: this.startedAtMs, uptimeS: (wallMs() - this.startedAtMs) / 1000,
      eventsPerSec: this.rate, killSwitch: this.killActive,
      components: [
        { name: 'market', ok: true, detail: `synthetic market, ${SYMBOLS.length} instruments` },
        { name: 'kernel', ok: true, detail: `${this.session.kernel.feedEvents} feed events` },
        { name: 'venue', ok: true, detail: 'simulator port' },
      ],
    };
  }

  instruments(): string[] {
    return SYMBOLS.slice();
  }

  strategies(): StrategyInfo[] {
    return [...this.entries.values()].map((e) => this.info(e));
  }

  validate(input: StrategyInput) {
    const { spec: _spec, ...rest } = validateInput(input);
    return rest;
  }

  async create(input: StrategyInput, stage: Stage): Promise<Result<{ strategy: StrategyInfo }>> {
    const v = validateInput(input);
    if (v.spec === undefined) return { ok: false, error: 'invalid strategy', issues: v.issues };
    if (this.entries.has(v.spec.name)) return { ok: false, error: `a strategy named ${v.spec.name} exists` };
    const bad = v.spec.instruments.find((s) => !SYMBOLS.includes(s));
    if (bad !== undefined) return { ok: false, error: `${bad} is not traded here (${SYMBOLS.join(', ')})`, issues: [{ line: 1, col: 1, message: `unknown instrument ${bad}` }] };
    if (!this.slots.some((s) => s.inner === null)) return { ok: false, error: 'no room for another strategy' };
    return { ok: true, strategy: this.info(this.add(v.spec, v.yaml, stage)) };
  }

  async backtest(req: BacktestRequest) {
    let spec: StrategySpec;
    if (req.strategy !== undefined) {
      const e = this.entries.get(req.strategy);
      if (e === undefined) return { ok: false as const, error: `no strategy ${req.strategy}`, notFound: true };
      spec = e.spec;
    } else {
      const v = validateInput(req.input!);
      if (v.spec === undefined) return { ok: false as const, error: 'invalid strategy', issues: v.issues };
      spec = v.spec;
    }
    return { ok: true as const, report: runSimBacktest(spec, req.durationS ?? 20, req.seed ?? 11) };
  }

  private named(name: string): Entry | Result<never> {
    return this.entries.get(name) ?? { ok: false, error: `no strategy ${name}`, notFound: true };
  }

  async start(name: string): Promise<Result<{ strategy: StrategyInfo }>> {
    const e = this.named(name);
    if ('ok' in e) return e;
    e.slot.running = true;
    e.halted = false;
    return { ok: true, strategy: this.info(e) };
  }

  async stop(name: string): Promise<Result<{ strategy: StrategyInfo }>> {
    const e = this.named(name);
    if ('ok' in e) return e;
    e.slot.running = false;
    this.cancelAll(e.slot.id);
    return { ok: true, strategy: this.info(e) };
  }

  private moveTo(e: Entry, to: Stage, reason: string): void {
    const from = e.stage;
    e.stage = to;
    e.stageSinceMs = wallMs();
    e.stageTrades = 0;
    this.emit({ type: 'stage', strategy: e.spec.name, from, to, reason, tsMs: e.stageSinceMs });
  }

  async setStage(name: string, stage: Stage): Promise<Result<{ strategy: StrategyInfo }>> {
    const e = this.named(name);
    if ('ok' in e) return e;
    this.moveTo(e, stage, 'operator');
    return { ok: true, strategy: this.info(e) };
  }

  async promote(name: string) {
    const e = this.named(name);
    if ('ok' in e) return e;
    const i = STAGES.indexOf(e.stage);
    if (i === STAGES.length - 1) return { ok: false as const, error: `${name} is already live` };
    const g = e.spec.promotion;
    const inStageS = (wallMs() - e.stageSinceMs) / 1000;
    const dd = Math.max(0, e.peak - this.pnlOf(e));
    const gates = [
      { gate: 'minShadowTime', required: `${g.minShadowTimeNs / 1e9} s`, actual: `${inStageS.toFixed(1)} s`, ok: inStageS * 1e9 >= g.minShadowTimeNs },
      { gate: 'minTrades', required: String(g.minTrades), actual: String(e.stageTrades), ok: e.stageTrades >= g.minTrades },
      { gate: 'maxDrawdown', required: `$${(g.maxDrawdownCents / 100).toFixed(2)}`, actual: `$${dd.toFixed(2)}`, ok: dd * 100 <= g.maxDrawdownCents },
      { gate: 'maxRiskBreaches', required: String(g.maxRiskBreaches), actual: String(e.breaches), ok: e.breaches <= g.maxRiskBreaches },
    ];
    const promoted = gates.every((x) => x.ok);
    const from = e.stage;
    const to = STAGES[i + 1];
    if (promoted) this.moveTo(e, to, 'promoted: gates passed');
    return { ok: true as const, from, to, promoted, gates };
  }

  orders(q: { strategy?: string; open?: boolean; limit: number }): OrderInfo[] {
    return this.blotter.orders(q);
  }

  fills(q: { strategy?: string; limit: number }): FillInfo[] {
    return this.blotter.fills(q);
  }

  positions(): PositionInfo[] {
    const k = this.session.kernel;
    const out: PositionInfo[] = [];
    for (const e of this.entries.values()) {
      for (const sym of e.spec.instruments) {
        const i = SYMBOLS.indexOf(sym);
        out.push({ strategy: e.spec.name, instrument: sym, qty: k.position(e.slot.id, i), avgPx: k.risk.positions.avgCost(e.slot.id, i) / SCALE, pnl: this.pnlOf(e) });
      }
    }
    return out;
  }

  pnl(): PnlInfo {
    const strategies = [...this.entries.values()].map((e) => ({ strategy: e.spec.name, pnl: this.pnlOf(e), drawdown: Math.max(0, e.peak - this.pnlOf(e)) }));
    return { total: strategies.reduce((a, s) => a + s.pnl, 0), strategies };
  }

  risk(): RiskInfo {
    const k = this.session.kernel;
    return {
      killSwitch: this.killActive,
      strategies: [...this.entries.values()].map((e) => {
        const r = e.spec.risk;
        const limits: Record<string, number | null> = { maxOrderQty: r.maxOrderQty, maxPositionQty: r.maxPositionQty, maxLoss: r.maxLossCents / 100, maxDrawdown: r.maxDrawdownCents / 100, maxOpenOrders: r.maxOpenOrders, ...e.overrides };
        const pos = Math.max(0, ...e.spec.instruments.map((s) => Math.abs(k.position(e.slot.id, SYMBOLS.indexOf(s)))));
        const pnl = this.pnlOf(e);
        const u = (v: number, l: number | null) => (l === null || l <= 0 ? 0 : Math.min(1, v / l));
        return {
          strategy: e.spec.name, limits, breaches: e.breaches,
          utilisation: { position: u(pos, limits.maxPositionQty), loss: u(Math.max(0, -pnl), limits.maxLoss), drawdown: u(Math.max(0, e.peak - pnl), limits.maxDrawdown), openOrders: u(k.risk.positions.openCount[e.slot.id], limits.maxOpenOrders) },
        };
      }),
    };
  }

  async setLimits(strategy: string, limits: Record<string, number | null>): Promise<Result<{ risk: RiskInfo }>> {
    const e = this.named(strategy);
    if ('ok' in e) return e;
    Object.assign(e.overrides, limits);
    return { ok: true, risk: this.risk() };
  }

  async killSwitch(engage: boolean): Promise<Result<{ active: boolean; cancelled: number }>> {
    const k = this.session.kernel;
    let cancelled = 0;
    if (engage) {
      cancelled = Math.max(0, k.control(CTRL_KILL, SCOPE_GLOBAL, 0)); // the kill and its cancels: one kernel event
      if (!this.killActive) this.killSince = wallMs();
    } else k.control(CTRL_RELEASE, SCOPE_GLOBAL, 0);
    this.killActive = engage;
    this.emit({ type: 'kill', active: engage, cancelled, tsMs: wallMs() });
    return { ok: true, active: engage, cancelled };
  }

  latency(): HistogramInfo[] {
    return [this.stepHist.info()];
  }

  book(instrument: string, depth: number): BookInfo | null {
    const i = SYMBOLS.indexOf(instrument);
    if (i < 0) return null;
    const b = this.session.kernel.books;
    const side = (s: 0 | 1) => {
      const n = Math.min(depth, b.depth(i, s));
      const out = [];
      for (let l = 0; l < n; l++) out.push({ px: b.levelPrice(i, s, l) / SCALE, qty: b.levelQty(i, s, l), orders: b.levelCount(i, s, l) });
      return out;
    };
    return { instrument, bids: side(0), asks: side(1), tsMs: wallMs() };
  }

  trades(instrument: string, limit: number): TradeInfo[] {
    const i = SYMBOLS.indexOf(instrument);
    return i < 0 ? [] : this.blotter.trades(i, limit);
  }

  alerts(): AlertInfo[] {
    return this.killActive ? [{ name: 'KillSwitchEngaged', severity: 'critical', state: 'firing', sinceMs: this.killSince, summary: 'the global kill switch is engaged: no new orders' }] : [];
  }

  snapshot(depth: number): DashboardSnapshot {
    return {
      tsMs: wallMs(), health: this.health(), pnl: this.pnl(), positions: this.positions(), strategies: this.strategies(), risk: this.risk(),
      alerts: this.alerts(), books: SYMBOLS.map((s) => this.book(s, depth)!), trades: SYMBOLS.flatMap((_, i) => this.blotter.trades(i, 10)),
      orders: this.orders({ limit: 50 }), fills: this.fills({ limit: 50 }),
    };
  }

  onEvent(listener: (e: BackendEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  audit(entry: AuditEntry): void {
    this.auditEntries.unshift(entry);
    this.emit({ type: 'audit', entry });
  }

  auditLog(limit: number): AuditEntry[] {
    return this.auditEntries.slice(0, limit);
  }
}
