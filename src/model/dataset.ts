// Labelled feature rows from a historical replay (cold path: `hftbot model train`).
//
// Contract
// - Source: any replay format the feed readers take (src/feed; they all apply records to a BookSink and
//   report each record): `itch` (Nasdaq BinaryFILE, .gz too), `lobster` (a message file; the matching
//   "_orderbook_" file seeds the book when it exists), `mbo` (Databento MBO CSV), `dbn` (Databento
//   DBN / DBN.zst / DBZ). The format comes from the file name unless given (inferReplayFormat). One
//   instrument: `symbol`, else LOBSTER's / the first one the file names.
// - After every record of that instrument the FeatureEngine (spec: DEFAULT_TRAIN_SPEC unless given) is
//   updated; trade prints are the executions the feed applies to the book (BookSink.execute: LOBSTER
//   type 4, ITCH E/C; the resting side's opposite is the aggressor), as the kernel sees them. Databento
//   trades ('T'/'F') never reach the book, so tradeFlow stays 0 there (the kernel sees none either).
// - Label of the row at time t: 1 when the mid in effect at t + horizon is above the mid at t, 0 when
//   below. Rows are dropped when the mid does not move (ties), when t + horizon is past the last record
//   (future unknown), or when a mid or a selected feature is NaN.
// - Time range [fromNs, toNs) (ns since midnight, as the feeds stamp records): the whole file is replayed
//   (books and features need the history), but only rows with fromNs <= t and t + horizon < toNs are kept,
//   so no label looks past toNs: a model trained on [a, b) has seen nothing of [b, ...).
// - Rows keep file order, so a chronological split is a prefix / suffix split.

import { existsSync } from 'node:fs';
import { L3Books } from '../book/l3.js';
import type { BookSink } from '../book/types.js';
import { InstrumentRegistry } from '../core/instruments.js';
import type { Px, Qty, Side } from '../core/units.js';
import { replayMboCsv } from '../feed/databento/mbo-csv.js';
import { replayDbn } from '../feed/databento/dbn-replay.js';
import { replayItch } from '../feed/itch/replay.js';
import { replayLobster } from '../feed/lobster/replay.js';
import { FeatureEngine } from '../signal/features.js';
import { featureNames, F_MID, type FeatureSpec } from '../signal/spec.js';

const MS = 1_000_000;

export const DEFAULT_TRAIN_SPEC: Omit<FeatureSpec, 'instrument'> = {
  levels: 5,
  returnWindowsNs: [10 * MS, 100 * MS, 1000 * MS],
  ofiWindowNs: 100 * MS,
  tradeWindowNs: 1000 * MS,
  volWindowNs: 5000 * MS,
};

export const DEFAULT_FEATURES = ['imbalance1', 'imbalance3', 'imbalance5', 'ofi', 'ofiWindow', 'tradeFlow', 'spread'];

export type ReplayFormat = 'itch' | 'lobster' | 'mbo' | 'dbn';
export const REPLAY_FORMATS: readonly ReplayFormat[] = ['itch', 'lobster', 'mbo', 'dbn'];

/** The format a file name suggests: .dbn/.dbz(.zst) dbn, LOBSTER names lobster, .csv mbo, else itch. */
export function inferReplayFormat(path: string): ReplayFormat {
  const n = path.toLowerCase();
  if (/\.(dbn|dbz)(\.zst)?$/.test(n) || n.endsWith('.dbn.frag') || n.endsWith('.dbn.frag.zst')) return 'dbn';
  if (/_message_/.test(n)) return 'lobster';
  if (n.endsWith('.csv')) return 'mbo';
  return 'itch';
}

export interface DatasetOptions {
  path: string;
  /** Default: inferReplayFormat(path). */
  format?: ReplayFormat;
  features: string[];
  horizonNs: number;
  symbol?: string;
  spec?: Omit<FeatureSpec, 'instrument'>;
  /** Keep rows stamped at or after this (ns since midnight). */
  fromNs?: number;
  /** Keep rows whose label horizon ends before this (ns since midnight). */
  toNs?: number;
}

export interface Dataset {
  names: string[];
  /** Row-major rows x cols. */
  x: Float64Array;
  y: Uint8Array;
  ts: Float64Array;
  rows: number;
  cols: number;
  events: number;
  droppedTies: number;
  droppedUnknown: number;
  /** Rows outside [fromNs, toNs). */
  droppedOutOfRange: number;
  /** Time of the first and last record of the instrument (ns), NaN when none. */
  firstTs: number;
  lastTs: number;
}

/** Forwards to L3Books and notes executions (price and aggressor) for the feature engine. */
class TradeTap implements BookSink {
  pendingQty = 0;
  pendingPx = 0;
  pendingAggressor = 0;
  constructor(readonly books: L3Books) {}
  add(i: number, id: number, s: Side, p: Px, q: Qty, ts: number): void { this.books.add(i, id, s, p, q, ts); }
  cancel(id: number, q: Qty, ts: number): void { this.books.cancel(id, q, ts); }
  delete(id: number, ts: number): void { this.books.delete(id, ts); }
  execute(id: number, q: Qty, ts: number): void {
    const side = this.books.orderSide(id);
    if (side >= 0) {
      this.pendingPx = this.books.orderPrice(id);
      this.pendingQty += q;
      this.pendingAggressor = side === 0 ? -1 : 1;
    }
    this.books.execute(id, q, ts);
  }
  replace(id: number, nid: number, p: Px, q: Qty, ts: number): void { this.books.replace(id, nid, p, q, ts); }
  modify(id: number, p: Px, q: Qty, ts: number): void { this.books.modify(id, p, q, ts); }
  clear(i: number, ts: number): void { this.books.clear(i, ts); }
  levelDelta(i: number, s: Side, p: Px, dq: Qty, dc: number, ts: number): void { this.books.levelDelta(i, s, p, dq, dc, ts); }
  status(i: number, st: number, ts: number): void { this.books.status(i, st, ts); }
}

