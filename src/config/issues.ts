// What a spec kind's validator returns: the normalised value, or issues with a path into the document
// (written keys or schema keys: the loader matches both) that the loader turns into file:line:col.

import type { z } from 'zod';
import { show } from './units.js';

const EXPECTED: Readonly<Record<string, string>> = { object: 'a map of keys', array: 'a list', int: 'a whole number', number: 'a number', boolean: 'true or false', string: 'a string' };

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
      if (i.code === 'invalid_type' && i.message.startsWith('Invalid input')) {
        const want = EXPECTED[i.expected] ?? `a ${i.expected}`;
        message = i.input === undefined ? 'missing required key' : `expected ${want}, got ${show(i.input)}`;
      } else if (i.code === 'too_small' && i.origin === 'array' && i.message.startsWith('Too ')) message = Number(i.minimum) === 1 ? 'needs at least one entry' : `needs at least ${String(i.minimum)} entries`;
      else if (i.code === 'too_big' && i.origin === 'array' && i.message.startsWith('Too ')) message = `takes at most ${String(i.maximum)} entries`;
      return { path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message, params: i.code === 'custom' ? i.params : undefined };
    }),
  };
}
