// Public entry of src/strategy: the strategy API (Strategy, StrategyContext, order events), the templates
// built from validated YAML specs, and loading a TypeScript strategy module.
export { hashFloat, type Strategy, type StrategyContext, type StrategyFactory, type OrderEventView } from './types.js';
export { Rolling, midOf } from './rolling.js';
export { Executor, REJECT_COOLDOWN_NS } from './base.js';
export { MomentumStrategy } from './momentum.js';
export { MeanReversionStrategy } from './mean-reversion.js';
export { PairsStrategy, DEFAULT_MIN_ESTIMATION_SPAN_NS, type PairsOptions } from './pairs.js';
export { MarketMakingStrategy } from './market-making.js';
export { strategyFromSpec, limitsFromSpec, loadStrategyModule, assertStrategy, type TemplateOptions } from './factory.js';
