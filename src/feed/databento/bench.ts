// Benchmarks of the Databento book paths over in-memory inputs (the lead wires them into `npm run bench`;
// tests only run them on tiny inputs). Each returns records per second of the best of `rounds` passes
// (the first pass also warms the JIT), with a fresh book per pass from `makeBooks`.
//   benchDbnMbo: DbnFramer + the replayDbn record handler (MBO -> BookSink).
//   benchMboCsv: the replayMboCsv line handler (split, parse, MBO -> BookSink) over pre-split lines.
// syntheticMboEvents/encodeMboDbn/encodeMboCsv build the same deterministic event stream in both encodings
// (adds, partial and full cancels, modifies, trades) so the two paths can also be checked against each other.

import type { BookSink } from '../../book/types.js';
import { monoNs } from '../../clock/live.js';
import { InstrumentRegistry } from '../../core/instruments.js';
import { dbnReplayHandler } from './dbn-replay.js';
import { DbnFramer } from './dbn-stream.js';
import { mboCsvLineHandler } from './mbo-csv.js';

export interface MboEvent {
  action: string;
  side: string;
  /** price in 1e-9 units (a safe integer) */
  price: number;
  size: number;
  orderId: number;
  /** ns after 2025-07-17T00:00:00Z */
  ts: number;
}

export interface DatabentoBenchResult {
  messages: number;
  messagesPerSecond: number;
  checksum: number;
}

const DAY_NS = 1_752_710_400_000_000_000n; // 2025-07-17T00:00:00Z

/** Deterministic MBO stream around 100.00 with a 0.01 tick (LCG; no Math.random). */
export function syntheticMboEvents(n: number, seed = 1): MboEvent[] {
  let s = seed >>> 0 || 1;
  const rnd = (k: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % k;
  };
  const live: { id: number; side: string; price: number; size: number }[] = [];
  const out: MboEvent[] = [];
  let nextId = 1;
  let ts = 9.5 * 3600e9;
  for (let i = 0; i < n; i++) {
    ts += 1 + rnd(50_000);
    const r = rnd(100);
    if (live.length < 20 || r < 45) {
      const side = rnd(2) === 0 ? 'B' : 'A';
      const ticks = side === 'B' ? 10_000 - 1 - rnd(30) : 10_000 + 1 + rnd(30);
      const o = { id: nextId++, side, price: ticks * 10_000_000, size: 1 + rnd(500) };
      live.push(o);
      out.push({ action: 'A', side, price: o.price, size: o.size, orderId: o.id, ts });
    } else if (r < 85) {
      const k = rnd(live.length);
      const o = live[k];
      const q = rnd(3) === 0 ? 1 + rnd(o.size) : o.size;
      out.push({ action: 'C', side: o.side, price: o.price, size: q, orderId: o.id, ts });
      o.size -= q;
      if (o.size === 0) live.splice(k, 1);
    } else if (r < 95) {
      const o = live[rnd(live.length)];
      o.size = 1 + rnd(500);
      out.push({ action: 'M', side: o.side, price: o.price, size: o.size, orderId: o.id, ts });
    } else {
      out.push({ action: 'T', side: 'N', price: 100 * 1e9, size: 1 + rnd(100), orderId: 0, ts });
    }
  }
  return out;
}

