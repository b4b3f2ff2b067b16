// The ITCH 5.0 -> BookSink hot path. Reads only the fields a book needs straight from the buffer,
// allocates nothing per message, and turns each message into at most one BookSink call:
//   A, F -> add        E, C -> execute (C's price is the print price; the resting order is the same)
//   X -> cancel        D -> delete      U -> replace (new id, back of the queue)
//   H -> status (TradingStatus)         R -> registers the symbol (cold: ~10k per day)
//   P, Q, B and everything else -> no book change (the framer counts them by type).
// Instruments: the stock locate (u16) indexes an Int32Array holding the registry id (-1 = unknown).
// R registers the symbol with usEquity(symbol), lot size taken from the R message's round lot; A, F and
// H carry the symbol too, so a file that starts without stock-directory messages still resolves.
// Locate 0 (system-wide messages: S, V, W) never names an instrument.
// Timestamps are passed through as ns since midnight: the session epoch is midnight of the file's day.
// Reads go through a DataView cached per buffer (one per chunk or packet, never per message): measured
// 2-3x faster than Buffer.readUInt32BE for this mix on Node 20 (src/feed/itch/bench.ts benchHandler).
// Plain twin: reference.ts (same calls for any input; test/itch/differential.test.ts).

import type { BookSink } from '../../book/types.js';
import { TradingStatus } from '../../core/events.js';
import { usEquity, type InstrumentRegistry } from '../../core/instruments.js';
import { SIDE_ASK, SIDE_BID } from '../../core/units.js';
import { decodeAlpha } from './alpha.js';
import { ITCH_LENGTH } from './layouts.js';
import { ItchStatus, U64_HI_LIMIT } from './status.js';

/** Anything that consumes framed ITCH messages (the framers call it; see framing.ts). */
export interface ItchMessageSink {
  /** Handles the message buf[off, off+len) (type byte at off). Returns an ItchStatus. */
  onMessage(buf: Buffer, off: number, len: number): number;
  /** Registry id of the instrument of the last message handled, or -1. */
  readonly instrument: number;
  /** Timestamp (ns since midnight) of the last message handled. */
  readonly ts: number;
}

const TWO32 = 4294967296;
const CH_B = 0x42;
const CH_S = 0x53;

/** ITCH Trading State (H message) -> TradingStatus. */
export function itchTradingStatus(stateByte: number): number {
  switch (stateByte) {
    case 0x48: return TradingStatus.Halted; // 'H' halted across all U.S. equity markets / SROs
    case 0x50: return TradingStatus.Paused; // 'P' paused across all markets (LULD)
    case 0x51: return TradingStatus.Quoting; // 'Q' quotation only period
    case 0x54: return TradingStatus.Trading; // 'T' trading on Nasdaq
    default: return TradingStatus.Unknown;
  }
}

export class ItchBookHandler implements ItchMessageSink {
  instrument = -1;
  ts = 0;
  /** Stock locate -> registry id (-1 = not yet announced). */
  readonly locateToId: Int32Array = new Int32Array(65536).fill(-1);
  private dvOf: Uint8Array = new Uint8Array(0);
  private dv: DataView = new DataView(new ArrayBuffer(0));

  constructor(
    private readonly books: BookSink,
    private readonly registry: InstrumentRegistry,
  ) {}

  onMessage(buf: Buffer, off: number, len: number): number {
    if (off < 0 || len < 1 || off + len > buf.length) return ItchStatus.Truncated;
    const t = buf[off];
    const specLen = ITCH_LENGTH[t];
    if (specLen === 0) return ItchStatus.UnknownType;
    if (len !== specLen) return ItchStatus.BadLength;
    let dv = this.dv;
    if (this.dvOf !== buf) {
      dv = this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      this.dvOf = buf;
    }
    const locate = dv.getUint16(off + 1);
    const ts = dv.getUint16(off + 5) * TWO32 + dv.getUint32(off + 7);
    this.ts = ts;
    let inst = locate === 0 ? -1 : this.locateToId[locate];
    this.instrument = inst;
    switch (t) {
      case 0x41: // A add order
      case 0x46: { // F add order with MPID
        const hi = dv.getUint32(off + 11);
        if (hi >= U64_HI_LIMIT) return ItchStatus.ValueTooLarge;
        const sideByte = buf[off + 19];
        if (sideByte !== CH_B && sideByte !== CH_S) return ItchStatus.Malformed;
        if (inst < 0) {
          inst = this.announce(locate, buf, off + 24, 0);
          this.instrument = inst;
        }
        this.books.add(
          inst,
          hi * TWO32 + dv.getUint32(off + 15),
          sideByte === CH_B ? SIDE_BID : SIDE_ASK,
          dv.getUint32(off + 32),
          dv.getUint32(off + 20),
          ts,
        );
        return ItchStatus.Ok;
      }
      case 0x45: // E executed
      case 0x43: { // C executed with price
        const hi = dv.getUint32(off + 11);
        if (hi >= U64_HI_LIMIT) return ItchStatus.ValueTooLarge;
        this.books.execute(hi * TWO32 + dv.getUint32(off + 15), dv.getUint32(off + 19), ts);
        return ItchStatus.Ok;
      }
      case 0x58: { // X cancel (partial)
        const hi = dv.getUint32(off + 11);
        if (hi >= U64_HI_LIMIT) return ItchStatus.ValueTooLarge;
        this.books.cancel(hi * TWO32 + dv.getUint32(off + 15), dv.getUint32(off + 19), ts);
        return ItchStatus.Ok;
      }
      case 0x44: { // D delete
        const hi = dv.getUint32(off + 11);
        if (hi >= U64_HI_LIMIT) return ItchStatus.ValueTooLarge;
        this.books.delete(hi * TWO32 + dv.getUint32(off + 15), ts);
        return ItchStatus.Ok;
      }
      case 0x55: { // U replace
        const hiOld = dv.getUint32(off + 11);
        const hiNew = dv.getUint32(off + 19);
        if (hiOld >= U64_HI_LIMIT || hiNew >= U64_HI_LIMIT) return ItchStatus.ValueTooLarge;
        this.books.replace(
          hiOld * TWO32 + dv.getUint32(off + 15),
          hiNew * TWO32 + dv.getUint32(off + 23),
          dv.getUint32(off + 31),
          dv.getUint32(off + 27),
          ts,
        );
        return ItchStatus.Ok;
      }
      case 0x48: { // H stock trading action
        if (inst < 0) {
          inst = this.announce(locate, buf, off + 11, 0);
          this.instrument = inst;
        }
        this.books.status(inst, itchTradingStatus(buf[off + 19]), ts);
        return ItchStatus.Ok;
      }
      case 0x52: { // R stock directory: (re)binds the locate
        inst = this.announce(locate, buf, off + 11, dv.getUint32(off + 21));
        this.instrument = inst;
        return ItchStatus.Ok;
      }
      default:
        return ItchStatus.Ok; // P, Q, B, S, I, N, ...: no book change
    }
  }

  /** Cold path: registers the symbol at buf[symOff, +8) and binds the locate (unless 0). */
  private announce(locate: number, buf: Buffer, symOff: number, roundLot: number): number {
    const spec = usEquity(decodeAlpha(buf, symOff, 8));
    if (roundLot > 0) spec.lotSize = roundLot;
    const id = this.registry.register(spec).id;
    if (locate !== 0) this.locateToId[locate] = id;
    return id;
  }
}
