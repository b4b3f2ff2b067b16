// Nasdaq TotalView-ITCH 5.0 message layouts as data (design principle 11): one table, from which the
// generic decoder, the encoder, the length table used by the framers and the tests are all derived.
//
// Source: "Nasdaq TotalView-ITCH 5.0" specification, section 4 (Message Formats), cross-checked against
// the Open Markets Initiative Wireshark dissector generated from the same spec (2026 revision). All
// integers are big-endian and unsigned. Every message starts with the same 11-byte header:
// Message Type (1) @0, Stock Locate (2) @1, Tracking Number (2) @3, Timestamp (6, ns since midnight) @5.
// Field kinds:
//   char   1 byte, ASCII code (decoded as a one-character string)
//   u16/u32 unsigned integers; u48 the 6-byte timestamp; u64 an 8-byte integer (order reference, match
//          number, 8-byte share counts): exact in a JS number only when the high word is < 2^21
//   price4 Price(4): u32 in 1/10000 dollars; price8 Price(8): u64 in 1e-8 dollars (MWCB levels)
//   alpha  left-justified, space-padded ASCII (stock symbols are 8 bytes)

export type ItchFieldKind = 'char' | 'u16' | 'u32' | 'u48' | 'u64' | 'price4' | 'price8' | 'alpha';

export interface ItchField {
  readonly name: string;
  readonly offset: number;
  readonly length: number;
  readonly kind: ItchFieldKind;
}

export interface ItchLayout {
  /** The message type letter (case matters: 'h' is Operational Halt, 'H' Stock Trading Action). */
  readonly type: string;
  readonly name: string;
  /** Total length of the message (the value of the 2-byte length prefix), from the spec. */
  readonly length: number;
  readonly fields: readonly ItchField[];
}

const KIND_LENGTH: Record<ItchFieldKind, number> = {
  char: 1, u16: 2, u32: 4, u48: 6, u64: 8, price4: 4, price8: 8, alpha: 0,
};

type FieldSpec = readonly [name: string, kind: ItchFieldKind, alphaLength?: number];

const HEADER: readonly FieldSpec[] = [
  ['type', 'char'],
  ['stockLocate', 'u16'],
  ['trackingNumber', 'u16'],
  ['timestamp', 'u48'],
];

