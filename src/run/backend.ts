// SystemBackend: the web API's ApiBackend (src/api/backend.ts) over a RunningSystem (./system.ts), and
// mountSystemApi, which registers src/api's routes, stream and UI on the system's fastify server.
// Reads copy out of the engine's state between kernel ticks (the event loop runs one or the other): the
// risk engine's positions and PnL, the kernel's books, the activity rings (./activity.ts), the stage book,
// the HDR recorders. Commands go through the system's library calls (promote, setStage, addStrategy,
// killSwitch), which journal and log. Money in currency units (price units / 10_000), times in wall ms.
// Alerts: the run config's rules evaluated in process (RunningSystem.alerts), firing and recently resolved.
// Limits: setLimits changes a strategy's limits in the running kernel (a journaled control); backtests run the strategy alone
// on a fresh simulator session (src/api/sim/backtest.ts).

import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { wallMs } from '../clock/live.js';
import type { StrategySpec } from '../config/strategy.js';
import { SIDE_ASK, SIDE_BID } from '../core/units.js';
import type {
  AlertInfo, ApiBackend, AuditEntry, BackendEvent, BacktestRequest, BookInfo, DashboardSnapshot, FillInfo, GateCheck as ApiGate,
  HealthInfo, HistogramInfo, OrderInfo, PnlInfo, PositionInfo, PromoteOutcome, Result, RiskInfo, Stage, StrategyInfo, StrategyInput,
  TradeInfo, ValidateResult,
} from '../api/backend.js';
import type { AlertState } from '../alerts/evaluate.js';
import { CTRL_LIMITS, CTRL_RELEASE } from '../kernel/control.js';
import { runSimBacktest } from '../api/sim/backtest.js';
import { validateInput } from '../api/spec-input.js';
import { LATENCY_BUCKETS, UTIL_LIMITS } from '../metrics/names.js';
import { N_REASONS } from '../metrics/counters.js';
import { OFF, SCOPE_GLOBAL, SCOPE_STRATEGY, type RiskLimits } from '../risk/index.js';
import { STATUS_OF } from './activity.js';
import { STAGE_ORDER, type GateCheck } from './stages.js';
import type { RunningSystem, SystemOptions } from './system.js';

const SCALE = 10_000;

/** The API's limit names (as risk() shows them) -> RiskLimits fields; money in currency units, rates per second. */
const LIMIT_FIELDS: Record<string, { field: keyof RiskLimits; money?: true; window?: keyof RiskLimits }> = {
  maxOrderQty: { field: 'maxOrderQty' },
  maxOrderNotional: { field: 'maxOrderNotional', money: true },
  maxPositionQty: { field: 'maxPositionQty' },
  maxPositionNotional: { field: 'maxPositionNotional', money: true },
  maxGrossExposure: { field: 'maxGrossExposure', money: true },
  maxLoss: { field: 'maxLoss', money: true },
  maxDrawdown: { field: 'maxDrawdown', money: true },
  maxOrdersPerSecond: { field: 'maxOrdersPerWindow', window: 'orderWindowNs' },
  maxMessagesPerSecond: { field: 'maxMessagesPerWindow', window: 'messageWindowNs' },
  maxOpenOrders: { field: 'maxOpenOrders' },
};
const side = (s: number): 'buy' | 'sell' => (s === SIDE_BID ? 'buy' : 'sell');

export class SystemBackend implements ApiBackend {
  private readonly listeners = new Set<(e: BackendEvent) => void>();
  private readonly auditRing: AuditEntry[] = [];
  private readonly yamls: Array<string | null>;
  private readonly auditPath: string;

  constructor(private readonly sys: RunningSystem) {
    this.auditPath = join(sys.journalDir, 'audit.log');
    this.yamls = sys.slots.map((_, id) => {
      const rs = sys.spec.strategies[id];
      if (rs === undefined) return null;
      if (rs.file !== null) {
        try { return readFileSync(rs.file, 'utf8'); } catch { /* fall through to the rendered spec */ }
      }
      return renderSpec(rs.spec);
    });
    sys.on((e) => {
      if (e.type === 'stage' && e.change.from !== null) {
        const c = e.change;
        const tsMs = new Date(c.ts).getTime();
        this.emit({ type: 'stage', strategy: c.strategy, from: c.from!, to: c.to, reason: c.detail ?? c.reason, tsMs });
        // the engine's own changes (a breach, a drawdown over the gate) are audited here; the API audits its callers'
        if (c.actor === 'system') this.audit({ tsMs, actor: 'system', role: 'system', action: 'strategy.demote', target: c.strategy, params: { from: c.from, to: c.to, reason: c.reason }, ok: true, detail: c.detail ?? c.reason });
      }
      if (e.type === 'kill') this.emit(e);
      if (e.type === 'alert') this.emit({ type: 'alert', alert: this.alertInfo(e.alert) });
    });
  }