/** DBN v3 file bytes: metadata (symbol SYN = instrument 1), then one MBO record per event. */
export function encodeMboDbn(events: MboEvent[]): Buffer {
  const meta = Buffer.alloc(16 + 2 + 24 + 3 + 2 + 53 + 4 + 12 + 4 + 71 + 4 + 8 + 71);
  let p = 0;
  meta.write('XNAS.ITCH', 0, 'latin1');
  p = 16;
  meta.writeUInt16LE(0, p); p += 2; // schema mbo
  meta.writeBigUInt64LE(DAY_NS, p); p += 8;
  meta.writeBigUInt64LE(DAY_NS + 86_400_000_000_000n, p); p += 8;
  meta.writeBigUInt64LE(0n, p); p += 8;
  meta[p++] = 1; // stype_in raw_symbol
  meta[p++] = 0; // stype_out instrument_id
  meta[p++] = 0; // ts_out
  meta.writeUInt16LE(71, p); p += 2;
  p += 53 + 4 + 12; // reserved, schema definition length, symbols/partial/not_found counts (0)
  meta.writeUInt32LE(1, p); p += 4; // one mapping
  meta.write('SYN', p, 'latin1'); p += 71;
  meta.writeUInt32LE(1, p); p += 4;
  meta.writeUInt32LE(20250717, p); p += 4;
  meta.writeUInt32LE(20250718, p); p += 4;
  meta.write('1', p, 'latin1');
  const out = Buffer.alloc(8 + meta.length + events.length * 56);
  out.write('DBN\x03', 0, 'latin1');
  out.writeUInt32LE(meta.length, 4);
  meta.copy(out, 8);
  let o = 8 + meta.length;
  for (const e of events) {
    out[o] = 14;
    out[o + 1] = 0xa0;
    out.writeUInt16LE(2, o + 2);
    out.writeUInt32LE(1, o + 4);
    out.writeBigUInt64LE(DAY_NS + BigInt(e.ts), o + 8);
    out.writeBigUInt64LE(BigInt(e.orderId), o + 16);
    out.writeBigInt64LE(BigInt(e.price), o + 24);
    out.writeUInt32LE(e.size, o + 32);
    out[o + 38] = e.action.charCodeAt(0);
    out[o + 39] = e.side.charCodeAt(0);
    out.writeBigUInt64LE(DAY_NS + BigInt(e.ts), o + 40);
    o += 56;
  }
  return out;
}

function isoNs(ts: number): string {
  const sec = Math.floor(ts / 1e9);
  const hh = String(Math.floor(sec / 3600)).padStart(2, '0');
  const mm = String(Math.floor((sec % 3600) / 60)).padStart(2, '0');
  const ss = String(sec % 60).padStart(2, '0');
  return `2025-07-17T${hh}:${mm}:${ss}.${String(ts - sec * 1e9).padStart(9, '0')}Z`;
}

/** Databento-style MBO CSV (pretty_px, pretty_ts) of the same events, symbol SYN. */
export function encodeMboCsv(events: MboEvent[]): Buffer {
  const lines = ['ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,price,size,channel_id,order_id,flags,ts_in_delta,sequence,symbol'];
  for (const e of events) {
    const px = `${Math.floor(e.price / 1e9)}.${String(e.price % 1e9).padStart(9, '0')}`;
    lines.push(`${isoNs(e.ts)},${isoNs(e.ts)},160,2,1,${e.action},${e.side},${px},${e.size},0,${e.orderId},0,0,0,SYN`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'latin1');
}

function best(rounds: number, pass: () => [number, number]): DatabentoBenchResult {
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

export function benchDbnMbo(buf: Buffer, makeBooks: () => BookSink, rounds = 3): DatabentoBenchResult {
  return best(rounds, () => {
    let sum = 0;
    const h = dbnReplayHandler({ books: makeBooks(), registry: new InstrumentRegistry(), onRecord: (i, _inst, ts) => { sum = (sum + ts + i) % 1_000_000_007; } });
    const framer = new DbnFramer(h, null);
    for (let p = 0; p < buf.length; p += 1 << 20) framer.push(buf.subarray(p, Math.min(buf.length, p + (1 << 20))));
    const stats = h.finish({ format: 'dbn', error: framer.error, trailingBytes: framer.pending });
    return [stats.messages, sum];
  });
}

export function benchMboCsv(buf: Buffer, makeBooks: () => BookSink, rounds = 3): DatabentoBenchResult {
  return best(rounds, () => {
    let sum = 0;
    const h = mboCsvLineHandler({ books: makeBooks(), registry: new InstrumentRegistry(), onRecord: (i, _inst, ts) => { sum = (sum + ts + i) % 1_000_000_007; } });
    let s = 0;
    for (let nl = buf.indexOf(10, 0); nl !== -1; nl = buf.indexOf(10, s)) {
      h.onLine(buf, s, nl);
      s = nl + 1;
    }
    return [h.finish().messages, sum];
  });
}
