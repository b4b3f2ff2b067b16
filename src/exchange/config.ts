// `hftbot exchange` configuration (YAML, one zod schema, errors as file:line:col: design principle 8).
// Every key is optional; the defaults are the issue's: FIX on 127.0.0.1:9878 as EXCH, MoldUDP64 to
// 127.0.0.1:9900 with re-requests on 9901, synthetic flow on (seed 1), the session recorded as an ITCH
// BinaryFILE in data/exchange. Relative paths resolve against the file's folder. Cold path.
//
//   fix:          { host: 127.0.0.1, port: 9878, compId: EXCH, allowedCompIds: [CLIENT1], dictionary: FIX44.xml }
//   marketData:   { host: 127.0.0.1, port: 9900, requestPort: 9901, session: HFTBOT0001, record: true }  (host: unicast or multicast)
//   dataDir:      data/exchange
//   synthetic:    { enabled: true, seed: 1, activity: 1, stepMs: 5 }
//   instruments:  [{ symbol: AAPL, startPrice: 190, marketMakers: 3 }, ...]  (default: the synthetic market's five)
//   sessions:
//     defaults:   { cancelOnDisconnect: true, selfMatch: none, maxOrderQty: 0, throttle: { windowMs: 1000, rejectAbove: 500, disconnectAbove: 1000 } }
//     clients:    { CLIENT1: { firm: ACME, selfMatch: cancel-oldest } }

import { z } from 'zod';
import { parseDocument, LineCounter, isMap, isSeq, type Node } from 'yaml';
import { dirname, resolve } from 'node:path';
import type { SyntheticInstrument } from '../sim/agents.js';
import type { SessionPolicy } from './orders.js';
import { defaultSessionPolicy } from './orders.js';

const port = z.number().int().min(0).max(65535);

const policyFields = z.object({
  firm: z.string().min(1).nullable().optional(),
  selfMatch: z.enum(['none', 'cancel-newest', 'cancel-oldest', 'cancel-both']).optional(),
  cancelOnDisconnect: z.boolean().optional(),
  maxOrderQty: z.number().int().min(0).optional(),
  throttle: z.object({
    windowMs: z.number().int().positive().optional(),
    rejectAbove: z.number().int().positive().optional(),
    disconnectAbove: z.number().int().positive().optional(),
  }).strict().optional(),
}).strict();

const instrument = z.object({
  symbol: z.string().regex(/^[A-Za-z0-9.]{1,8}$/, '1-8 letters, digits or dots'),
  startPrice: z.number().positive(),
  volPerSqrtSec: z.number().positive().optional(),
  bandBps: z.number().int().min(0).optional(),
  marketMakers: z.number().int().min(0).optional(),
  noiseTraders: z.number().int().min(0).optional(),
  momentumTraders: z.number().int().min(0).optional(),
  meanReverters: z.number().int().min(0).optional(),
}).strict();

const Schema = z.object({
  fix: z.object({
    host: z.string().default('127.0.0.1'),
    port: port.default(9878),
    compId: z.string().min(1).default('EXCH'),
    allowedCompIds: z.array(z.string().min(1)).min(1).optional(),
    dictionary: z.string().min(1).optional(),
    maxLatencySec: z.number().int().min(0).default(120),
  }).strict().default({ host: '127.0.0.1', port: 9878, compId: 'EXCH', maxLatencySec: 120 }),
  marketData: z.object({
    host: z.string().default('127.0.0.1'),
    port: port.default(9900),
    requestPort: port.default(9901),
    /** Local address of the publisher's socket (default: the destination when it is loopback, else 0.0.0.0). */
    bindAddress: z.string().optional(),
    session: z.string().min(1).max(10).default('HFTBOT0001'),
    record: z.boolean().default(true),
  }).strict().default({ host: '127.0.0.1', port: 9900, requestPort: 9901, session: 'HFTBOT0001', record: true }),
  dataDir: z.string().min(1).default('data/exchange'),
  synthetic: z.object({
    enabled: z.boolean().default(true),
    seed: z.number().int().default(1),
    activity: z.number().positive().default(1),
    stepMs: z.number().int().positive().default(5),
  }).strict().default({ enabled: true, seed: 1, activity: 1, stepMs: 5 }),
  instruments: z.array(instrument).min(1).optional(),
  sessions: z.object({
    defaults: policyFields.optional(),
    clients: z.record(z.string(), policyFields).optional(),
  }).strict().optional(),
}).strict().superRefine((c, ctx) => {
  const t = { ...defaultSessionPolicy.throttle, ...c.sessions?.defaults?.throttle };
  if (t.disconnectAbove < t.rejectAbove) ctx.addIssue({ code: 'custom', message: 'disconnectAbove must be >= rejectAbove', path: ['sessions', 'defaults', 'throttle'] });
  const syms = new Set<string>();
  c.instruments?.forEach((i, k) => {
    if (syms.has(i.symbol)) ctx.addIssue({ code: 'custom', message: `duplicate symbol ${i.symbol}`, path: ['instruments', k, 'symbol'] });
    syms.add(i.symbol);
  });
});

