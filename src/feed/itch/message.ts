// The reusable decoded ITCH message: one object holds every field of every ITCH 5.0 type, all set in
// the constructor so its shape never changes (design principle 5). The generic decoder (codec.ts) fills
// the fields of the message's type and leaves the others as they were; the encoder reads them.
// Names match layouts.ts exactly (test/itch/layouts.test.ts checks every layout field exists here with
// the right JS type). char fields hold one-character strings (latin1), alpha fields the text with the
// trailing space padding removed, numeric fields integers (prices in the spec's units: price4 in
// 1/10000 dollars, price8 in 1e-8 dollars; timestamps in ns since midnight).

export class ItchMessage {
  type = '';
  stockLocate = 0;
  trackingNumber = 0;
  timestamp = 0;
  // S
  eventCode = '';
  // R
  stock = '';
  marketCategory = '';
  financialStatusIndicator = '';
  roundLotSize = 0;
  roundLotsOnly = '';
  issueClassification = '';
  issueSubType = '';
  authenticity = '';
  shortSaleThresholdIndicator = '';
  ipoFlag = '';
  luldReferencePriceTier = '';
  etpFlag = '';
  etpLeverageFactor = 0;
  inverseIndicator = '';
  // H
  tradingState = '';
  reserved = '';
  reason = '';
  // Y
  regShoAction = '';
  // L
  mpid = '';
  primaryMarketMaker = '';
  marketMakerMode = '';
  marketParticipantState = '';
  // V, W
  level1Price = 0;
  level2Price = 0;
  level3Price = 0;
  breachedLevel = '';
  // K
  ipoQuotationReleaseTime = 0;
  ipoQuotationReleaseQualifier = '';
  ipoPrice = 0;
  // J
  auctionCollarReferencePrice = 0;
  upperAuctionCollarPrice = 0;
  lowerAuctionCollarPrice = 0;
  auctionCollarExtension = 0;
  // h
  marketCode = '';
  operationalHaltAction = '';
  // A F E C X D U P
  orderRef = 0;
  side = '';
  shares = 0;
  price = 0;
  attribution = '';
  executedShares = 0;
  matchNumber = 0;
  printable = '';
  executionPrice = 0;
  cancelledShares = 0;
  originalOrderRef = 0;
  newOrderRef = 0;
  // Q
  crossShares = 0;
  crossPrice = 0;
  crossType = '';
  // I
  pairedShares = 0;
  imbalanceShares = 0;
  imbalanceDirection = '';
  farPrice = 0;
  nearPrice = 0;
  currentReferencePrice = 0;
  priceVariationIndicator = '';
  // N
  interestFlag = '';
  // O
  openEligibilityStatus = '';
  minimumAllowablePrice = 0;
  maximumAllowablePrice = 0;
  nearExecutionPrice = 0;
  nearExecutionTime = 0;
  lowerPriceRangeCollar = 0;
  upperPriceRangeCollar = 0;
}

/** Field access by name for the table-driven codec (cold-ish path: tools, tests, the simulator). */
export type ItchMessageRecord = Record<string, string | number>;

/**
 * Fills the Stock Directory (R) fields of `m` for an ordinary Nasdaq-listed common stock (category Q,
 * normal status, no IPO/ETP flags, LULD tier 1): what a simulator or a generator publishes for its
 * instruments. The caller sets type, locate and timestamp.
 */
export function fillCommonStockDirectory(m: ItchMessage, symbol: string, roundLot: number): void {
  m.stock = symbol;
  m.marketCategory = 'Q';
  m.financialStatusIndicator = 'N';
  m.roundLotSize = roundLot;
  m.roundLotsOnly = 'N';
  m.issueClassification = 'C';
  m.issueSubType = 'Z';
  m.authenticity = 'P';
  m.shortSaleThresholdIndicator = 'N';
  m.ipoFlag = 'N';
  m.luldReferencePriceTier = '1';
  m.etpFlag = 'N';
  m.etpLeverageFactor = 0;
  m.inverseIndicator = 'N';
}
