// Runs the exchange: the Venue (with the synthetic market's agents when synthetic flow is on), the
// ITCH/MoldUDP64 market-data feed with its BinaryFILE recording, the FIX order-entry gateway and its
// acceptor. This is the one place the simulator is wired (design principle 9):
//   1. venue + agents (createSyntheticMarket, started at the live clock's now)
//   2. market data (openMarketDataFeed: ItchPublisher -> MoldPublisher + recording), then the session start
//   3. gateway (FIX application + venue listener) and its acceptor
//   4. the live timer: the agents' events due by now, then a market-data flush
// Threading: all of it runs on the Node event loop, so ONE thread owns the venue: agents (timer), FIX
// orders (socket callbacks) and market data interleave as whole commands, in time order (the gateway
// catches the agents up to `now` before each order).
// stop(): stops the timer, logs the sessions out (cancel-on-disconnect applies), ends the trading
// session (DAY orders expire, ITCH end-of-day messages) and closes the feed and the recording.

import { mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LiveClock, clearLiveTimer, setLiveInterval, wallMs } from '../clock/live.js';
import { FixDictionary } from '../fix/dictionary/dictionary.js';
import { createSyntheticMarket, defaultInstruments, type SyntheticInstrument, type SyntheticMarket } from '../sim/agents.js';
import { openMarketDataFeed, type MarketDataFeed } from '../sim/feed.js';
import type { Venue } from '../sim/venue.js';
import { startGatewayAcceptor, type GatewayAcceptor } from './acceptor.js';
import type { ExchangeConfig } from './config.js';
import { Gateway } from './gateway.js';
import { venueBookLevels, type Levels } from './digest.js';

export interface ExchangeRunner {
  readonly venue: Venue;
  readonly market: SyntheticMarket;
  readonly gateway: Gateway;
  readonly acceptor: GatewayAcceptor;
  readonly feed: MarketDataFeed;
  readonly clock: LiveClock;
  readonly epochMs: number;
  /** The BinaryFILE recording (null when recording is off). */
  readonly recordPath: string | null;
  /** The MoldUDP64 re-request port actually bound. */
  readonly requestPort: number;
  /** The engines' books now and the last ITCH sequence number they reflect. */
  snapshot(): { sequence: number; levels: Levels };
  /** Graceful stop; `beforeEnd` sees the books just before the session end is published. */
  stop(beforeEnd?: (s: { sequence: number; levels: Levels }) => void): Promise<void>;
}

/** FIX44.xml: the configured path, else ../shared/data/quickfix/spec next to the working folder or the repository. */
export function findDictionary(path: string | null): string {
  if (path !== null) return path;
  const candidates = [
    resolve(process.cwd(), '../shared/data/quickfix/spec/FIX44.xml'),
    fileURLToPath(new URL('../../../shared/data/quickfix/spec/FIX44.xml', import.meta.url)),
    fileURLToPath(new URL('../../../../shared/data/quickfix/spec/FIX44.xml', import.meta.url)),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) throw new Error('no FIX44.xml: set fix.dictionary in the configuration');
  return found;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
}

export async function startExchange(cfg: ExchangeConfig): Promise<ExchangeRunner> {
  const dictionary = FixDictionary.fromFile(findDictionary(cfg.fix.dictionary));
  const clock = new LiveClock();
  // The clock's zero is the UTC midnight it started in: recover it exactly (whole days).
  const epochMs = Math.round((wallMs() - clock.now() / 1e6) / 86_400_000) * 86_400_000;
  // 1. venue and agents
  const instruments: SyntheticInstrument[] = cfg.instruments ?? defaultInstruments();
  const syn = cfg.synthetic;
  const market = createSyntheticMarket({ seed: syn.seed, instruments, activity: syn.activity, startNs: clock.now() });
  const venue = market.venue;
  // 2. market data, then the session start (R/H/S messages go out on it)
  let recordPath: string | null = null;
  if (cfg.marketData.record) {
    mkdirSync(cfg.dataDir, { recursive: true });
    recordPath = join(cfg.dataDir, `itch-${stamp(wallMs())}.bin`);
  }
  const md = cfg.marketData;
  const feed = await openMarketDataFeed(venue, {
    mold: {
      session: md.session, destination: { address: md.host, port: md.port }, requestPort: md.requestPort,
      bindAddress: md.bindAddress ?? (md.host.startsWith('127.') ? md.host : '0.0.0.0'),
    },
    recordPath: recordPath ?? undefined,
  });
  market.open();
  feed.publisher.flush();
  // 3. gateway and acceptor
  const gateway = new Gateway({
    venue, clock, epochMs, policy: cfg.policy,
    beforeCommand: syn.enabled ? (now) => void market.step(now) : undefined,
    afterCommand: () => feed.publisher.flush(),
  });
  const acceptor = await startGatewayAcceptor({
    host: cfg.fix.host, port: cfg.fix.port, compId: cfg.fix.compId,
    allowed: cfg.fix.allowedCompIds !== null ? new Set(cfg.fix.allowedCompIds) : null,
    dictionary, app: gateway, time: { clock, epochMs }, maxLatencySec: cfg.fix.maxLatencySec,
  });
  // 4. the live timer
  const timer = setLiveInterval(() => {
    if (syn.enabled) market.step(clock.now());
    feed.publisher.flush();
  }, syn.stepMs);
  const snapshot = () => ({ sequence: feed.publisher.nextSequence - 1, levels: venueBookLevels(venue) });
  let stopped = false;
  return {
    venue, market, gateway, acceptor, feed, clock, epochMs, recordPath, requestPort: feed.mold.requestPort,
    snapshot,
    async stop(beforeEnd) {
      if (stopped) return;
      stopped = true;
      clearLiveTimer(timer);
      await acceptor.close();
      feed.publisher.flush();
      beforeEnd?.(snapshot());
      market.close(clock.now());
      await feed.close();
    },
  };
}
