// Backtest data loading: every supported source becomes a FeedLog of ITCH messages (./feed-log.ts), and
// the logs of a run are merged in time order. Cold path (runs before the kernel loop).
//
// Formats:
//   itch       Nasdaq BinaryFILE (2-byte length prefix per message; `.gz` gunzipped). Event time = the
//              message's ITCH timestamp. With several sources, stock locates are renumbered through the
//              run's LocateTable (a locate is only unique within one file), by the symbol the file binds
//              to it (R, or the symbol carried by A/F/H).
//   lobster    a LOBSTER message file; its orderbook file (same name with `orderbook`) seeds the book
//              when present (src/feed/lobster replay semantics, converted by ItchLogSink).
//   mbo        Databento MBO CSV; dbn: Databento DBN / DBN.zst / DBZ MBO records (src/feed/databento).
//              Databento's F (fill) records do not change the book (its C records do), so converted
//              Databento data carries no execution prints: strategies see the book, not the tape.
//   recording  a kernel journal (`hftbot trade --journal`, simSession with a journal): the FEED records
//              are the exact bytes the live kernel handled, with the kernel clock it handled them at as
//              event time; the orders and reports are kept for recorded-latency models (./recording.ts).

import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InstrumentRegistry } from '../core/instruments.js';
import { decodeAlpha } from '../feed/itch/alpha.js';
import type { ItchMessageSink } from '../feed/itch/book-handler.js';
import { ItchStreamDecoder } from '../feed/itch/framing.js';
import { pumpFile } from '../feed/itch/replay.js';
import { readLines } from '../feed/lobster/lines.js';
import { newLobsterMessage, parseLobsterBookRow, parseLobsterMessage, tickerFromFileName } from '../feed/lobster/parse.js';
import { LobsterApplier, lobsterInstrumentSpec, readFirstLine, seedFromRow } from '../feed/lobster/replay.js';
import { replayMboCsv } from '../feed/databento/mbo-csv.js';
import { replayDbn } from '../feed/databento/dbn-replay.js';
import { FeedLog, mergeLogs } from './feed-log.js';
import { ItchLogSink, LocateTable } from './itch-sink.js';
import { readRecording, type RecordedSession } from './recording.js';

export type DataFormat = 'itch' | 'lobster' | 'mbo' | 'dbn' | 'recording';
export const DATA_FORMATS: readonly DataFormat[] = ['itch', 'lobster', 'mbo', 'dbn', 'recording'];

export interface DataSource {
  path: string;
  /** Default: from the file name (see inferFormat). */
  format?: DataFormat;
  /** LOBSTER: the symbol (default: the ticker the file name starts with). */
  symbol?: string;
}

/** The format a file name suggests: .dbn/.dbz(.zst) dbn, LOBSTER names lobster, .csv mbo, .journal/.hjr recording, else itch. */
export function inferFormat(path: string): DataFormat {
  const n = basename(path).toLowerCase();
  if (/\.(dbn|dbz)(\.zst)?$/.test(n) || n.endsWith('.dbn.frag')) return 'dbn';
  if (/_message_\d+\.csv$/.test(n)) return 'lobster';
  if (n.endsWith('.csv')) return 'mbo';
  if (/\.(journal|hjr|rec)$/.test(n)) return 'recording';
  return 'itch';
}

export interface LoadedData {
  feed: FeedLog;
  /** Per source: messages produced. */
  counts: number[];
  /** Present when a source was a recording (the first one). */
  recording: RecordedSession | null;
}

/** Loads and merges the sources (ties in time go to the earlier source in the list). */
export async function loadData(sources: DataSource[]): Promise<LoadedData> {
  if (sources.length === 0) throw new Error('backtest: no data sources');
  const locates = new LocateTable();
  const renumber = sources.length > 1;
  const logs: FeedLog[] = [];
  let recording: RecordedSession | null = null;
  for (const s of sources) {
    const fmt = s.format ?? inferFormat(s.path);
    if (!existsSync(s.path)) throw new Error(`backtest data: ${s.path} does not exist`);
    switch (fmt) {
      case 'itch': logs.push(await loadItch(s.path, renumber ? locates : null)); break;
      case 'lobster': logs.push(await loadLobster(s.path, locates, s.symbol)); break;
      case 'mbo': logs.push(await loadDatabento(s.path, locates, 'mbo')); break;
      case 'dbn': logs.push(await loadDatabento(s.path, locates, 'dbn')); break;
      case 'recording': {
        const r = readRecording(s.path);
        if (recording === null) recording = r;
        logs.push(renumber ? renumberLocates(r.feed, locates) : r.feed);
        break;
      }
      default: throw new Error(`backtest data: unknown format ${String(fmt)} (${DATA_FORMATS.join(', ')})`);
    }
  }
  return { feed: mergeLogs(logs), counts: logs.map((l) => l.n), recording };
}