  private emit(e: BackendEvent): void {
    for (const l of this.listeners) l(e);
  }

  private ms(ns: number): number {
    return this.sys.epochMs + ns / 1e6;
  }

  private named(name: string): number {
    return this.sys.slots.findIndex((s) => s.name === name && s.name !== '');
  }

  private notFound(name: string): { ok: false; error: string; notFound: true } {
    return { ok: false, error: `no strategy named ${name}`, notFound: true };
  }

  health(): HealthInfo {
    const s = this.sys;
    const live = s.live;
    const kill = s.gauges.killActive();
    const components = [
      { name: 'market', ok: true, detail: s.market !== null ? `synthetic, ${s.instruments.length} instruments, ${s.market.venue.commands} venue commands` : `MoldUDP64 ${s.spec.market.host}:${s.spec.market.port}, ${s.counters.feedMessages[0]} messages, ${s.counters.feedGaps[0]} gaps` },
      { name: 'kernel', ok: true, detail: `${s.kernel.feedEvents} feed events, ${s.kernel.commands} commands` },
      { name: 'fix', ok: live !== null && live.session.loggedOn, detail: live === null ? `no live venue: ${s.liveError}` : live.session.loggedOn ? 'session HFTBOT-EXCH logged on' : 'session down' },
      { name: 'journal', ok: true, detail: s.journalDir },
    ];
    const status = components.every((c) => c.ok) ? 'ok' : 'degraded';
    return { status, startedAtMs: s.startedAtMs, uptimeS: (wallMs() - s.startedAtMs) / 1000, eventsPerSec: s.eventsPerSec, killSwitch: kill, components };
  }

  instruments(): string[] {
    return this.sys.instruments.slice();
  }

  private info(id: number): StrategyInfo {
    const s = this.sys;
    const spec = s.specs[id]!;
    const rec = s.stages.records[id];
    const k = s.kernel;
    const nI = s.instruments.length;
    let trades = 0;
    let breaches = 0;
    for (let i = 0; i < nI; i++) trades += s.counters.fills[id * nI + i] + s.counters.shadowFills[id * nI + i];
    for (let r = 0; r < N_REASONS; r++) breaches += s.counters.breaches[id * N_REASONS + r];
    const halted = k.risk.isKilled(SCOPE_STRATEGY, id) || k.risk.isKilled(SCOPE_GLOBAL, 0);
    const p = s.gauges.pnl(id);
    return {
      name: spec.name, template: spec.template, instruments: spec.instruments.slice(), stage: rec.stage,
      state: halted ? 'halted' : s.slots[id].running ? 'running' : 'stopped',
      pnl: p.pnl, drawdown: p.drawdown, trades, openOrders: k.risk.positions.openCount[id], riskBreaches: breaches,
      stageSinceMs: rec.stageSinceMs, yaml: this.yamls[id] ?? renderSpec(spec),
    };
  }

  strategies(): StrategyInfo[] {
    return this.sys.slots.flatMap((sl, id) => (sl.name === '' || this.sys.specs[id] === null ? [] : [this.info(id)]));
  }

  validate(input: StrategyInput): ValidateResult {
    const { spec: _spec, ...v } = validateInput(input);
    return v;
  }

  async create(input: StrategyInput, stage: Stage, actor = 'api'): Promise<Result<{ strategy: StrategyInfo }>> {
    const v = validateInput(input);
    if (v.spec === undefined) return { ok: false, error: 'invalid strategy', issues: v.issues };
    if (this.named(v.spec.name) >= 0 && this.sys.slots[this.named(v.spec.name)].running) return { ok: false, error: `a strategy named ${v.spec.name} is running` };
    const r = this.sys.addStrategy(v.spec, stage, actor);
    if (!r.ok) return { ok: false, error: r.error };
    this.sys.slots[r.id].running = false; // created stopped: start() sets it trading
    this.yamls[r.id] = v.yaml;
    return { ok: true, strategy: this.info(r.id) };
  }

  async backtest(req: BacktestRequest): Promise<Result<{ report: import('../api/backend.js').BacktestReport }>> {
    let spec: StrategySpec;
    if (req.strategy !== undefined) {
      const id = this.named(req.strategy);
      if (id < 0) return this.notFound(req.strategy);
      spec = this.sys.specs[id]!;
    } else if (req.input !== undefined) {
      const v = validateInput(req.input);
      if (v.spec === undefined) return { ok: false, error: 'invalid strategy', issues: v.issues };
      spec = v.spec;
    } else {
      return { ok: false, error: 'give a strategy name or an input' };
    }
    return { ok: true, report: runSimBacktest(spec, Math.min(req.durationS ?? 20, 600), req.seed ?? 11) };
  }

