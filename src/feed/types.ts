// The contract every market-data source implements for replay (CLI `hftbot replay`, backtests).
//
// A source reads its input, registers the instruments it announces in the InstrumentRegistry
// (dense ids; the books are indexed by them), applies every record to the BookSink, and after each
// record calls `onRecord` (when given) so a caller can snapshot books: recordIndex is 1-based and counts
// EVERY record of the input (including ones with no instrument), instrument is the registry id or -1
// when the record names none. No allocation per record on the replay path.

import type { BookSink } from '../book/types.js';
import type { InstrumentRegistry } from '../core/instruments.js';
import type { Nanos } from '../core/units.js';

export type RecordObserver = (recordIndex: number, instrument: number, ts: Nanos) => void;

export interface FeedStats {
  /** Records read (every record, including unknown types and ones without an instrument). */
  messages: number;
  /** Count per record type, keyed by the source's own type name (ITCH 'A', LOBSTER '1', MBO 'A'...). */
  byType: Record<string, number>;
  /** Malformed records: counted, logged once per kind, skipped. */
  errors: number;
  /** Human-readable descriptions of the first few errors (with byte offset or line:col). */
  errorSamples: string[];
}

export interface ReplayOptions {
  books: BookSink;
  registry: InstrumentRegistry;
  onRecord?: RecordObserver;
}

export function newFeedStats(): FeedStats {
  return { messages: 0, byType: {}, errors: 0, errorSamples: [] };
}
