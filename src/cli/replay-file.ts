// One entry point to replay any supported file into L3 books: used by `hftbot replay`, `hftbot start`
// and the tests. Chooses the source by format, owns the books and the optional book-out writer.

import { L3Books } from '../book/l3.js';
import { InstrumentRegistry } from '../core/instruments.js';
import { monoNs } from '../clock/live.js';
import type { FeedStats, ReplayOptions } from '../feed/types.js';
import { BookOutWriter } from './book-out.js';

export const REPLAY_FORMATS = ['itch', 'lobster', 'mbo', 'dbn'] as const;
export type ReplayFormat = (typeof REPLAY_FORMATS)[number];

export interface ReplayRequest {
  file: string;
  format?: ReplayFormat;
  symbol?: string;
  levels: number;
  bookOut?: string;
  seedBook?: string;
  /** Called every `progressEvery` records with the books, for live statistics. */
  onProgress?: (records: number, books: L3Books, registry: InstrumentRegistry) => void;
  progressEvery?: number;
}

export interface ReplayResult {
  messages: number;
  byType: Record<string, number>;
  instruments: number;
  seconds: number;
  messagesPerSecond: number;
  bookHash: string;
  errors: number;
  errorSamples: string[];
}

export function inferFormat(file: string): ReplayFormat {
  const f = file.toLowerCase();
  if (f.endsWith('.dbn') || f.endsWith('.dbn.zst') || f.endsWith('.dbz') || f.includes('.dbn.')) return 'dbn';
  if (/_message_\d+\.csv$/.test(f)) return 'lobster';
  if (f.endsWith('.csv')) return 'mbo';
  return 'itch';
}

export async function replayFile(req: ReplayRequest): Promise<ReplayResult> {
  const format = req.format ?? inferFormat(req.file);
  if (!REPLAY_FORMATS.includes(format)) throw new Error(`unknown --format ${format}: use ${REPLAY_FORMATS.join('|')}`);
  const books = new L3Books();
  const registry = new InstrumentRegistry();
  const writer = req.bookOut
    ? new BookOutWriter(req.bookOut, books, registry, req.levels, req.symbol, format !== 'lobster')
    : undefined;
  const every = req.progressEvery ?? 0;
  const progress = req.onProgress;
  let onRecord: ReplayOptions['onRecord'];
  if (writer && progress && every > 0) {
    onRecord = (i, inst, ts) => {
      writer.onRecord(i, inst, ts);
      if (i % every === 0) progress(i, books, registry);
    };
  } else if (writer) {
    onRecord = (i, inst, ts) => writer.onRecord(i, inst, ts);
  } else if (progress && every > 0) {
    onRecord = (i) => {
      if (i % every === 0) progress(i, books, registry);
    };
  }
  const opts: ReplayOptions = { books, registry, onRecord };
  const t0 = monoNs();
  let stats: FeedStats;
  switch (format) {
    case 'itch':
      stats = await (await import('../feed/itch/index.js')).replayItch(req.file, opts);
      break;
    case 'lobster':
      stats = await (await import('../feed/lobster/index.js')).replayLobster(req.file, { ...opts, symbol: req.symbol, seedBookPath: req.seedBook, levels: req.levels });
      break;
    case 'mbo':
      stats = await (await import('../feed/databento/index.js')).replayMboCsv(req.file, { ...opts, symbol: req.symbol });
      break;
    case 'dbn':
      stats = await (await import('../feed/databento/index.js')).replayDbn(req.file, opts);
      break;
  }
  const seconds = (monoNs() - t0) / 1e9;
  writer?.close();
  return {
    messages: stats.messages,
    byType: stats.byType,
    instruments: registry.size,
    seconds,
    messagesPerSecond: seconds > 0 ? stats.messages / seconds : 0,
    bookHash: books.stateHash(),
    errors: stats.errors,
    errorSamples: stats.errorSamples,
  };
}
