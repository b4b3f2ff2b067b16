// Public entry of the configuration layer: every YAML spec kind goes through loadSpec / parseSpec.
export { loadSpec, parseSpec, formatError, type LoadResult, type SpecError } from './load.js';
export { inferKind, KINDS, type AnySpec, type Kind } from './kinds.js';
export { validateStrategy, TEMPLATE_ALIASES, type StrategySpec, type Template, type Stage, type PromotionGates, type MomentumParams, type PairsParams, type MarketMakingParams, type MeanReversionParams, type ModelParams } from './strategy.js';
export { RISK_PRESETS, type RiskLimits, type RiskTolerance } from './presets.js';
export { validateAlerts, METRICS, METRIC_ALIASES, type AlertsSpec, type AlertRule, type MetricId, type MetricUnit, type Channel, type Severity } from './alerts.js';
export { validateRun, type RunSpec, type RunStrategy } from './run.js';
export { validateSystem, validateAction, validateTask, validatePrompt, type SystemSpec, type ActionSpec, type TaskSpec, type PromptSpec } from './seed-kinds.js';
export { parseDuration, formatDuration, parseStd, parsePercent, parseMoney, formatMoney, parseQty, parseRate, type Parsed } from './units.js';
