// Deployment stages (issue 7 item 2): shadow (fills modelled on the live book, nothing sent) -> paper
// (orders to the simulator) -> live (the configured FIX venue). The StageBook keeps each strategy's stage
// and its record, checks the promotion gates of its spec, demotes on a breach, and journals every change.
//
// The record (per strategy; "in stage" = since the strategy entered its current stage):
//   shadowTimeNs  time spent in shadow, all runs together (carried over through records.json)
//   trades        fills in stage
//   sharpe        annualised Sharpe of the 1-second changes of net PnL in stage, the backtest's definition
//                 (src/backtest/metrics.ts: mean / sample sd x sqrt(252 x 23,400)); null below 2 samples
//   maxDrawdown   deepest fall of net PnL from its running peak in stage, currency units
//   riskBreaches  hard-limit breaches in stage (a reject by a check in the strategy's killOnBreach: max
//                 loss, drawdown; the risk engine also engages the strategy's kill switch)
// Gates (PromotionGates of the spec) for a promotion one stage up: shadowTime >= minShadowTime, trades >=
// minTrades, sharpe >= minSharpe, maxDrawdown <= the gate's maxDrawdown, riskBreaches <= maxRiskBreaches.
// Going down (to any lower stage) needs no gate. Skipping a stage (shadow -> live) is refused.
// Automatic demotion: a risk breach, or an in-stage drawdown over the gate, sends a paper or live strategy
// back to shadow at once.
// Journal: `stages.log` in the journal folder, JSON lines, append-only: every change with its time, actor,
// reason and the gate report; `records.json` holds the latest records (rewritten, tmp + rename). At start
// the stage log's last entry for a strategy wins over the config's Stage (the journal is the deployment
// state; the config only seeds strategies the journal has never seen).
// Threading: the event loop (the kernel's thread); cold path (calls per second, not per message).

import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PromotionGates, Stage } from '../config/strategy.js';

export const STAGE_ORDER: readonly Stage[] = ['shadow', 'paper', 'live'];
/** Trading seconds in a year, 1-second samples: 252 days x 6.5 h (src/backtest/metrics.ts). */
const ANNUAL_SAMPLES = 252 * 23_400;

export interface StrategyRecord {
  name: string;
  stage: Stage;
  /** Wall ms of the last stage change (or of the start). */
  stageSinceMs: number;
  shadowTimeNs: number;
  trades: number;
  pnl: number;
  stagePnl: number;
  maxDrawdown: number;
  sharpe: number | null;
  riskBreaches: number;
}

export interface GateCheck { gate: 'minShadowTime' | 'minTrades' | 'minSharpe' | 'maxDrawdown' | 'maxRiskBreaches'; required: number; actual: number | null; ok: boolean }
export interface GateReport { strategy: string; from: Stage; to: Stage; ok: boolean; checks: GateCheck[]; message: string }

export interface StageChange {
  ts: string;
  strategy: string;
  from: Stage | null;
  to: Stage;
  reason: 'config' | 'journal' | 'promote' | 'demote' | 'breach' | 'drawdown';
  actor: string;
  detail?: string;
  gates?: GateReport;
}

export interface StageBookOptions {
  /** Journal folder (stages.log, records.json); null: nothing persisted (tests). */
  dir: string | null;
  strategies: ReadonlyArray<{ name: string; stage: Stage; gates: PromotionGates }>;
  /** Wall clock, ms (the caller passes wallMs from src/clock/live.ts). */
  wallMs: () => number;
  /** Called after every change (the system re-routes orders, logs, updates gauges). */
  onChange?: (c: StageChange, id: number) => void;
  /** Journal each strategy's starting stage (default true; false for an offline `hftbot promote`). */
  announce?: boolean;
}

interface Acc { n: number; sum: number; sumSq: number; lastPnl: number; peak: number; pnlAtStart: number; fillsAtStart: number; fills: number; started: boolean }

export class StageBook {
  readonly records: StrategyRecord[];
  readonly gates: PromotionGates[];
  private readonly acc: Acc[];
  private readonly byName = new Map<string, number>();
  private readonly logPath: string | null;
  private readonly recordsPath: string | null;
  onChange: ((c: StageChange, id: number) => void) | null;

