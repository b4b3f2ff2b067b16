// Recorded sessions: the backtester's `recording` format IS the kernel journal (src/kernel/records.ts:
// one record per kernel event, its input then the commands it issued),
// the file `hftbot trade --journal FILE` (or simSession / buildKernel with a FileJournal) writes. It holds
// exactly what a live kernel saw and did, in order, with the kernel clock of each record:
//   FEED (now, ITCH bytes)  -> the backtest's market data: the venue gets it at the exchange time inside
//                              the message, the kernel at `now` (when the live kernel handled it)
//   commands (SUBMIT / CANCEL / REPLACE in any record) and EXEC (now, report) -> recorded timings: for each
//   command, when it was sent and when the venue's first answer about it reached the kernel, so a
//   recorded-latency venue model can replay the session's own latencies (src/backtest/venue).
// Why the journal and not a new format: it is already written before every state change, checksummed,
// and replayable; a second recorder would be a second thing to keep in step. Cold path.

import { readFileSync } from 'node:fs';
import { OrderEvent } from '../core/events.js';
import { scanJournal } from '../journal/format.js';
import { K_CANCEL, K_EXEC, K_FEED, K_RECORD_BASE, K_REPLACE, K_START, K_SUBMIT } from '../kernel/records.js';
import { FeedLog, FLAG_SYNC, FLAG_VENUE_PRINT, FLAG_VENUE_SKIP } from './feed-log.js';

export interface RecordedCommand {
  kind: 'submit' | 'cancel' | 'replace';
  /** Kernel clock when the command was issued (ns). */
  sentNs: number;
  /** submit/replace: the new clOrdId; cancel: the request id. */
  clOrdId: number;
  /** cancel/replace: the order the command is about. */
  origClOrdId: number;
  strategy: number;
  instrument: number;
  side: number;
  qty: number;
  px: number;
  /** Kernel clock when the first report naming clOrdId (or, for a cancel, origClOrdId) arrived; NaN if none. */
  ackNs: number;
  /** OrderEvent of that first report (NaN when none). */
  ackEvent: number;
}

export interface RecordedExec {
  /** Kernel clock when the report was handled. */
  ns: number;
  event: number;
  execId: number;
  clOrdId: number;
  origClOrdId: number;
  orderId: number;
  lastQty: number;
  lastPx: number;
  fee: number;
  reason: number;
}

export interface RecordedSession {
  /** Kernel clock at START (when the recorded kernel was built). */
  startNs: number;
  feed: FeedLog;
  commands: RecordedCommand[];
  execs: RecordedExec[];
  status: 'ok' | 'torn' | 'corrupt';
  /** Every kernel event time of the recording (feeds, reports, timers...), ascending, distinct. */
  eventTimes: Float64Array;
}

/** Reads a kernel journal file as a recorded session (a torn tail is ignored; a corrupt middle throws). */
export function readRecording(path: string): RecordedSession {
  const bytes = readFileSync(path);
  return parseRecording(bytes, path);
}

const K_STATUS = 0x0904; // the kernel's venue order-status answer (7 fields)
const TWO32 = 4294967296;

/** Bytes of a record's input after `now` (the commands follow; src/kernel/records.ts layout). */
function inputBytes(type: number, b: Buffer, off: number): number {
  if (type === K_FEED) return 2 + b.readUInt16LE(off + 8);
  if (type === K_EXEC) return 72;
  if (type === K_STATUS) return 56;
  return 0;
}

const fieldsOf = (code: number): number => (code === K_SUBMIT ? 7 : code === K_CANCEL ? 3 : 5);

interface Twin { cl: number; side: number; px: number; qty: number }
interface Expect { cl: number; side: number; px: number; qty: number; now: number }

/**
 * Parses a kernel journal. Besides the feed and the commands, it finds the recorded twins of our own
 * orders in the feed (the venue published them: an A/F right after our submit at the same kernel time,
 * same side and price; then every X/D/U/E/C on that reference) and flags them (FLAG_VENUE_SKIP /
 * FLAG_VENUE_PRINT, ./feed-log.ts), and flags the messages the venue published after commands the kernel
 * sent at or after their exchange time (FLAG_SYNC), so a backtest keeps the live order of things. Event
 * time = the message's ITCH timestamp (exchange time); feedTs = the kernel clock it was handled at.
 */
