// The one catalog of business reject codes (design principle 6). Each subsystem owns a range:
//   1000-1999 feed, 2000-2999 book, 3000-3999 FIX, 4000-4999 matching/venue, 5000-5999 risk, 6000-6999 OMS.
// Codes are stable: never renumber one; add new codes at the end of a range.

export const Reject = {
  // feed
  FeedTruncatedMessage: 1001,
  FeedUnknownMessageType: 1002,
  FeedBadLength: 1003,
  FeedSequenceGap: 1004,
  FeedMalformedRecord: 1005,
  FeedOrderRefTooLarge: 1006,
  FeedBadPacket: 1007,
  // book
  BookUnknownOrder: 2001,
  BookDuplicateOrder: 2002,
  BookOverExecution: 2003,
  BookBadPrice: 2004,
  BookBadQty: 2005,
  BookUnknownInstrument: 2006,
} as const;

export type RejectCode = (typeof Reject)[keyof typeof Reject];

const names = new Map<number, string>(Object.entries(Reject).map(([k, v]) => [v, k]));

export function rejectName(code: number): string {
  return names.get(code) ?? `Reject${code}`;
}
