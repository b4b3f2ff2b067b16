// `hftbot bench feed`: the ITCH feed path on a generated synthetic day (default 20M messages), read into
// memory once so the figures measure the code, not the disk:
//   (a) walk:   framing only (read each length, touch the type byte) — the floor;
//   (b) decode: the generic decoder of every field into one reused ItchMessage;
//   (c) book:   the hot path ItchBookHandler -> L3Books, books of all instruments;
// each run `rounds` times interleaved, medians reported. Then one more (c) pass samples every 61st
// message's latency with monoMs() (timer overhead, measured on empty pairs, subtracted) and measures
// heap growth between 25% and 100% of the pass with forced GCs (allocation per message after warm-up).

import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { L3Books } from '../book/l3.js';
import { InstrumentRegistry } from '../core/instruments.js';
import { monoMs } from '../clock/live.js';
import { benchDecode, benchHandler, benchWalk } from '../feed/itch/bench.js';
import { ItchBookHandler } from '../feed/itch/book-handler.js';
import { writeSyntheticItchFile } from '../feed/synthetic/index.js';
import { forceGc, median, percentile } from './stats.js';

export interface FeedBenchOptions {
  messages: number;
  symbols: number;
  seed: number;
  rounds: number;
  file?: string;
}

export interface FeedBenchResult {
  messages: number;
  fileBytes: number;
  walkPerSecond: number;
  decodePerSecond: number;
  bookPerSecond: number;
  bookToWalkRatio: number;
  p50Ns: number;
  p99Ns: number;
  p999Ns: number;
  heapBytesPerMessage: number;
  samples: number;
}

export function benchFile(o: FeedBenchOptions): string {
  const file = o.file ?? join(tmpdir(), `hftbot-bench-itch-${o.messages}-${o.symbols}-${o.seed}.itch`);
  if (!existsSync(file) || statSync(file).size === 0) writeSyntheticItchFile(file, { messages: o.messages, symbols: o.symbols, seed: o.seed });
  return file;
}

export async function benchFeed(o: FeedBenchOptions): Promise<FeedBenchResult> {
  const file = benchFile(o);
  const buf = readFileSync(file);
  const walk: number[] = [];
  const decode: number[] = [];
  const book: number[] = [];
  let messages = 0;
  for (let r = 0; r < o.rounds; r++) {
    walk.push(benchWalk(buf, 1).messagesPerSecond);
    decode.push(benchDecode(buf, 1).messagesPerSecond);
    const b = benchHandler(buf, () => new L3Books(), 1);
    book.push(b.messagesPerSecond);
    messages = b.messages;
  }
  const lat = await latencyPass(buf);
  const walkPerSecond = median(walk);
  const bookPerSecond = median(book);
  return {
    messages,
    fileBytes: buf.length,
    walkPerSecond,
    decodePerSecond: median(decode),
    bookPerSecond,
    bookToWalkRatio: bookPerSecond / walkPerSecond,
    ...lat,
  };
}

async function latencyPass(buf: Buffer): Promise<{ p50Ns: number; p99Ns: number; p999Ns: number; heapBytesPerMessage: number; samples: number }> {
  const EVERY = 61;
  // timer overhead: median of empty pairs
  const over = new Float64Array(10_000);
  for (let i = 0; i < over.length; i++) {
    const t0 = monoMs();
    over[i] = monoMs() - t0;
  }
  const overheadMs = percentile(over, 50);
  const handler = new ItchBookHandler(new L3Books(), new InstrumentRegistry());
  const total = countMessages(buf);
  const samples = new Float64Array(Math.ceil(total / EVERY) + 1);
  let ns = 0;
  let n = 0;
  let p = 0;
  const end = buf.length;
  const warm = Math.floor(total / 4);
  let heapStart = 0;
  let heapAt = 0;
  const hasGc = await forceGc();
  while (p + 2 <= end) {
    const len = (buf[p] << 8) | buf[p + 1];
    if (p + 2 + len > end) break;
    if (n % EVERY === 0) {
      const t0 = monoMs();
      handler.onMessage(buf, p + 2, len);
      samples[ns++] = (monoMs() - t0 - overheadMs) * 1e6;
    } else {
      handler.onMessage(buf, p + 2, len);
    }
    n++;
    p += 2 + len;
    if (n === warm) {
      if (hasGc) await forceGc();
      heapStart = process.memoryUsage().heapUsed;
      heapAt = n;
    }
  }
  if (hasGc) await forceGc();
  const heapEnd = process.memoryUsage().heapUsed;
  const s = samples.subarray(0, ns);
  for (let i = 0; i < s.length; i++) if (s[i] < 0) s[i] = 0;
  return {
    p50Ns: Math.round(percentile(s, 50)),
    p99Ns: Math.round(percentile(s, 99)),
    p999Ns: Math.round(percentile(s, 99.9)),
    heapBytesPerMessage: n > heapAt ? (heapEnd - heapStart) / (n - heapAt) : 0,
    samples: ns,
  };
}

function countMessages(buf: Buffer): number {
  let p = 0;
  let n = 0;
  while (p + 2 <= buf.length) {
    p += 2 + ((buf[p] << 8) | buf[p + 1]);
    n++;
  }
  return n;
}
