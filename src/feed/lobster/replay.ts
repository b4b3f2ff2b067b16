// LOBSTER replay: applies a LOBSTER message file to a BookSink.
//
// Contract
// - One instrument per file: symbol = opts.symbol, else the ticker that starts the file name, else ''.
//   Registered with priceScale 10_000 (LOBSTER prices are dollars x 10000, used as-is), tick 100, lot 1.
// - Timestamps: ns after midnight of the file's day (the session epoch), exact (digit arithmetic).
// - Types: 1 add; 2 partial cancel; 3 delete; 4 visible execution; 5 hidden execution and 6 cross trade
//   (counted, no book change); 7 trading status (price -1 halt, 0 quoting, 1 trading).
// - Orders the file never added (they rested before the file starts, or sat beyond the requested levels
//   when added) are handled by price: a cancel/delete/execution of such an order becomes
//   BookSink.levelDelta(side, price, -size, dCount = 0). Counts: LOBSTER is an aggregated product (its
//   book rows carry no order counts), so we never invent one: seeded and unknown-order changes carry
//   dCount 0, and a level's count in a LOBSTER-fed book means "orders this replay has seen added".
//   Such messages are counted in `unknownOrder`; they never throw or corrupt the book.
// - Whether an order was added in this file: asked of the sink when it implements OrderView.hasOrder,
//   else tracked here in a Map id -> remaining size (entries leave on delete / full execution).
// - seedBookPath: the orderbook file's FIRST row is the book after message 1, so the book is seeded from
//   it (levelDelta per real level, dummy levels skipped), message 1 is counted but not applied, and
//   messages 2..n are applied. onRecord is still called for record 1 (after seeding).
// - recordIndex counts every non-empty line (malformed ones too); malformed lines are counted in
//   errors with a "line N" sample and skipped.

import { open } from 'node:fs/promises';
import type { BookSink, OrderView } from '../../book/types.js';
import { Reject, rejectName } from '../../core/rejects.js';
import { TradingStatus } from '../../core/events.js';
import { SIDE_ASK, SIDE_BID, type Side } from '../../core/units.js';
import { newFeedStats, type FeedStats, type ReplayOptions } from '../types.js';
import { readLines } from './lines.js';
import {
  isEmptyLevel,
  newLobsterMessage,
  parseLobsterBookRow,
  parseLobsterMessage,
  tickerFromFileName,
  type LobsterBookRow,
  type LobsterMessage,
} from './parse.js';

export interface LobsterReplayOptions extends ReplayOptions {
  symbol?: string;
  /** The matching orderbook file; its first row seeds the book (see header). */
  seedBookPath?: string;
  /** Levels in the orderbook file; the seed row's column count / 4 takes precedence when it is whole. */
  levels?: number;
}

export interface LobsterFeedStats extends FeedStats {
  /** Messages about orders this replay never saw added (applied by price via levelDelta). */
  unknownOrder: number;
  /** The instrument's registry id. */
  instrument: number;
  /** The parsed seed row, when seeded (for KnownDepth.seed). */
  seed: LobsterBookRow | null;
}

const MAX_SAMPLES = 10;

export function lobsterInstrumentSpec(symbol: string) {
  return { symbol, priceScale: 10_000, tickSize: 100, lotSize: 1 };
}

/** Reads the first line of a text file (cold path). */
export async function readFirstLine(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    let buf = Buffer.alloc(64 * 1024);
    let have = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, have, buf.length - have, null);
      const nl = buf.indexOf(10, 0);
      if (nl !== -1 && nl < have + bytesRead) return buf.toString('latin1', 0, nl).replace(/\r$/, '');
      have += bytesRead;
      if (bytesRead === 0) return buf.toString('latin1', 0, have);
      if (have === buf.length) {
        const bigger = Buffer.alloc(buf.length * 2);
        buf.copy(bigger);
        buf = bigger;
      }
    }
  } finally {
    await fh.close();
  }
}

/** Seeds one instrument's book from a LOBSTER orderbook row (real levels only, dCount 0). */
export function seedFromRow(books: BookSink, instrument: number, row: LobsterBookRow, ts: number): void {
  for (let l = 0; l < row.askPx.length; l++) {
    if (!isEmptyLevel(row.askPx[l], row.askSz[l])) books.levelDelta(instrument, SIDE_ASK, row.askPx[l], row.askSz[l], 0, ts);
    if (!isEmptyLevel(row.bidPx[l], row.bidSz[l])) books.levelDelta(instrument, SIDE_BID, row.bidPx[l], row.bidSz[l], 0, ts);
  }
}