  constructor(private readonly o: StageBookOptions) {
    this.onChange = o.onChange ?? null;
    this.logPath = o.dir === null ? null : join(o.dir, 'stages.log');
    this.recordsPath = o.dir === null ? null : join(o.dir, 'records.json');
    if (o.dir !== null) mkdirSync(o.dir, { recursive: true });
    let saved: StrategyRecord[] = [];
    if (this.recordsPath !== null && existsSync(this.recordsPath)) {
      try {
        saved = (JSON.parse(readFileSync(this.recordsPath, 'utf8')) as { records?: StrategyRecord[] }).records ?? [];
      } catch {
        saved = []; // unreadable: the records start afresh (the stage log, which decides stages, is separate)
      }
    }
    const logged = this.lastStages();
    const now = o.wallMs();
    this.gates = o.strategies.map((s) => s.gates);
    this.records = o.strategies.map((s, id) => {
      this.byName.set(s.name, id);
      const prev = saved.find((r) => r.name === s.name);
      const fromLog = logged.get(s.name);
      const stage = fromLog ?? s.stage;
      const rec: StrategyRecord = {
        name: s.name, stage, stageSinceMs: now, shadowTimeNs: prev?.shadowTimeNs ?? 0, trades: 0, pnl: 0, stagePnl: 0, maxDrawdown: 0, sharpe: null, riskBreaches: 0,
      };
      // A strategy keeps the in-stage record of an earlier run only if it is still in that stage.
      if (prev !== undefined && prev.stage === stage) {
        rec.trades = prev.trades;
        rec.maxDrawdown = prev.maxDrawdown;
        rec.riskBreaches = prev.riskBreaches;
        rec.sharpe = prev.sharpe;
        rec.stageSinceMs = prev.stageSinceMs;
      }
      return rec;
    });
    this.acc = this.records.map((): Acc => ({ n: 0, sum: 0, sumSq: 0, lastPnl: 0, peak: 0, pnlAtStart: 0, fillsAtStart: 0, fills: 0, started: false }));
    if (o.announce !== false) this.records.forEach((r, id) => this.append({ ts: new Date(now).toISOString(), strategy: r.name, from: null, to: r.stage, reason: logged.has(r.name) ? 'journal' : 'config', actor: 'system' }, id, false));
  }

  /** The last stage per strategy in the stage log. */
  private lastStages(): Map<string, Stage> {
    const m = new Map<string, Stage>();
    if (this.logPath === null || !existsSync(this.logPath)) return m;
    for (const line of readFileSync(this.logPath, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        const c = JSON.parse(line) as StageChange;
        if (STAGE_ORDER.includes(c.to)) m.set(c.strategy, c.to);
      } catch {
        // a torn last line (crash mid-append) carries no decision
      }
    }
    return m;
  }

  /** The stage log as written so far (oldest first). */
  history(): StageChange[] {
    if (this.logPath === null || !existsSync(this.logPath)) return this.memLog.slice();
    return readFileSync(this.logPath, 'utf8').split('\n').filter((l) => l.trim() !== '').flatMap((l) => {
      try { return [JSON.parse(l) as StageChange]; } catch { return []; }
    });
  }

  private readonly memLog: StageChange[] = [];

  private append(c: StageChange, id: number, notify = true): void {
    if (this.logPath !== null) appendFileSync(this.logPath, `${JSON.stringify(c)}\n`);
    else this.memLog.push(c);
    if (notify) this.onChange?.(c, id);
  }

  id(name: string): number {
    return this.byName.get(name) ?? -1;
  }

  get(name: string): StrategyRecord | undefined {
    const id = this.id(name);
    return id < 0 ? undefined : this.records[id];
  }

