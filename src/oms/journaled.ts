// The OMS behind its journal: every command and venue report is appended to the journal (the write has
// returned) BEFORE the OMS applies it, rejected ones included, so replaying the journal into a fresh
// OMS repeats every decision and reaches the same stateHash().
// Record types 0x0600 + OrderEvent code; payloads are little-endian float64 fields (ids, quantities,
// prices and times are safe integers):
//   OrderSubmitted         clOrdId strategy account instrument side orderQty price time
//   OrderCancelRequested   clOrdId time
//   OrderReplaceRequested  clOrdId newClOrdId orderQty price time
//   venue reports          event execId clOrdId origClOrdId orderId lastQty lastPx time reason
//                          (under the report's own event code; OrderCancelRejected included)
//   OrdersReconciled       count, then per order: clOrdId orderId ordStatus cumQty leavesQty avgPx
//   OrderReleased          clOrdId
// Threading: the kernel's thread. No allocation per command or report (reconcile is cold).

import { OrderEvent } from '../core/events.js';
import type { Nanos, Px, Qty, Side } from '../core/units.js';
import type { Journal, RecordHandler, ScanResult } from '../journal/index.js';
import { ExecReport, Oms } from './oms.js';
import { reconcile } from './reconcile.js';
import type { ReconcileResult, VenueOrderStatus } from './reconcile.js';
import type { OrdStatusCode } from './table.js';

export const OMS_RECORD_BASE = 0x0600;
export const omsRecordType = (event: number): number => OMS_RECORD_BASE + event;

const T_SUBMIT = OMS_RECORD_BASE + OrderEvent.OrderSubmitted;
const T_CANCEL = OMS_RECORD_BASE + OrderEvent.OrderCancelRequested;
const T_REPLACE = OMS_RECORD_BASE + OrderEvent.OrderReplaceRequested;
const T_RECONCILE = OMS_RECORD_BASE + OrderEvent.OrdersReconciled;
const T_RELEASE = OMS_RECORD_BASE + OrderEvent.OrderReleased;

export class JournaledOms {
  readonly oms: Oms;
  readonly journal: Journal;

  constructor(oms: Oms, journal: Journal) {
    this.oms = oms;
    this.journal = journal;
  }

  submit(clOrdId: number, strategy: number, account: number, instrument: number, side: Side, orderQty: Qty, price: Px, now: Nanos): number {
    const j = this.journal;
    const p = j.begin(T_SUBMIT, 64);
    const b = j.buf;
    b.writeDoubleLE(clOrdId, p);
    b.writeDoubleLE(strategy, p + 8);
    b.writeDoubleLE(account, p + 16);
    b.writeDoubleLE(instrument, p + 24);
    b.writeDoubleLE(side, p + 32);
    b.writeDoubleLE(orderQty, p + 40);
    b.writeDoubleLE(price, p + 48);
    b.writeDoubleLE(now, p + 56);
    j.commit(64);
    return this.oms.submit(clOrdId, strategy, account, instrument, side, orderQty, price, now);
  }

  cancel(clOrdId: number, now: Nanos): number {
    const j = this.journal;
    const p = j.begin(T_CANCEL, 16);
    j.buf.writeDoubleLE(clOrdId, p);
    j.buf.writeDoubleLE(now, p + 8);
    j.commit(16);
    return this.oms.cancel(clOrdId, now);
  }

  replace(clOrdId: number, newClOrdId: number, orderQty: Qty, price: Px, now: Nanos): number {
    const j = this.journal;
    const p = j.begin(T_REPLACE, 40);
    const b = j.buf;
    b.writeDoubleLE(clOrdId, p);
    b.writeDoubleLE(newClOrdId, p + 8);
    b.writeDoubleLE(orderQty, p + 16);
    b.writeDoubleLE(price, p + 24);
    b.writeDoubleLE(now, p + 32);
    j.commit(40);
    return this.oms.replace(clOrdId, newClOrdId, orderQty, price, now);
  }