  async start(name: string, actor = 'api'): Promise<Result<{ strategy: StrategyInfo }>> {
    const id = this.named(name);
    if (id < 0) return this.notFound(name);
    this.sys.log.info({ event: 'strategy', strategy: name, state: 'running', actor }, `${name} started by ${actor}`);
    this.sys.slots[id].running = true;
    this.sys.kernel.control(CTRL_RELEASE, SCOPE_STRATEGY, id); // journaled (src/kernel/control.ts)
    return { ok: true, strategy: this.info(id) };
  }

  async stop(name: string, actor = 'api'): Promise<Result<{ strategy: StrategyInfo }>> {
    const id = this.named(name);
    if (id < 0) return this.notFound(name);
    this.sys.log.info({ event: 'strategy', strategy: name, state: 'stopped', actor }, `${name} stopped by ${actor}`);
    this.sys.slots[id].running = false;
    this.sys.cancelAll(id);
    return { ok: true, strategy: this.info(id) };
  }

  async setStage(name: string, stage: Stage, actor = 'api'): Promise<Result<{ strategy: StrategyInfo }>> {
    const id = this.named(name);
    if (id < 0) return this.notFound(name);
    if (stage === 'live' && this.sys.live === null) return { ok: false, error: `no live venue: ${this.sys.liveError}` };
    this.sys.setStage(name, stage, actor);
    return { ok: true, strategy: this.info(id) };
  }

  async promote(name: string, actor = 'api'): Promise<Result<PromoteOutcome>> {
    const id = this.named(name);
    if (id < 0) return this.notFound(name);
    const from = this.sys.stages.records[id].stage;
    if (from === 'live') return { ok: false, error: `${name} is already live` };
    const to = STAGE_ORDER[STAGE_ORDER.indexOf(from) + 1];
    if (to === 'live' && this.sys.live === null) return { ok: false, error: `no live venue: ${this.sys.liveError}` };
    const rep = this.sys.promote(name, to, actor);
    return { ok: true, from, to, promoted: rep.ok, gates: rep.checks.map(apiGate) };
  }

  orders(q: { strategy?: string; open?: boolean; limit: number }): OrderInfo[] {
    const a = this.sys.activity;
    const out: OrderInfo[] = [];
    for (const k of a.recentOrders(1024)) {
      if (out.length >= q.limit) break;
      const strategy = this.sys.slots[a.oStrategy[k]]?.name ?? '';
      if (q.strategy !== undefined && strategy !== q.strategy) continue;
      const open = a.isOpen(k);
      if (q.open === true && !open) continue;
      out.push({
        clOrdId: a.oCl[k], strategy, instrument: this.sys.instruments[a.oInst[k]], side: side(a.oSide[k]), qty: a.oQty[k], px: a.oPx[k] / SCALE,
        cumQty: a.oCum[k], leavesQty: open ? a.oQty[k] - a.oCum[k] : 0, status: STATUS_OF[a.oEvent[k]] ?? 'unknown', stage: STAGE_ORDER[a.oStage[k]], tsMs: this.ms(a.oTs[k]),
      });
    }
    return out;
  }

  fills(q: { strategy?: string; limit: number }): FillInfo[] {
    const a = this.sys.activity;
    const out: FillInfo[] = [];
    for (const k of a.recentFills(1024)) {
      if (out.length >= q.limit) break;
      const strategy = this.sys.slots[a.fStrategy[k]]?.name ?? '';
      if (q.strategy !== undefined && strategy !== q.strategy) continue;
      out.push({ clOrdId: a.fCl[k], strategy, instrument: this.sys.instruments[a.fInst[k]], side: side(a.fSide[k]), qty: a.fQty[k], px: a.fPx[k] / SCALE, fee: a.fFee[k] / SCALE, shadow: a.fShadow[k] === 1, tsMs: this.ms(a.fTs[k]) });
    }
    return out;
  }

  positions(): PositionInfo[] {
    const k = this.sys.kernel;
    const P = k.risk.positions;
    const out: PositionInfo[] = [];
    for (const id of this.ids()) {
      for (const sym of this.sys.specs[id]!.instruments) {
        const i = this.sys.instruments.indexOf(sym);
        const qty = k.position(id, i);
        const avg = P.avgCost(id, i);
        out.push({ strategy: this.sys.slots[id].name, instrument: sym, qty, avgPx: avg / SCALE, pnl: qty === 0 ? 0 : (qty * (P.mark(i) - avg)) / SCALE });
      }
    }
    return out;
  }

