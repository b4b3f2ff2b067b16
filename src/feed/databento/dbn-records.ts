// DBN record layouts (databento/dbn rust/dbn/src/record.rs for v3, compat.rs for v1/v2), generic
// decoder. Every record starts with the 16-byte RecordHeader: length u8 (in 4-byte words), rtype u8,
// publisher_id u16, instrument_id u32, ts_event u64; all fields little-endian, naturally aligned.
//
// The generic decoder fills ONE reused object per record kind and returns it (valid until the next
// decode of that kind). u64/i64 fields are bigint here (exact, for tools and tests); the replay path
// (dbn-replay.ts) reads the few fields it needs as numbers instead, with range checks.
// Version differences handled: statistics quantity i32 (v1/v2) vs i64 (v3); error/system/symbol-mapping
// short v1 forms (told apart by record length); definition raw_symbol offset/length (v1 22 chars @200,
// v2 71 @200, v3 71 @238). Unknown rtypes are reported as kind 'unknown' (the caller skips by length).

import { cstr } from './dbn-meta.js';

export const RTYPE = {
  MBP_0: 0x00, MBP_1: 0x01, MBP_10: 0x0a, OHLCV_DEPRECATED: 0x11, OHLCV_1S: 0x20, OHLCV_1M: 0x21, OHLCV_1H: 0x22,
  OHLCV_1D: 0x23, OHLCV_EOD: 0x24, STATUS: 0x12, INSTRUMENT_DEF: 0x13, IMBALANCE: 0x14, ERROR: 0x15,
  SYMBOL_MAPPING: 0x16, SYSTEM: 0x17, STATISTICS: 0x18, MBO: 0xa0, CMBP_1: 0xb1, CBBO_1S: 0xc0, CBBO_1M: 0xc1,
  TCBBO: 0xc2, BBO_1S: 0xc3, BBO_1M: 0xc4,
} as const;

export interface BidAskPair {
  bidPx: bigint; askPx: bigint; bidSz: number; askSz: number; bidCt: number; askCt: number;
  /** Consolidated pairs (cmbp-1, cbbo, tcbbo): publisher of the bid/ask; ct fields are 0 there. */
  bidPb: number; askPb: number;
}
interface Hd { length: number; rtype: number; publisherId: number; instrumentId: number; tsEvent: bigint }
export interface MboRecord extends Hd {
  kind: 'mbo'; orderId: bigint; price: bigint; size: number; flags: number; channelId: number; action: string;
  side: string; tsRecv: bigint; tsInDelta: number; sequence: number;
}
/** trades (0 levels), mbp-1 / tbbo (1), mbp-10 (10), bbo (1, no action/depth/ts_in_delta), cmbp-1 / cbbo / tcbbo (1, consolidated). */
export interface MbpRecord extends Hd {
  kind: 'mbp'; price: bigint; size: number; action: string; side: string; flags: number; depth: number;
  tsRecv: bigint; tsInDelta: number; sequence: number; nLevels: number; levels: BidAskPair[];
}
export interface OhlcvRecord extends Hd { kind: 'ohlcv'; open: bigint; high: bigint; low: bigint; close: bigint; volume: bigint }
export interface StatusRecord extends Hd {
  kind: 'status'; tsRecv: bigint; action: number; reason: number; tradingEvent: number; isTrading: string;
  isQuoting: string; isShortSellRestricted: string;
}
export interface ImbalanceRecord extends Hd {
  kind: 'imbalance'; tsRecv: bigint; refPrice: bigint; auctionTime: bigint; contBookClrPrice: bigint;
  auctInterestClrPrice: bigint; ssrFillingPrice: bigint; indMatchPrice: bigint; upperCollar: bigint; lowerCollar: bigint;
  pairedQty: number; totalImbalanceQty: number; marketImbalanceQty: number; unpairedQty: number; auctionType: string;
  side: string; auctionStatus: number; freezeStatus: number; numExtensions: number; unpairedSide: string; significantImbalance: string;
}
export interface StatRecord extends Hd {
  kind: 'stat'; tsRecv: bigint; tsRef: bigint; price: bigint; quantity: bigint; sequence: number; tsInDelta: number;
  statType: number; channelId: number; updateAction: number; statFlags: number;
}
export interface DefinitionRecord extends Hd {
  kind: 'definition'; tsRecv: bigint; minPriceIncrement: bigint; displayFactor: bigint; expiration: bigint;
  activation: bigint; highLimitPrice: bigint; lowLimitPrice: bigint; rawSymbol: string;
}
export interface TextRecord extends Hd { kind: 'error' | 'system'; text: string; code: number; isLast: number }
export interface SymbolMappingRecord extends Hd {
  kind: 'symbolMapping'; stypeIn: number; stypeInSymbol: string; stypeOut: number; stypeOutSymbol: string; startTs: bigint; endTs: bigint;
}
export interface UnknownRecord extends Hd { kind: 'unknown' }
export type DbnRecord = MboRecord | MbpRecord | OhlcvRecord | StatusRecord | ImbalanceRecord | StatRecord | DefinitionRecord | TextRecord | SymbolMappingRecord | UnknownRecord;