  onExecReport(r: ExecReport): number {
    const j = this.journal;
    // an out-of-range event code still gets a record type inside the OMS range (the OMS rejects it)
    const ev = r.event > 0 && r.event < 0xff ? r.event : 0xff;
    const p = j.begin(OMS_RECORD_BASE + ev, 72);
    const b = j.buf;
    b.writeDoubleLE(r.event, p);
    b.writeDoubleLE(r.execId, p + 8);
    b.writeDoubleLE(r.clOrdId, p + 16);
    b.writeDoubleLE(r.origClOrdId, p + 24);
    b.writeDoubleLE(r.orderId, p + 32);
    b.writeDoubleLE(r.lastQty, p + 40);
    b.writeDoubleLE(r.lastPx, p + 48);
    b.writeDoubleLE(r.transactTime, p + 56);
    b.writeDoubleLE(r.reason, p + 64);
    j.commit(72);
    return this.oms.onExecReport(r);
  }

  /** Frees a done order's slot (journaled: slot reuse and later unknown-order rejects must replay too). */
  release(clOrdId: number): boolean {
    const j = this.journal;
    const p = j.begin(T_RELEASE, 8);
    j.buf.writeDoubleLE(clOrdId, p);
    j.commit(8);
    return this.oms.release(clOrdId);
  }

  reconcile(venue: readonly VenueOrderStatus[]): ReconcileResult {
    const j = this.journal;
    const len = 8 + venue.length * 48;
    const p = j.begin(T_RECONCILE, len);
    const b = j.buf;
    b.writeDoubleLE(venue.length, p);
    let q = p + 8;
    for (const v of venue) {
      b.writeDoubleLE(v.clOrdId, q);
      b.writeDoubleLE(v.orderId, q + 8);
      b.writeDoubleLE(v.ordStatus, q + 16);
      b.writeDoubleLE(v.cumQty, q + 24);
      b.writeDoubleLE(v.leavesQty, q + 32);
      b.writeDoubleLE(v.avgPx, q + 40);
      q += 48;
    }
    j.commit(len);
    return reconcile(this.oms, venue);
  }
}

/**
 * Applies one journal record to an OMS (without journaling it again). Returns false for a record type
 * outside the OMS range (the kernel's replay dispatches those elsewhere). `scratch` is reused.
 */
export function applyOmsRecord(oms: Oms, type: number, buf: Buffer, off: number, len: number, scratch: ExecReport): boolean {
  if (type < OMS_RECORD_BASE || type > OMS_RECORD_BASE + 0xff) return false;
  const f = (i: number): number => buf.readDoubleLE(off + i * 8);
  if (type === T_SUBMIT) oms.submit(f(0), f(1), f(2), f(3), f(4) as Side, f(5), f(6), f(7));
  else if (type === T_CANCEL) oms.cancel(f(0), f(1));
  else if (type === T_REPLACE) oms.replace(f(0), f(1), f(2), f(3), f(4));
  else if (type === T_RELEASE) oms.release(f(0));
  else if (type === T_RECONCILE) {
    const n = f(0);
    const venue: VenueOrderStatus[] = [];
    for (let i = 0; i < n; i++) {
      const k = 1 + i * 6;
      venue.push({ clOrdId: f(k), orderId: f(k + 1), ordStatus: f(k + 2) as OrdStatusCode, cumQty: f(k + 3), leavesQty: f(k + 4), avgPx: f(k + 5) });
    }
    reconcile(oms, venue);
  } else {
    if (len < 72) return true;
    scratch.set(f(0), f(1), f(2), f(4), f(5), f(6), f(7));
    scratch.origClOrdId = f(3);
    scratch.reason = f(8);
    oms.onExecReport(scratch);
  }
  return true;
}

/** Replays a journal into `oms` (a fresh one, to rebuild state after a restart). */
export function replayOms(journal: Journal, oms: Oms, fromSeq = 0): ScanResult {
  return journal.replay(omsReplayHandler(oms), fromSeq);
}

/** A replay handler that applies OMS records and ignores other types. */
export function omsReplayHandler(oms: Oms): RecordHandler {
  const scratch = new ExecReport();
  let last: Uint8Array | null = null;
  let view: Buffer = Buffer.alloc(0);
  return (type, _seq, buf, off, len) => {
    if (buf !== last) {
      last = buf;
      view = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    applyOmsRecord(oms, type, view, off, len, scratch);
  };
}
