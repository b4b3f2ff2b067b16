// DBN replay: applies the MBO records of a DBN / DBN.zst / DBZ file to a BookSink.
//
// Contract
// - Instruments: a record's instrument_id is mapped to a registry id, registered with priceScale 1e9
//   under its symbol: from the metadata's mappings (interval symbol = instrument id when stype_out is
//   instrument_id; the mapping's raw_symbol is the name), or from symbol-mapping records in the stream,
//   else the instrument id as text. opts.symbol: only that symbol's records touch the book.
// - MBO records (rtype 0xA0) go through MboApplier (the same semantics as the CSV replay). Prices: i64 in
//   1e-9 units read as numbers (hi * 2^32 + lo, exact below 2^53; UNDEF_PRICE -> NaN). order_id: u64;
//   ids >= 2^53 cannot be book keys: such a record is a counted FeedOrderRefTooLarge error, not applied.
// - Status records set the instrument's TradingStatus (statusOf). Other record types are counted by schema
//   name (byType) and reported to onRecord; they do not change the book. Records shorter than their layout are counted errors; unknown rtypes are skipped by length.
// - ts: ns since the UTC midnight of the first record's ts_event (split exactly, no BigInt); a record
//   with an undefined or unrepresentable ts_event gets the previous record's ts.
// - recordIndex counts every record. No allocation per record on the MBO path.

import type { BookSink } from '../../book/types.js';
import { TradingStatus } from '../../core/events.js';
import type { InstrumentRegistry } from '../../core/instruments.js';
import { Reject, rejectName } from '../../core/rejects.js';
import { newFeedStats, type FeedStats, type RecordObserver, type ReplayOptions } from '../types.js';
import { SCHEMA_NAMES, type DbnMetadata } from './dbn-meta.js';
import { minRecordSize, RTYPE } from './dbn-records.js';
import { readDbnFile, type DbnStreamHandlers, type DbnStreamOptions, type DbnStreamResult } from './dbn-stream.js';
import { sessionNs, splitEpochNs, tsOut } from './fields.js';
import { MboApplier, MboResult } from './mbo.js';
import { databentoInstrumentSpec } from './mbo-csv.js';

export interface DbnReplayOptions extends ReplayOptions, DbnStreamOptions {
  symbol?: string;
}

export interface DbnFeedStats extends FeedStats {
  metadata: DbnMetadata | null;
  format: DbnStreamResult['format'];
  epochDay: number;
  /** Records of rtypes this decoder does not know (skipped by length). */
  unknownRtype: number;
}

const MAX_SAMPLES = 10;

export function rtypeName(rtype: number): string {
  switch (rtype) {
    case RTYPE.MBO: return 'mbo';
    case RTYPE.MBP_0: return 'trades';
    case RTYPE.MBP_1: return 'mbp-1';
    case RTYPE.MBP_10: return 'mbp-10';
    case RTYPE.OHLCV_DEPRECATED: return 'ohlcv';
    case RTYPE.OHLCV_1S: return 'ohlcv-1s';
    case RTYPE.OHLCV_1M: return 'ohlcv-1m';
    case RTYPE.OHLCV_1H: return 'ohlcv-1h';
    case RTYPE.OHLCV_1D: return 'ohlcv-1d';
    case RTYPE.OHLCV_EOD: return 'ohlcv-eod';
    case RTYPE.STATUS: return 'status';
    case RTYPE.INSTRUMENT_DEF: return 'definition';
    case RTYPE.IMBALANCE: return 'imbalance';
    case RTYPE.ERROR: return 'error';
    case RTYPE.SYMBOL_MAPPING: return 'symbol-mapping';
    case RTYPE.SYSTEM: return 'system';
    case RTYPE.STATISTICS: return 'statistics';
    case RTYPE.CMBP_1: return 'cmbp-1';
    case RTYPE.CBBO_1S: return 'cbbo-1s';
    case RTYPE.CBBO_1M: return 'cbbo-1m';
    case RTYPE.TCBBO: return 'tcbbo';
    case RTYPE.BBO_1S: return 'bbo-1s';
    case RTYPE.BBO_1M: return 'bbo-1m';
    default: return `rtype-0x${rtype.toString(16)}`;
  }
}