export async function replayLobster(messagePath: string, opts: LobsterReplayOptions): Promise<LobsterFeedStats> {
  const { books, registry, onRecord } = opts;
  const symbol = opts.symbol ?? tickerFromFileName(messagePath);
  const inst = registry.register(lobsterInstrumentSpec(symbol)).id;
  const stats: LobsterFeedStats = { ...newFeedStats(), unknownOrder: 0, instrument: inst, seed: null };

  let seed: LobsterBookRow | null = null;
  if (opts.seedBookPath !== undefined) {
    const line = await readFirstLine(opts.seedBookPath);
    // the row's own width decides (LOBSTER writes 4 columns per level); opts.levels is only a hint, so a
    // caller passing its output depth (e.g. the CLI's --levels) cannot break seeding
    const cols = line.split(',').length;
    const levels = cols % 4 === 0 ? cols / 4 : (opts.levels ?? 0);
    seed = parseLobsterBookRow(line, levels);
    if (seed === null) throw new Error(`${opts.seedBookPath}:1: not a LOBSTER orderbook row with ${levels} levels`);
    stats.seed = seed;
  }

  const byType = new Float64Array(9); // index = type (1..7); 0 = other
  const applier = new LobsterApplier(books, inst);
  const msg = newLobsterMessage();
  let recordIndex = 0;
  let lineNo = 0;
  const lastTs = new Float64Array(1); // a typed slot: a closure's context slot would box each ns value

  const fail = (code: number, text: string): void => {
    stats.errors++;
    if (stats.errorSamples.length < MAX_SAMPLES) stats.errorSamples.push(`${messagePath}:${lineNo}: ${rejectName(code)}: ${text}`);
  };

  await readLines(messagePath, (buf, start, end) => {
    lineNo++;
    if (end === start) return; // blank line (e.g. a trailing newline): not a record
    recordIndex++;
    stats.messages++;
    const rc = parseLobsterMessage(buf, start, end, msg);
    if (rc !== 0) {
      fail(rc, buf.toString('latin1', start, Math.min(end, start + 80)));
      if (onRecord) onRecord(recordIndex, inst, lastTs[0]); // a bad line repeats the last good timestamp
      return;
    }
    byType[msg.type >= 1 && msg.type <= 7 ? msg.type : 0]++;
    if (recordIndex === 1 && seed !== null) seedFromRow(books, inst, seed, msg.ts);
    else if (!applier.apply(msg)) fail(Reject.FeedUnknownMessageType, `type ${msg.type}`);
    lastTs[0] = msg.ts;
    if (onRecord) onRecord(recordIndex, inst, msg.ts);
  });

  for (let t = 1; t <= 7; t++) if (byType[t] > 0) stats.byType[String(t)] = byType[t];
  if (byType[0] > 0) stats.byType.other = byType[0];
  stats.unknownOrder = applier.unknownOrder;
  return stats;
}

/**
 * Applies parsed LOBSTER messages of one instrument to a BookSink (the state behind replayLobster,
 * usable message by message). Whether an order was added in this file is asked of the sink when it can
 * answer (OrderView.hasOrder: L3Books, RefBooks); for a bare BookSink, `live` tracks id -> remaining size.
 */
export class LobsterApplier {
  readonly live = new Map<number, number>();
  unknownOrder = 0;
  private readonly view: Pick<OrderView, 'hasOrder'> | null;

  constructor(
    private readonly books: BookSink,
    readonly instrument: number,
  ) {
    const v = books as Partial<OrderView>;
    this.view = typeof v.hasOrder === 'function' ? (books as unknown as OrderView) : null;
  }

  /** Returns false for an unknown message type (nothing applied). */
  apply(msg: LobsterMessage): boolean {
    const books = this.books;
    const inst = this.instrument;
    const view = this.view;
    const live = this.live;
    const side: Side = msg.direction === 1 ? SIDE_BID : SIDE_ASK;
    const id = msg.orderId;
    const ts = msg.ts;
    switch (msg.type) {
      case 1:
        books.add(inst, id, side, msg.price, msg.size, ts);
        if (view === null) live.set(id, msg.size);
        return true;
      case 2:
      case 3:
      case 4: {
        const rem = view !== null ? (view.hasOrder(id) ? 1 : -1) : (live.get(id) ?? -1);
        if (rem < 0) {
          this.unknownOrder++;
          books.levelDelta(inst, side, msg.price, -msg.size, 0, ts);
          return true;
        }
        if (msg.type === 2) books.cancel(id, msg.size, ts);
        else if (msg.type === 3) books.delete(id, ts);
        else books.execute(id, msg.size, ts);
        if (view === null) {
          if (msg.type !== 3 && rem - msg.size > 0) live.set(id, rem - msg.size);
          else live.delete(id);
        }
        return true;
      }
      case 5:
      case 6:
        return true; // hidden execution / cross trade: no visible book change
      case 7:
        books.status(inst, msg.price === -1 ? TradingStatus.Halted : msg.price === 0 ? TradingStatus.Quoting : TradingStatus.Trading, ts);
        return true;
      default:
        return false;
    }
  }
}