  /**
   * Once a second per strategy: net PnL (currency units), fills so far (all stages), the time since the
   * last sample. Updates the record; demotes on an in-stage drawdown over the gate.
   */
  sample(id: number, pnl: number, fills: number, dtNs: number): void {
    const r = this.records[id];
    const a = this.acc[id];
    if (!a.started) {
      a.started = true;
      a.lastPnl = pnl;
      a.peak = pnl;
      a.pnlAtStart = pnl;
      a.fillsAtStart = fills - r.trades; // trades carried from an earlier run count as done
    } else {
      const d = pnl - a.lastPnl;
      a.n++;
      a.sum += d;
      a.sumSq += d * d;
      a.lastPnl = pnl;
    }
    if (r.stage === 'shadow') r.shadowTimeNs += dtNs;
    a.fills = fills;
    if (pnl > a.peak) a.peak = pnl;
    const dd = a.peak - pnl;
    if (dd > r.maxDrawdown) r.maxDrawdown = dd;
    r.pnl = pnl;
    r.stagePnl = pnl - a.pnlAtStart;
    r.trades = fills - a.fillsAtStart;
    if (a.n >= 2) {
      const m = a.sum / a.n;
      const v = (a.sumSq - a.n * m * m) / (a.n - 1);
      const sd = v > 0 ? Math.sqrt(v) : 0;
      r.sharpe = sd > 0 ? (m / sd) * Math.sqrt(ANNUAL_SAMPLES) : null;
    }
    const g = this.gates[id];
    if (r.stage !== 'shadow' && Math.round(r.maxDrawdown * 100) > g.maxDrawdownCents) {
      this.change(id, 'shadow', 'drawdown', 'system', `drawdown $${r.maxDrawdown.toFixed(2)} over the gate $${(g.maxDrawdownCents / 100).toFixed(2)}`);
    }
  }

  /** A hard risk-limit breach (check name): counted; a paper or live strategy goes back to shadow. */
  breach(id: number, check: string): void {
    const r = this.records[id];
    r.riskBreaches++;
    if (r.stage !== 'shadow') this.change(id, 'shadow', 'breach', 'system', `risk breach: ${check}`);
  }

  /** The gates for a move of `name` to `to` (default: one stage up). Pure. */
  checkGates(name: string, to?: Stage): GateReport {
    const id = this.id(name);
    if (id < 0) throw new Error(`no strategy named ${name}`);
    const r = this.records[id];
    const from = r.stage;
    const target = to ?? STAGE_ORDER[Math.min(STAGE_ORDER.indexOf(from) + 1, 2)];
    const up = STAGE_ORDER.indexOf(target) - STAGE_ORDER.indexOf(from);
    if (up <= 0) {
      const message = up === 0 ? `${name} is already ${from}` : `${name}: ${from} -> ${target} is a demotion (no gates)`;
      return { strategy: name, from, to: target, ok: up < 0, checks: [], message };
    }
    if (up > 1) return { strategy: name, from, to: target, ok: false, checks: [], message: `${name}: one stage at a time (${from} -> ${STAGE_ORDER[STAGE_ORDER.indexOf(from) + 1]} first)` };
    const g = this.gates[id];
    const checks: GateCheck[] = [
      { gate: 'minShadowTime', required: g.minShadowTimeNs, actual: r.shadowTimeNs, ok: r.shadowTimeNs >= g.minShadowTimeNs },
      { gate: 'minTrades', required: g.minTrades, actual: r.trades, ok: r.trades >= g.minTrades },
      { gate: 'minSharpe', required: g.minSharpe, actual: r.sharpe, ok: r.sharpe !== null && r.sharpe >= g.minSharpe },
      { gate: 'maxDrawdown', required: g.maxDrawdownCents / 100, actual: r.maxDrawdown, ok: Math.round(r.maxDrawdown * 100) <= g.maxDrawdownCents },
      { gate: 'maxRiskBreaches', required: g.maxRiskBreaches, actual: r.riskBreaches, ok: r.riskBreaches <= g.maxRiskBreaches },
    ];
    const failed = checks.filter((c) => !c.ok);
    const message = failed.length === 0
      ? `${name}: ${from} -> ${target}: every gate passed`
      : `${name}: ${from} -> ${target} refused: ${failed.map(describe).join('; ')}`;
    return { strategy: name, from, to: target, ok: failed.length === 0, checks, message };
  }

