// The seeds' other structured inputs (seed 000, sections 1, 2, 4 and 5), each a spec kind so that every
// YAML example in the seeds validates as written:
//
//   system   System: HFT-Core / Components: [...] / TechStack: {...} / LatencyBudget_ns: 500
//            What the system is made of and its end-to-end latency budget; hftbot's benches compare
//            their p99 against latencyBudgetNs.
//   action   Action: Deploy / Component: ExecutionEngine / LatencyTolerance_ns: 300 / Server: [NY4-Colo-3]
//            A deployment request: which component goes to which servers, and the latency it must hold.
//   task     Task: ModifyExecutionLatency / CurrentLatency_ns: 400 / TargetLatency_ns: 300 / Component: ...
//            A coding-bot work item: a named change with a measurable target.
//   prompt   Topic: FPGA latency optimization / Depth: Intermediate / Length: Brief (<200 words) / Include: ...
//            A structured learning prompt (section 1), kept so the docs can ship it as an example.

import { z } from 'zod';
import { choice, duration, text, textList } from './fields.js';
import { obj } from './keys.js';
import { fromZod, type Validated } from './issues.js';

const system = obj({
  system: text(),
  components: textList(),
  techStack: z.record(z.string(), textList()).optional(),
  latencyBudget: duration().optional(),
});

export interface SystemSpec { name: string; components: string[]; techStack: Record<string, string[]>; latencyBudgetNs: number | null }

export function validateSystem(raw: unknown): Validated<SystemSpec> {
  const r = fromZod(system.safeParse(raw, { reportInput: true }));
  if (!r.ok) return r;
  return { ok: true, value: { name: r.value.system, components: r.value.components, techStack: r.value.techStack ?? {}, latencyBudgetNs: r.value.latencyBudget ?? null } };
}

export type ActionVerb = 'deploy' | 'rollback' | 'promote' | 'demote' | 'stop';
const verb = choice<ActionVerb>('action', { Deploy: 'deploy', Rollback: 'rollback', Promote: 'promote', Demote: 'demote', Stop: 'stop' });

const action = obj({
  action: verb,
  component: text(),
  latencyTolerance: duration().optional(),
  server: textList(),
  stage: choice('stage', { Shadow: 'shadow', Paper: 'paper', Live: 'live' }).optional(),
});

export interface ActionSpec { action: ActionVerb; component: string; latencyToleranceNs: number | null; servers: string[]; stage: 'shadow' | 'paper' | 'live' | null }

export function validateAction(raw: unknown): Validated<ActionSpec> {
  const r = fromZod(action.safeParse(raw, { reportInput: true }));
  if (!r.ok) return r;
  const v = r.value;
  return { ok: true, value: { action: v.action, component: v.component, latencyToleranceNs: v.latencyTolerance ?? null, servers: v.server, stage: v.stage ?? null } };
}

const task = obj({
  task: text(),
  component: text(),
  currentLatency: duration().optional(),
  targetLatency: duration().optional(),
  description: text().optional(),
});

export interface TaskSpec { task: string; component: string; currentLatencyNs: number | null; targetLatencyNs: number | null; description: string | null }

export function validateTask(raw: unknown): Validated<TaskSpec> {
  const r = fromZod(task.safeParse(raw, { reportInput: true }));
  if (!r.ok) return r;
  const v = r.value;
  if (v.currentLatency !== undefined && v.targetLatency !== undefined && v.targetLatency >= v.currentLatency) {
    return { ok: false, issues: [{ path: ['targetLatency'], message: `the target (${v.targetLatency} ns) must be below the current latency (${v.currentLatency} ns)` }] };
  }
  return { ok: true, value: { task: v.task, component: v.component, currentLatencyNs: v.currentLatency ?? null, targetLatencyNs: v.targetLatency ?? null, description: v.description ?? null } };
}

export type Depth = 'beginner' | 'intermediate' | 'advanced' | 'expert';
const prompt = obj({
  topic: text(),
  depth: choice<Depth>('depth', { Beginner: 'beginner', Basic: 'beginner', Intermediate: 'intermediate', Advanced: 'advanced', Expert: 'expert' }).default('intermediate'),
  length: text().optional(),
  include: textList().optional(),
});

export interface PromptSpec { topic: string; depth: Depth; length: string | null; maxWords: number | null; include: string[] }

export function validatePrompt(raw: unknown): Validated<PromptSpec> {
  const r = fromZod(prompt.safeParse(raw, { reportInput: true }));
  if (!r.ok) return r;
  const v = r.value;
  const words = v.length !== undefined ? /(\d+)\s*words?/i.exec(v.length) : null;
  // "Include: Examples, top 3 techniques" is one comma-separated string in the seed.
  const include = (v.include ?? []).flatMap((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
  return { ok: true, value: { topic: v.topic, depth: v.depth, length: v.length ?? null, maxWords: words !== null ? Number(words[1]) : null, include } };
}