/**
 * Databento StatusMsg -> TradingStatus (src/core/events.ts). action (StatusAction, rust/dbn/src/enums.rs):
 * 7 Trading; 8 Halt, 10 Suspend; 9 Pause; 1 PreOpen, 2 PreCross, 3 Quoting -> Quoting. Other actions fall
 * back to is_trading / is_quoting ('Y'/'N'; '~' = not reported). Unknown when nothing says.
 */
export function statusOf(action: number, isTrading: number, isQuoting: number): number {
  switch (action) {
    case 7: return TradingStatus.Trading;
    case 8: case 10: return TradingStatus.Halted;
    case 9: return TradingStatus.Paused;
    case 1: case 2: case 3: return TradingStatus.Quoting;
  }
  if (isTrading === 89) return TradingStatus.Trading; // 'Y'
  if (isQuoting === 89) return TradingStatus.Quoting;
  if (isTrading === 78) return TradingStatus.Halted; // 'N' and not quoting
  return TradingStatus.Unknown;
}

/** Maps DBN instrument ids to registry ids (cold on first sight of an id). */
class InstrumentMap {
  private readonly ids = new Map<number, number>();
  readonly names = new Map<number, string>();
  private lastDbn = -1;
  private lastId = -1;

  constructor(
    private readonly registry: InstrumentRegistry,
    private readonly only: string | undefined,
  ) {}

  nameFromMetadata(meta: DbnMetadata): void {
    for (const m of meta.mappings) {
      for (const iv of m.intervals) {
        if (/^\d+$/.test(iv.symbol)) this.names.set(Number(iv.symbol), m.rawSymbol);
        else if (/^\d+$/.test(m.rawSymbol)) this.names.set(Number(m.rawSymbol), iv.symbol);
      }
    }
  }

  resolve(dbnId: number): number {
    if (dbnId === this.lastDbn) return this.lastId;
    let id = this.ids.get(dbnId);
    if (id === undefined) {
      const sym = this.names.get(dbnId) ?? String(dbnId);
      id = this.only !== undefined && sym !== this.only ? -1 : this.registry.register(databentoInstrumentSpec(sym)).id;
      this.ids.set(dbnId, id);
    }
    this.lastDbn = dbnId;
    this.lastId = id;
    return id;
  }
}

export async function replayDbn(path: string, opts: DbnReplayOptions): Promise<DbnFeedStats> {
  const h = dbnReplayHandler(opts, path);
  const res = await readDbnFile(path, h, opts);
  return h.finish(res);
}

export interface DbnReplayHandler extends DbnStreamHandlers {
  /** Records the stream outcome (errors, trailing bytes), completes byType, returns the stats. */
  finish(res: DbnStreamResult): DbnFeedStats;
}

/** The per-record logic behind replayDbn (also driven from memory by the benchmark via DbnFramer). */
export function dbnReplayHandler(opts: DbnReplayOptions, path = '<memory>'): DbnReplayHandler {
  return new DbnMboReplayer(opts, path);
}

/**
 * A class, not closures: its counters and timestamps are in-object fields, which V8 keeps unboxed; closure
 * context slots would box every non-Smi number written per record (profiled: ~40% of the record cost).
 */
class DbnMboReplayer implements DbnReplayHandler {
  private readonly stats: DbnFeedStats = { ...newFeedStats(), metadata: null, format: 'dbn', epochDay: NaN, unknownRtype: 0 };
  private readonly applier: MboApplier;
  private readonly books: BookSink;
  private readonly instruments: InstrumentMap;
  private readonly onRec: RecordObserver | null;
  private readonly byRtype = new Float64Array(256);
  private recordIndex = 0;
  private epochDay = NaN;
  private byteOffset = 0;
  private lastTs = 0;

  constructor(
    opts: DbnReplayOptions,
    private readonly path: string,
  ) {
    this.applier = new MboApplier(opts.books);
    this.books = opts.books;
    this.instruments = new InstrumentMap(opts.registry, opts.symbol);
    this.onRec = opts.onRecord ?? null;
  }

  private fail(code: number, text: string): void {
    const stats = this.stats;
    stats.errors++;
    if (stats.errorSamples.length < MAX_SAMPLES) {
      stats.errorSamples.push(`${this.path}: record ${this.recordIndex} (decompressed byte ${this.byteOffset}): ${rejectName(code)}: ${text}`);
    }
  }

  onMetadata(meta: DbnMetadata): void {
    this.stats.metadata = meta;
    this.instruments.nameFromMetadata(meta);
  }

