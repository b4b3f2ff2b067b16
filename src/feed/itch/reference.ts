// The plain twin of ItchBookHandler (design principle 10): decode every field with the interpretive,
// table-driven decoder (codec-table.ts), then apply the message to the BookSink with obvious code and a Map for the
// locate -> instrument binding. Slow and simple on purpose; test/itch/differential.test.ts drives both
// with the same bytes and requires the same BookSink calls, statuses and records.
// Differences by design: none for the book. (The generic decoder also refuses out-of-range match numbers
// and 8-byte share counts, which the fast path never reads; the differential test keeps those in range.)

import type { BookSink } from '../../book/types.js';
import { usEquity, type InstrumentRegistry } from '../../core/instruments.js';
import { SIDE_ASK, SIDE_BID } from '../../core/units.js';
import type { ItchMessageSink } from './book-handler.js';
import { itchTradingStatus } from './book-handler.js';
import { decodeItchTable } from './codec-table.js';
import { ItchMessage } from './message.js';
import { ItchStatus } from './status.js';

export class ItchReferenceHandler implements ItchMessageSink {
  instrument = -1;
  ts = 0;
  private readonly msg = new ItchMessage();
  private readonly locates = new Map<number, number>();

  constructor(
    private readonly books: BookSink,
    private readonly registry: InstrumentRegistry,
  ) {}

  onMessage(buf: Buffer, off: number, len: number): number {
    if (off < 0 || len < 1 || off + len > buf.length) return ItchStatus.Truncated;
    const m = this.msg;
    const status = decodeItchTable(buf, off, len, m);
    if (status === ItchStatus.ValueTooLarge) {
      // The header was decoded before the 8-byte field; the fast path also reports it.
      this.ts = buf.readUInt16BE(off + 5) * 2 ** 32 + buf.readUInt32BE(off + 7);
      this.instrument = this.lookup(buf.readUInt16BE(off + 1));
      return status;
    }
    if (status !== ItchStatus.Ok) return status;
    this.ts = m.timestamp;
    this.instrument = this.lookup(m.stockLocate);
    switch (m.type) {
      case 'A':
      case 'F': {
        if (m.side !== 'B' && m.side !== 'S') return ItchStatus.Malformed;
        if (this.instrument < 0) this.instrument = this.announce(m.stockLocate, m.stock, 0);
        this.books.add(this.instrument, m.orderRef, m.side === 'B' ? SIDE_BID : SIDE_ASK, m.price, m.shares, m.timestamp);
        break;
      }
      case 'E':
      case 'C':
        this.books.execute(m.orderRef, m.executedShares, m.timestamp);
        break;
      case 'X':
        this.books.cancel(m.orderRef, m.cancelledShares, m.timestamp);
        break;
      case 'D':
        this.books.delete(m.orderRef, m.timestamp);
        break;
      case 'U':
        this.books.replace(m.originalOrderRef, m.newOrderRef, m.price, m.shares, m.timestamp);
        break;
      case 'H':
        if (this.instrument < 0) this.instrument = this.announce(m.stockLocate, m.stock, 0);
        this.books.status(this.instrument, itchTradingStatus(m.tradingState.charCodeAt(0)), m.timestamp);
        break;
      case 'R':
        this.instrument = this.announce(m.stockLocate, m.stock, m.roundLotSize);
        break;
      default:
        break;
    }
    return ItchStatus.Ok;
  }

  private lookup(locate: number): number {
    if (locate === 0) return -1;
    return this.locates.get(locate) ?? -1;
  }

  private announce(locate: number, symbol: string, roundLot: number): number {
    const spec = usEquity(symbol);
    if (roundLot > 0) spec.lotSize = roundLot;
    const id = this.registry.register(spec).id;
    if (locate !== 0) this.locates.set(locate, id);
    return id;
  }
}
