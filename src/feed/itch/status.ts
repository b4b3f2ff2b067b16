// Statuses returned by the ITCH decoders and handlers (parsers return statuses, never throw: design
// principle 5). Non-zero values are the feed reject codes of the one catalog (src/core/rejects.ts).

import { Reject } from '../../core/rejects.js';

export const ItchStatus = {
  Ok: 0,
  /** The buffer ends before the message does. */
  Truncated: Reject.FeedTruncatedMessage,
  /** Type byte not in the ITCH 5.0 table. */
  UnknownType: Reject.FeedUnknownMessageType,
  /** Length 0, or not the spec length of the type. */
  BadLength: Reject.FeedBadLength,
  /** A field value that is not valid (a side other than 'B'/'S', a value the encoder cannot write). */
  Malformed: Reject.FeedMalformedRecord,
  /** An 8-byte integer whose high word is >= 2^21: not exact as a JS number, so refused. */
  ValueTooLarge: Reject.FeedOrderRefTooLarge,
} as const;

export type ItchStatusCode = (typeof ItchStatus)[keyof typeof ItchStatus];

/** High word limit of an 8-byte field that still fits a safe integer: hi * 2^32 + lo < 2^53. */
export const U64_HI_LIMIT = 0x200000;

/** Short name of a status for logs and error samples. */
export function itchStatusName(s: number): string {
  switch (s) {
    case ItchStatus.Ok: return 'ok';
    case ItchStatus.Truncated: return 'truncated';
    case ItchStatus.UnknownType: return 'unknown type';
    case ItchStatus.BadLength: return 'bad length';
    case ItchStatus.Malformed: return 'malformed field';
    case ItchStatus.ValueTooLarge: return '64-bit value >= 2^53';
    default: return `status ${s}`;
  }
}
