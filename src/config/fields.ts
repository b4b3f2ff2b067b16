// zod field types built on the unit parsers (./units.ts) and on alias tables, shared by every spec
// kind. Each one accepts what a person writes and outputs the engine's unit; a failure is one issue
// whose message names what was expected.

import { z } from 'zod';
import { parseDuration, parseMoney, parsePercent, parseQty, parseRate, parseStd, show, type Parsed } from './units.js';
import { canon, suggest } from './keys.js';

/** Every custom field says the same thing when its key is absent. */
export const MISSING = 'missing required key';

function unit(parse: (v: unknown) => Parsed) {
  return z.unknown().transform((v, ctx): number => {
    if (v === undefined) { ctx.addIssue({ code: 'custom', message: MISSING }); return z.NEVER; }
    const r = parse(v);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  });
}

/** Integer ns. */
export const duration = () => unit((v) => parseDuration(v));
/** Standard deviations. */
export const std = () => unit(parseStd);
/** A fraction; a bare number is a percent (the key says Percent). */
export const percent = () => unit((v) => parsePercent(v, true));
/** A fraction; a bare number is a fraction, "0.5%" a percent. */
export const fraction = () => unit((v) => parsePercent(v, false));
/** Integer cents (USD). */
export const money = () => unit(parseMoney);
/** Integer lots, positive. */
export const qty = () => unit((v) => parseQty(v));
/** Events per second. */
export const rate = () => unit(parseRate);

/** A finite number, also from a numeric string ("0.7"). */
export const num = () =>
  z.unknown().transform((v, ctx): number => {
    if (v === undefined) { ctx.addIssue({ code: 'custom', message: MISSING }); return z.NEVER; }
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(n)) return n;
    ctx.addIssue({ code: 'custom', message: `expected a number, got ${show(v)}` });
    return z.NEVER;
  });

/** A non-empty string (numbers are accepted and stringified: a symbol or a server may look numeric). */
export const text = () =>
  z.unknown().transform((v, ctx): string => {
    if (v === undefined) { ctx.addIssue({ code: 'custom', message: MISSING }); return z.NEVER; }
    if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') return String(v).trim();
    ctx.addIssue({ code: 'custom', message: `expected a non-empty string, got ${show(v)}` });
    return z.NEVER;
  });

/** One string or a list of strings -> a list. */
export const textList = () =>
  z.unknown().transform((v, ctx): string[] => {
    if (v === undefined) { ctx.addIssue({ code: 'custom', message: MISSING }); return z.NEVER; }
    const list = Array.isArray(v) ? v : [v];
    const ok = list.length > 0 && list.every((x) => (typeof x === 'string' && x.trim() !== '') || typeof x === 'number');
    if (ok) return list.map((x) => String(x).trim());
    ctx.addIssue({ code: 'custom', message: `expected a name or a list of names, got ${show(v)}` });
    return z.NEVER;
  });

/**
 * A choice among named values with aliases, matched ignoring case and everything but letters and
 * digits ("Cointegration (Johansen)" = "cointegration johansen"): `aliases` maps each spelling to its value.
 */
export function choice<V extends string>(what: string, aliases: Readonly<Record<string, V>>) {
  const table = new Map<string, V>();
  for (const [k, v] of Object.entries(aliases)) table.set(canonValue(k), v);
  const names = [...new Set(Object.values(aliases))];
  return z.unknown().transform((v, ctx): V => {
    if (v === undefined) { ctx.addIssue({ code: 'custom', message: MISSING }); return z.NEVER; }
    if (v === null) { ctx.addIssue({ code: 'custom', message: `needs a value; known: ${names.join(', ')}` }); return z.NEVER; }
    const hit = typeof v === 'string' ? table.get(canonValue(v)) : undefined;
    if (hit !== undefined) return hit;
    const near = typeof v === 'string' ? suggest(v, Object.keys(aliases)) : null;
    const hint = near !== null ? ` (did you mean "${near}"?)` : '';
    ctx.addIssue({ code: 'custom', message: `unknown ${what} ${show(v)}${hint}; known: ${names.join(', ')}` });
    return z.NEVER;
  });
}

/** Comparison form of a value: lower case, alphanumerics only ("Stat-Arb Pair-Trading" -> "statarbpairtrading"). */
export function canonValue(s: string): string {
  return canon(s).replace(/[^\p{L}\p{N}]+/gu, '');
}
