// Databento feeds: public entry. MBO CSV (mbo-csv.ts), DBN v1-v3 / legacy DBZ binary (dbn*.ts),
// shared MBO book semantics (mbo.ts) and byte-level field parsers (fields.ts).
export { replayMboCsv, databentoInstrumentSpec, DATABENTO_PRICE_SCALE } from './mbo-csv.js';
export type { MboCsvOptions, MboFeedStats } from './mbo-csv.js';
export { MboApplier, MboResult } from './mbo.js';
export { parseDecimalBytes, parseTimestampBytes, parseUintBytes, daysFromCivil, splitCsv, tsOut, sessionNs } from './fields.js';
