// ItchPublisher: the simulator's market-data feed. A VenueListener that turns matching events into Nasdaq
// TotalView-ITCH 5.0 messages the way Nasdaq publishes them, and writes each message to (a) a recorded
// BinaryFILE (ItchFileWriter), (b) a MoldPublisher (MoldUDP64 on UDP, with its re-request server), and
// (c) in-process taps (tests, a GLIMPSE-style late joiner, the same bytes minus the socket).
//
// Mapping (one command's messages are published before the next command runs):
//   session Open         S 'O', R per instrument (locate = index + 1), S 'S', S 'Q', H 'T' per instrument
//   session MarketClose  S 'M' (the DAY-order expiries that follow are D messages)
//   session End          S 'E', S 'C'
//   onRested             A (F with the owner's MPID when `attribution` names one) under a fresh order
//                        reference; if the order is the re-entry of a replace that lost priority: U
//                        (original reference -> fresh reference, resting shares, price) instead
//   onFill               E on the RESTING order's reference: executed shares, match number. The aggressor
//                        is never on the book, so it has no message (as on Nasdaq); a maker at 0 leaves.
//   onCancelled (resting) / onExpired   D
//   onReplaced kept = 1  X of the size decrease (the order keeps its reference and queue position);
//                        nothing when the size is unchanged
//   onReplaced kept = 0  nothing yet: the order may trade as a taker first; it ends as U when the
//                        remainder rests, or D when nothing rests (filled, or cancelled by self-match
//                        prevention), published when the command ends
//   onTradingState       H: 'H' (Halted, Frozen) or 'T' (Open), reason `haltReason` / blank
//   P (non-displayed execution): never, because the engine has no hidden or reserve orders.
// Order reference numbers and match numbers count from 1 for the whole day across all instruments
// (unique per day, as on the real feed); a replace's new reference is fresh too.
// Timestamps: the venue's `now` is ns since the session epoch, which must be midnight (ITCH's 6-byte
// timestamp is ns since midnight). Tracking number 0.
// Sequence numbers: message k published (1-based, counting from `firstSequence`) is MoldUDP64 sequence k;
// nextSequence is what a late joiner starts from after snapshotItch().
// Hot path: fields are set on one reused ItchMessage and encoded by the generated encoder into one scratch
// buffer; the table lookups (engine id -> reference) are typed-array hash tables. Nothing is allocated per
// message (symbols and side letters are preexisting strings).
// Flushing: the MoldPublisher sends a packet when it is full; call flush() after each burst (the
// synthetic market's runner does it per step) or set flushEachCommand for minimum latency.

import type { Nanos, Px, Qty } from '../core/units.js';
import { encodeItch } from '../feed/itch/codec.js';
import { fillCommonStockDirectory, ItchMessage } from '../feed/itch/message.js';
import type { ItchFileWriter } from '../feed/itch/replay.js';
import type { MoldPublisher } from '../feed/moldudp64/publisher.js';
import { BUY, TradingState } from '../matching/types.js';
import { RefTable } from './ref-table.js';
import type { Venue, VenueListener } from './venue.js';
import { SessionEvent } from './venue.js';

/** An in-process consumer of published messages: buf[off, off+len) is one ITCH message (type byte first). */
export type ItchTap = (buf: Buffer, off: number, len: number, sequence: number) => void;

export interface ItchPublisherOptions {
  mold?: MoldPublisher;
  file?: ItchFileWriter;
  taps?: ItchTap[];
  /** Owner (account) -> 4-character MPID: that owner's adds are F messages with attribution. */
  attribution?: ReadonlyMap<number, string>;
  /** Sequence number of the first message (default: the MoldPublisher's next sequence, else 1). */
  firstSequence?: number;
  /** Flush the MoldPublisher at the end of every command (default false). */
  flushEachCommand?: boolean;
  /** H reason for a halt (default 'T12': halted, additional information requested by Nasdaq). */
  haltReason?: string;
}

export interface ItchSnapshot {
  /** BinaryFILE framing (2-byte big-endian length before each message): R, H, then A/F per resting order. */
  bytes: Buffer;
  messages: number;
  /** First sequence number of the live stream that is NOT reflected in the snapshot. */
  nextSequence: number;
}

const SIDE_CHAR = ['B', 'S'];

