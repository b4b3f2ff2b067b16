// The editor's inputs (the seeds' minimal form or raw YAML) -> a validated StrategySpec, through the one
// configuration loader (src/config parseSpec), so the UI shows exactly the file:line:col messages the CLI
// prints. Backends call validateInput for validate(), create() and backtest(). Cold path.

import { stringify } from 'yaml';
import { parseSpec } from '../config/load.js';
import { TEMPLATE_ALIASES, type StrategySpec, type Template } from '../config/strategy.js';
import type { SeedForm, StrategyInput, ValidateResult } from './backend.js';

const canon = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The template a form's Strategy names (null: not a known name; the validator will say so). */
function templateOf(name: string): Template | null {
  const c = canon(name);
  for (const [alias, t] of Object.entries(TEMPLATE_ALIASES)) if (canon(alias) === c) return t;
  return null;
}

/**
 * The form as the YAML a person would have written (the seeds' spelling of the keys). The seeds' form is
 * momentum's; for mean reversion its lookback window is that template's `Window` (the rolling window).
 */
export function formToYaml(f: SeedForm): string {
  const doc: Record<string, string | number> = {};
  if (f.name !== undefined && f.name !== '') doc.Name = f.name;
  doc.Strategy = f.strategy;
  doc.Asset = f.asset;
  if (templateOf(f.strategy) === 'mean-reversion') doc.Window = f.lookbackWindow;
  else doc.LookbackWindow = f.lookbackWindow;
  // A numeric threshold stays a number in the YAML ("0.7", not '0.7').
  const n = Number(f.entryThreshold);
  doc.EntryThreshold = f.entryThreshold.trim() !== '' && Number.isFinite(n) ? n : f.entryThreshold;
  doc.RiskTolerance = f.riskTolerance;
  return stringify(doc);
}

export function inputYaml(input: StrategyInput): string {
  return 'form' in input ? formToYaml(input.form) : input.yaml;
}

/** Validates an editor input; `spec` is set when it is a valid strategy. */
export function validateInput(input: StrategyInput): ValidateResult & { spec?: StrategySpec } {
  const yaml = inputYaml(input);
  const r = parseSpec(yaml, 'strategy.yaml');
  if (!r.ok) return { ok: false, yaml, issues: r.errors.map((e) => ({ line: e.line, col: e.col, message: e.message })) };
  if (r.kind !== 'strategy') return { ok: false, yaml, issues: [{ line: 1, col: 1, message: `this is a ${r.kind} file, not a strategy (start with Strategy: Momentum)` }] };
  const spec = r.spec;
  return { ok: true, yaml, issues: [], name: spec.name, template: spec.template, instruments: spec.instruments, spec };
}
