// Strategy specs (issue 5, item 3): one YAML file per strategy instance, validated into ONE typed object
// whatever form it was written in. The seeds' minimal form is accepted as written:
//
//   Strategy: Momentum            |  Strategy: Stat-Arb Pair-Trading
//   Asset: AAPL                   |  Inputs:                      # a grouping only: its keys are top-level keys
//   LookbackWindow: 100ms         |    Assets: [AssetA, AssetB]
//   EntryThreshold: 0.7           |    Timeframe_ms: 1            # unit in the key: 1 -> "1ms"
//   RiskTolerance: Low            |    StatisticalModel: Cointegration (Johansen)
//                                 |    EntryThreshold: 2.5 std
//                                 |    ExitThreshold: 0.5 std
//                                 |    RiskLimits: { MaxPositionUSD: 10000, StopLossPercent: 0.5% }
//
// and so is camelCase with every optional knob. Units: durations -> integer ns, thresholds -> std units,
// percents -> fractions, money -> integer cents, quantities -> lots (./units.ts). Meanings of the numbers,
// defaults and the risk presets: docs/strategies.md. Cold path: built once, passed into constructors.

import { resolve } from 'node:path';
import { z } from 'zod';
import { MISSING, choice, duration, fraction, money, num, percent, qty, rate, std, text, textList } from './fields.js';
import { matchKey, obj } from './keys.js';
import { fromZod, type Issue, type Validated } from './issues.js';
import { RISK_PRESETS, type RiskLimits, type RiskTolerance } from './presets.js';

export type Template = 'momentum' | 'pairs' | 'market-making' | 'mean-reversion' | 'model';
export type Stage = 'shadow' | 'paper' | 'live';

/** Every accepted spelling of a template name (compared ignoring case, spaces and punctuation). */
export const TEMPLATE_ALIASES: Readonly<Record<string, Template>> = {
  Momentum: 'momentum', 'Trend Following': 'momentum',
  'Stat-Arb Pair-Trading': 'pairs', 'Stat-Arb': 'pairs', 'Statistical Arbitrage': 'pairs', Pairs: 'pairs',
  'Pair Trading': 'pairs', 'Pairs Trading': 'pairs', 'Stat-Arb Pairs': 'pairs',
  'Market Making': 'market-making', 'Market Maker': 'market-making', 'Avellaneda-Stoikov': 'market-making',
  'Mean Reversion': 'mean-reversion', 'Mean-Reverting': 'mean-reversion',
  Model: 'model', 'ML Model': 'model',
};

const tolerance = choice<RiskTolerance>('risk tolerance', { Low: 'low', Medium: 'medium', Moderate: 'medium', High: 'high' });
const stage = choice<Stage>('stage', { Shadow: 'shadow', Paper: 'paper', Live: 'live' });
const posInt = () => z.number({ error: 'expected a whole number' }).int('expected a whole number').positive('must be positive');

/** `RiskLimits:` overrides of the preset; `MaxPositionUSD` is the seeds' spelling of maxPositionUSD. */
const riskOverrides = obj({
  maxOrderQty: qty().optional(),
  maxOrderNotional: money().optional(),
  maxPosition: qty().optional(),
  maxPositionUSD: money().optional(),
  maxGrossExposure: money().optional(),
  maxLoss: money().optional(),
  maxDrawdown: money().optional(),
  stopLossPercent: percent().optional(),
  priceCollarPercent: percent().optional(),
  maxOrdersPerSecond: rate().optional(),
  maxMessagesPerSecond: rate().optional(),
  maxOpenOrders: qty().optional(),
});

/** Promotion gates shadow -> paper -> live, checked by `hftbot promote` (issue 7). */
export interface PromotionGates {
  minShadowTimeNs: number;
  minTrades: number;
  minSharpe: number;
  /** Unset in the file: the strategy's risk maxDrawdownCents. */
  maxDrawdownCents: number;
  maxRiskBreaches: number;
}

const promotion = obj({
  minShadowTime: duration().default(1_800_000_000_000), // 30m
  minTrades: z.number().int().min(0).default(50),
  minSharpe: num().default(1),
  maxDrawdown: money().optional(),
  maxRiskBreaches: z.number().int().min(0).default(0),
});

