// Key spelling for every spec kind: keys match case-insensitively and ignore `_`, `-` and spaces, so
// the seeds' PascalCase (`LookbackWindow`), camelCase (`lookbackWindow`) and snake_case all name the
// same field. A unit suffix after a separator (`Timeframe_ms: 1`, `LatencyBudget_ns: 500`) names the
// field without it and gives a bare number its unit ("1ms"). Schemas are written in camelCase with
// `obj()`, which renames incoming keys to the schema's and reports unknown keys with a suggestion.

import { z } from 'zod';

/** The comparison form of a key: lower case, no separators. */
export function canon(key: string): string {
  return key.toLowerCase().replace(/[\s_-]+/g, '');
}

const UNIT_SUFFIX = /[_\s-](ns|us|µs|ms|s|sec|m|min|h)$/i;

/** Which of `known` the written `key` names, and the unit its suffix carries; null when none. */
export function matchKey(key: string, known: readonly string[]): { key: string; unit: string | null } | null {
  const c = canon(key);
  for (const k of known) if (canon(k) === c) return { key: k, unit: null };
  const m = UNIT_SUFFIX.exec(key);
  if (m !== null) {
    const base = canon(key.slice(0, m.index));
    for (const k of known) if (canon(k) === base) return { key: k, unit: m[1].toLowerCase() };
  }
  return null;
}

/** Edit distance (Levenshtein), on the comparison forms. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The closest of `known` to `word` when it is close enough to be a typo (or a prefix), else null. */
export function suggest(word: string, known: readonly string[]): string | null {
  const w = canon(word);
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const c = canon(k);
    const d = w.length >= 3 && c.length >= 3 && (c.startsWith(w) || w.startsWith(c)) ? Math.min(1, editDistance(w, c)) : editDistance(w, c);
    if (d < bestD) { best = k; bestD = d; }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(canon(best).length / 3)) ? best : null;
}

/** `lookbackWindow` written the way the user writes keys (PascalCase when they start upper case). */
export function inStyleOf(key: string, sample: string | undefined): string {
  if (sample !== undefined && /^[A-Z]/.test(sample)) return key[0].toUpperCase() + key.slice(1);
  return key;
}

/** The `params` a custom issue carries so the loader can phrase an unknown-key error. */
export interface UnknownKeyParams { unknownKey: true; known: string[] }

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Marks a second spelling of a key already given (`Asset` and `asset`) so both survive to be reported. */
export const DUP = '\u0000dup';

/** Renames written keys to the schema's; a suffixed unit is appended to a bare number ("1" -> "1ms"). */
export function renameKeys(v: unknown, known: readonly string[]): unknown {
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    const m = matchKey(k, known);
    if (m === null) { out[k] = val; continue; } // unknown: reported by obj()
    if (m.key in out) { out[`${k}${DUP}`] = val; continue; } // a second spelling of one key: reported too
    out[m.key] = m.unit !== null && (typeof val === 'number' || (typeof val === 'string' && /^\s*[\d.]+\s*$/.test(val))) ? `${val}${m.unit}` : val;
  }
  return out;
}

/**
 * A strict object schema whose keys match as described above. Unknown keys (and a second spelling of a
 * key already given) become one issue each, at the key, carrying the known keys for "did you mean".
 */
export function obj<T extends z.ZodRawShape>(shape: T): z.ZodType<z.output<z.ZodObject<T>>, unknown> {
  const known = Object.keys(shape);
  const unknownKey = z.unknown().transform((_v, ctx) => {
    ctx.addIssue({ code: 'custom', message: 'unknown key', params: { unknownKey: true, known } satisfies UnknownKeyParams });
    return z.NEVER;
  });
  return z.preprocess((v) => renameKeys(v, known), z.object(shape).catchall(unknownKey)) as unknown as z.ZodType<z.output<z.ZodObject<T>>, unknown>;
}
