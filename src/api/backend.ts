// ApiBackend: everything the HTTP API and the dashboard need from the running system, and nothing else.
// `hftbot run` implements it over the live kernel (src/run/backend.ts); the tests implement it over a
// simulator session (test/api/helpers). The API (./index.ts registerApi) only ever talks to this.
//
// Contract:
// - Every value returned is plain JSON (numbers, strings, booleans, arrays, plain objects): the API sends
//   it as is. Money and prices are in currency units (floats: display only, never fed back to the engine),
//   quantities in lots, latencies in seconds, times as wall-clock ms since the Unix epoch (`tsMs`).
// - Reads are cold: called from the HTTP thread at human speed (the dashboard's snapshot timer runs at
//   <= 10 Hz and calls snapshot() ONCE per tick whatever the number of clients). An implementation copies
//   what it needs out of the engine's state (or its last published copy) and never blocks the engine.
// - Commands return a result object; user errors (unknown strategy, invalid spec, gate not met) are
//   `{ ok: false, error }` results, never exceptions. An exception is a bug (the API answers 500).
// - Auditing: the API calls audit() once for every state-changing request (after it ran, with its
//   outcome); the backend appends it to its audit log (and journal) and lists it in auditLog().
// - onEvent: discrete, low-rate happenings (stage changes, kill switch, alerts, audit entries) pushed to
//   the listener as they occur; the API forwards them to the dashboard's WebSocket clients.

import type { Stage } from '../config/strategy.js';

export type { Stage };
export type Role = 'viewer' | 'trader' | 'admin';
export type SideName = 'buy' | 'sell';

export interface ComponentHealth {
  name: string;
  ok: boolean;
  detail: string;
}

export interface HealthInfo {
  status: 'ok' | 'degraded' | 'down';
  startedAtMs: number;
  uptimeS: number;
  /** Engine events handled per second over the last second. */
  eventsPerSec: number;
  killSwitch: boolean;
  components: ComponentHealth[];
}

/** running: trading in its stage; stopped: built but not acting; halted: stopped by risk (a breach / kill). */
export type StrategyState = 'running' | 'stopped' | 'halted';

export interface StrategyInfo {
  name: string;
  template: string;
  instruments: string[];
  stage: Stage;
  state: StrategyState;
  /** Net of fees, currency units. */
  pnl: number;
  drawdown: number;
  /** Fills (shadow fills in shadow), since the strategy started. */
  trades: number;
  openOrders: number;
  riskBreaches: number;
  /** When the current stage began. */
  stageSinceMs: number;
  /** The spec as YAML (what the editor shows). */
  yaml: string;
}

/** The seeds' minimal form, as a person types it (values are YAML scalars: "100ms", "0.7", "Low"). */
export interface SeedForm {
  strategy: string;
  asset: string;
  lookbackWindow: string;
  entryThreshold: string;
  riskTolerance: string;
  /** Optional instance name (default: the template's name from src/config). */
  name?: string;
}

/** A strategy as the editor sends it: the minimal form or raw YAML. */
export type StrategyInput = { form: SeedForm } | { yaml: string };

/** One validation issue, positioned in the YAML text (1-based), message from src/config. */
export interface SpecIssue {
  line: number;
  col: number;
  message: string;
}

export interface ValidateResult {
  ok: boolean;
  issues: SpecIssue[];
  /** The YAML the input amounts to (the form rendered as YAML; raw YAML as given). */
  yaml: string;
  /** When ok: the instance name, template and instruments the spec describes. */
  name?: string;
  template?: string;
  instruments?: string[];
}

/** A command's outcome. Failures: `notFound` (unknown strategy or instrument: 404), `issues` (an invalid
 *  spec: 422), otherwise a refused command (409: wrong state, gate not met). */
export type Result<T = object> = ({ ok: true } & T) | { ok: false; error: string; issues?: SpecIssue[]; notFound?: boolean };

export interface BacktestRequest {
  /** A strategy already known to the system, or a spec to try without creating it. */
  strategy?: string;
  input?: StrategyInput;
  /** Simulated market time to run (default chosen by the backend). */
  durationS?: number;
  seed?: number;
}

/** One chart: x in seconds from the start of the backtest, y in `unit`. */
export interface Series {
  name: string;
  unit: string;
  t: number[];
  v: number[];
}

export interface BacktestReport {
  strategy: string;
  /** Headline numbers (pnl, sharpe, maxDrawdown, trades, fillRatio, ...): name -> value. */
  metrics: Record<string, number | string | null>;
  /** Always includes one series named "equity" (PnL net of fees, currency units). */
  series: Series[];
}

export interface GateCheck {
  gate: string;
  required: string;
  actual: string;
  ok: boolean;
}

export interface PromoteOutcome {
  from: Stage;
  to: Stage;
  promoted: boolean;
  gates: GateCheck[];
}

export interface OrderInfo {
  clOrdId: number;
  strategy: string;
  instrument: string;
  side: SideName;
  qty: number;
  px: number;
  cumQty: number;
  leavesQty: number;
  status: string;
  stage: Stage;
  /** Time of the order's last event (lists are sorted by it, newest first). */
  tsMs: number;
}