// Body fields in wire order; offsets are computed (so they cannot be mistyped) and the total is checked
// against the spec's stated message length below.
const SPEC: readonly (readonly [type: string, name: string, length: number, body: readonly FieldSpec[]])[] = [
  ['S', 'System Event', 12, [['eventCode', 'char']]],
  ['R', 'Stock Directory', 39, [
    ['stock', 'alpha', 8], ['marketCategory', 'char'], ['financialStatusIndicator', 'char'],
    ['roundLotSize', 'u32'], ['roundLotsOnly', 'char'], ['issueClassification', 'char'],
    ['issueSubType', 'alpha', 2], ['authenticity', 'char'], ['shortSaleThresholdIndicator', 'char'],
    ['ipoFlag', 'char'], ['luldReferencePriceTier', 'char'], ['etpFlag', 'char'],
    ['etpLeverageFactor', 'u32'], ['inverseIndicator', 'char'],
  ]],
  ['H', 'Stock Trading Action', 25, [['stock', 'alpha', 8], ['tradingState', 'char'], ['reserved', 'char'], ['reason', 'alpha', 4]]],
  ['Y', 'Reg SHO Short Sale Price Test Restricted Indicator', 20, [['stock', 'alpha', 8], ['regShoAction', 'char']]],
  ['L', 'Market Participant Position', 26, [
    ['mpid', 'alpha', 4], ['stock', 'alpha', 8], ['primaryMarketMaker', 'char'], ['marketMakerMode', 'char'],
    ['marketParticipantState', 'char'],
  ]],
  ['V', 'MWCB Decline Level', 35, [['level1Price', 'price8'], ['level2Price', 'price8'], ['level3Price', 'price8']]],
  ['W', 'MWCB Status', 12, [['breachedLevel', 'char']]],
  ['K', 'IPO Quoting Period Update', 28, [
    ['stock', 'alpha', 8], ['ipoQuotationReleaseTime', 'u32'], ['ipoQuotationReleaseQualifier', 'char'], ['ipoPrice', 'price4'],
  ]],
  ['J', 'LULD Auction Collar', 35, [
    ['stock', 'alpha', 8], ['auctionCollarReferencePrice', 'price4'], ['upperAuctionCollarPrice', 'price4'],
    ['lowerAuctionCollarPrice', 'price4'], ['auctionCollarExtension', 'u32'],
  ]],
  ['h', 'Operational Halt', 21, [['stock', 'alpha', 8], ['marketCode', 'char'], ['operationalHaltAction', 'char']]],
  ['A', 'Add Order (no MPID attribution)', 36, [
    ['orderRef', 'u64'], ['side', 'char'], ['shares', 'u32'], ['stock', 'alpha', 8], ['price', 'price4'],
  ]],
  ['F', 'Add Order with MPID Attribution', 40, [
    ['orderRef', 'u64'], ['side', 'char'], ['shares', 'u32'], ['stock', 'alpha', 8], ['price', 'price4'], ['attribution', 'alpha', 4],
  ]],
  ['E', 'Order Executed', 31, [['orderRef', 'u64'], ['executedShares', 'u32'], ['matchNumber', 'u64']]],
  ['C', 'Order Executed With Price', 36, [
    ['orderRef', 'u64'], ['executedShares', 'u32'], ['matchNumber', 'u64'], ['printable', 'char'], ['executionPrice', 'price4'],
  ]],
  ['X', 'Order Cancel', 23, [['orderRef', 'u64'], ['cancelledShares', 'u32']]],
  ['D', 'Order Delete', 19, [['orderRef', 'u64']]],
  ['U', 'Order Replace', 35, [['originalOrderRef', 'u64'], ['newOrderRef', 'u64'], ['shares', 'u32'], ['price', 'price4']]],
  ['P', 'Trade (non-cross)', 44, [
    ['orderRef', 'u64'], ['side', 'char'], ['shares', 'u32'], ['stock', 'alpha', 8], ['price', 'price4'], ['matchNumber', 'u64'],
  ]],
  ['Q', 'Cross Trade', 40, [
    ['crossShares', 'u64'], ['stock', 'alpha', 8], ['crossPrice', 'price4'], ['matchNumber', 'u64'], ['crossType', 'char'],
  ]],
  ['B', 'Broken Trade', 19, [['matchNumber', 'u64']]],
  ['I', 'Net Order Imbalance Indicator (NOII)', 50, [
    ['pairedShares', 'u64'], ['imbalanceShares', 'u64'], ['imbalanceDirection', 'char'], ['stock', 'alpha', 8],
    ['farPrice', 'price4'], ['nearPrice', 'price4'], ['currentReferencePrice', 'price4'], ['crossType', 'char'],
    ['priceVariationIndicator', 'char'],
  ]],
  ['N', 'Retail Price Improvement Indicator (RPII)', 20, [['stock', 'alpha', 8], ['interestFlag', 'char']]],
  ['O', 'Direct Listing with Capital Raise Price Discovery', 48, [
    ['stock', 'alpha', 8], ['openEligibilityStatus', 'char'], ['minimumAllowablePrice', 'price4'],
    ['maximumAllowablePrice', 'price4'], ['nearExecutionPrice', 'price4'], ['nearExecutionTime', 'u64'],
    ['lowerPriceRangeCollar', 'price4'], ['upperPriceRangeCollar', 'price4'],
  ]],
];

function build(): ItchLayout[] {
  const out: ItchLayout[] = [];
  for (const [type, name, length, body] of SPEC) {
    const fields: ItchField[] = [];
    let offset = 0;
    for (const [fname, kind, alphaLen] of [...HEADER, ...body]) {
      const len = kind === 'alpha' ? alphaLen ?? 0 : KIND_LENGTH[kind];
      fields.push({ name: fname, offset, length: len, kind });
      offset += len;
    }
    // A wrong table is a bug in this file, not bad input: fail at load.
    if (offset !== length) throw new Error(`ITCH layout ${type}: fields sum to ${offset}, spec says ${length}`);
    out.push({ type, name, length, fields });
  }
  return out;
}

/** Every ITCH 5.0 message type, in spec order. */
export const ITCH_LAYOUTS: readonly ItchLayout[] = build();

/** Layout by type letter. */
export const ITCH_LAYOUT_BY_TYPE: ReadonlyMap<string, ItchLayout> = new Map(ITCH_LAYOUTS.map((l) => [l.type, l]));

/** Layout by type byte (undefined for unknown types). */
export const ITCH_LAYOUT_BY_CODE: readonly (ItchLayout | undefined)[] = (() => {
  const a: (ItchLayout | undefined)[] = new Array(256).fill(undefined);
  for (const l of ITCH_LAYOUTS) a[l.type.charCodeAt(0)] = l;
  return a;
})();

/** Spec length by type byte; 0 marks an unknown type. The framers' hot check. */
export const ITCH_LENGTH: Uint8Array = (() => {
  const a = new Uint8Array(256);
  for (const l of ITCH_LAYOUTS) a[l.type.charCodeAt(0)] = l.length;
  return a;
})();

/** Length of the common header (type, locate, tracking number, timestamp). */
export const ITCH_HEADER_LENGTH = 11;
/** Longest ITCH 5.0 message (NOII, 50 bytes). */
export const ITCH_MAX_LENGTH = Math.max(...ITCH_LAYOUTS.map((l) => l.length));
