// Applying a GLIMPSE-style snapshot (ItchPublisher.snapshotItch) on the receiving side: the snapshot is
// BinaryFILE-framed ITCH, so a late joiner feeds it to any ItchMessageSink (normally an ItchBookHandler
// over its books) and then the live stream from snapshot.nextSequence on. Cold path.

import type { ItchMessageSink } from '../feed/itch/book-handler.js';
import type { ItchSnapshot } from './itch-publisher.js';

/** Feeds every message of the snapshot to `sink`; returns the number of messages whose status was not Ok (0 expected). */
export function applySnapshot(snapshot: ItchSnapshot, sink: ItchMessageSink): number {
  const b = snapshot.bytes;
  let bad = 0;
  let off = 0;
  while (off + 2 <= b.length) {
    const len = b.readUInt16BE(off);
    if (off + 2 + len > b.length) return bad + 1;
    if (sink.onMessage(b, off + 2, len) !== 0) bad++;
    off += 2 + len;
  }
  return bad;
}
