// What a spec kind's validator returns: the normalised value, or issues with a path into the document
// (written keys or schema keys: the loader matches both) that the loader turns into file:line:col.

import type { z } from 'zod';

export interface Issue {
  path: Array<string | number>;
  message: string;
  /** Set on unknown-key issues (see keys.ts `obj`). */
  params?: Record<string, unknown>;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** A zod result as a Validated; zod's type messages are reworded for people writing YAML. */
export function fromZod<T>(r: z.ZodSafeParseResult<T>): Validated<T> {
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => {
      let message = i.message;
      if (i.code === 'invalid_type') {
        message = i.input === undefined ? 'missing required key' : `expected ${i.expected === 'object' ? 'a map of keys' : i.expected === 'array' ? 'a list' : `a ${i.expected}`}, got ${describe(i.input)}`;
      } else if (i.code === 'too_small' && i.origin === 'array' && i.message.startsWith('Too ')) message = Number(i.minimum) === 1 ? 'needs at least one entry' : `needs at least ${String(i.minimum)} entries`;
      else if (i.code === 'too_big' && i.origin === 'array' && i.message.startsWith('Too ')) message = `takes at most ${String(i.maximum)} entries`;
      return { path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message, params: i.code === 'custom' ? i.params : undefined };
    }),
  };
}

export function describe(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map of keys';
  return `${typeof v} ${JSON.stringify(v)}`;
}
