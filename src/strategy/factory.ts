// Strategies from validated specs (src/config StrategySpec) and from TypeScript modules. Cold path.
// A module is any ES module exporting a StrategyFactory as `default` or `createStrategy`; it gets the
// options object and returns a Strategy (see examples/strategies/custom.ts... the test's fixture module).

import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { StrategySpec } from '../config/strategy.js';
import { limitsFromPreset, type RiskLimits } from '../risk/index.js';
import { MarketMakingStrategy } from './market-making.js';
import { MeanReversionStrategy } from './mean-reversion.js';
import { ModelStrategy } from './model.js';
import { MomentumStrategy } from './momentum.js';
import { PairsStrategy, type PairsOptions } from './pairs.js';
import type { Strategy, StrategyFactory } from './types.js';

export interface TemplateOptions {
  pairs?: PairsOptions;
}

/** The template instance a validated spec describes. */
export function strategyFromSpec(spec: StrategySpec, opts: TemplateOptions = {}): Strategy {
  switch (spec.template) {
    case 'momentum': return new MomentumStrategy(spec.name, spec.instruments[0], spec.params, spec.risk.stopLoss);
    case 'pairs': return new PairsStrategy(spec.name, spec.instruments, spec.params, spec.risk.stopLoss, opts.pairs);
    case 'market-making': return new MarketMakingStrategy(spec.name, spec.instruments[0], spec.params);
    case 'mean-reversion': return new MeanReversionStrategy(spec.name, spec.instruments[0], spec.params, spec.risk.stopLoss);
    case 'model': return new ModelStrategy(spec.name, spec.instruments, spec.params, spec.risk.stopLoss);
  }
}

/** The spec's risk preset (with its overrides) in risk-engine units. */
export function limitsFromSpec(spec: StrategySpec, priceScale = 10_000): RiskLimits {
  return limitsFromPreset(spec.risk, { priceScale });
}

/** Imports a strategy module (a .js file, or .ts under a TypeScript-aware loader) and returns its factory. */
export async function loadStrategyModule(path: string): Promise<StrategyFactory> {
  const mod = (await import(pathToFileURL(resolve(path)).href)) as { default?: unknown; createStrategy?: unknown };
  const f = typeof mod.createStrategy === 'function' ? mod.createStrategy : mod.default;
  if (typeof f !== 'function') throw new Error(`${path}: a strategy module exports a factory as default or createStrategy`);
  return f as StrategyFactory;
}

/** Checks that an object has the Strategy methods (a module's factory result). */
export function assertStrategy(s: unknown, where: string): Strategy {
  const o = s as Record<string, unknown> | null;
  for (const k of ['init', 'onBook', 'onTrade', 'onTimer', 'onOrderEvent', 'hash']) {
    if (o === null || typeof o[k] !== 'function') throw new Error(`${where}: the strategy has no ${k}() method`);
  }
  if (typeof o!.name !== 'string' || !Array.isArray(o!.symbols)) throw new Error(`${where}: the strategy needs a name and symbols`);
  return s as Strategy;
}