/** Collects framed ITCH messages with their own timestamps. */
class LogCollector implements ItchMessageSink {
  instrument = -1;
  ts = 0;
  constructor(private readonly log: FeedLog) {}
  onMessage(buf: Buffer, off: number, len: number): number {
    this.ts = buf.readUInt16BE(off + 5) * 4294967296 + buf.readUInt32BE(off + 7);
    this.log.push(buf, off, len, this.ts);
    return 0;
  }
}

async function loadItch(path: string, locates: LocateTable | null): Promise<FeedLog> {
  const log = new FeedLog(1 << 16);
  const dec = new ItchStreamDecoder(new LogCollector(log));
  await pumpFile(path, dec);
  dec.end();
  if (dec.errors > 0 && log.n === 0) throw new Error(`${path}: not an ITCH BinaryFILE (${dec.errorSamples[0] ?? 'no messages'})`);
  return locates === null ? log : renumberLocates(log, locates);
}

/** Rewrites each message's stock locate (in place) to the run's locate for the symbol the source bound. */
export function renumberLocates(log: FeedLog, locates: LocateTable): FeedLog {
  const map = new Int32Array(65536).fill(-1);
  const b = log.bytes;
  for (let i = 0; i < log.n; i++) {
    const o = log.off[i];
    const t = b[o];
    const src = b.readUInt16BE(o + 1);
    if (src === 0) continue;
    let symOff = -1;
    if (t === 0x52 || t === 0x48) symOff = o + 11; // R, H
    else if (t === 0x41 || t === 0x46) symOff = o + 24; // A, F
    if (symOff >= 0 && (t === 0x52 || map[src] < 0)) map[src] = locates.locateOf(decodeAlpha(b, symOff, 8));
    if (map[src] < 0) map[src] = locates.locateOf(`#${src}`);
    b.writeUInt16BE(map[src], o + 1);
  }
  return log;
}

async function loadLobster(path: string, locates: LocateTable, symbolOpt?: string): Promise<FeedLog> {
  const log = new FeedLog(1 << 14);
  const registry = new InstrumentRegistry();
  const symbol = symbolOpt ?? tickerFromFileName(path);
  const inst = registry.register(lobsterInstrumentSpec(symbol)).id;
  const sink = new ItchLogSink(log, registry, locates);
  const applier = new LobsterApplier(sink, inst);
  const bookPath = join(dirname(path), basename(path).replace('_message_', '_orderbook_'));
  let seed = null;
  if (bookPath !== path && existsSync(bookPath)) {
    const line = await readFirstLine(bookPath);
    const cols = line.split(',').length;
    seed = cols % 4 === 0 ? parseLobsterBookRow(line, cols / 4) : null;
  }
  const msg = newLobsterMessage();
  let k = 0;
  let bad = 0;
  await readLines(path, (buf, start, end) => {
    if (end === start) return;
    k++;
    if (parseLobsterMessage(buf, start, end, msg) !== 0) {
      bad++;
      return;
    }
    if (k === 1 && seed !== null) {
      seedFromRow(sink, inst, seed, msg.ts); // the seed row is the book after message 1
      return;
    }
    sink.executing = msg.type === 4;
    applier.apply(msg);
    sink.executing = false;
  });
  if (k > 0 && bad === k) throw new Error(`${path}: no LOBSTER message lines`);
  return log;
}

async function loadDatabento(path: string, locates: LocateTable, kind: 'mbo' | 'dbn'): Promise<FeedLog> {
  const log = new FeedLog(1 << 14);
  const registry = new InstrumentRegistry();
  const sink = new ItchLogSink(log, registry, locates);
  const st = kind === 'mbo' ? await replayMboCsv(path, { books: sink, registry }) : await replayDbn(path, { books: sink, registry });
  if (st.messages > 0 && log.n === 0 && st.errors > 0) throw new Error(`${path}: ${st.errorSamples[0] ?? 'no usable records'}`);
  return log;
}

export { mergeLogs };
