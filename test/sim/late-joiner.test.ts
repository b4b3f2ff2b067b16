// A late joiner (GLIMPSE-style): mid-session it takes snapshotItch() of every instrument, builds its book
// from the snapshots, then applies the live stream from the snapshot's nextSequence on; at the end its
// book is identical to the book of a subscriber that saw the whole stream and to the engines' own books.

import { describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { TradingStatus } from '../../src/core/events.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { ItchBookHandler } from '../../src/feed/itch/book-handler.js';
import { createSyntheticMarket } from '../../src/sim/agents.js';
import { ItchPublisher } from '../../src/sim/itch-publisher.js';
import { applySnapshot } from '../../src/sim/snapshot.js';
import { fullMismatch } from './compare.js';

const SEC = 1e9;
const OPEN = 34_200 * SEC;

describe('late joiner', () => {
  it('joins from a snapshot mid-session and ends with an identical book', () => {
    const market = createSyntheticMarket({ seed: 4242, halts: [{ symbol: 'MSFT', fromNs: OPEN + 40 * SEC, toNs: OPEN + 70 * SEC }] });
    const full = new L3Books();
    const fullHandler = new ItchBookHandler(full, new InstrumentRegistry());
    const pub = new ItchPublisher(market.venue, { taps: [(buf, off, len) => { fullHandler.onMessage(buf, off, len); }] });
    market.step(OPEN + 50 * SEC); // MSFT is halted now
    expect(market.venue.commands).toBeGreaterThan(20_000);

    const joiner = new L3Books();
    const registry = new InstrumentRegistry();
    const handler = new ItchBookHandler(joiner, registry);
    let from = -1;
    let snapshotMessages = 0;
    for (const inst of market.venue.instruments) {
      const snap = pub.snapshotItch(inst.index, market.clock.now());
      expect(applySnapshot(snap, handler)).toBe(0);
      expect(snap.messages).toBe(2 + market.venue.engine(inst.index).orderCount());
      snapshotMessages += snap.messages;
      from = snap.nextSequence;
    }
    expect(snapshotMessages).toBeGreaterThan(100);
    expect(joiner.stateHash()).toBe(full.stateHash());
    expect(joiner.tradingStatus(registry.find('MSFT')!.id)).toBe(TradingStatus.Halted);
    let applied = 0;
    pub.addTap((buf, off, len, seq) => {
      if (seq < from) return;
      applied++;
      expect(handler.onMessage(buf, off, len)).toBe(0);
    });

    market.step(OPEN + 100 * SEC);
    expect(applied).toBeGreaterThan(20_000);
    const ids = market.venue.instruments.map((i) => registry.find(i.symbol)!.id);
    expect(fullMismatch(market.venue, pub, joiner, ids)).toBeUndefined();
    expect(joiner.stateHash()).toBe(full.stateHash());
    expect(joiner.tradingStatus(ids[1])).toBe(TradingStatus.Trading);
  });
});
