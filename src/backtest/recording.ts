// Recorded sessions: the backtester's `recording` format IS the kernel journal (src/kernel/records.ts),
// the file `hftbot trade --journal FILE` (or simSession / buildKernel with a FileJournal) writes. It holds
// exactly what a live kernel saw and did, in order, with the kernel clock of each record:
//   FEED (now, ITCH bytes)  -> the backtest's market data, event time = now (when the kernel handled it)
//   SUBMIT / CANCEL / REPLACE (now, ids...) and EXEC (now, report) -> recorded order timings: for each
//   command, when it was sent and when the venue's first answer about it reached the kernel, so a
//   recorded-latency venue model can replay the session's own latencies (H1's src/backtest/venue).
// Why the journal and not a new format: it is already written before every state change, checksummed,
// and replayable; a second recorder would be a second thing to keep in step. Cold path.

import { readFileSync } from 'node:fs';
import { OrderEvent } from '../core/events.js';
import { scanJournal } from '../journal/format.js';
import { K_CANCEL, K_EXEC, K_FEED, K_RECORD_BASE, K_REPLACE, K_START, K_SUBMIT } from '../kernel/records.js';
import { FeedLog } from './feed-log.js';

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
}

/** Reads a kernel journal file as a recorded session (a torn tail is ignored; a corrupt middle throws). */
export function readRecording(path: string): RecordedSession {
  const bytes = readFileSync(path);
  return parseRecording(bytes, path);
}

export function parseRecording(bytes: Buffer, where = '<memory>'): RecordedSession {
  const feed = new FeedLog(1 << 14);
  const commands: RecordedCommand[] = [];
  const execs: RecordedExec[] = [];
  let startNs = NaN;
  const pendingAck = new Map<number, RecordedCommand>();
  let view = bytes;
  const d = (o: number): number => view.readDoubleLE(o);
  const scan = scanJournal(bytes, bytes.length, (type, _seq, buf, off, len) => {
    if (type < K_RECORD_BASE || type > K_RECORD_BASE + 0xff) return;
    if (buf !== view) view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    const now = d(off);
    switch (type) {
      case K_START:
        if (Number.isNaN(startNs)) startNs = now;
        break;
      case K_FEED:
        feed.push(view, off + 8, len - 8, now);
        break;
      case K_SUBMIT: {
        const c: RecordedCommand = { kind: 'submit', sentNs: now, clOrdId: d(off + 8), origClOrdId: 0, strategy: d(off + 16), instrument: d(off + 24), side: d(off + 32), qty: d(off + 40), px: d(off + 48), ackNs: NaN, ackEvent: NaN };
        commands.push(c);
        pendingAck.set(c.clOrdId, c);
        break;
      }
      case K_CANCEL: {
        const c: RecordedCommand = { kind: 'cancel', sentNs: now, clOrdId: d(off + 8), origClOrdId: d(off + 16), strategy: d(off + 24), instrument: -1, side: -1, qty: 0, px: 0, ackNs: NaN, ackEvent: NaN };
        commands.push(c);
        pendingAck.set(-c.origClOrdId, c); // a cancel's answer names the order (cancelled) or the request
        pendingAck.set(c.clOrdId, c);
        break;
      }
      case K_REPLACE: {
        const c: RecordedCommand = { kind: 'replace', sentNs: now, clOrdId: d(off + 8), origClOrdId: d(off + 16), strategy: d(off + 24), instrument: -1, side: -1, qty: d(off + 32), px: d(off + 40), ackNs: NaN, ackEvent: NaN };
        commands.push(c);
        pendingAck.set(c.clOrdId, c);
        break;
      }
      case K_EXEC: {
        const e: RecordedExec = { ns: now, event: d(off + 8), execId: d(off + 16), clOrdId: d(off + 24), origClOrdId: d(off + 32), orderId: d(off + 40), lastQty: d(off + 48), lastPx: d(off + 56), fee: d(off + 64), reason: d(off + 72) };
        execs.push(e);
        ack(pendingAck, e.clOrdId, e);
        if (e.event === OrderEvent.OrderCancelled || e.event === OrderEvent.OrderCancelRejected) ack(pendingAck, -e.clOrdId, e);
        if (e.origClOrdId !== 0) ack(pendingAck, -e.origClOrdId, e);
        break;
      }
      default:
        break;
    }
  });
  if (scan.status === 'corrupt') throw new Error(`${where}: journal damaged at offset ${scan.errorOffset} (${scan.reason})`);
  if (scan.records === 0) throw new Error(`${where}: not a kernel journal (no records)`);
  return { startNs: Number.isNaN(startNs) ? (feed.n > 0 ? feed.ts[0] : 0) : startNs, feed, commands, execs, status: scan.status };
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
