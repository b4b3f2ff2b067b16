// DBN metadata (cold path): the header before the records. Layout from databento/dbn
// rust/dbn/src/decode/dbn/fsm.rs (decode_metadata_impl) and rust/dbn/src/decode/dbz.rs, all little-endian:
//
//   "DBN" + version u8 (1..3), u32 length of what follows, then:
//   dataset char[16], schema u16 (0xFFFF = mixed), start u64, end u64 (u64::MAX = none), limit u64 (0 =
//   none), [v1 only: record_count u64, deprecated], stype_in u8 (0xFF = mixed), stype_out u8, ts_out u8,
//   [v2+: symbol_cstr_len u16; v1: 22 fixed], reserved (v1 47 bytes, v2+ 53), schema_definition_length
//   u32 (must be 0), then symbols, partial, not_found (each u32 count + count x char[symbol_cstr_len]),
//   then mappings: u32 count x { raw_symbol char[L], u32 interval count x { start_date u32 YYYYMMDD,
//   end_date u32, symbol char[L] } }.
// Legacy DBZ: a zstd skippable frame (magic 0x184D2A5?, u32 size) holding "DBZ" + version 1, dataset[16],
//   schema u16, start, end, limit, record_count u64, compression u8, stype_in u8, stype_out u8,
//   reserved[39], then a zstd frame with the variable part (as above, symbols char[22]); the records
//   follow in a zstd frame with the v1 layouts.
// u64 timestamps are kept as bigint here (cold path, exact).

import { decompress } from 'fzstd';

export interface MappingInterval {
  /** YYYYMMDD as written (u32), e.g. 20201228 */
  startDate: number;
  endDate: number;
  symbol: string;
}
export interface SymbolMapping {
  rawSymbol: string;
  intervals: MappingInterval[];
}
export interface DbnMetadata {
  /** DBN version 1..3; 0 for legacy DBZ */
  version: number;
  dataset: string;
  /** Schema code (0 mbo, 1 mbp-1, 2 mbp-10, 3 tbbo, 4 trades, 5 ohlcv-1s, ...), or null when mixed. */
  schema: number | null;
  start: bigint;
  end: bigint | null;
  limit: bigint | null;
  stypeIn: number | null;
  stypeOut: number;
  tsOut: boolean;
  symbolCstrLen: number;
  symbols: string[];
  partial: string[];
  notFound: string[];
  mappings: SymbolMapping[];
}

export const SCHEMA_NAMES = [
  'mbo', 'mbp-1', 'mbp-10', 'tbbo', 'trades', 'ohlcv-1s', 'ohlcv-1m', 'ohlcv-1h', 'ohlcv-1d', 'definition',
  'statistics', 'status', 'imbalance', 'ohlcv-eod', 'cmbp-1', 'cbbo-1s', 'cbbo-1m', 'tcbbo', 'bbo-1s', 'bbo-1m',
] as const;

const U64_MAX = 0xffffffffffffffffn;
export const V1_SYMBOL_CSTR_LEN = 22;

export type MetaResult = { ok: true; meta: DbnMetadata } | { ok: false; error: string };

class Reader {
  pos = 0;
  constructor(readonly b: Buffer) {}
  need(n: number): boolean {
    return this.pos + n <= this.b.length;
  }
  u8(): number { return this.b[this.pos++]; }
  u16(): number { const v = this.b.readUInt16LE(this.pos); this.pos += 2; return v; }
  u32(): number { const v = this.b.readUInt32LE(this.pos); this.pos += 4; return v; }
  u64(): bigint { const v = this.b.readBigUInt64LE(this.pos); this.pos += 8; return v; }
  cstr(n: number): string { const s = cstr(this.b, this.pos, n); this.pos += n; return s; }
}

/** A NUL-padded C string field. */
export function cstr(b: Uint8Array, off: number, n: number): string {
  let e = off;
  const end = Math.min(off + n, b.length);
  while (e < end && b[e] !== 0) e++;
  return Buffer.from(b.buffer, b.byteOffset + off, e - off).toString('utf8');
}

