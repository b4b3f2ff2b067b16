// Building outbound messages the way QuickFIX lays them out (header 8, 9, 35, then header fields
// in tag order; body; 10), so byte-exact comparisons with QuickFIX peers and scripts hold.
// Admin messages are a cold path and take [tag, value] pairs; application bodies come pre-encoded.

import { FixEncoder } from '../codec/encoder.js';
import { Tag } from '../codec/tags.js';
import type { FixMessageView } from '../codec/decoder.js';

export type Fields = Array<[number, string]>;

const FIXED = [Tag.MsgSeqNum, Tag.SenderCompID, Tag.SendingTime, Tag.TargetCompID];

export class OutboundBuilder {
  readonly enc: FixEncoder;
  constructor(beginString: string) {
    this.enc = new FixEncoder(beginString);
  }

  /**
   * Encodes a message. `extras` are header fields other than 34/49/52/56 (any order; they are
   * merged in tag order); `body` is pairs or pre-encoded bytes. Returns a view of the encoder's
   * buffer (copy it to keep it).
   */
  build(msgType: string, seq: number, sender: string, target: string, sendingMs: number, millis: boolean, extras: Fields, body: Fields | Uint8Array): Buffer {
    const e = this.enc.begin(msgType);
    const ex = extras.length > 1 ? [...extras].sort((a, b) => a[0] - b[0]) : extras;
    let k = 0;
    for (let j = 0; j < 4; j++) {
      const f = FIXED[j];
      while (k < ex.length && ex[k][0] < f) {
        e.str(ex[k][0], ex[k][1]);
        k++;
      }
      if (f === Tag.MsgSeqNum) e.int(f, seq);
      else if (f === Tag.SenderCompID) e.str(f, sender);
      else if (f === Tag.SendingTime) e.timestamp(f, sendingMs, millis);
      else e.str(f, target);
    }
    for (; k < ex.length; k++) e.str(ex[k][0], ex[k][1]);
    if (body instanceof Uint8Array) e.raw(body);
    else for (const [t, v] of body) e.str(t, v);
    return e.finish();
  }
}

/** Reverses the routing fields of an incoming header for a reply (QuickFIX Message::reverseRoute). */
export function reverseRoute(v: FixMessageView, beginString: string): Fields {
  const out: Fields = [];
  const pairs: Array<[number, number]> = [
    [Tag.OnBehalfOfCompID, Tag.DeliverToCompID],
    [Tag.OnBehalfOfSubID, Tag.DeliverToSubID],
    [Tag.DeliverToCompID, Tag.OnBehalfOfCompID],
    [Tag.DeliverToSubID, Tag.OnBehalfOfSubID],
  ];
  if (beginString >= 'FIX.4.1') {
    pairs.push([Tag.OnBehalfOfLocationID, Tag.DeliverToLocationID], [Tag.DeliverToLocationID, Tag.OnBehalfOfLocationID]);
  }
  for (const [from, to] of pairs) {
    const val = v.get(from);
    if (val !== undefined && val.length > 0) out.push([to, val]);
  }
  return out;
}