export function parseRecording(bytes: Buffer, where = '<memory>'): RecordedSession {
  const feed = new FeedLog(1 << 14);
  const commands: RecordedCommand[] = [];
  const execs: RecordedExec[] = [];
  let startNs = NaN;
  const pendingAck = new Map<number, RecordedCommand>();
  const twins = new Map<number, Twin>();
  let expect: Expect[] = [];
  let lastCommandNs = -Infinity;
  let view = bytes;
  const d = (o: number): number => view.readDoubleLE(o);
  const onFeed = (now: number, off: number, len: number): void => {
    const b = view;
    const t = b[off];
    // the exchange time inside the message: what the venue goes by; `now` is when the kernel got it
    const xts = len >= 11 ? b.readUInt16BE(off + 5) * TWO32 + b.readUInt32BE(off + 7) : now;
    let flags = lastCommandNs >= xts ? FLAG_SYNC : 0;
    let aux = 0;
    if (expect.length > 0 && expect[0].now !== now) expect = expect.filter((e) => e.now === now);
    const ref = len >= 19 ? b.readUInt32BE(off + 11) * TWO32 + b.readUInt32BE(off + 15) : 0;
    if ((t === 0x41 || t === 0x46) && len >= 36 && expect.length > 0) {
      const side = b[off + 19] === 0x42 ? 0 : 1;
      const shares = b.readUInt32BE(off + 20);
      const px = b.readUInt32BE(off + 32);
      const k = expect.findIndex((e) => e.side === side && e.px === px && shares <= e.qty);
      if (k >= 0) {
        twins.set(ref, { cl: expect[k].cl, side, px, qty: shares });
        expect.splice(k, 1);
        flags |= FLAG_VENUE_SKIP;
      }
    } else if (twins.size > 0) {
      const tw = twins.get(ref);
      if (tw !== undefined) {
        if (t === 0x58) { // X
          flags |= FLAG_VENUE_SKIP;
          tw.qty -= b.readUInt32BE(off + 19);
          if (!(tw.qty > 0)) twins.delete(ref);
        } else if (t === 0x44) { // D
          flags |= FLAG_VENUE_SKIP;
          twins.delete(ref);
        } else if (t === 0x55) { // U: the twin moves to its new reference (new price, back of the queue)
          flags |= FLAG_VENUE_SKIP;
          twins.delete(ref);
          twins.set(b.readUInt32BE(off + 19) * TWO32 + b.readUInt32BE(off + 23), { cl: tw.cl, side: tw.side, px: b.readUInt32BE(off + 31), qty: b.readUInt32BE(off + 27) });
        } else if (t === 0x45 || t === 0x43) { // E / C: the print that filled our live order
          flags |= FLAG_VENUE_PRINT;
          aux = (t === 0x43 ? b.readUInt32BE(off + 32) : tw.px) * 2 + tw.side;
          tw.qty -= b.readUInt32BE(off + 19);
          if (!(tw.qty > 0)) twins.delete(ref);
        }
      }
    }
    feed.push(b, off, len, xts, flags, aux);
    feed.setFeedTs(feed.n - 1, now);
  };
  const times: number[] = [];
  const scan = scanJournal(bytes, bytes.length, (type, _seq, buf, off, len) => {
    if (type < K_RECORD_BASE || type > K_RECORD_BASE + 0xff) return;
    if (buf !== view) view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    const now = d(off);
    if (times.length === 0 || times[times.length - 1] !== now) times.push(now);
    switch (type) {
      case K_START:
        if (Number.isNaN(startNs)) startNs = now;
        break;
      case K_FEED:
        onFeed(now, off + 10, view.readUInt16LE(off + 8));
        break;
      case K_EXEC: {
        const e: RecordedExec = { ns: now, event: d(off + 8), execId: d(off + 16), clOrdId: d(off + 24), origClOrdId: d(off + 32), orderId: d(off + 40), lastQty: d(off + 48), lastPx: d(off + 56), fee: d(off + 64), reason: d(off + 72) };
        execs.push(e);
        ack(pendingAck, e.clOrdId, e);
        if (e.event === OrderEvent.OrderCancelled || e.event === OrderEvent.OrderCancelRejected) ack(pendingAck, -e.clOrdId, e);
        if (e.origClOrdId !== 0) ack(pendingAck, -e.origClOrdId, e);
        if (e.event === OrderEvent.OrderFilled || e.event === OrderEvent.OrderCancelled || e.event === OrderEvent.OrderRejected || e.event === OrderEvent.OrderExpired) {
          if (expect.length > 0) expect = expect.filter((x) => x.cl !== e.clOrdId);
        }
        break;
      }
      default:
        break;
    }
    // the commands the kernel issued while handling this record
    const end = off + len;
    for (let p = off + 8 + inputBytes(type, view, off); p + 8 <= end; ) {
      const code = d(p);
      const n = fieldsOf(code);
      if (code === K_SUBMIT || code === K_CANCEL || code === K_REPLACE) lastCommandNs = now;
      if (code === K_SUBMIT) {
        const c: RecordedCommand = { kind: 'submit', sentNs: now, clOrdId: d(p + 8), origClOrdId: 0, strategy: d(p + 16), instrument: d(p + 24), side: d(p + 32), qty: d(p + 40), px: d(p + 48), ackNs: NaN, ackEvent: NaN };
        commands.push(c);
        pendingAck.set(c.clOrdId, c);
        expect.push({ cl: c.clOrdId, side: c.side, px: c.px, qty: c.qty, now });
      } else if (code === K_CANCEL) {
        const c: RecordedCommand = { kind: 'cancel', sentNs: now, clOrdId: d(p + 8), origClOrdId: d(p + 16), strategy: d(p + 24), instrument: -1, side: -1, qty: 0, px: 0, ackNs: NaN, ackEvent: NaN };
        commands.push(c);
        pendingAck.set(-c.origClOrdId, c); // a cancel's answer names the order (cancelled) or the request
        pendingAck.set(c.clOrdId, c);
      } else if (code === K_REPLACE) {
        const c: RecordedCommand = { kind: 'replace', sentNs: now, clOrdId: d(p + 8), origClOrdId: d(p + 16), strategy: d(p + 24), instrument: -1, side: -1, qty: d(p + 32), px: d(p + 40), ackNs: NaN, ackEvent: NaN };
        commands.push(c);
        pendingAck.set(c.clOrdId, c);
      } else {
        break; // not a command: a record from a newer layout; stop reading this one
      }
      p += 8 * (n + 1);
    }
  });
  if (scan.status === 'corrupt') throw new Error(`${where}: journal damaged at offset ${scan.errorOffset} (${scan.reason})`);
  if (scan.records === 0) throw new Error(`${where}: not a kernel journal (no records)`);
  const eventTimes = Float64Array.from(new Set(times)).sort();
  return { startNs: Number.isNaN(startNs) ? (feed.n > 0 ? feed.ts[0] : 0) : startNs, feed, commands, execs, status: scan.status, eventTimes };
}