function readVariable(r: Reader, symLen: number): Pick<DbnMetadata, 'symbols' | 'partial' | 'notFound' | 'mappings'> | string {
  if (!r.need(4)) return 'truncated schema definition length';
  if (r.u32() !== 0) return 'schema definitions are not supported';
  const list = (): string[] | null => {
    if (!r.need(4)) return null;
    const n = r.u32();
    if (!r.need(n * symLen)) return null;
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(r.cstr(symLen));
    return out;
  };
  const symbols = list();
  const partial = list();
  const notFound = list();
  if (!symbols || !partial || !notFound) return 'truncated symbol list';
  if (!r.need(4)) return 'truncated mappings';
  const nMap = r.u32();
  const mappings: SymbolMapping[] = [];
  for (let i = 0; i < nMap; i++) {
    if (!r.need(symLen + 4)) return `truncated mapping ${i}`;
    const rawSymbol = r.cstr(symLen);
    const nInt = r.u32();
    if (!r.need(nInt * (8 + symLen))) return `truncated intervals of mapping ${i}`;
    const intervals: MappingInterval[] = [];
    for (let k = 0; k < nInt; k++) intervals.push({ startDate: r.u32(), endDate: r.u32(), symbol: r.cstr(symLen) });
    mappings.push({ rawSymbol, intervals });
  }
  return { symbols, partial, notFound, mappings };
}

/** Decodes the metadata body (after "DBN", version, length) of DBN `version`. */
export function decodeDbnMetadata(version: number, body: Buffer): MetaResult {
  if (version < 1 || version > 3) return { ok: false, error: `unsupported DBN version ${version}` };
  const r = new Reader(body);
  if (!r.need(16 + 2 + 24 + (version === 1 ? 8 : 0) + 3 + (version === 1 ? 0 : 2))) return { ok: false, error: 'truncated metadata' };
  const dataset = r.cstr(16);
  const schema = r.u16();
  const start = r.u64();
  const end = r.u64();
  const limit = r.u64();
  if (version === 1) r.u64(); // record_count, deprecated
  const stypeIn = r.u8();
  const stypeOut = r.u8();
  const tsOut = r.u8() !== 0;
  const symbolCstrLen = version === 1 ? V1_SYMBOL_CSTR_LEN : r.u16();
  r.pos += version === 1 ? 47 : 53;
  const v = readVariable(r, symbolCstrLen);
  if (typeof v === 'string') return { ok: false, error: v };
  return {
    ok: true,
    meta: {
      version, dataset, schema: schema === 0xffff ? null : schema, start, end: end === U64_MAX ? null : end,
      limit: limit === 0n ? null : limit, stypeIn: stypeIn === 0xff ? null : stypeIn, stypeOut, tsOut, symbolCstrLen, ...v,
    },
  };
}

export const ZSTD_MAGIC = 0xfd2fb528;
export function isSkippableMagic(m: number): boolean {
  return m >>> 4 === 0x184d2a5;
}

/**
 * Legacy DBZ: `frame` is the skippable frame's content. Returns the metadata (version 0).
 */
export function decodeDbzMetadata(frame: Buffer): MetaResult {
  const r = new Reader(frame);
  if (!r.need(96)) return { ok: false, error: 'DBZ metadata shorter than its fixed part' };
  if (frame.toString('latin1', 0, 3) !== 'DBZ' || frame[3] !== 1) return { ok: false, error: 'not DBZ version 1 metadata' };
  r.pos = 4;
  const dataset = r.cstr(16);
  const schema = r.u16();
  const start = r.u64();
  const end = r.u64();
  const limit = r.u64();
  r.u64(); // record_count
  r.u8(); // compression
  const stypeIn = r.u8();
  const stypeOut = r.u8();
  r.pos += 39;
  let varPart: Buffer;
  try {
    varPart = Buffer.from(decompress(frame.subarray(r.pos)));
  } catch (e) {
    return { ok: false, error: `DBZ variable metadata: ${(e as Error).message}` };
  }
  const v = readVariable(new Reader(varPart), V1_SYMBOL_CSTR_LEN);
  if (typeof v === 'string') return { ok: false, error: v };
  return {
    ok: true,
    meta: {
      version: 0, dataset, schema, start, end: end === 0n ? null : end, limit: limit === 0n ? null : limit,
      stypeIn, stypeOut, tsOut: false, symbolCstrLen: V1_SYMBOL_CSTR_LEN, ...v,
    },
  };
}