  private ids(): number[] {
    return this.sys.slots.flatMap((s, id) => (s.name !== '' && this.sys.specs[id] !== null ? [id] : []));
  }

  pnl(): PnlInfo {
    const strategies = this.ids().map((id) => ({ strategy: this.sys.slots[id].name, ...this.sys.gauges.pnl(id) }));
    return { total: strategies.reduce((a, s) => a + s.pnl, 0), strategies };
  }

  risk(): RiskInfo {
    const s = this.sys;
    const util = new Float64Array(UTIL_LIMITS.length);
    return {
      killSwitch: s.gauges.killActive(),
      strategies: this.ids().map((id) => {
        const l = s.limits[id];
        const lots = (v: number): number | null => (v === OFF ? null : v);
        const money = (v: number): number | null => (v === OFF ? null : v / SCALE);
        s.gauges.utilisation(id, util, 0);
        let breaches = 0;
        for (let r = 0; r < N_REASONS; r++) breaches += s.counters.breaches[id * N_REASONS + r];
        return {
          strategy: s.slots[id].name,
          limits: {
            maxOrderQty: lots(l.maxOrderQty), maxOrderNotional: money(l.maxOrderNotional), maxPositionQty: lots(l.maxPositionQty),
            maxPositionNotional: money(l.maxPositionNotional), maxGrossExposure: money(l.maxGrossExposure), maxLoss: money(l.maxLoss),
            maxDrawdown: money(l.maxDrawdown), maxOrdersPerSecond: lots(l.maxOrdersPerWindow), maxMessagesPerSecond: lots(l.maxMessagesPerWindow),
            maxOpenOrders: lots(l.maxOpenOrders),
          },
          utilisation: Object.fromEntries(UTIL_LIMITS.map((n, j) => [n, util[j]])),
          breaches,
        };
      }),
    };
  }

  /**
   * New risk limits for a strategy of the running kernel, by the names risk() shows (money in currency
   * units, rates per second, null: the check off); the rest of its limits stay. One journaled kernel event
   * (src/kernel/control.ts), in force from the next order.
   */
  async setLimits(strategy: string, limits: Record<string, number | null>, actor = 'api'): Promise<Result<{ risk: RiskInfo }>> {
    const id = this.named(strategy);
    if (id < 0) return this.notFound(strategy);
    const next: RiskLimits = { ...this.sys.limits[id] };
    for (const [name, v] of Object.entries(limits)) {
      if (v === undefined) continue;
      const f = LIMIT_FIELDS[name];
      if (f === undefined) return { ok: false, error: `limits.${name}: not a limit (one of ${Object.keys(LIMIT_FIELDS).join(', ')})` };
      const value = v === null ? OFF : f.money ? Math.round(v * SCALE) : v;
      if (v !== null && !f.money && !Number.isSafeInteger(v)) return { ok: false, error: `limits.${name}: a whole number, got ${v}` };
      (next as unknown as Record<string, number>)[f.field] = value;
      if (f.window !== undefined && v !== null) (next as unknown as Record<string, number>)[f.window] = 1_000_000_000;
    }
    if (this.sys.kernel.control(CTRL_LIMITS, SCOPE_STRATEGY, id, JSON.stringify(next)) < 0) return { ok: false, error: 'limits: refused by the risk engine (see the limits\' rules in src/risk/types.ts)' };
    Object.assign(this.sys.limits[id], next);
    this.sys.log.warn({ event: 'risk_limits', strategy, limits, actor }, `${strategy}: risk limits changed by ${actor}`);
    return { ok: true, risk: this.risk() };
  }

  async killSwitch(engage: boolean, actor = 'api'): Promise<Result<{ active: boolean; cancelled: number }>> {
    const cancelled = this.sys.killSwitch(engage, actor);
    return { ok: true, active: this.sys.gauges.killActive(), cancelled };
  }

  latency(): HistogramInfo[] {
    const out: HistogramInfo[] = [];
    for (const h of this.sys.counters.histograms) {
      for (const { labels, rec } of h.entries()) {
        if (Object.values(labels).some((v) => v === '')) continue;
        const c = rec.bucketCounts(LATENCY_BUCKETS, new Float64Array(LATENCY_BUCKETS.length + 1));
        out.push({
          metric: h.name, labels: { ...labels }, count: rec.count, p50: rec.percentileNs(50) / 1e9, p99: rec.percentileNs(99) / 1e9,
          p999: rec.percentileNs(99.9) / 1e9, max: rec.count === 0 ? 0 : rec.h.maxValue / 1e9,
          buckets: [...LATENCY_BUCKETS, Infinity].map((le, i) => ({ le: Number.isFinite(le) ? le : 1e9, count: c[i] })),
        });
      }
    }
    return out;
  }

