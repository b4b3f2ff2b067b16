// Benchmarks of the ITCH path over an in-memory BinaryFILE buffer (framed messages). Each returns
// messages per second of the best of `rounds` passes (the first pass also warms the JIT). The lead wires
// them into `npm run bench`; tests only check they run on tiny inputs.
//   benchWalk:    framing only (read each length, touch the type byte): the floor of any ITCH reader.
//   benchDecode:  the generic table-driven decoder into one reused ItchMessage.
//   benchHandler: the book hot path (ItchBookHandler) into a BookSink (pass the real L3 book, or the
//                 default counting sink to measure the handler alone).
//   benchStream:  what replayItch does minus the disk: ItchStreamDecoder (framing, corruption checks,
//                 chunk boundaries) + ItchBookHandler, fed in 4 MiB chunks.

import type { BookSink } from '../../book/types.js';
import { monoNs } from '../../clock/live.js';
import { InstrumentRegistry } from '../../core/instruments.js';
import { ItchBookHandler } from './book-handler.js';
import { ItchStreamDecoder } from './framing.js';
import { decodeItch } from './codec.js';
import { ItchMessage } from './message.js';

export interface ItchBenchResult {
  messages: number;
  messagesPerSecond: number;
  /** A value derived from the data so the work cannot be optimised away. */
  checksum: number;
}

function best(rounds: number, pass: () => [number, number]): ItchBenchResult {
  let bestNs = Infinity;
  let messages = 0;
  let checksum = 0;
  for (let r = 0; r < Math.max(1, rounds); r++) {
    const t0 = monoNs();
    [messages, checksum] = pass();
    const dt = monoNs() - t0;
    if (dt < bestNs) bestNs = dt;
  }
  return { messages, messagesPerSecond: bestNs > 0 ? (messages * 1e9) / bestNs : 0, checksum };
}

export function benchWalk(buf: Buffer, rounds = 3): ItchBenchResult {
  return best(rounds, () => {
    let p = 0;
    let n = 0;
    let sum = 0;
    const end = buf.length;
    while (p + 2 <= end) {
      const len = (buf[p] << 8) | buf[p + 1];
      if (p + 2 + len > end) break;
      sum = (sum + buf[p + 2]) | 0;
      n++;
      p += 2 + len;
    }
    return [n, sum];
  });
}

export function benchDecode(buf: Buffer, rounds = 3): ItchBenchResult {
  const msg = new ItchMessage();
  return best(rounds, () => {
    let p = 0;
    let n = 0;
    let sum = 0;
    const end = buf.length;
    while (p + 2 <= end) {
      const len = (buf[p] << 8) | buf[p + 1];
      if (p + 2 + len > end) break;
      if (decodeItch(buf, p + 2, len, msg) === 0) sum = (sum + msg.stockLocate) | 0;
      n++;
      p += 2 + len;
    }
    return [n, sum];
  });
}

/** A BookSink that only counts calls (measures the handler without a book). */
export class CountingBookSink implements BookSink {
  calls = 0;
  sum = 0;
  add(_i: number, id: number, _s: number, px: number, qty: number): void { this.calls++; this.sum = (this.sum + id + px + qty) | 0; }
  cancel(id: number, qty: number): void { this.calls++; this.sum = (this.sum + id + qty) | 0; }
  delete(id: number): void { this.calls++; this.sum = (this.sum + id) | 0; }
  execute(id: number, qty: number): void { this.calls++; this.sum = (this.sum + id + qty) | 0; }
  replace(id: number, nid: number, px: number, qty: number): void { this.calls++; this.sum = (this.sum + id + nid + px + qty) | 0; }
  modify(id: number, px: number, qty: number): void { this.calls++; this.sum = (this.sum + id + px + qty) | 0; }
  clear(i: number): void { this.calls++; this.sum = (this.sum + i) | 0; }
  levelDelta(i: number, _s: number, px: number, dq: number): void { this.calls++; this.sum = (this.sum + i + px + dq) | 0; }
  status(i: number, st: number): void { this.calls++; this.sum = (this.sum + i + st) | 0; }
}

/**
 * The book hot path. `makeBooks` builds a fresh sink per pass (a book must start empty each time);
 * default: a CountingBookSink.
 */
export function benchHandler(buf: Buffer, makeBooks: () => BookSink = () => new CountingBookSink(), rounds = 3): ItchBenchResult {
  return best(rounds, () => {
    const handler = new ItchBookHandler(makeBooks(), new InstrumentRegistry());
    let p = 0;
    let n = 0;
    let sum = 0;
    const end = buf.length;
    while (p + 2 <= end) {
      const len = (buf[p] << 8) | buf[p + 1];
      if (p + 2 + len > end) break;
      sum = (sum + handler.onMessage(buf, p + 2, len)) | 0;
      n++;
      p += 2 + len;
    }
    return [n, sum];
  });
}

export function benchStream(
  buf: Buffer,
  makeBooks: () => BookSink = () => new CountingBookSink(),
  rounds = 3,
  chunkBytes = 4 << 20,
): ItchBenchResult {
  return best(rounds, () => {
    const dec = new ItchStreamDecoder(new ItchBookHandler(makeBooks(), new InstrumentRegistry()));
    for (let p = 0; p < buf.length; p += chunkBytes) dec.push(buf, p, Math.min(buf.length, p + chunkBytes));
    dec.end();
    return [dec.messages, dec.errors];
  });
}
