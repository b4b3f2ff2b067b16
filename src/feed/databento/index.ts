// Databento feeds: public entry. MBO CSV (mbo-csv.ts), DBN v1-v3 / legacy DBZ binary (dbn*.ts),
// shared MBO book semantics (mbo.ts) and byte-level field parsers (fields.ts).
export { replayMboCsv, databentoInstrumentSpec, DATABENTO_PRICE_SCALE } from './mbo-csv.js';
export type { MboCsvOptions, MboFeedStats } from './mbo-csv.js';
export { MboApplier, MboResult } from './mbo.js';
export { parseDecimalBytes, parseTimestampBytes, parseUintBytes, daysFromCivil, splitCsv, tsOut, sessionNs } from './fields.js';
export { replayDbn, rtypeName } from './dbn-replay.js';
export type { DbnReplayOptions, DbnFeedStats } from './dbn-replay.js';
export { decodeDbnFile } from './dbn.js';
export type { DecodeDbnResult } from './dbn.js';
export { readDbnFile, DbnFramer } from './dbn-stream.js';
export type { DbnStreamHandlers, DbnStreamOptions, DbnStreamResult } from './dbn-stream.js';
export { DbnRecordDecoder, RTYPE, minRecordSize } from './dbn-records.js';
export type * from './dbn-records.js';
export { decodeDbnMetadata, decodeDbzMetadata, SCHEMA_NAMES, cstr } from './dbn-meta.js';
export type { DbnMetadata, SymbolMapping, MappingInterval } from './dbn-meta.js';
export { splitEpochNs } from './fields.js';
export { dbnReplayHandler } from './dbn-replay.js';
export type { DbnReplayHandler } from './dbn-replay.js';
export { mboCsvLineHandler } from './mbo-csv.js';
export type { MboCsvLineHandler } from './mbo-csv.js';
export { benchDbnMbo, benchMboCsv, syntheticMboEvents, encodeMboDbn, encodeMboCsv } from './bench.js';
export type { DatabentoBenchResult, MboEvent } from './bench.js';
