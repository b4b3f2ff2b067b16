// Configuration of one instrument's matching engine (cold path: validated once, passed to the
// constructor). Both engines read the same EngineConfig; each computes ticks and fees its own way.
//
// Tick bands: the valid increment depends on the price. A band {minPx, tick} applies to prices >= minPx
// up to the next band; a price is on tick when px % tick === 0. US equities (Reg NMS Rule 612, priceScale
// 10_000): tick 1 ($0.0001) below 10_000 ($1.00), tick 100 ($0.01) at and above. Each band's minPx must be
// a multiple of its tick, the first band starts at 0, and prices must be >= 1 and <= maxPx.
//
// Lots: qty must be a positive multiple of lotSize (1 accepts odd lots) and <= maxQty.
//
// Fees per fill, integer math: a rate is `rate / feeDenominator` price units per share, so sub-unit rates
// are exact ($0.00295/share at priceScale 10_000 is 29.5 units = 295 / 10). Fee = ceil(qty * rate /
// feeDenominator) for both signs, i.e. always rounded in the venue's favour: a charge is rounded up, a
// rebate (negative rate) is rounded toward zero. Positive = the participant pays, negative = it receives.
// qty * |rate| must stay below 2^53 (checked here with maxQty).

export interface TickBand {
  minPx: number;
  tick: number;
}

export interface EngineConfig {
  /** Ascending by minPx; the first starts at 0. */
  tickBands: TickBand[];
  lotSize: number;
  maxQty: number;
  maxPx: number;
  makerFeeRate: number;
  takerFeeRate: number;
  feeDenominator: number;
}

/** US equity defaults: sub-penny below $1.00, odd lots allowed, 1M shares max, prices up to $100,000, taker 30 (= $0.0030), maker rebate 29.5 units. */
export function usEquityConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return {
    tickBands: [
      { minPx: 0, tick: 1 },
      { minPx: 10_000, tick: 100 },
    ],
    lotSize: 1,
    maxQty: 1_000_000,
    maxPx: 100_000 * 10_000, // $100,000: below 2^30, so V8 keeps limits as small integers
    makerFeeRate: -295,
    takerFeeRate: 300,
    feeDenominator: 10,
    ...overrides,
  };
}

function isPosInt(v: number): boolean {
  return Number.isSafeInteger(v) && v > 0;
}

/** Throws on an invalid configuration (a startup error, never on the order path); returns a validated copy. */
export function validateConfig(cfg: EngineConfig): EngineConfig {
  const bands = cfg.tickBands;
  if (!Array.isArray(bands) || bands.length === 0) throw new Error('matching config: tickBands must not be empty');
  if (bands[0].minPx !== 0) throw new Error('matching config: the first tick band must start at 0');
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i];
    if (!isPosInt(b.tick) || b.tick > 0x7fffffff) throw new Error(`matching config: band ${i} tick must be a positive integer < 2^31`);
    if (!Number.isSafeInteger(b.minPx) || b.minPx < 0 || b.minPx % b.tick !== 0) {
      throw new Error(`matching config: band ${i} minPx must be a non-negative multiple of its tick`);
    }
    if (i > 0 && b.minPx <= bands[i - 1].minPx) throw new Error('matching config: tick bands must be ascending');
  }
  if (!isPosInt(cfg.lotSize)) throw new Error('matching config: lotSize must be a positive integer');
  if (!isPosInt(cfg.maxQty) || cfg.maxQty % cfg.lotSize !== 0) throw new Error('matching config: maxQty must be a positive multiple of lotSize');
  if (!isPosInt(cfg.maxPx)) throw new Error('matching config: maxPx must be a positive integer');
  if (!isPosInt(cfg.feeDenominator)) throw new Error('matching config: feeDenominator must be a positive integer');
  for (const r of [cfg.makerFeeRate, cfg.takerFeeRate]) {
    if (!Number.isSafeInteger(r)) throw new Error('matching config: fee rates must be integers');
    if (!Number.isSafeInteger(Math.abs(r) * cfg.maxQty + cfg.feeDenominator)) throw new Error('matching config: maxQty * fee rate exceeds 2^53');
  }
  return {
    tickBands: bands.map((b) => ({ minPx: b.minPx, tick: b.tick })),
    lotSize: cfg.lotSize,
    maxQty: cfg.maxQty,
    maxPx: cfg.maxPx,
    makerFeeRate: cfg.makerFeeRate,
    takerFeeRate: cfg.takerFeeRate,
    feeDenominator: cfg.feeDenominator,
  };
}