const hd = (): Hd => ({ length: 0, rtype: 0, publisherId: 0, instrumentId: 0, tsEvent: 0n });
const pair = (): BidAskPair => ({ bidPx: 0n, askPx: 0n, bidSz: 0, askSz: 0, bidCt: 0, askCt: 0, bidPb: 0, askPb: 0 });
const ch = (b: Uint8Array, o: number) => String.fromCharCode(b[o]);

/** Minimum record size in bytes per rtype (a shorter record is malformed). */
export function minRecordSize(rtype: number, version: number): number {
  switch (rtype) {
    case RTYPE.MBO: case RTYPE.OHLCV_DEPRECATED: case RTYPE.OHLCV_1S: case RTYPE.OHLCV_1M: case RTYPE.OHLCV_1H:
    case RTYPE.OHLCV_1D: case RTYPE.OHLCV_EOD: return 56;
    case RTYPE.MBP_0: return 48;
    case RTYPE.MBP_1: case RTYPE.BBO_1S: case RTYPE.BBO_1M: case RTYPE.CMBP_1: case RTYPE.TCBBO: case RTYPE.CBBO_1S: case RTYPE.CBBO_1M: return 80;
    case RTYPE.MBP_10: return 368;
    case RTYPE.STATUS: return 40;
    case RTYPE.IMBALANCE: return 112;
    case RTYPE.STATISTICS: return version >= 3 ? 80 : 64;
    case RTYPE.INSTRUMENT_DEF: return version >= 3 ? 520 : version === 2 ? 400 : 360;
    case RTYPE.ERROR: case RTYPE.SYSTEM: case RTYPE.SYMBOL_MAPPING: return 80;
    default: return 16;
  }
}

export class DbnRecordDecoder {
  readonly mbo: MboRecord = { ...hd(), kind: 'mbo', orderId: 0n, price: 0n, size: 0, flags: 0, channelId: 0, action: '', side: '', tsRecv: 0n, tsInDelta: 0, sequence: 0 };
  readonly mbp: MbpRecord = {
    ...hd(), kind: 'mbp', price: 0n, size: 0, action: '', side: '', flags: 0, depth: 0, tsRecv: 0n, tsInDelta: 0, sequence: 0, nLevels: 0,
    levels: Array.from({ length: 10 }, pair),
  };
  readonly ohlcv: OhlcvRecord = { ...hd(), kind: 'ohlcv', open: 0n, high: 0n, low: 0n, close: 0n, volume: 0n };
  readonly status: StatusRecord = { ...hd(), kind: 'status', tsRecv: 0n, action: 0, reason: 0, tradingEvent: 0, isTrading: '', isQuoting: '', isShortSellRestricted: '' };
  readonly imbalance: ImbalanceRecord = {
    ...hd(), kind: 'imbalance', tsRecv: 0n, refPrice: 0n, auctionTime: 0n, contBookClrPrice: 0n, auctInterestClrPrice: 0n, ssrFillingPrice: 0n,
    indMatchPrice: 0n, upperCollar: 0n, lowerCollar: 0n, pairedQty: 0, totalImbalanceQty: 0, marketImbalanceQty: 0, unpairedQty: 0,
    auctionType: '', side: '', auctionStatus: 0, freezeStatus: 0, numExtensions: 0, unpairedSide: '', significantImbalance: '',
  };
  readonly stat: StatRecord = { ...hd(), kind: 'stat', tsRecv: 0n, tsRef: 0n, price: 0n, quantity: 0n, sequence: 0, tsInDelta: 0, statType: 0, channelId: 0, updateAction: 0, statFlags: 0 };
  readonly definition: DefinitionRecord = {
    ...hd(), kind: 'definition', tsRecv: 0n, minPriceIncrement: 0n, displayFactor: 0n, expiration: 0n, activation: 0n, highLimitPrice: 0n, lowLimitPrice: 0n, rawSymbol: '',
  };
  readonly text: TextRecord = { ...hd(), kind: 'error', text: '', code: 0, isLast: 0 };
  readonly symbolMapping: SymbolMappingRecord = { ...hd(), kind: 'symbolMapping', stypeIn: 0, stypeInSymbol: '', stypeOut: 0, stypeOutSymbol: '', startTs: 0n, endTs: 0n };
  readonly unknown: UnknownRecord = { ...hd(), kind: 'unknown' };