const common = {
  strategy: z.unknown(),
  name: text().optional(),
  riskTolerance: tolerance.default('low'),
  riskLimits: riskOverrides.optional(),
  stage: stage.default('shadow'),
  promotion: promotion.optional(),
};

const side = choice<'both' | 'long' | 'short'>('side', { Both: 'both', Long: 'long', 'Long Only': 'long', Short: 'short', 'Short Only': 'short' });

const momentumFields = {
  asset: text(),
  lookbackWindow: duration(),
  entryThreshold: std(),
  exitThreshold: std().default(0),
  zWindow: posInt().default(50),
  maxHoldingTime: duration().optional(),
  orderQty: qty().optional(),
  side: side.default('both'),
};

const pairsModel = choice<'johansen' | 'engle-granger'>('statistical model', {
  'Cointegration (Johansen)': 'johansen', Johansen: 'johansen',
  'Cointegration (Engle-Granger)': 'engle-granger', 'Engle-Granger': 'engle-granger', Cointegration: 'engle-granger', EG: 'engle-granger',
});

const pairsFields = {
  assets: z.array(text()).length(2, 'needs exactly two assets, e.g. [AssetA, AssetB]'),
  timeframe: duration().default(1_000_000_000),
  statisticalModel: pairsModel.default('engle-granger'),
  entryThreshold: std(),
  exitThreshold: std().default(0.5),
  window: posInt().default(500),
  reestimateEvery: posInt().default(100),
  maxPValue: fraction().default(0.05),
  orderQty: qty().optional(),
};

const marketMakingFields = {
  asset: text(),
  gamma: num().default(0.1),
  kappa: num().default(100),
  horizon: duration().default(60_000_000_000),
  volWindow: duration().default(1_000_000_000),
  quoteQty: qty().optional(),
  maxInventory: qty().optional(),
  minSpreadTicks: posInt().default(1),
  refreshInterval: duration().default(100_000_000),
};

const meanReversionFields = {
  asset: text(),
  window: duration(),
  entryThreshold: std().default(2),
  exitThreshold: std().default(0.5),
  maxHoldingTime: duration().optional(),
  orderQty: qty().optional(),
};

const modelFields = {
  assets: textList(),
  modelPath: text(),
  entryThreshold: num(),
  exitThreshold: num().default(0),
  horizon: duration().default(1_000_000_000),
  orderQty: qty().optional(),
};

const SCHEMAS = {
  momentum: obj({ ...common, ...momentumFields }),
  pairs: obj({ ...common, ...pairsFields }),
  'market-making': obj({ ...common, ...marketMakingFields }),
  'mean-reversion': obj({ ...common, ...meanReversionFields }),
  model: obj({ ...common, ...modelFields }),
} as const;

type Parsed<T extends Template> = z.output<(typeof SCHEMAS)[T]>;

export interface MomentumParams {
  /** Signal: z = r / sd, r the log mid return over the lookback, sd the std of the last zWindow such returns. */
  lookbackNs: number; entryZ: number; exitZ: number; zWindow: number; maxHoldingNs: number; orderQty: number; side: 'both' | 'long' | 'short';
}
export interface PairsParams {
  timeframeNs: number; model: 'johansen' | 'engle-granger'; entryStd: number; exitStd: number; window: number;
  reestimateEvery: number; maxPValue: number; orderQty: number;
}
export interface MarketMakingParams {
  gamma: number; kappa: number; horizonNs: number; volWindowNs: number; quoteQty: number; maxInventory: number; minSpreadTicks: number; refreshNs: number;
}
export interface MeanReversionParams { windowNs: number; entryStd: number; exitStd: number; maxHoldingNs: number; orderQty: number }
export interface ModelParams { modelPath: string; format: 'onnx' | 'xgboost' | 'unknown'; entryThreshold: number; exitThreshold: number; horizonNs: number; orderQty: number }

interface Common {
  name: string;
  instruments: string[];
  riskTolerance: RiskTolerance;
  /** The preset with the file's overrides applied. */
  risk: RiskLimits;
  stage: Stage;
  promotion: PromotionGates;
}

/** The one typed object a strategy is built from. */
export type StrategySpec = Common & (
  | { template: 'momentum'; params: MomentumParams }
  | { template: 'pairs'; params: PairsParams }
  | { template: 'market-making'; params: MarketMakingParams }
  | { template: 'mean-reversion'; params: MeanReversionParams }
  | { template: 'model'; params: ModelParams });

