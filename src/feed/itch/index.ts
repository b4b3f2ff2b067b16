// Public entry of the Nasdaq TotalView-ITCH 5.0 feed: spec layouts as data, the generic codec, the book
// hot path, BinaryFILE framing/replay/writing and the benchmarks. MoldUDP64 transport: ../moldudp64.

export { ITCH_LAYOUTS, ITCH_LAYOUT_BY_TYPE, ITCH_LAYOUT_BY_CODE, ITCH_LENGTH, ITCH_HEADER_LENGTH, ITCH_MAX_LENGTH } from './layouts.js';
export type { ItchField, ItchFieldKind, ItchLayout } from './layouts.js';
export { ItchMessage, fillCommonStockDirectory } from './message.js';
export { ItchStatus, itchStatusName, U64_HI_LIMIT } from './status.js';
export type { ItchStatusCode } from './status.js';
export { decodeItch, encodeItch, encodeItchFramed, itchLength } from './codec.js';
export { decodeItchTable, encodeItchTable } from './codec-table.js';
export { compileDecoders, compileEncoders } from './codegen.js';
export type { ItchDecodeFn, ItchEncodeFn } from './codegen.js';
export { AlphaCache, decodeAlpha, writeAlpha } from './alpha.js';
export { ItchBookHandler, itchTradingStatus } from './book-handler.js';
export type { ItchMessageSink } from './book-handler.js';
export { ItchReferenceHandler } from './reference.js';
export { ItchStreamDecoder, itchTypeName } from './framing.js';
export type { ItchStreamOptions } from './framing.js';
export { replayItch, pumpFile, ItchFileWriter, writeItchFile } from './replay.js';
export type { ItchFileWriterOptions } from './replay.js';
export { benchWalk, benchDecode, benchHandler, benchStream, CountingBookSink } from './bench.js';
export type { ItchBenchResult } from './bench.js';