export class ItchPublisher implements VenueListener {
  /** Messages published, by type letter code (index = type byte). */
  readonly typeCounts = new Float64Array(256);
  /** Next MoldUDP64 sequence number (the sequence the next message gets). */
  nextSequence: number;
  /** Last order reference handed out (references count from 1 per day). */
  lastOrderRef = 0;
  /** Last match number handed out (count from 1 per day). */
  lastMatchNumber = 0;
  private readonly msg = new ItchMessage();
  private readonly scratch = Buffer.alloc(64);
  private readonly refs: RefTable[] = [];
  private readonly symbols: string[] = [];
  private readonly roundLots: number[] = [];
  private readonly mold: MoldPublisher | undefined;
  private readonly file: ItchFileWriter | undefined;
  private readonly taps: ItchTap[];
  private readonly attribution: ReadonlyMap<number, string> | undefined;
  private readonly flushEach: boolean;
  private readonly haltReason: string;
  // The replace in progress (the engine handles one command at a time).
  private pendInst = -1;
  private pendId = 0;
  private pendRef = 0;

  constructor(
    private readonly venue: Venue,
    opts: ItchPublisherOptions = {},
  ) {
    this.mold = opts.mold;
    this.file = opts.file;
    this.taps = opts.taps ?? [];
    this.attribution = opts.attribution;
    this.flushEach = opts.flushEachCommand ?? false;
    this.haltReason = opts.haltReason ?? 'T12';
    this.nextSequence = opts.firstSequence ?? this.mold?.nextSequence ?? 1;
    if (this.mold !== undefined && this.mold.nextSequence !== this.nextSequence) {
      throw new Error('ItchPublisher: firstSequence must equal the MoldPublisher next sequence');
    }
    for (const inst of venue.instruments) {
      this.refs.push(new RefTable());
      this.symbols.push(inst.symbol);
      this.roundLots.push(inst.roundLot);
    }
    venue.addListener(this);
  }

  /** Adds a tap (e.g. a late joiner) from now on. */
  addTap(tap: ItchTap): void {
    this.taps.push(tap);
  }

  /** Current ITCH order reference of a live engine order, 0 when it is not on the book. */
  orderRef(inst: number, id: number): number {
    return this.refs[inst].get(id);
  }

  flush(): void {
    this.mold?.flush();
  }

  // ---- VenueListener ----

  onSessionEvent(event: number, ts: Nanos): void {
    if (event === SessionEvent.Open) {
      this.system('O', ts);
      for (let i = 0; i < this.symbols.length; i++) this.directory(i, ts, this.scratch, this.emitter);
      this.system('S', ts);
      this.system('Q', ts);
      for (let i = 0; i < this.symbols.length; i++) this.action(i, TradingState.Open, ts, this.scratch, this.emitter);
    } else if (event === SessionEvent.MarketClose) {
      this.system('M', ts);
    } else if (event === SessionEvent.End) {
      this.system('E', ts);
      this.system('C', ts);
    }
  }

  onAccepted(): void {}
  onRejected(): void {}
  onCancelRejected(): void {}

  onFill(
    inst: number, makerId: number, _mo: number, _ti: number, _to: number, _side: number, _px: Px, qty: Qty,
    makerLeaves: Qty, _tl: Qty, _mf: number, _tf: number, _matchId: number, ts: Nanos,
  ): void {
    const t = this.refs[inst];
    const ref = makerLeaves === 0 ? t.delete(makerId) : t.get(makerId);
    const m = this.header('E', inst, ts);
    m.orderRef = ref;
    m.executedShares = qty;
    m.matchNumber = ++this.lastMatchNumber;
    this.emit();
  }

  onRested(inst: number, id: number, owner: number, side: number, px: Px, qty: Qty, ts: Nanos): void {
    const ref = ++this.lastOrderRef;
    this.refs[inst].set(id, ref);
    if (this.pendInst === inst && this.pendId === id) {
      const m = this.header('U', inst, ts);
      m.originalOrderRef = this.pendRef;
      m.newOrderRef = ref;
      m.shares = qty;
      m.price = px;
      this.pendInst = -1;
      this.emit();
      return;
    }
    this.add(inst, ref, owner, side, px, qty, ts, this.scratch, this.emitter);
  }

  onCancelled(inst: number, id: number, _o: number, _s: number, _px: Px, _q: Qty, _r: number, resting: number, ts: Nanos): void {
    if (resting === 1) this.remove(inst, id, ts);
    else if (this.pendInst === inst && this.pendId === id) this.endPendingReplace(ts);
  }

  onExpired(inst: number, id: number, _o: number, _s: number, _px: Px, _q: Qty, _r: number, ts: Nanos): void {
    this.remove(inst, id, ts);
  }

  onReplaced(inst: number, id: number, _o: number, _s: number, _op: Px, oldQty: Qty, _np: Px, newQty: Qty, kept: number, ts: Nanos): void {
    if (kept === 1) {
      if (newQty < oldQty) {
        const m = this.header('X', inst, ts);
        m.orderRef = this.refs[inst].get(id);
        m.cancelledShares = oldQty - newQty;
        this.emit();
      }
      return;
    }
    this.pendInst = inst;
    this.pendId = id;
    this.pendRef = this.refs[inst].delete(id);
  }

