// Labelled feature rows from a historical replay (cold path: `hftbot model train`).
//
// Contract
// - Source: a LOBSTER message file (name contains "_message_"; the matching "_orderbook_" file seeds the
//   book when it exists) or a Databento MBO CSV. One instrument: LOBSTER's, or `symbol` / the first one
//   the MBO file names.
// - After every record of that instrument the FeatureEngine (spec: DEFAULT_TRAIN_SPEC unless given) is
//   updated; trade prints are the executions the feed applies to the book (BookSink.execute: LOBSTER
//   type 4, the resting side's opposite is the aggressor). Databento CSV trades ('T'/'F') never reach the
//   book, so tradeFlow stays 0 there.
// - Label of the row at time t: 1 when the mid in effect at t + horizon is above the mid at t, 0 when
//   below. Rows are dropped when the mid does not move (ties), when t + horizon is past the last record
//   (future unknown), or when a mid or a selected feature is NaN.
// - Rows keep file order, so a chronological split is a prefix / suffix split.

import { existsSync } from 'node:fs';
import { L3Books } from '../book/l3.js';
import type { BookSink } from '../book/types.js';
import { InstrumentRegistry } from '../core/instruments.js';
import type { Px, Qty, Side } from '../core/units.js';
import { replayMboCsv } from '../feed/databento/mbo-csv.js';
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

export interface DatasetOptions {
  path: string;
  features: string[];
  horizonNs: number;
  symbol?: string;
  spec?: Omit<FeatureSpec, 'instrument'>;
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
  if (/_message_/.test(opts.path)) {
    const book = opts.path.replace('_message_', '_orderbook_');
    await replayLobster(opts.path, { books: tap, registry, onRecord, ...(existsSync(book) ? { seedBookPath: book } : {}) });
  } else {
    await replayMboCsv(opts.path, { books: tap, registry, onRecord, ...(opts.symbol !== undefined ? { symbol: opts.symbol } : {}) });
  }

  const F = cols.length;
  const n = evTs.length;
  const x: number[] = [];
  const y: number[] = [];
  const ts: number[] = [];
  let ties = 0;
  let unknown = 0;
  let j = 0; // last event with ts <= t + horizon
  const lastTs = n > 0 ? evTs[n - 1] : 0;
  for (let i = 0; i < n; i++) {
    const t = evTs[i] + opts.horizonNs;
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
  return { names: opts.features, x: Float64Array.from(x), y: Uint8Array.from(y), ts: Float64Array.from(ts), rows: y.length, cols: F, events: n, droppedTies: ties, droppedUnknown: unknown };
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