  /**
   * Decodes the record at b[o..o+length*4) written with DBN `version` (0 = DBZ, decoded as v1).
   * Returns null when the record is shorter than its rtype's layout.
   */
  decode(b: Buffer, o: number, version: number): DbnRecord | null {
    const length = b[o] * 4;
    const rtype = b[o + 1];
    const v = version === 0 ? 1 : version;
    if (length < minRecordSize(rtype, v)) return null;
    const r = this.pick(rtype);
    r.length = length;
    r.rtype = rtype;
    r.publisherId = b.readUInt16LE(o + 2);
    r.instrumentId = b.readUInt32LE(o + 4);
    r.tsEvent = b.readBigUInt64LE(o + 8);
    switch (r.kind) {
      case 'mbo':
        r.orderId = b.readBigUInt64LE(o + 16); r.price = b.readBigInt64LE(o + 24); r.size = b.readUInt32LE(o + 32);
        r.flags = b[o + 36]; r.channelId = b[o + 37]; r.action = ch(b, o + 38); r.side = ch(b, o + 39);
        r.tsRecv = b.readBigUInt64LE(o + 40); r.tsInDelta = b.readInt32LE(o + 48); r.sequence = b.readUInt32LE(o + 52);
        break;
      case 'mbp': this.decodeMbp(r, b, o, rtype); break;
      case 'ohlcv':
        r.open = b.readBigInt64LE(o + 16); r.high = b.readBigInt64LE(o + 24); r.low = b.readBigInt64LE(o + 32);
        r.close = b.readBigInt64LE(o + 40); r.volume = b.readBigUInt64LE(o + 48);
        break;
      case 'status':
        r.tsRecv = b.readBigUInt64LE(o + 16); r.action = b.readUInt16LE(o + 24); r.reason = b.readUInt16LE(o + 26);
        r.tradingEvent = b.readUInt16LE(o + 28); r.isTrading = ch(b, o + 30); r.isQuoting = ch(b, o + 31); r.isShortSellRestricted = ch(b, o + 32);
        break;
      case 'imbalance':
        r.tsRecv = b.readBigUInt64LE(o + 16); r.refPrice = b.readBigInt64LE(o + 24); r.auctionTime = b.readBigUInt64LE(o + 32);
        r.contBookClrPrice = b.readBigInt64LE(o + 40); r.auctInterestClrPrice = b.readBigInt64LE(o + 48); r.ssrFillingPrice = b.readBigInt64LE(o + 56);
        r.indMatchPrice = b.readBigInt64LE(o + 64); r.upperCollar = b.readBigInt64LE(o + 72); r.lowerCollar = b.readBigInt64LE(o + 80);
        r.pairedQty = b.readUInt32LE(o + 88); r.totalImbalanceQty = b.readUInt32LE(o + 92); r.marketImbalanceQty = b.readUInt32LE(o + 96);
        r.unpairedQty = b.readUInt32LE(o + 100); r.auctionType = ch(b, o + 104); r.side = ch(b, o + 105); r.auctionStatus = b[o + 106];
        r.freezeStatus = b[o + 107]; r.numExtensions = b[o + 108]; r.unpairedSide = ch(b, o + 109); r.significantImbalance = ch(b, o + 110);
        break;
      case 'stat': {
        r.tsRecv = b.readBigUInt64LE(o + 16); r.tsRef = b.readBigUInt64LE(o + 24); r.price = b.readBigInt64LE(o + 32);
        const q = v >= 3 ? 8 : 4; // v3 widened quantity to i64
        // v1/v2 undefined quantity (i32::MAX) maps to v3's (i64::MAX), as dbn's version upgrade does
        const q32 = v >= 3 ? 0 : b.readInt32LE(o + 40);
        r.quantity = v >= 3 ? b.readBigInt64LE(o + 40) : q32 === 0x7fffffff ? 0x7fffffffffffffffn : BigInt(q32);
        r.sequence = b.readUInt32LE(o + 40 + q); r.tsInDelta = b.readInt32LE(o + 44 + q); r.statType = b.readUInt16LE(o + 48 + q);
        r.channelId = b.readUInt16LE(o + 50 + q); r.updateAction = b[o + 52 + q]; r.statFlags = b[o + 53 + q];
        break;
      }
      case 'definition':
        r.tsRecv = b.readBigUInt64LE(o + 16); r.minPriceIncrement = b.readBigInt64LE(o + 24); r.displayFactor = b.readBigInt64LE(o + 32);
        r.expiration = b.readBigUInt64LE(o + 40); r.activation = b.readBigUInt64LE(o + 48); r.highLimitPrice = b.readBigInt64LE(o + 56);
        r.lowLimitPrice = b.readBigInt64LE(o + 64);
        r.rawSymbol = v >= 3 ? cstr(b, o + 238, 71) : cstr(b, o + 200, v === 2 ? 71 : 22);
        break;
      case 'error':
      case 'system': {
        const short = length < 320; // v1: char[64] only
        r.kind = rtype === RTYPE.ERROR ? 'error' : 'system';
        const n = short ? 64 : rtype === RTYPE.ERROR ? 302 : 303;
        r.text = cstr(b, o + 16, n);
        r.code = short ? 0 : b[o + 16 + n];
        r.isLast = !short && rtype === RTYPE.ERROR ? b[o + 16 + n + 1] : 0;
        break;
      }
      case 'symbolMapping':
        if (length < 176) { // v1: no stype bytes, 22-char symbols
          r.stypeIn = 0xff; r.stypeInSymbol = cstr(b, o + 16, 22); r.stypeOut = 0xff; r.stypeOutSymbol = cstr(b, o + 38, 22);
          r.startTs = b.readBigUInt64LE(o + 64); r.endTs = b.readBigUInt64LE(o + 72);
        } else {
          r.stypeIn = b[o + 16]; r.stypeInSymbol = cstr(b, o + 17, 71); r.stypeOut = b[o + 88]; r.stypeOutSymbol = cstr(b, o + 89, 71);
          r.startTs = b.readBigUInt64LE(o + 160); r.endTs = b.readBigUInt64LE(o + 168);
        }
        break;
      case 'unknown':
        break;
    }
    return r;
  }

