// The live ITCH path: MoldReceiver -> ItchBookHandler -> BookSink, with the same FeedStats and
// onRecord contract as replayItch (src/feed/types.ts). MoldUDP64 already frames each message, so no
// stream decoder is needed; errors are located by MoldUDP64 sequence number instead of byte offset.
// Threading: runs on the receiver's event loop; the kernel that owns the books must own that loop (or
// the caller hands messages to the kernel's queue instead of using this class).

import type { FeedStats, ReplayOptions } from '../types.js';
import { ItchBookHandler } from '../itch/book-handler.js';
import { itchTypeName } from '../itch/framing.js';
import { ItchStatus, itchStatusName } from '../itch/status.js';
import type { MoldMessageHandler } from './receiver.js';

export class MoldItchFeed {
  readonly handler: ItchBookHandler;
  readonly typeCounts = new Float64Array(256);
  messages = 0;
  errors = 0;
  readonly errorSamples: string[] = [];
  /** Pass to MoldReceiver options as `onMessage`. */
  readonly onMessage: MoldMessageHandler;

  constructor(opts: ReplayOptions, maxErrorSamples = 20) {
    const handler = new ItchBookHandler(opts.books, opts.registry);
    this.handler = handler;
    const onRecord = opts.onRecord;
    this.onMessage = (buf, off, len, seq) => {
      const status = handler.onMessage(buf, off, len);
      const t = len > 0 ? buf[off] : 0;
      this.messages++;
      this.typeCounts[t]++;
      // As in the file path, an unknown type is counted by type, not as an error.
      if (status !== ItchStatus.Ok && status !== ItchStatus.UnknownType) {
        this.errors++;
        if (this.errorSamples.length < maxErrorSamples) {
          this.errorSamples.push(`sequence ${seq}: type ${itchTypeName(t)} length ${len}: ${itchStatusName(status)}`);
        }
      }
      // The handler sets instrument/ts once it has read the header (Ok, Malformed, ValueTooLarge).
      const known = status === ItchStatus.Ok || status === ItchStatus.Malformed || status === ItchStatus.ValueTooLarge;
      if (onRecord !== undefined) onRecord(this.messages, known ? handler.instrument : -1, handler.ts);
    };
  }

  stats(): FeedStats {
    const byType: Record<string, number> = {};
    for (let c = 0; c < 256; c++) if (this.typeCounts[c] > 0) byType[itchTypeName(c)] = this.typeCounts[c];
    return { messages: this.messages, byType, errors: this.errors, errorSamples: this.errorSamples.slice() };
  }
}