export interface FillInfo {
  clOrdId: number;
  strategy: string;
  instrument: string;
  side: SideName;
  qty: number;
  px: number;
  fee: number;
  /** true: modelled on the live book (shadow stage), never sent. */
  shadow: boolean;
  tsMs: number;
}

export interface PositionInfo {
  strategy: string;
  instrument: string;
  /** Signed lots. */
  qty: number;
  avgPx: number;
  pnl: number;
}

export interface PnlInfo {
  total: number;
  strategies: Array<{ strategy: string; pnl: number; drawdown: number }>;
}

export interface RiskInfo {
  killSwitch: boolean;
  strategies: Array<{
    strategy: string;
    /** Limit name -> value (currency units / lots / per second); null when the check is off. */
    limits: Record<string, number | null>;
    /** Limit name -> 0..1 (hftbot_risk_utilisation). */
    utilisation: Record<string, number>;
    breaches: number;
  }>;
}

export interface HistogramInfo {
  /** Prometheus metric name, e.g. hftbot_tick_to_trade_seconds. */
  metric: string;
  labels: Record<string, string>;
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  /** Non-cumulative bucket counts: `le` is the bucket's upper bound in seconds. */
  buckets: Array<{ le: number; count: number }>;
}

export interface BookLevel {
  px: number;
  qty: number;
  orders: number;
}

export interface BookInfo {
  instrument: string;
  bids: BookLevel[];
  asks: BookLevel[];
  tsMs: number;
}

export interface TradeInfo {
  instrument: string;
  px: number;
  qty: number;
  /** The aggressor's side. */
  side: SideName;
  tsMs: number;
}

export interface AlertInfo {
  name: string;
  severity: string;
  state: 'firing' | 'resolved';
  sinceMs: number;
  summary: string;
}

export interface AuditEntry {
  tsMs: number;
  /** Token name of the caller ('system' for the engine's own actions). */
  actor: string;
  role: Role | 'system';
  /** e.g. "strategy.create", "strategy.promote", "kill.engage", "risk.limits". */
  action: string;
  target: string;
  params: Record<string, unknown>;
  ok: boolean;
  detail: string;
}

/** What the dashboard's stream sends a few times a second. */
export interface DashboardSnapshot {
  tsMs: number;
  health: HealthInfo;
  pnl: PnlInfo;
  positions: PositionInfo[];
  strategies: StrategyInfo[];
  risk: RiskInfo;
  alerts: AlertInfo[];
  /** Top `depth` levels of every instrument. */
  books: BookInfo[];
  /** The most recent trades of every instrument (newest first, a few per instrument). */
  trades: TradeInfo[];
  /** Orders by last activity and fills, newest first (a few dozen each). */
  orders: OrderInfo[];
  fills: FillInfo[];
}

export type BackendEvent =
  | { type: 'audit'; entry: AuditEntry }
  | { type: 'alert'; alert: AlertInfo }
  | { type: 'stage'; strategy: string; from: Stage; to: Stage; reason: string; tsMs: number }
  | { type: 'kill'; active: boolean; cancelled: number; tsMs: number };

export interface ApiBackend {
  health(): HealthInfo;
  instruments(): string[];

  // strategies. Commands get the caller's token name as `actor` (for the backend's own journal of stage
  // changes and the like; the API audits every command itself as well).
  strategies(): StrategyInfo[];
  validate(input: StrategyInput): ValidateResult;
  create(input: StrategyInput, stage: Stage, actor?: string): Promise<Result<{ strategy: StrategyInfo }>>;
  backtest(req: BacktestRequest): Promise<Result<{ report: BacktestReport }>>;
  start(name: string, actor?: string): Promise<Result<{ strategy: StrategyInfo }>>;
  stop(name: string, actor?: string): Promise<Result<{ strategy: StrategyInfo }>>;
  /** Moves a strategy to a stage without the gates (a deliberate operator override, audited). */
  setStage(name: string, stage: Stage, actor?: string): Promise<Result<{ strategy: StrategyInfo }>>;
  /** Checks the gates of the next stage and promotes when they pass. */
  promote(name: string, actor?: string): Promise<Result<PromoteOutcome>>;

  // trading state
  orders(q: { strategy?: string; open?: boolean; limit: number }): OrderInfo[];
  fills(q: { strategy?: string; limit: number }): FillInfo[];
  positions(): PositionInfo[];
  pnl(): PnlInfo;
  risk(): RiskInfo;
  /** Overrides limits of one strategy (names as in RiskInfo.limits; null turns a check off). */
  setLimits(strategy: string, limits: Record<string, number | null>, actor?: string): Promise<Result<{ risk: RiskInfo }>>;
  /** Engages the global kill switch (every working order cancelled) or releases it. */
  killSwitch(engage: boolean, actor?: string): Promise<Result<{ active: boolean; cancelled: number }>>;
  latency(): HistogramInfo[];
  book(instrument: string, depth: number): BookInfo | null;
  trades(instrument: string, limit: number): TradeInfo[];
  alerts(): AlertInfo[];

  // dashboard stream and audit
  snapshot(depth: number): DashboardSnapshot;
  onEvent(listener: (e: BackendEvent) => void): () => void;
  audit(entry: AuditEntry): void;
  auditLog(limit: number): AuditEntry[];
}
