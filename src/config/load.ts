// The one way a YAML file of any kind becomes a validated object (design principle 8). The text is
// parsed with `yaml` keeping node ranges; the kind comes from a `kind:` key or from the top-level keys
// (./kinds.ts); the kind's validator returns the normalised object or issues, and every issue is
// mapped back to `file:line:col: Key.Path: message`, at the offending value, at the key for an unknown
// key, or at the parent key when a key is missing. User errors are returned, never thrown.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import { DUP, canon, inStyleOf, matchKey, suggest, type UnknownKeyParams } from './keys.js';
import { MISSING } from './fields.js';
import { inferKind, KINDS, type AnySpec } from './kinds.js';
import type { Issue } from './issues.js';
import type { StrategyFileLoader } from './run.js';

export interface SpecError {
  file: string;
  line: number;
  col: number;
  message: string;
}

export type LoadResult = ({ ok: true } & AnySpec) | { ok: false; errors: SpecError[] };

/** `file:line:col: message`, the form every tool that reads compiler output understands. */
export function formatError(e: SpecError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message}`;
}

function keyText(n: unknown): string {
  return isScalar(n) ? String(n.value) : String(n);
}

interface Located { offset: number; display: string }

/** Finds the node an issue path names; see the module header for where each kind of issue points. */
function locate(doc: Document, path: Array<string | number>, atKey: boolean): Located {
  let node: unknown = doc.contents;
  let anchor: Node | null = (doc.contents as Node | null) ?? null;
  let parentKey: Node | null = null;
  let display = '';
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(step)) ?? node.items.find((p) => matchKey(keyText(p.key), [String(step)]) !== null);
      if (pair === undefined) {
        // A missing key: point at the parent key (already the anchor), name it as the user would write it.
        const sample = node.items.length > 0 ? keyText(node.items[0].key) : undefined;
        display += (display === '' ? '' : '.') + inStyleOf(String(step), sample);
        anchor = parentKey ?? anchor;
        break;
      }
      display += (display === '' ? '' : '.') + keyText(pair.key);
      const keyNode = pair.key as Node;
      parentKey = keyNode;
      anchor = last && atKey ? keyNode : ((pair.value as Node | null) ?? keyNode);
      if (last && !atKey && (pair.value === null || (isScalar(pair.value) && pair.value.value === null))) anchor = keyNode;
      node = pair.value;
    } else if (isSeq(node) && Number.isInteger(Number(step))) {
      display += `[${String(step)}]`;
      const item = node.items[Number(step)] as Node | undefined;
      if (item === undefined) break;
      anchor = item;
      node = item;
    } else break;
  }
  return { offset: anchor?.range?.[0] ?? 0, display };
}

function issueMessage(issue: Issue): { message: string; atKey: boolean; path: Array<string | number> } {
  const p = issue.params as Partial<UnknownKeyParams> | undefined;
  if (p?.unknownKey === true && issue.path.length > 0) {
    const key = String(issue.path[issue.path.length - 1]).replace(DUP, '');
    const known = p.known ?? [];
    const dup = known.find((k) => matchKey(key, [k]) !== null);
    if (dup !== undefined) return { message: `${inStyleOf(dup, key)} is given twice (as "${key}" and another spelling)`, atKey: true, path: issue.path.slice(0, -1).concat([key]) };
    const near = suggest(key, known);
    const hint = near !== null ? ` (did you mean "${inStyleOf(near, key)}"?)` : known.length > 0 ? `; known keys: ${known.map((k) => inStyleOf(k, key)).join(', ')}` : '';
    return { message: `unknown key "${key}"${hint}`, atKey: true, path: issue.path.slice(0, -1).concat([key]) };
  }
  return { message: issue.message, atKey: false, path: issue.path };
}

const pathKey = (parent: Array<string | number>, key: string): string => JSON.stringify([...parent.map(String), canon(key)]);

/** For an unknown key close to a known one: the path of the field it was meant to be. */
function misspeltFor(i: Issue): string | null {
  const p = i.params as Partial<UnknownKeyParams> | undefined;
  if (p?.unknownKey !== true || i.path.length === 0) return null;
  const key = String(i.path[i.path.length - 1]);
  if (key.endsWith(DUP)) return null;
  const near = suggest(key, p.known ?? []);
  return near === null ? null : pathKey(i.path.slice(0, -1), near);
}

/** Parses and validates `text` (named `file` in errors). */
export function parseSpec(text: string, file: string): LoadResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, message: string): SpecError => {
    const p = lc.linePos(offset);
    return { file, line: p.line, col: p.col, message };
  };
  if (doc.errors.length > 0) {
    // Only the first: later YAML errors are mostly the parser recovering from it.
    const e = doc.errors[0];
    return { ok: false, errors: [at(e.pos[0], `YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`)] };
  }
  if (doc.contents === null) return { ok: false, errors: [at(0, 'the file is empty')] };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // Alias errors (an alias before its anchor, alias bombs) surface only here: point at the first alias.
    let offset = 0;
    visit(doc, { Alias(_k, n) { offset = n.range?.[0] ?? 0; return visit.BREAK; } });
    return { ok: false, errors: [at(offset, `YAML: ${(err as Error).message}`)] };
  }
  const kind = inferKind(raw);
  if (!kind.ok) {
    const l = locate(doc, kind.path, true);
    return { ok: false, errors: [at(l.offset, kind.message)] };
  }
  const nested: SpecError[] = [];
  const loadStrategy: StrategyFileLoader = (rel) => {
    const shown = join(dirname(file), rel);
    const sub = loadSpec(shown);
    if (!sub.ok) {
      nested.push(...sub.errors);
      return { ok: false, message: `${rel} is not a valid strategy file (${sub.errors.length} error${sub.errors.length === 1 ? '' : 's'} listed with its own positions)` };
    }
    if (sub.kind !== 'strategy') return { ok: false, message: `${rel} is a ${sub.kind} file, not a strategy` };
    return { ok: true, path: resolve(shown), spec: sub.spec };
  };
  const r = KINDS[kind.kind].validate(kind.body, { baseDir: dirname(resolve(file)), loadStrategy });
  if (r.ok) return { ok: true, kind: kind.kind, spec: r.value } as { ok: true } & AnySpec;
  // A misspelt key also leaves its field missing: the unknown-key error says both, so drop the other.
  const meant = new Set(r.issues.map((i) => misspeltFor(i)).filter((x): x is string => x !== null));
  // One error per place: a value of the wrong type can also fail the checks after it.
  const seen = new Set<string>();
  const issues = r.issues.filter((i) => {
    const at = JSON.stringify(i.path);
    if (seen.has(at)) return false;
    seen.add(at);
    return !(i.message === MISSING && meant.has(pathKey(i.path.slice(0, -1), String(i.path[i.path.length - 1]))));
  });
  const errors = issues.map((issue) => {
    const m = issueMessage(issue);
    const l = locate(doc, m.path, m.atKey);
    return at(l.offset, l.display === '' || m.atKey ? (m.atKey && l.display.includes('.') ? `${l.display.slice(0, l.display.lastIndexOf('.'))}: ${m.message}` : m.message) : `${l.display}: ${m.message}`);
  });
  errors.sort((a, b) => a.line - b.line || a.col - b.col);
  return { ok: false, errors: [...errors, ...nested] };
}

/** Reads and validates a file; an unreadable file is one error at 1:1. */
export function loadSpec(path: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, errors: [{ file: path, line: 1, col: 1, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` }] };
  }
  return parseSpec(text, path);
}
