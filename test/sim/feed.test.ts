// openMarketDataFeed wires MoldUDP64 + the BinaryFILE recording + the ITCH publisher; close() ends the
// MoldUDP64 session. And a smoke run of benchSimulator (the benchmark itself belongs to `npm run bench`).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { replayItch } from '../../src/feed/itch/replay.js';
import { MoldItchFeed } from '../../src/feed/moldudp64/itch-feed.js';
import { MoldReceiver } from '../../src/feed/moldudp64/receiver.js';
import { createSyntheticMarket } from '../../src/sim/agents.js';
import { benchSimulator } from '../../src/sim/bench.js';
import { openMarketDataFeed } from '../../src/sim/feed.js';
import { fullMismatch } from './compare.js';

const dir = mkdtempSync(join(tmpdir(), 'hftbot-simfeed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openMarketDataFeed', () => {
  it('publishes over MoldUDP64, records the session, and announces the end of session on close', async () => {
    const market = createSyntheticMarket({ seed: 3 });
    const book = new L3Books();
    const registry = new InstrumentRegistry();
    const itch = new MoldItchFeed({ books: book, registry });
    let ended = -1;
    const receiver = await MoldReceiver.open({ port: 0, bindAddress: '127.0.0.1', onMessage: itch.onMessage, onEndOfSession: (seq) => { ended = seq; } });
    const path = join(dir, 'day.itch.gz');
    const feed = await openMarketDataFeed(market.venue, {
      mold: { session: 'EXCH01', destination: { address: '127.0.0.1', port: receiver.port }, bindAddress: '127.0.0.1', heartbeatMs: 0 },
      recordPath: path,
    });
    try {
      // Bursts small enough for the socket's receive buffer (no request server in this test).
      for (let k = 0; k < 10; k++) {
        market.stepCommands(500);
        feed.publisher.flush();
        for (let i = 0; i < 10_000 && receiver.stats.messages < feed.publisher.nextSequence - 1; i++) await new Promise((r) => setImmediate(r));
      }
      expect(receiver.stats.lost).toBe(0);
      const ids = market.venue.instruments.map((i) => registry.find(i.symbol)!.id);
      expect(fullMismatch(market.venue, feed.publisher, book, ids)).toBeUndefined();
      await feed.close();
      for (let i = 0; i < 10_000 && ended < 0; i++) await new Promise((r) => setImmediate(r));
      expect(ended).toBe(feed.publisher.nextSequence);
      const replayed = new L3Books();
      const stats = await replayItch(path, { books: replayed, registry: new InstrumentRegistry() });
      expect(stats.messages).toBe(feed.publisher.nextSequence - 1);
      expect(replayed.stateHash()).toBe(book.stateHash());
    } finally {
      await feed.close();
      await receiver.close();
    }
  });

  it('benchSimulator reports rates (smoke run)', () => {
    const r = benchSimulator({ commands: 20_000, warmupCommands: 5000 });
    expect(r.commands).toBe(20_000);
    expect(r.messages).toBeGreaterThan(20_000);
    expect(r.commandsPerSecond).toBeGreaterThan(0);
    expect(r.simulatedSeconds).toBeGreaterThan(5);
  });
});