type CommonParsed = Parsed<'momentum'>;

function commonPart(p: Pick<CommonParsed, 'name' | 'riskTolerance' | 'riskLimits' | 'stage' | 'promotion'>, template: Template, instruments: string[]): Common {
  const o = p.riskLimits ?? {};
  const base = RISK_PRESETS[p.riskTolerance];
  const risk: RiskLimits = {
    maxOrderQty: o.maxOrderQty ?? base.maxOrderQty,
    maxOrderNotionalCents: o.maxOrderNotional ?? base.maxOrderNotionalCents,
    maxPositionQty: o.maxPosition ?? base.maxPositionQty,
    maxPositionCents: o.maxPositionUSD ?? base.maxPositionCents,
    maxGrossExposureCents: o.maxGrossExposure ?? base.maxGrossExposureCents,
    maxLossCents: o.maxLoss ?? base.maxLossCents,
    maxDrawdownCents: o.maxDrawdown ?? base.maxDrawdownCents,
    stopLoss: o.stopLossPercent ?? base.stopLoss,
    priceCollar: o.priceCollarPercent ?? base.priceCollar,
    maxOrdersPerSecond: o.maxOrdersPerSecond ?? base.maxOrdersPerSecond,
    maxMessagesPerSecond: o.maxMessagesPerSecond ?? base.maxMessagesPerSecond,
    maxOpenOrders: o.maxOpenOrders ?? base.maxOpenOrders,
  };
  const g = p.promotion;
  return {
    name: p.name ?? `${template}-${instruments.join('-')}`,
    instruments,
    riskTolerance: p.riskTolerance,
    risk,
    stage: p.stage,
    promotion: {
      minShadowTimeNs: g?.minShadowTime ?? 1_800_000_000_000,
      minTrades: g?.minTrades ?? 50,
      minSharpe: g?.minSharpe ?? 1,
      maxDrawdownCents: g?.maxDrawdown ?? risk.maxDrawdownCents,
      maxRiskBreaches: g?.maxRiskBreaches ?? 0,
    },
  };
}

/** Default order size: a fifth of the largest order the preset allows (at least one lot). */
const defaultQty = (r: RiskLimits): number => Math.max(1, Math.floor(r.maxOrderQty / 5));

function normalise(t: Template, p: Parsed<Template>, baseDir: string): StrategySpec {
  switch (t) {
    case 'momentum': {
      const m = p as Parsed<'momentum'>;
      const c = commonPart(m, t, [m.asset]);
      return { ...c, template: t, params: { lookbackNs: m.lookbackWindow, entryZ: m.entryThreshold, exitZ: m.exitThreshold, zWindow: m.zWindow, maxHoldingNs: m.maxHoldingTime ?? 10 * m.lookbackWindow, orderQty: m.orderQty ?? defaultQty(c.risk), side: m.side } };
    }
    case 'pairs': {
      const m = p as Parsed<'pairs'>;
      const c = commonPart(m, t, m.assets);
      return { ...c, template: t, params: { timeframeNs: m.timeframe, model: m.statisticalModel, entryStd: m.entryThreshold, exitStd: m.exitThreshold, window: m.window, reestimateEvery: m.reestimateEvery, maxPValue: m.maxPValue, orderQty: m.orderQty ?? defaultQty(c.risk) } };
    }
    case 'market-making': {
      const m = p as Parsed<'market-making'>;
      const c = commonPart(m, t, [m.asset]);
      return { ...c, template: t, params: { gamma: m.gamma, kappa: m.kappa, horizonNs: m.horizon, volWindowNs: m.volWindow, quoteQty: m.quoteQty ?? defaultQty(c.risk), maxInventory: m.maxInventory ?? c.risk.maxPositionQty, minSpreadTicks: m.minSpreadTicks, refreshNs: m.refreshInterval } };
    }
    case 'mean-reversion': {
      const m = p as Parsed<'mean-reversion'>;
      const c = commonPart(m, t, [m.asset]);
      return { ...c, template: t, params: { windowNs: m.window, entryStd: m.entryThreshold, exitStd: m.exitThreshold, maxHoldingNs: m.maxHoldingTime ?? 10 * m.window, orderQty: m.orderQty ?? defaultQty(c.risk) } };
    }
    case 'model': {
      const m = p as Parsed<'model'>;
      const c = commonPart(m, t, m.assets);
      const format = /\.onnx$/i.test(m.modelPath) ? 'onnx' : /\.(json|ubj|xgb)$/i.test(m.modelPath) ? 'xgboost' : 'unknown';
      return { ...c, template: t, params: { modelPath: resolve(baseDir, m.modelPath), format, entryThreshold: m.entryThreshold, exitThreshold: m.exitThreshold, horizonNs: m.horizon, orderQty: m.orderQty ?? defaultQty(c.risk) } };
    }
  }
}

