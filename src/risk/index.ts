// Pre-trade risk: the public entry of src/risk. The kernel builds one RiskEngine from validated limits
// (limitsFromPreset turns a RiskTolerance preset into engine units), calls check() for every order intent
// before it reaches the OMS, reports venue events back (onOrderOpen, onFill, onOrderDone, onMessage) and
// reference prices (setReference), drains the audit ring at the edge, and runs AutoHedger.evaluate()
// after fills and price moves. Contract, units and the check order: src/risk/engine.ts and types.ts.

export { RiskEngine, DUP_MEMORY, type RiskEngineConfig } from './engine.js';
export { AutoHedger, type HedgeConfig } from './hedger.js';
export { AuditRing, AuditRecord, type AuditedOrder } from './audit.js';
export { Positions } from './positions.js';
export { limitsFromPreset, validateLimits, type PresetUnits } from './limits.js';
export {
  OrderIntent, Check, CONFIGURABLE_CHECKS, OFF, ORD_LIMIT, ORD_MARKET, SIDE_BUY, SIDE_SELL, RISK_CODE_BASE,
  SCOPE_NONE, SCOPE_STRATEGY, SCOPE_ACCOUNT, SCOPE_GLOBAL, noLimits, type RiskLimits, type RiskInstrument,
} from './types.js';
export { benchRisk, type RiskBenchResult } from './bench.js';