type Raw = z.output<typeof Schema>;
type PolicyRaw = z.output<typeof policyFields>;

export interface ExchangeConfig {
  fix: { host: string; port: number; compId: string; allowedCompIds: string[] | null; dictionary: string | null; maxLatencySec: number };
  marketData: Raw['marketData'];
  /** Absolute. */
  dataDir: string;
  synthetic: Raw['synthetic'];
  /** Synthetic-market instruments (agent counts per instrument; 0 agents: a quiet book for FIX users only). */
  instruments: SyntheticInstrument[] | null;
  /** Policy of a client CompID: defaults merged with its `clients` entry. */
  policy(compId: string): SessionPolicy;
}

export class ExchangeConfigError extends Error {}

function locate(doc: ReturnType<typeof parseDocument>, lc: LineCounter, path: ReadonlyArray<PropertyKey>): string {
  let node: unknown = doc.contents;
  let last: Node | null = (doc.contents as Node | null) ?? null;
  for (const key of path) {
    if (isMap(node)) node = node.get(key, true);
    else if (isSeq(node)) node = node.get(Number(key), true);
    else break;
    if (node && typeof node === 'object' && 'range' in (node as object)) last = node as Node;
  }
  const p = lc.linePos(last?.range?.[0] ?? 0);
  return `${p.line}:${p.col}`;
}

function merge(base: SessionPolicy, o: PolicyRaw | undefined): SessionPolicy {
  if (o === undefined) return base;
  return {
    firm: o.firm !== undefined ? o.firm : base.firm,
    selfMatch: o.selfMatch ?? base.selfMatch,
    cancelOnDisconnect: o.cancelOnDisconnect ?? base.cancelOnDisconnect,
    maxOrderQty: o.maxOrderQty ?? base.maxOrderQty,
    throttle: { ...base.throttle, ...o.throttle },
  };
}

/** Validates configuration text (empty text: all defaults); `file` names it in errors and anchors relative paths. */
export function parseExchangeConfig(text: string, file = 'exchange.yaml'): ExchangeConfig {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length > 0) {
    const p = lc.linePos(doc.errors[0].pos[0]);
    throw new ExchangeConfigError(`${file}:${p.line}:${p.col}: ${doc.errors[0].message}`);
  }
  const r = Schema.safeParse(doc.toJS() ?? {});
  if (!r.success) {
    const is = r.error.issues[0];
    // an unknown key is located at the key's own line (its value node), not at the map holding it
    const at = is.code === 'unrecognized_keys' && is.keys.length > 0 ? [...is.path, is.keys[0]] : is.path;
    throw new ExchangeConfigError(`${file}:${locate(doc, lc, at)}: ${is.path.join('.') || '(top)'}: ${is.message}`);
  }
  const c = r.data;
  const base = dirname(resolve(file));
  const defaults = merge(defaultSessionPolicy, c.sessions?.defaults);
  const clients = new Map(Object.entries(c.sessions?.clients ?? {}).map(([k, v]) => [k, merge(defaults, v)]));
  return {
    fix: { ...c.fix, allowedCompIds: c.fix.allowedCompIds ?? null, dictionary: c.fix.dictionary !== undefined ? resolve(base, c.fix.dictionary) : null },
    marketData: c.marketData,
    dataDir: resolve(base, c.dataDir),
    synthetic: c.synthetic,
    instruments: c.instruments ?? null,
    policy: (compId) => clients.get(compId) ?? defaults,
  };
}
