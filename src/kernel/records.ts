// Kernel journal records (design principles 6 and 10): ONE record per kernel event, written in one
// journal write BEFORE any of the event's commands leaves for the venue. A record holds the input the
// kernel took from an edge and every command the strategies (and the kill switch) issued while handling
// it, so a crash can never leave an input journaled without its commands or a command without its input:
// the CRC covers both, a torn record is cut whole on recovery (src/journal), and the commands of an
// event that is not in the journal were never sent (sends follow the write).
// Types 0x0900-0x09FF belong to the kernel (0x0600-0x06FF are the OMS's own records when a JournaledOms
// is used instead). Payload, little-endian float64 unless said: `now` first (the event's time: every
// decision of the event is made at it, so a replay at the same `now` repeats them), then the input:
//   START    (nothing)          the kernel was built; its strategies' init ran at `now`
//   FEED     u16 len, len bytes the raw market-data message (ITCH 5.0, type byte first)
//   EXEC     9 fields           event execId clOrdId origClOrdId orderId lastQty lastPx fee reason
//   TIMERS   (nothing)          the kernel fired the timers due at `now`
//   STATUS   7 fields           a venue's order status answer: clOrdId orderId ordStatus cumQty leavesQty
//                              avgPx orderQty (avgPx in price units, may be fractional)
//   RECON    (nothing)          reconciliation began: status requests for every open order (./reconcile.ts)
//   CMDS     (nothing)          commands issued outside any event (a test, an operator): replay re-issues them
//   CTRL     action scopeKind id, u16 len, len bytes   an operator's control (./control.ts): kill switch
//                              engage (1) / release (2) of a scope, new risk limits (3: the RiskLimits as
//                              JSON in the bytes; len 0 otherwise); the kill's cancels are its commands
// then the commands, each a float64 code and its fields (ids first, so a replay can compare them):
//   SUBMIT   clOrdId strategy instrument side qty px tif
//   CANCEL   requestId clOrdId strategy
//   REPLACE  newClOrdId clOrdId strategy qty px
// Replay (./replay.ts) feeds each record's input to a fresh kernel at the record's `now`; the strategies
// regenerate the commands, compared one by one with the record's (a difference: the kernel is not
// deterministic, a bug). Writers below fill the journal's reused record buffer (no allocation).

import type { Journal } from '../journal/journal.js';

export const K_RECORD_BASE = 0x0900;
export const K_START = 0x0900;
export const K_FEED = 0x0901;
export const K_EXEC = 0x0902;
export const K_TIMERS = 0x0903;
export const K_STATUS = 0x0904;
export const K_RECON = 0x0905;
export const K_CMDS = 0x0906;
export const K_CTRL = 0x0907;
export const K_SUBMIT = 0x0911;
export const K_CANCEL = 0x0912;
export const K_REPLACE = 0x0913;

/** Fields after the code, per command. */
export const commandFields = (code: number): number => (code === K_SUBMIT ? 7 : code === K_CANCEL ? 3 : 5);

/**
 * Largest event record reserved in the journal's buffer (a kill switch cancelling every open order of a
 * full OMS is the biggest event: 65,536 x 32 bytes). The buffer is allocated once at this size.
 */
export const MAX_EVENT_BYTES = 4 << 20;

/** Builds one event record in the journal's buffer: begin, input, commands, commit. */
export class EventRecord {
  private j: Journal | null = null;
  private start = 0;
  pos = 0;

  /** Starts a record of `type` at `now`; returns the buffer position for the input. */
  begin(j: Journal, type: number, now: number): number {
    this.j = j;
    this.start = j.begin(type, MAX_EVENT_BYTES);
    j.buf.writeDoubleLE(now, this.start);
    this.pos = this.start + 8;
    return this.pos;
  }

  get open(): boolean {
    return this.j !== null;
  }

  /** The raw message of a FEED record. */
  bytes(src: Buffer, off: number, len: number): void {
    const b = this.j!.buf;
    b.writeUInt16LE(len, this.pos);
    src.copy(b, this.pos + 2, off, off + len);
    this.pos += 2 + len;
  }

  /** n float64 fields f[o, o + n). */
  fields(f: Float64Array, o: number, n: number): void {
    const b = this.j!.buf;
    let p = this.pos;
    for (let k = 0; k < n; k++, p += 8) b.writeDoubleLE(f[o + k], p);
    this.pos = p;
  }

  /** A command (code, then commandFields(code) of a..g). */
  command(code: number, a: number, b: number, c: number, d: number, e: number, f: number, g: number): void {
    const n = commandFields(code);
    if (this.pos - this.start + 8 * (n + 1) > MAX_EVENT_BYTES) throw new Error('kernel journal: more commands in one event than a record holds');
    const buf = this.j!.buf;
    const p = this.pos;
    buf.writeDoubleLE(code, p);
    buf.writeDoubleLE(a, p + 8);
    buf.writeDoubleLE(b, p + 16);
    buf.writeDoubleLE(c, p + 24);
    if (n > 3) {
      buf.writeDoubleLE(d, p + 32);
      buf.writeDoubleLE(e, p + 40);
    }
    if (n > 5) {
      buf.writeDoubleLE(f, p + 48);
      buf.writeDoubleLE(g, p + 56);
    }
    this.pos = p + 8 * (n + 1);
  }

  /** Writes the record (one journal write); returns its seq. */
  commit(): number {
    const j = this.j!;
    this.j = null;
    return j.commit(this.pos - this.start);
  }
}

/** Bytes of a record's input part after `now` (the commands follow it). */
export function inputBytes(type: number, b: Buffer, off: number): number {
  switch (type) {
    case K_FEED: return 2 + b.readUInt16LE(off + 8);
    case K_EXEC: return 72;
    case K_STATUS: return 56;
    case K_CTRL: return 26 + b.readUInt16LE(off + 32);
    default: return 0;
  }
}

/** Offset of a record's first command (its payload starts at off). */
export const commandsAt = (type: number, b: Buffer, off: number): number => off + 8 + inputBytes(type, b, off);

/** Visits the commands of a record payload b[off, off + len): code and the command's first id. */
export function forEachCommand(type: number, b: Buffer, off: number, len: number, visit: (code: number, id: number, p: number) => void): void {
  const end = off + len;
  for (let p = commandsAt(type, b, off); p < end; ) {
    const code = b.readDoubleLE(p);
    visit(code, b.readDoubleLE(p + 8), p + 8);
    p += 8 * (commandFields(code) + 1);
  }
}
