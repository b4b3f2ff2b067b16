// Writes the synthetic day as an ITCH 5.0 BinaryFILE through the project's own encoder (the same one the
// simulator publishes with): each call fills one reused ItchMessage and appends one framed message
// through ItchFileWriter (large reused buffer, `.gz` paths gzipped).

import { fillCommonStockDirectory, ItchMessage } from '../itch/message.js';
import { ItchFileWriter } from '../itch/replay.js';
import { generateItchDay, type SyntheticDayOptions, type SyntheticSink } from './itch-day.js';

class ItchFileSink implements SyntheticSink {
  private readonly m = new ItchMessage();
  private readonly out: ItchFileWriter;
  private tracking = 0;

  constructor(path: string) {
    this.out = new ItchFileWriter(path, { bufferSize: 4 << 20 });
  }

  private begin(type: string, ts: number, locate: number): ItchMessage {
    const m = this.m;
    m.type = type;
    m.timestamp = ts;
    m.stockLocate = locate;
    m.trackingNumber = this.tracking = (this.tracking + 1) & 0xffff;
    return m;
  }

  private end(): void {
    const n = this.out.write(this.m);
    if (n < 0) throw new Error(`synthetic day: cannot encode ITCH '${this.m.type}' (status ${-n})`);
  }

  close(): void {
    this.out.close();
  }

  systemEvent(ts: number, code: string): void {
    this.begin('S', ts, 0).eventCode = code;
    this.end();
  }
  stockDirectory(ts: number, locate: number, symbol: string): void {
    fillCommonStockDirectory(this.begin('R', ts, locate), symbol, 100);
    this.end();
  }
  tradingAction(ts: number, locate: number, symbol: string, state: string): void {
    const m = this.begin('H', ts, locate);
    m.stock = symbol;
    m.tradingState = state;
    m.reserved = ' ';
    m.reason = '';
    this.end();
  }
  addOrder(ts: number, locate: number, ref: number, side: number, shares: number, symbol: string, price: number, mpid: string): void {
    const m = this.begin(mpid ? 'F' : 'A', ts, locate);
    m.orderRef = ref;
    m.side = side === 0 ? 'B' : 'S';
    m.shares = shares;
    m.stock = symbol;
    m.price = price;
    m.attribution = mpid;
    this.end();
  }
  executed(ts: number, locate: number, ref: number, shares: number, match: number): void {
    const m = this.begin('E', ts, locate);
    m.orderRef = ref;
    m.executedShares = shares;
    m.matchNumber = match;
    this.end();
  }
  executedWithPrice(ts: number, locate: number, ref: number, shares: number, match: number, price: number): void {
    const m = this.begin('C', ts, locate);
    m.orderRef = ref;
    m.executedShares = shares;
    m.matchNumber = match;
    m.printable = 'Y';
    m.executionPrice = price;
    this.end();
  }
  cancel(ts: number, locate: number, ref: number, shares: number): void {
    const m = this.begin('X', ts, locate);
    m.orderRef = ref;
    m.cancelledShares = shares;
    this.end();
  }
  delete(ts: number, locate: number, ref: number): void {
    this.begin('D', ts, locate).orderRef = ref;
    this.end();
  }
  replace(ts: number, locate: number, oldRef: number, newRef: number, shares: number, price: number): void {
    const m = this.begin('U', ts, locate);
    m.originalOrderRef = oldRef;
    m.newOrderRef = newRef;
    m.shares = shares;
    m.price = price;
    this.end();
  }
  trade(ts: number, locate: number, ref: number, side: number, shares: number, symbol: string, price: number, match: number): void {
    const m = this.begin('P', ts, locate);
    m.orderRef = ref;
    m.side = side === 0 ? 'B' : 'S';
    m.shares = shares;
    m.stock = symbol;
    m.price = price;
    m.matchNumber = match;
    this.end();
  }
  cross(ts: number, locate: number, shares: number, symbol: string, price: number, match: number, crossType: string): void {
    const m = this.begin('Q', ts, locate);
    m.crossShares = shares;
    m.stock = symbol;
    m.crossPrice = price;
    m.matchNumber = match;
    m.crossType = crossType;
    this.end();
  }
  noii(ts: number, locate: number, symbol: string, paired: number, imbalance: number, direction: string, price: number): void {
    const m = this.begin('I', ts, locate);
    m.pairedShares = paired;
    m.imbalanceShares = imbalance;
    m.imbalanceDirection = direction;
    m.stock = symbol;
    m.farPrice = price;
    m.nearPrice = price;
    m.currentReferencePrice = price;
    m.crossType = 'C';
    m.priceVariationIndicator = 'L';
    this.end();
  }
}

/** Generates the synthetic day into `path` (gzip when it ends in .gz). Returns the messages written. */
export function writeSyntheticItchFile(path: string, opts: SyntheticDayOptions): number {
  const sink = new ItchFileSink(path);
  try {
    return generateItchDay(opts, sink);
  } finally {
    sink.close();
  }
}