  private pick(rtype: number): DbnRecord {
    switch (rtype) {
      case RTYPE.MBO: return this.mbo;
      case RTYPE.MBP_0: case RTYPE.MBP_1: case RTYPE.MBP_10: case RTYPE.BBO_1S: case RTYPE.BBO_1M:
      case RTYPE.CMBP_1: case RTYPE.TCBBO: case RTYPE.CBBO_1S: case RTYPE.CBBO_1M: return this.mbp;
      case RTYPE.OHLCV_DEPRECATED: case RTYPE.OHLCV_1S: case RTYPE.OHLCV_1M: case RTYPE.OHLCV_1H: case RTYPE.OHLCV_1D:
      case RTYPE.OHLCV_EOD: return this.ohlcv;
      case RTYPE.STATUS: return this.status;
      case RTYPE.IMBALANCE: return this.imbalance;
      case RTYPE.STATISTICS: return this.stat;
      case RTYPE.INSTRUMENT_DEF: return this.definition;
      case RTYPE.ERROR: case RTYPE.SYSTEM: return this.text;
      case RTYPE.SYMBOL_MAPPING: return this.symbolMapping;
      default: return this.unknown;
    }
  }

  private decodeMbp(r: MbpRecord, b: Buffer, o: number, rtype: number): void {
    r.price = b.readBigInt64LE(o + 16);
    r.size = b.readUInt32LE(o + 24);
    const bbo = rtype === RTYPE.BBO_1S || rtype === RTYPE.BBO_1M;
    const cbbo = rtype === RTYPE.CBBO_1S || rtype === RTYPE.CBBO_1M;
    const consolidated = cbbo || rtype === RTYPE.CMBP_1 || rtype === RTYPE.TCBBO;
    r.action = bbo || cbbo ? '' : ch(b, o + 28);
    r.side = ch(b, o + 29);
    r.flags = b[o + 30];
    r.depth = bbo || consolidated ? 0 : b[o + 31];
    r.tsRecv = b.readBigUInt64LE(o + 32);
    r.tsInDelta = bbo || cbbo ? 0 : b.readInt32LE(o + 40);
    r.sequence = consolidated ? 0 : b.readUInt32LE(o + 44);
    r.nLevels = rtype === RTYPE.MBP_0 ? 0 : rtype === RTYPE.MBP_10 ? 10 : 1;
    for (let i = 0; i < r.nLevels; i++) {
      const p = r.levels[i];
      const lo = o + 48 + i * 32;
      p.bidPx = b.readBigInt64LE(lo);
      p.askPx = b.readBigInt64LE(lo + 8);
      p.bidSz = b.readUInt32LE(lo + 16);
      p.askSz = b.readUInt32LE(lo + 20);
      if (consolidated) {
        p.bidCt = 0; p.askCt = 0; p.bidPb = b.readUInt16LE(lo + 24); p.askPb = b.readUInt16LE(lo + 28);
      } else {
        p.bidCt = b.readUInt32LE(lo + 24); p.askCt = b.readUInt32LE(lo + 28); p.bidPb = 0; p.askPb = 0;
      }
    }
  }
}