function ack(pending: Map<number, RecordedCommand>, key: number, e: RecordedExec): void {
  const c = pending.get(key);
  if (c === undefined) return;
  pending.delete(key);
  if (Number.isNaN(c.ackNs)) {
    c.ackNs = e.ns;
    c.ackEvent = e.event;
  }
  if (c.kind === 'cancel') {
    pending.delete(c.clOrdId);
    pending.delete(-c.origClOrdId);
  }
}

/** Command -> first answer latencies (ns) of a recorded session, by command kind; unanswered ones left out. */
export function recordedLatencies(s: RecordedSession): { submit: number[]; cancel: number[]; replace: number[] } {
  const out = { submit: [] as number[], cancel: [] as number[], replace: [] as number[] };
  for (const c of s.commands) if (!Number.isNaN(c.ackNs)) out[c.kind].push(c.ackNs - c.sentNs);
  return out;
}

/**
 * The venue -> kernel latency of a recorded session as a venue latency model (src/backtest/venue
 * LatencyModel): a report the venue produces at t reaches the kernel at the first time >= t at which the
 * recorded kernel handled an event (a live kernel takes what arrived when it next runs: the simulator's
 * step, a FIX session's next read), so fills land on the kernel's recorded timeline.
 */
export class NextEventLatency {
  readonly describe: string;
  constructor(private readonly times: Float64Array) {
    this.describe = `next recorded kernel event (${times.length} times)`;
  }
  next(now: number): number {
    const t = this.times;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t[mid] < now) lo = mid + 1;
      else hi = mid;
    }
    return lo < t.length ? t[lo] - now : 0;
  }
  reset(): void {}
}
