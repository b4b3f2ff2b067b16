// Databento MBO CSV replay (the CSV encoding of the MBO schema: `dbn --csv`, or the web portal export).
//
// Contract
// - Streams the file line by line (src/feed/lobster/lines.ts); columns are found by header name:
//   required ts_event, action, side, price, size, order_id; optional symbol, instrument_id.
// - Instrument: the `symbol` column (registered with priceScale 1e9, tick 1, lot 1: Databento's
//   fixed-point scale, so prices need no rescaling); without it, the instrument_id column as text.
//   opts.symbol: only rows of that symbol touch the book; other rows are counted and reported to onRecord
//   with instrument -1.
// - ts_event: ISO-8601 with ns ("2025-07-17T08:05:03.360677248Z") or integer ns since the UNIX epoch;
//   becomes ns since the session epoch = UTC midnight of the first record's day.
// - price: decimal string -> integer units of 1e9 (exact); an empty price is "undefined" (ok for
//   R/C/T/F/N, an error for A/M). Set opts.fixedPointPrices when the file holds raw 1e-9 integers
//   (pretty_px=false).
// - Book semantics: MboApplier (./mbo.ts). recordIndex counts every data row (not the header, not blank
//   lines); malformed rows are counted in errors (with line numbers) and skipped.

import type { InstrumentRegistry } from '../../core/instruments.js';
import { Reject, rejectName } from '../../core/rejects.js';
import { newFeedStats, type FeedStats, type ReplayOptions } from '../types.js';
import { readLines } from '../lobster/lines.js';
import { parseDecimalBytes, parseTimestampBytes, parseUintBytes, sessionNs, splitCsv, tsOut } from './fields.js';
import { MboApplier, MboResult } from './mbo.js';

export interface MboCsvOptions extends ReplayOptions {
  /** Only this symbol's rows touch the book. */
  symbol?: string;
  /** Prices are integers in 1e-9 units rather than decimals. */
  fixedPointPrices?: boolean;
}

export interface MboFeedStats extends FeedStats {
  /** UTC day number (days since 1970-01-01) of the session epoch; NaN before the first record. */
  epochDay: number;
  /** Rows skipped because of opts.symbol. */
  filtered: number;
}

export const DATABENTO_PRICE_SCALE = 1_000_000_000;

export function databentoInstrumentSpec(symbol: string) {
  return { symbol, priceScale: DATABENTO_PRICE_SCALE, tickSize: 1, lotSize: 1 };
}

const MAX_COLS = 64;
const MAX_SAMPLES = 10;

/**
 * Resolves a symbol's bytes to a registry id without making a string per row, also when instruments
 * interleave: a hash of the bytes finds a slot, whose stored bytes are compared to rule out collisions
 * (a colliding symbol takes the string path: correct, just slower). The last symbol is checked first.
 */
class SymbolCache {
  private readonly bySig = new Map<number, number>(); // hash -> slot
  private readonly slotBytes: Buffer[] = [];
  private readonly slotId: number[] = [];
  private readonly byName = new Map<string, number>(); // cold fallback for hash collisions
  private lastSlot = -1;

  constructor(
    private readonly registry: InstrumentRegistry,
    private readonly only: string | undefined,
  ) {}

  private same(slot: number, buf: Buffer, start: number, end: number): boolean {
    const b = this.slotBytes[slot];
    return b.length === end - start && buf.compare(b, 0, b.length, start, end) === 0;
  }

  /** Registry id, or -1 when filtered out. */
  resolve(buf: Buffer, start: number, end: number): number {
    const last = this.lastSlot;
    if (last >= 0 && this.same(last, buf, start, end)) return this.slotId[last];
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    const slot = this.bySig.get(h);
    if (slot !== undefined && this.same(slot, buf, start, end)) {
      this.lastSlot = slot;
      return this.slotId[slot];
    }
    // cold: first sight of this symbol (or a hash collision)
    const sym = buf.toString('latin1', start, end);
    let id = this.byName.get(sym);
    if (id === undefined) {
      id = this.only !== undefined && sym !== this.only ? -1 : this.registry.register(databentoInstrumentSpec(sym)).id;
      this.byName.set(sym, id);
    }
    if (slot === undefined) {
      const n = this.slotBytes.length;
      this.slotBytes.push(Buffer.from(buf.subarray(start, end)));
      this.slotId.push(id);
      this.bySig.set(h, n);
      this.lastSlot = n;
    } else this.lastSlot = -1;
    return id;
  }
}

export async function replayMboCsv(path: string, opts: MboCsvOptions): Promise<MboFeedStats> {
  const h = mboCsvLineHandler(opts, path);
  await readLines(path, h.onLine);
  return h.finish();
}

export interface MboCsvLineHandler {
  /** One line (the first non-empty one is the header). */
  onLine: (buf: Buffer, start: number, end: number) => void;
  /** Completes byType and returns the stats. */
  finish: () => MboFeedStats;
}