  /** Checks the gates and, when they pass, changes the stage (journaled). Demotions always pass. */
  promote(name: string, to?: Stage, actor = 'cli'): GateReport {
    const rep = this.checkGates(name, to);
    if (rep.ok) this.change(this.id(name), rep.to, STAGE_ORDER.indexOf(rep.to) < STAGE_ORDER.indexOf(rep.from) ? 'demote' : 'promote', actor, rep.message, rep);
    return rep;
  }

  /** Operator override: any stage, no gates (journaled with the actor). */
  force(name: string, to: Stage, actor: string): GateReport {
    const id = this.id(name);
    const from = this.records[id].stage;
    const down = STAGE_ORDER.indexOf(to) < STAGE_ORDER.indexOf(from);
    const rep: GateReport = { strategy: name, from, to, ok: true, checks: [], message: `${name}: ${from} -> ${to} by operator override (no gates)` };
    this.change(id, to, down ? 'demote' : 'promote', actor, rep.message);
    return rep;
  }

  /**
   * A strategy added at run time in slot `id` (the next id, or an existing one it replaces). The stage
   * log's last stage for the name wins, as at start. Returns the stage it runs in.
   */
  add(id: number, name: string, stage: Stage, gates: PromotionGates, actor: string): Stage {
    if (id < this.records.length) {
      this.gates[id] = gates;
      this.byName.set(name, id);
      this.records[id].name = name;
      this.change(id, stage, 'config', actor, 'strategy replaced');
      return this.records[id].stage;
    }
    if (id !== this.records.length) throw new Error('stage book: strategies are added in slot order');
    const logged = this.lastStages().get(name);
    const now = this.o.wallMs();
    const st = logged ?? stage;
    this.gates.push(gates);
    this.byName.set(name, id);
    this.records.push({ name, stage: st, stageSinceMs: now, shadowTimeNs: 0, trades: 0, pnl: 0, stagePnl: 0, maxDrawdown: 0, sharpe: null, riskBreaches: 0 });
    this.acc.push({ n: 0, sum: 0, sumSq: 0, lastPnl: 0, peak: 0, pnlAtStart: 0, fillsAtStart: 0, fills: 0, started: false });
    this.append({ ts: new Date(now).toISOString(), strategy: name, from: null, to: st, reason: logged !== undefined ? 'journal' : 'config', actor }, id);
    return st;
  }

  private change(id: number, to: Stage, reason: StageChange['reason'], actor: string, detail: string, gates?: GateReport): void {
    const r = this.records[id];
    const from = r.stage;
    if (from === to) return;
    const now = this.o.wallMs();
    r.stage = to;
    r.stageSinceMs = now;
    r.trades = 0;
    r.maxDrawdown = 0;
    r.sharpe = null;
    r.riskBreaches = 0;
    r.stagePnl = 0;
    const a = this.acc[id];
    a.n = 0;
    a.sum = 0;
    a.sumSq = 0;
    a.peak = a.lastPnl;
    a.pnlAtStart = a.lastPnl;
    a.fillsAtStart = a.fills;
    this.append({ ts: new Date(now).toISOString(), strategy: r.name, from, to, reason, actor, detail, gates }, id);
    this.save();
  }

  /** Writes records.json (tmp + rename: a reader never sees half a file). */
  save(): void {
    if (this.recordsPath === null) return;
    const tmp = `${this.recordsPath}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ savedAt: new Date(this.o.wallMs()).toISOString(), records: this.records }, null, 1)}\n`);
    renameSync(tmp, this.recordsPath);
  }
}

function describe(c: GateCheck): string {
  const fmt = (g: GateCheck['gate'], v: number | null): string => {
    if (v === null) return 'n/a';
    if (g === 'minShadowTime') return `${(v / 1e9).toFixed(0)}s`;
    if (g === 'maxDrawdown') return `$${v.toFixed(2)}`;
    if (g === 'minSharpe') return v.toFixed(2);
    return String(v);
  };
  const op = c.gate.startsWith('min') ? '>=' : '<=';
  return `${c.gate} ${fmt(c.gate, c.actual)} (needs ${op} ${fmt(c.gate, c.required)})`;
}