/** Cross-field rules a schema cannot state alone; paths are schema keys. */
function crossCheck(s: StrategySpec): Issue[] {
  const out: Issue[] = [];
  const p = s.params as { entryZ?: number; exitZ?: number; entryStd?: number; exitStd?: number };
  const entry = p.entryZ ?? p.entryStd;
  const exit = p.exitZ ?? p.exitStd;
  if (entry !== undefined && exit !== undefined && exit >= entry) out.push({ path: ['exitThreshold'], message: `must be below entryThreshold (${entry}), got ${exit}` });
  if (s.template === 'pairs' && s.instruments[0] === s.instruments[1]) out.push({ path: ['assets'], message: 'the two assets must differ' });
  const qtyKey = s.template === 'market-making' ? 'quoteQty' : 'orderQty';
  const q = (s.params as { orderQty?: number; quoteQty?: number })[qtyKey];
  if (q !== undefined && q > s.risk.maxOrderQty) out.push({ path: [qtyKey], message: `${q} lots is above the risk limit maxOrderQty (${s.risk.maxOrderQty}, ${s.riskTolerance} preset or RiskLimits)` });
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a strategy document (already YAML-parsed) into a StrategySpec. */
/** `baseDir`: the folder a relative ModelPath resolves against (the spec file's). */
export function validateStrategy(raw: unknown, baseDir = '.'): Validated<StrategySpec> {
  if (!isMap(raw)) return { ok: false, issues: [{ path: [], message: 'a strategy is a map of keys (Strategy: Momentum, ...)' }] };
  // `Inputs:` only groups keys: lift them, remembering which, so issues point into the group.
  const flat: Record<string, unknown> = {};
  const lifted: string[] = [];
  let inputsKey: string | null = null;
  for (const [k, v] of Object.entries(raw)) {
    if (matchKey(k, ['inputs']) !== null && isMap(v)) {
      inputsKey = k;
      for (const [ik, iv] of Object.entries(v)) {
        if (ik in flat) return { ok: false, issues: [{ path: [k, ik], message: `${ik} is given both inside ${k} and at the top level` }] };
        flat[ik] = iv;
        lifted.push(ik);
      }
    } else {
      if (k in flat) return { ok: false, issues: [{ path: [k], message: `${k} is given both inside Inputs and at the top level` }] };
      flat[k] = v;
    }
  }
  // Issues about lifted keys point into the group; so do missing keys when there is a group (the
  // parent a person would add them to).
  const relocate = (issues: Issue[]): Issue[] =>
    issues.map((i) => {
      if (inputsKey === null || i.path.length === 0) return i;
      const lift = lifted.some((k) => matchKey(k, [String(i.path[0])]) !== null) || (i.path.length === 1 && i.message === MISSING);
      return lift ? { ...i, path: [inputsKey, ...i.path] } : i;
    });

  const strategyKey = Object.keys(flat).find((k) => matchKey(k, ['strategy']) !== null);
  if (strategyKey === undefined) return { ok: false, issues: [{ path: ['strategy'], message: 'missing required key' }] };
  const t = choice('strategy', TEMPLATE_ALIASES).safeParse(flat[strategyKey]);
  if (!t.success) return { ok: false, issues: relocate([{ path: [strategyKey], message: t.error.issues[0].message }]) };
  const r = fromZod((SCHEMAS[t.data] as z.ZodType<Parsed<Template>, unknown>).safeParse(flat, { reportInput: true }));
  if (!r.ok) return { ok: false, issues: relocate(r.issues) };
  const spec = normalise(t.data, r.value, baseDir);
  const cross = crossCheck(spec);
  return cross.length > 0 ? { ok: false, issues: relocate(cross) } : { ok: true, value: spec };
}