  book(instrument: string, depth: number): BookInfo | null {
    const i = this.sys.instruments.indexOf(instrument);
    if (i < 0) return null;
    const b = this.sys.kernel.books;
    const levels = (sd: typeof SIDE_BID | typeof SIDE_ASK) => {
      const n = Math.min(depth, b.depth(i, sd));
      const out = [];
      for (let l = 0; l < n; l++) out.push({ px: b.levelPrice(i, sd, l) / SCALE, qty: b.levelQty(i, sd, l), orders: b.levelCount(i, sd, l) });
      return out;
    };
    return { instrument, bids: levels(SIDE_BID), asks: levels(SIDE_ASK), tsMs: wallMs() };
  }

  trades(instrument: string, limit: number): TradeInfo[] {
    const i = this.sys.instruments.indexOf(instrument);
    if (i < 0) return [];
    const a = this.sys.activity;
    return a.recentPrints(i, limit).map((k) => ({ instrument, px: a.pPx[k] / SCALE, qty: a.pQty[k], side: a.pBuy[k] === 1 ? 'buy' as const : 'sell' as const, tsMs: this.ms(a.pTs[k]) }));
  }

  /** The run config's alert rules as the engine evaluates them (src/alerts/evaluate.ts): firing first, then recently resolved. */
  alerts(): AlertInfo[] {
    return this.sys.alerts === null ? [] : this.sys.alerts.list().map((a) => this.alertInfo(a));
  }

  private alertInfo(a: AlertState): AlertInfo {
    return { name: a.name, severity: a.severity, state: a.state === 'resolved' ? 'resolved' : 'firing', sinceMs: this.ms(a.sinceNs), summary: a.summary };
  }

  snapshot(depth: number): DashboardSnapshot {
    return {
      tsMs: wallMs(), health: this.health(), pnl: this.pnl(), positions: this.positions(), strategies: this.strategies(), risk: this.risk(), alerts: this.alerts(),
      books: this.sys.instruments.map((x) => this.book(x, depth)!),
      trades: this.sys.instruments.flatMap((x) => this.trades(x, 5)),
      orders: this.orders({ limit: 50 }), fills: this.fills({ limit: 50 }),
    };
  }

  onEvent(listener: (e: BackendEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  audit(entry: AuditEntry): void {
    this.auditRing.push(entry);
    if (this.auditRing.length > 1000) this.auditRing.shift();
    try { appendFileSync(this.auditPath, `${JSON.stringify(entry)}\n`); } catch (err) { this.sys.log.error({ event: 'audit', error: (err as Error).message }, 'audit log write failed'); }
    this.emit({ type: 'audit', entry });
  }

  auditLog(limit: number): AuditEntry[] {
    return this.auditRing.slice(-limit).reverse();
  }
}

function apiGate(c: GateCheck): ApiGate {
  const f = (v: number | null): string => {
    if (v === null) return 'n/a';
    if (c.gate === 'minShadowTime') return `${(v / 1e9).toFixed(1)} s`;
    if (c.gate === 'maxDrawdown') return `$${v.toFixed(2)}`;
    return c.gate === 'minSharpe' ? v.toFixed(2) : String(v);
  };
  return { gate: c.gate, required: f(c.required), actual: f(c.actual), ok: c.ok };
}

/** A readable YAML of a validated spec (for strategies written inline in the run config). */
function renderSpec(s: StrategySpec): string {
  return stringify({ Name: s.name, Strategy: s.template, Instruments: s.instruments, RiskTolerance: s.riskTolerance, Stage: s.stage, Params: s.params });
}

/** Registers src/api on the system's server over a SystemBackend. */
export async function mountSystemApi(sys: RunningSystem, tokens?: SystemOptions['apiTokens']): Promise<void> {
  const api = await import('../api/index.js');
  const list = tokens ?? api.DEMO_TOKENS;
  if (tokens === undefined) sys.log.warn({ event: 'api', tokens: api.DEMO_TOKENS.map((t) => `${t.role}:${t.token}`) }, 'web API uses the demo tokens (set HFTBOT_API_TOKENS=name:role:token,... for real ones)');
  await api.registerApi(sys.app, new SystemBackend(sys), { tokens: list });
}