/** The per-line state machine behind replayMboCsv (also driven from memory by the benchmark). */
export function mboCsvLineHandler(opts: MboCsvOptions, path = '<memory>'): MboCsvLineHandler {
  const { books, registry, onRecord } = opts;
  const stats: MboFeedStats = { ...newFeedStats(), epochDay: NaN, filtered: 0 };
  const applier = new MboApplier(books);
  const symbols = new SymbolCache(registry, opts.symbol);
  const fixed = opts.fixedPointPrices === true;
  const starts = new Int32Array(MAX_COLS);
  const ends = new Int32Array(MAX_COLS);
  const byAction = new Float64Array(128);
  let cTs = -1, cAction = -1, cSide = -1, cPrice = -1, cSize = -1, cOrder = -1, cSymbol = -1, nCols = 0;
  let header = true;
  let lineNo = 0;
  let recordIndex = 0;
  // [epochDay, last good ts]: doubles live in a typed array because a closure's context slot would box
  // every non-Smi number written to it (an allocation per row); malformed rows repeat the last good ts
  const tsState = new Float64Array([NaN, 0]);

  const fail = (code: number, text: string): void => {
    stats.errors++;
    if (stats.errorSamples.length < MAX_SAMPLES) stats.errorSamples.push(`${path}:${lineNo}: ${rejectName(code)}: ${text}`);
  };

  const onLine = (buf: Buffer, start: number, end: number): void => {
    lineNo++;
    if (end === start) return;
    if (header) {
      header = false;
      const names = buf.toString('latin1', start, end).split(',').map((s) => s.trim());
      nCols = names.length;
      cTs = names.indexOf('ts_event');
      cAction = names.indexOf('action');
      cSide = names.indexOf('side');
      cPrice = names.indexOf('price');
      cSize = names.indexOf('size');
      cOrder = names.indexOf('order_id');
      cSymbol = names.indexOf('symbol');
      if (cSymbol < 0) cSymbol = names.indexOf('instrument_id');
      if (cTs < 0 || cAction < 0 || cSide < 0 || cPrice < 0 || cSize < 0 || cOrder < 0 || cSymbol < 0 || nCols > MAX_COLS) {
        throw new Error(`${path}:1: not a Databento MBO CSV header (need ts_event, action, side, price, size, order_id, symbol or instrument_id)`);
      }
      return;
    }
    recordIndex++;
    stats.messages++;
    const n = splitCsv(buf, start, end, starts, ends);
    if (n !== nCols) {
      fail(Reject.FeedMalformedRecord, `${n} columns, header has ${nCols}`);
      if (onRecord) onRecord(recordIndex, -1, tsState[1]);
      return;
    }
    if (!parseTimestampBytes(buf, starts[cTs], ends[cTs])) {
      fail(Reject.FeedMalformedRecord, 'bad ts_event');
      if (onRecord) onRecord(recordIndex, -1, tsState[1]);
      return;
    }
    if (Number.isNaN(tsState[0])) tsState[0] = stats.epochDay = tsOut.day;
    const ts = (tsState[1] = sessionNs(tsState[0]));
    const action = ends[cAction] - starts[cAction] === 1 ? buf[starts[cAction]] : 0;
    byAction[action & 127]++;
    const inst = symbols.resolve(buf, starts[cSymbol], ends[cSymbol]);
    if (inst < 0) {
      stats.filtered++;
      if (onRecord) onRecord(recordIndex, -1, ts);
      return;
    }
    const side = ends[cSide] - starts[cSide] === 1 ? buf[starts[cSide]] : 0;
    const ps = starts[cPrice];
    const pe = ends[cPrice];
    const price = pe === ps ? NaN : fixed ? parseSignedBytes(buf, ps, pe) : parseDecimalBytes(buf, ps, pe, 1_000_000_000);
    const size = parseUintBytes(buf, starts[cSize], ends[cSize]);
    const orderId = parseUintBytes(buf, starts[cOrder], ends[cOrder]);
    if (Number.isNaN(size) || Number.isNaN(orderId)) {
      // order ids >= 2^53 land here too: they cannot be book keys (see BookSink)
      fail(Number.isNaN(orderId) ? Reject.FeedOrderRefTooLarge : Reject.FeedMalformedRecord, 'bad size or order_id');
    } else {
      const rc = applier.apply(inst, action, side, price, size, orderId, ts);
      if (rc !== MboResult.Ok) fail(rc === MboResult.BadAction ? Reject.FeedUnknownMessageType : Reject.FeedMalformedRecord, `action/side/price rejected (${rc})`);
    }
    if (onRecord) onRecord(recordIndex, inst, ts);
  };

  const finish = (): MboFeedStats => {
    for (let c = 0; c < 128; c++) if (byAction[c] > 0) stats.byType[c === 0 ? 'other' : String.fromCharCode(c)] = byAction[c];
    return stats;
  };
  return { onLine, finish };
}

function parseSignedBytes(buf: Buffer, s: number, e: number): number {
  if (s < e && buf[s] === 45) return -parseUintBytes(buf, s + 1, e);
  return parseUintBytes(buf, s, e);
}
