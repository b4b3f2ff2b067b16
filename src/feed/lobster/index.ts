// LOBSTER feed: public entry. See replay.ts (contract), parse.ts (formats), known.ts (knowability rule).
export { replayLobster, LobsterApplier, seedFromRow, readFirstLine, lobsterInstrumentSpec } from './replay.js';
export type { LobsterReplayOptions, LobsterFeedStats } from './replay.js';
export {
  parseLobsterMessage,
  parseLobsterBookRow,
  newLobsterMessage,
  isEmptyLevel,
  tickerFromFileName,
  LOBSTER_EMPTY_PRICE,
} from './parse.js';
export type { LobsterMessage, LobsterBookRow } from './parse.js';
export { KnownDepth } from './known.js';
export { readLines } from './lines.js';
export type { LineHandler } from './lines.js';
export { benchLobster, syntheticLobsterMessages } from './bench.js';
export type { LobsterBenchResult } from './bench.js';