  onRecord(b: Buffer, o: number, len: number, version: number): void {
    const index = ++this.recordIndex;
    this.stats.messages++;
    const rtype = b[o + 1];
    this.byRtype[rtype]++;
    // an undefined (u64::MAX) or absurd ts_event (e.g. 0: unsafe once rebased) repeats the last one
    let ts = this.lastTs;
    if (splitEpochNs(b.readUInt32LE(o + 12), b.readUInt32LE(o + 8))) {
      if (this.epochDay !== this.epochDay) this.epochDay = this.stats.epochDay = tsOut.day;
      const t = sessionNs(this.epochDay);
      if (Number.isSafeInteger(t)) ts = this.lastTs = t;
    }
    let inst = -1;
    if (rtype === RTYPE.MBO && len >= 56) {
      inst = this.instruments.resolve(b.readUInt32LE(o + 4));
      if (inst >= 0) this.applyMbo(b, o, inst, ts);
    } else if (len < minRecordSize(rtype, version === 0 ? 1 : version)) {
      this.fail(Reject.FeedBadLength, `${rtypeName(rtype)} record of ${len} bytes`);
    } else if (rtype === RTYPE.SYMBOL_MAPPING) {
      this.symbolMapping(b, o, len);
    } else if (minRecordSize(rtype, 3) === 16) {
      this.stats.unknownRtype++;
    } else if (rtype === RTYPE.ERROR || rtype === RTYPE.SYSTEM) {
      // gateway messages: they name no instrument
    } else if (rtype === RTYPE.STATUS) {
      inst = this.instruments.resolve(b.readUInt32LE(o + 4));
      const st = inst >= 0 ? statusOf(b.readUInt16LE(o + 24), b[o + 30], b[o + 31]) : TradingStatus.Unknown;
      if (st !== TradingStatus.Unknown) this.books.status(inst, st, ts);
    } else {
      inst = this.instruments.resolve(b.readUInt32LE(o + 4));
    }
    this.byteOffset += len;
    if (this.onRec !== null) this.onRec(index, inst, ts);
  }

  private applyMbo(b: Buffer, o: number, inst: number, ts: number): void {
    const idHi = b.readUInt32LE(o + 20);
    if (idHi >= 0x200000) {
      this.fail(Reject.FeedOrderRefTooLarge, `order_id >= 2^53 (high word ${idHi})`);
      return;
    }
    const orderId = idHi * 4294967296 + b.readUInt32LE(o + 16);
    const pLo = b.readUInt32LE(o + 24);
    const pHi = b.readInt32LE(o + 28);
    // UNDEF_PRICE (i64::MAX) and anything beyond 2^53 become NaN
    const price = pHi >= 0x200000 || pHi < -0x200000 ? NaN : pHi * 4294967296 + pLo;
    const rc = this.applier.apply(inst, b[o + 38], b[o + 39], price, b.readUInt32LE(o + 32), orderId, ts);
    if (rc !== MboResult.Ok) this.fail(rc === MboResult.BadAction ? Reject.FeedUnknownMessageType : Reject.FeedMalformedRecord, `MBO action/side/price rejected (${rc})`);
  }

  private symbolMapping(b: Buffer, o: number, len: number): void {
    // cold: live streams announce instrument ids this way; v1 records are 80 bytes, v2+ 176
    const id = b.readUInt32LE(o + 4);
    const off = len < 176 ? o + 16 : o + 17; // stype_in_symbol: the raw name (v1 has no stype byte before it)
    const n = len < 176 ? 22 : 71;
    let e = off;
    while (e < off + n && b[e] !== 0) e++;
    if (e > off) this.instruments.names.set(id, b.toString('utf8', off, e));
  }

  finish(res: DbnStreamResult): DbnFeedStats {
    const stats = this.stats;
    stats.format = res.format;
    if (res.error !== null) this.fail(Reject.FeedMalformedRecord, res.error);
    if (res.trailingBytes > 0) this.fail(Reject.FeedTruncatedMessage, `${res.trailingBytes} trailing bytes`);
    for (let r = 0; r < 256; r++) if (this.byRtype[r] > 0) stats.byType[rtypeName(r)] = this.byRtype[r];
    if (stats.metadata && stats.metadata.schema !== null && SCHEMA_NAMES[stats.metadata.schema] === undefined) {
      this.fail(Reject.FeedMalformedRecord, `unknown schema ${stats.metadata.schema}`);
    }
    return stats;
  }
}
