// Wiring of the simulator's market-data side in one call, for the `hftbot exchange` runner and tests:
// a MoldPublisher (ITCH over MoldUDP64 to a unicast or multicast destination, with its re-request server),
// an optional BinaryFILE recording of the session (ItchFileWriter: plain, or gzip when the path ends in
// .gz), and the ItchPublisher listening to the venue. Cold path (startup and shutdown).
// close(): flushes, sends MoldUDP64 end-of-session, closes the recording and the socket. Call
// venue.endSession(now) first if the day's closing messages (S M, D of DAY orders, S E, S C) should go out.

import { setLiveTimeout } from '../clock/live.js';
import { ItchFileWriter } from '../feed/itch/replay.js';
import { MoldPublisher } from '../feed/moldudp64/publisher.js';
import type { MoldPublisherOptions } from '../feed/moldudp64/publisher.js';
import type { ItchPublisherOptions } from './itch-publisher.js';
import { ItchPublisher } from './itch-publisher.js';
import type { Venue } from './venue.js';

export interface MarketDataFeedOptions {
  /** MoldUDP64 options (session name, destination such as 127.0.0.1:9900, request port, MTU, drop...). */
  mold: MoldPublisherOptions;
  /** Path of the BinaryFILE recording of the session (none when absent). */
  recordPath?: string;
  /** Publisher options other than the transport (attribution, halt reason, flushEachCommand). */
  publisher?: Omit<ItchPublisherOptions, 'mold' | 'file' | 'firstSequence'>;
}

export interface MarketDataFeed {
  readonly publisher: ItchPublisher;
  readonly mold: MoldPublisher;
  readonly recorder: ItchFileWriter | undefined;
  close(): Promise<void>;
}

export async function openMarketDataFeed(venue: Venue, opts: MarketDataFeedOptions): Promise<MarketDataFeed> {
  const mold = await MoldPublisher.open(opts.mold);
  const recorder = opts.recordPath !== undefined ? new ItchFileWriter(opts.recordPath) : undefined;
  const publisher = new ItchPublisher(venue, { ...opts.publisher, mold, file: recorder });
  let closed = false;
  return {
    publisher, mold, recorder,
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      publisher.flush();
      mold.endSession();
      recorder?.close();
      // dgram sends are asynchronous: closing the socket at once can cancel the end-of-session packet.
      await new Promise<void>((resolve) => setLiveTimeout(resolve, 20));
      await mold.close();
    },
  };
}
