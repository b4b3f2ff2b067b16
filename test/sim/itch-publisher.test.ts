// The ITCH publisher's mapping of matching events to ITCH 5.0 messages, scenario by scenario, decoded with
// the project's generic decoder; after every step the feed-side book rebuilt from those bytes must equal
// the engines' books order by order.

import { describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { Reject } from '../../src/core/rejects.js';
import { ItchBookHandler } from '../../src/feed/itch/book-handler.js';
import { decodeItch } from '../../src/feed/itch/codec.js';
import { ItchMessage } from '../../src/feed/itch/message.js';
import { BUY, OrdType, SELL, Tif } from '../../src/matching/types.js';
import { ItchPublisher } from '../../src/sim/itch-publisher.js';
import { Venue } from '../../src/sim/venue.js';
import { fullMismatch } from './compare.js';

const T0 = 34_200_000_000_000;
const D = 10_000; // $1 in price units

function setup() {
  const venue = new Venue({
    instruments: [
      { symbol: 'AAA', referencePx: 10 * D },
      { symbol: 'BBB', referencePx: 20 * D, roundLot: 100 },
    ],
  });
  const out: { seq: number; m: ItchMessage }[] = [];
  const registry = new InstrumentRegistry();
  const book = new L3Books();
  const handler = new ItchBookHandler(book, registry);
  const pub = new ItchPublisher(venue, {
    attribution: new Map([[2, 'MMAA']]),
    taps: [
      (buf, off, len, seq) => {
        const m = new ItchMessage();
        expect(decodeItch(buf, off, len, m)).toBe(0);
        out.push({ seq, m });
        expect(handler.onMessage(buf, off, len)).toBe(0);
      },
    ],
  });
  /** Messages since the last call, as compact strings. */
  const take = (): string[] => out.splice(0).map(({ m }) => describeMsg(m));
  const same = (): string | undefined => fullMismatch(venue, pub, book, [0, 1]);
  return { venue, pub, out, take, same, book };
}

function describeMsg(m: ItchMessage): string {
  switch (m.type) {
    case 'S': return `S ${m.eventCode}`;
    case 'R': return `R ${m.stockLocate} ${m.stock} lot ${m.roundLotSize}`;
    case 'H': return `H ${m.stockLocate} ${m.stock} ${m.tradingState} '${m.reason}'`;
    case 'A': return `A ${m.stockLocate} #${m.orderRef} ${m.side} ${m.shares} ${m.stock} @${m.price}`;
    case 'F': return `F ${m.stockLocate} #${m.orderRef} ${m.side} ${m.shares} ${m.stock} @${m.price} ${m.attribution}`;
    case 'E': return `E ${m.stockLocate} #${m.orderRef} ${m.executedShares} match ${m.matchNumber}`;
    case 'X': return `X ${m.stockLocate} #${m.orderRef} -${m.cancelledShares}`;
    case 'D': return `D ${m.stockLocate} #${m.orderRef}`;
    case 'U': return `U ${m.stockLocate} #${m.originalOrderRef}->#${m.newOrderRef} ${m.shares} @${m.price}`;
    default: return m.type;
  }
}

describe('ItchPublisher', () => {
  it('publishes the start of day, adds, executions, cancels, replaces, halts and the end of day as Nasdaq does', () => {
    const { venue, pub, out, take, same } = setup();
    venue.startSession(T0);
    expect(out.map((o) => o.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(out.every((o) => o.m.timestamp === T0)).toBe(true);
    expect(take()).toEqual(['S O', 'R 1 AAA lot 100', 'R 2 BBB lot 100', 'S S', 'S Q', "H 1 AAA T ''", "H 2 BBB T ''"]);

    // A resting order: A; an attributed owner: F. The same engine id on two instruments gets two references.
    venue.newOrder(0, 1, 1, SELL, OrdType.Limit, Tif.Day, 10 * D, 100, 0, 0, T0 + 1);
    venue.newOrder(1, 1, 2, BUY, OrdType.Limit, Tif.Day, 20 * D, 200, 0, 0, T0 + 2);
    expect(take()).toEqual(['A 1 #1 S 100 AAA @100000', 'F 2 #2 B 200 BBB @200000 MMAA']);
    // Executions: E on the resting order; match numbers count across instruments; the taker has no message.
    venue.newOrder(0, 2, 3, BUY, OrdType.Limit, Tif.Ioc, 10 * D, 30, 0, 0, T0 + 3);
    venue.newOrder(1, 2, 3, SELL, OrdType.Market, Tif.Ioc, 0, 50, 0, 0, T0 + 4);
    expect(take()).toEqual(['E 1 #1 30 match 1', 'E 2 #2 50 match 2']);
    expect(same()).toBeUndefined();
    // Size decrease at the same price keeps priority: X of the difference; no change: nothing.
    venue.replace(0, 1, 10 * D, 50, T0 + 5);
    venue.replace(0, 1, 10 * D, 50, T0 + 6);
    expect(take()).toEqual(['X 1 #1 -20']);
    // Price change (or size increase) loses priority: U with a fresh reference.
    venue.replace(0, 1, 10 * D + 100, 50, T0 + 7);
    venue.replace(0, 1, 10 * D + 100, 60, T0 + 8);
    expect(take()).toEqual(['U 1 #1->#3 50 @100100', 'U 1 #3->#4 60 @100100']);
    expect(pub.orderRef(0, 1)).toBe(4);
    expect(same()).toBeUndefined();

    // A replace that crosses and fills completely: the makers' E, then D of the replaced order.
    venue.newOrder(1, 3, 4, SELL, OrdType.Limit, Tif.Day, 20 * D + 500, 100, 0, 0, T0 + 9);
    venue.replace(1, 3, 20 * D - 100, 100, T0 + 10);
    expect(take()).toEqual(['A 2 #5 S 100 BBB @200500', 'E 2 #2 100 match 3', 'D 2 #5']);
    // A replace that crosses, fills partly and rests: E, then U to the resting remainder.
    venue.newOrder(1, 4, 4, SELL, OrdType.Limit, Tif.Day, 20 * D + 500, 80, 0, 0, T0 + 11);
    venue.replace(1, 4, 20 * D, 80, T0 + 12);
    expect(take()).toEqual(['A 2 #6 S 80 BBB @200500', 'E 2 #2 50 match 4', 'U 2 #6->#7 30 @200000']);
    expect(same()).toBeUndefined();

    // Cancel: D. Halt and resume: H.
    venue.cancel(0, 1, T0 + 13);
    venue.halt(1, T0 + 14);
    expect(venue.newOrder(1, 9, 1, BUY, OrdType.Limit, Tif.Day, 20 * D, 10, 0, 0, T0 + 15)).toBe(Reject.MatchHalted);
    venue.resume(1, T0 + 16);
    expect(take()).toEqual(['D 1 #4', "H 2 BBB H 'T12'", "H 2 BBB T ''"]);

    // GTD expiry and the end of day: D for each expired order between S M and S E.
    venue.newOrder(0, 5, 1, BUY, OrdType.Limit, Tif.Gtd, 9 * D, 100, 0, T0 + 1000, T0 + 17);
    venue.newOrder(0, 6, 1, BUY, OrdType.Limit, Tif.Day, 9 * D + 100, 100, 0, 0, T0 + 18);
    venue.advanceTime(T0 + 1000);
    expect(take()).toEqual(['A 1 #8 B 100 AAA @90000', 'A 1 #9 B 100 AAA @90100', 'D 1 #8']);
    venue.endSession(T0 + 2000);
    expect(take()).toEqual(['S M', 'D 1 #9', 'D 2 #7', 'S E', 'S C']);
    expect(same()).toBeUndefined();
    expect(pub.lastOrderRef).toBe(9);
    expect(pub.lastMatchNumber).toBe(4);
    expect(pub.nextSequence).toBe(1 + pub.typeCounts.reduce((a, b) => a + b, 0));
  });

  it('snapshots one instrument as R, H and the resting orders in priority order under their live references', () => {
    const { venue, pub } = setup();
    venue.startSession(T0);
    venue.newOrder(0, 1, 1, BUY, OrdType.Limit, Tif.Day, 10 * D, 100, 0, 0, T0 + 1);
    venue.newOrder(0, 2, 2, BUY, OrdType.Limit, Tif.Day, 10 * D, 200, 0, 0, T0 + 2);
    venue.newOrder(0, 3, 1, BUY, OrdType.Limit, Tif.Day, 10 * D + 100, 300, 0, 0, T0 + 3);
    venue.newOrder(0, 4, 1, SELL, OrdType.Limit, Tif.Day, 10 * D + 300, 400, 0, 0, T0 + 4);
    venue.replace(0, 1, 10 * D, 150, T0 + 5); // size up: back of the queue behind order 2, new reference
    venue.halt(0, T0 + 6);
    const snap = pub.snapshotItch(0, T0 + 7);
    expect(snap.messages).toBe(6);
    expect(snap.nextSequence).toBe(pub.nextSequence);
    const got: string[] = [];
    for (let off = 0; off < snap.bytes.length;) {
      const len = snap.bytes.readUInt16BE(off);
      const m = new ItchMessage();
      expect(decodeItch(snap.bytes, off + 2, len, m)).toBe(0);
      got.push(describeMsg(m));
      off += 2 + len;
    }
    expect(got).toEqual([
      'R 1 AAA lot 100', "H 1 AAA H 'T12'",
      'A 1 #3 B 300 AAA @100100', 'F 1 #2 B 200 AAA @100000 MMAA', 'A 1 #5 B 150 AAA @100000', 'A 1 #4 S 400 AAA @100300',
    ]);
  });
});
