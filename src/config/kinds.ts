// The spec kinds and how a file's kind is told: an explicit `kind:` key, else the top-level keys
// (the seeds' files carry no kind). Each kind is one schema and one validator returning one
// normalised type (design principle 8).
//
//   kind       told by the top-level key        normalised type
//   strategy   Strategy                          StrategySpec   (./strategy.ts)
//   alerts     Alerts                            AlertsSpec     (./alerts.ts)
//   run        Strategies, Market, Venue, Run    RunSpec        (./run.ts)
//   system     System                            SystemSpec     (./seed-kinds.ts)
//   action     Action                            ActionSpec
//   task       Task                              TaskSpec
//   prompt     Topic                             PromptSpec

import { matchKey, suggest } from './keys.js';
import type { Validated } from './issues.js';
import { validateStrategy, type StrategySpec } from './strategy.js';
import { validateAlerts, type AlertsSpec } from './alerts.js';
import { validateRun, type RunSpec, type StrategyFileLoader } from './run.js';
import { validateAction, validatePrompt, validateSystem, validateTask, type ActionSpec, type PromptSpec, type SystemSpec, type TaskSpec } from './seed-kinds.js';

export type AnySpec =
  | { kind: 'strategy'; spec: StrategySpec }
  | { kind: 'alerts'; spec: AlertsSpec }
  | { kind: 'run'; spec: RunSpec }
  | { kind: 'system'; spec: SystemSpec }
  | { kind: 'action'; spec: ActionSpec }
  | { kind: 'task'; spec: TaskSpec }
  | { kind: 'prompt'; spec: PromptSpec };

export type Kind = AnySpec['kind'];

export interface KindContext {
  /** The folder relative paths in the file resolve against. */
  baseDir: string;
  loadStrategy: StrategyFileLoader;
}

interface KindEntry { keys: string[]; validate: (raw: unknown, ctx: KindContext) => Validated<unknown> }

export const KINDS: Readonly<Record<Kind, KindEntry>> = {
  strategy: { keys: ['strategy'], validate: (raw, ctx) => validateStrategy(raw, ctx.baseDir) },
  alerts: { keys: ['alerts'], validate: (raw) => validateAlerts(raw) },
  system: { keys: ['system'], validate: (raw) => validateSystem(raw) },
  action: { keys: ['action'], validate: (raw) => validateAction(raw) },
  task: { keys: ['task'], validate: (raw) => validateTask(raw) },
  prompt: { keys: ['topic'], validate: (raw) => validatePrompt(raw) },
  run: { keys: ['strategies', 'market', 'venue', 'run'], validate: (raw, ctx) => validateRun(raw, ctx.baseDir, ctx.loadStrategy) },
};

const KIND_NAMES = Object.keys(KINDS) as Kind[];

export type Inferred = { ok: true; kind: Kind; body: unknown } | { ok: false; path: string[]; message: string };

/** Tells a document's kind; `body` is the document without its `kind:` key. */
export function inferKind(raw: unknown): Inferred {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, path: [], message: 'a spec file is a map of keys (e.g. Strategy: Momentum)' };
  const keys = Object.keys(raw);
  const kindKey = keys.find((k) => matchKey(k, ['kind']) !== null);
  if (kindKey !== undefined) {
    const v = (raw as Record<string, unknown>)[kindKey];
    const kind = KIND_NAMES.find((k) => typeof v === 'string' && k === v.toLowerCase());
    if (kind === undefined) {
      const near = typeof v === 'string' ? suggest(v, KIND_NAMES) : null;
      return { ok: false, path: [kindKey], message: `unknown kind ${JSON.stringify(v)}${near !== null ? ` (did you mean "${near}"?)` : ''}; known: ${KIND_NAMES.join(', ')}` };
    }
    const body = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== kindKey));
    return { ok: true, kind, body };
  }
  const found = KIND_NAMES.filter((k) => keys.some((key) => matchKey(key, KINDS[k].keys) !== null));
  // `Strategy:` beside `Strategies:` etc. cannot happen in one kind; the first key decides a tie.
  if (found.length >= 1) {
    const first = keys.map((key) => found.find((k) => matchKey(key, KINDS[k].keys) !== null)).find((k) => k !== undefined);
    return { ok: true, kind: first ?? found[0], body: raw };
  }
  const all = KIND_NAMES.flatMap((k) => KINDS[k].keys);
  for (const key of keys) {
    const near = suggest(key, all);
    if (near !== null) return { ok: false, path: [key], message: `cannot tell the kind of this file: unknown key "${key}" (did you mean "${near[0].toUpperCase()}${near.slice(1)}"?)` };
  }
  return { ok: false, path: keys.length > 0 ? [keys[0]] : [], message: `cannot tell the kind of this file: add a top-level Strategy, Alerts, Strategies, System, Action, Task or Topic key, or kind: (${KIND_NAMES.join(', ')})` };
}