export async function buildDataset(opts: DatasetOptions): Promise<Dataset> {
  const baseSpec = opts.spec ?? DEFAULT_TRAIN_SPEC;
  const names = featureNames({ instrument: 0, ...baseSpec });
  const cols = opts.features.map((f) => {
    const i = names.indexOf(f);
    if (i < 0) throw new Error(`unknown feature "${f}" (known: ${names.join(', ')})`);
    return i;
  });
  const books = new L3Books();
  const tap = new TradeTap(books);
  const registry = new InstrumentRegistry();
  let engine: FeatureEngine | null = null;
  let target = -1;
  const evTs: number[] = [];
  const evMid: number[] = [];
  const evX: number[] = [];
  const onRecord = (_r: number, inst: number, ts: number): void => {
    if (inst < 0) return;
    if (target < 0) {
      if (opts.symbol !== undefined && registry.get(inst)?.symbol !== opts.symbol) return;
      target = inst;
      engine = new FeatureEngine({ instrument: inst, ...baseSpec });
    }
    if (inst !== target || engine === null) return;
    if (tap.pendingQty > 0) {
      engine.onTrade(ts, tap.pendingPx, tap.pendingQty, tap.pendingAggressor);
      tap.pendingQty = 0;
    }
    engine.onBook(books, ts);
    evTs.push(evTs.length > 0 ? Math.max(ts, evTs[evTs.length - 1]) : ts);
    evMid.push(engine.out[F_MID]);
    for (const c of cols) evX.push(engine.out[c]);
  };
  if (!existsSync(opts.path)) throw new Error(`${opts.path} does not exist`);
  const format = opts.format ?? inferReplayFormat(opts.path);
  const base = { books: tap, registry, onRecord };
  switch (format) {
    case 'lobster': {
      const book = opts.path.replace('_message_', '_orderbook_');
      await replayLobster(opts.path, { ...base, ...(book !== opts.path && existsSync(book) ? { seedBookPath: book } : {}), ...(opts.symbol !== undefined ? { symbol: opts.symbol } : {}) });
      break;
    }
    case 'mbo': await replayMboCsv(opts.path, { ...base, ...(opts.symbol !== undefined ? { symbol: opts.symbol } : {}) }); break;
    case 'dbn': await replayDbn(opts.path, base); break;
    case 'itch': await replayItch(opts.path, base); break;
    default: throw new Error(`unknown replay format "${String(format)}" (${REPLAY_FORMATS.join(', ')})`);
  }

  const F = cols.length;
  const n = evTs.length;
  const x: number[] = [];
  const y: number[] = [];
  const ts: number[] = [];
  let ties = 0;
  let unknown = 0;
  let outOfRange = 0;
  const fromNs = opts.fromNs ?? -Infinity;
  const toNs = opts.toNs ?? Infinity;
  let j = 0; // last event with ts <= t + horizon
  const lastTs = n > 0 ? evTs[n - 1] : 0;
  for (let i = 0; i < n; i++) {
    const t = evTs[i] + opts.horizonNs;
    if (evTs[i] < fromNs || t >= toNs) { outOfRange++; continue; }
    if (t > lastTs) { unknown++; continue; }
    while (j + 1 < n && evTs[j + 1] <= t) j++;
    const m0 = evMid[i];
    const m1 = evMid[j];
    if (Number.isNaN(m0) || Number.isNaN(m1)) { unknown++; continue; }
    if (m1 === m0) { ties++; continue; }
    let bad = false;
    for (let c = 0; c < F; c++) if (Number.isNaN(evX[i * F + c])) bad = true;
    if (bad) { unknown++; continue; }
    for (let c = 0; c < F; c++) x.push(evX[i * F + c]);
    y.push(m1 > m0 ? 1 : 0);
    ts.push(evTs[i]);
  }
  return {
    names: opts.features, x: Float64Array.from(x), y: Uint8Array.from(y), ts: Float64Array.from(ts), rows: y.length, cols: F, events: n,
    droppedTies: ties, droppedUnknown: unknown, droppedOutOfRange: outOfRange, firstTs: n > 0 ? evTs[0] : NaN, lastTs: n > 0 ? lastTs : NaN,
  };
}

/** "100ms", "1.5s", "250us", "500ns" or a plain integer (ns) -> integer ns. */
export function parseDurationNs(s: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ns|us|µs|ms|s|m)?\s*$/.exec(s);
  if (!m) throw new Error(`bad duration "${s}" (examples: 100ms, 1s, 250us)`);
  const mult = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9 }[(m[2] ?? 'ns') as 'ns'];
  const v = Math.round(Number(m[1]) * mult);
  if (!(v > 0) || !Number.isSafeInteger(v)) throw new Error(`bad duration "${s}"`);
  return v;
}

/** "HH:MM[:SS[.fff...]]" (time of day) or a duration / plain integer ns (parseDurationNs) -> ns since midnight. */
export function parseTimeOfDayNs(s: string): number {
  const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*$/.exec(s);
  if (m === null) return parseDurationNs(s);
  const frac = m[4] ?? '';
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const sec = Number(m[3] ?? '0');
  if (h > 23 || mi > 59 || sec > 59) throw new Error(`bad time of day "${s}"`);
  return ((h * 60 + mi) * 60 + sec) * 1e9 + Number(frac.padEnd(9, '0') || '0');
}