  onTradingState(inst: number, state: number, ts: Nanos): void {
    this.action(inst, state, ts, this.scratch, this.emitter);
  }

  onCommandEnd(_inst: number, ts: Nanos): void {
    if (this.pendInst >= 0) this.endPendingReplace(ts);
    if (this.flushEach) this.mold?.flush();
  }

  // ---- GLIMPSE-style snapshot ----

  /**
   * The messages that rebuild instrument `inst`'s current book from nothing: R (stock directory), H
   * (current trading state), then A (F when attributed) for every resting order in priority order (bids
   * then asks, best price first, time priority within a price), under the order references the live
   * stream uses, so a late joiner applies the snapshot and then the live stream from `nextSequence`.
   * Cold path (allocates). Call between commands (not from inside a listener callback).
   */
  snapshotItch(inst: number, ts: Nanos): ItchSnapshot {
    const engine = this.venue.engine(inst);
    const chunks: Buffer[] = [];
    let count = 0;
    const scratch = Buffer.alloc(64);
    const collect = (n: number): void => {
      const b = Buffer.alloc(n + 2);
      b.writeUInt16BE(n, 0);
      scratch.copy(b, 2, 0, n);
      chunks.push(b);
      count++;
    };
    this.directory(inst, ts, scratch, collect);
    this.action(inst, engine.tradingState(), ts, scratch, collect);
    const table = this.refs[inst];
    engine.forEachOrder((id, owner, side, px, qty) => {
      const ref = table.get(id);
      if (ref === 0) throw new Error(`ItchPublisher invariant: live order ${id} of instrument ${inst} has no reference`);
      this.add(inst, ref, owner, side, px, qty, ts, scratch, collect);
    });
    return { bytes: Buffer.concat(chunks), messages: count, nextSequence: this.nextSequence };
  }

  // ---- message builders (write into `buf`, then hand the length to `out`) ----

  /** Publishes the message just encoded in this.scratch. Bound once (no closure per message). */
  private readonly emitter = (n: number): void => {
    const buf = this.scratch;
    const seq = this.nextSequence++;
    this.typeCounts[buf[0]]++;
    this.mold?.publish(buf, 0, n);
    this.file?.writeRaw(buf, 0, n);
    const taps = this.taps;
    for (let i = 0; i < taps.length; i++) taps[i](buf, 0, n, seq);
  };

  private header(type: string, inst: number, ts: Nanos): ItchMessage {
    const m = this.msg;
    m.type = type;
    m.stockLocate = inst + 1;
    m.trackingNumber = 0;
    m.timestamp = ts;
    return m;
  }

  private emit(): void {
    this.encodeTo(this.scratch, this.emitter);
  }

  private encodeTo(buf: Buffer, out: (n: number) => void): void {
    const n = encodeItch(this.msg, buf, 0);
    if (n < 0) throw new Error(`ItchPublisher: cannot encode ITCH '${this.msg.type}' (status ${-n})`);
    out(n);
  }

  private system(code: string, ts: Nanos): void {
    const m = this.header('S', -1, ts);
    m.eventCode = code;
    this.emit();
  }

  private directory(inst: number, ts: Nanos, buf: Buffer, out: (n: number) => void): void {
    fillCommonStockDirectory(this.header('R', inst, ts), this.symbols[inst], this.roundLots[inst]);
    this.encodeTo(buf, out);
  }

  private action(inst: number, state: number, ts: Nanos, buf: Buffer, out: (n: number) => void): void {
    const m = this.header('H', inst, ts);
    m.stock = this.symbols[inst];
    const open = state === TradingState.Open;
    m.tradingState = open ? 'T' : 'H';
    m.reserved = ' ';
    m.reason = open ? '' : this.haltReason;
    this.encodeTo(buf, out);
  }

  private add(inst: number, ref: number, owner: number, side: number, px: Px, qty: Qty, ts: Nanos, buf: Buffer, out: (n: number) => void): void {
    const mpid = this.attribution?.get(owner);
    const m = this.header(mpid === undefined ? 'A' : 'F', inst, ts);
    m.orderRef = ref;
    m.side = SIDE_CHAR[side === BUY ? 0 : 1];
    m.shares = qty;
    m.stock = this.symbols[inst];
    m.price = px;
    if (mpid !== undefined) m.attribution = mpid;
    this.encodeTo(buf, out);
  }

  private remove(inst: number, id: number, ts: Nanos): void {
    const m = this.header('D', inst, ts);
    m.orderRef = this.refs[inst].delete(id);
    this.emit();
  }

  /** The replaced order did not rest again: its original reference leaves the book. */
  private endPendingReplace(ts: Nanos): void {
    const m = this.header('D', this.pendInst, ts);
    m.orderRef = this.pendRef;
    this.pendInst = -1;
    this.emit();
  }
}
