// Feature vector layout shared by the incremental FeatureEngine and its reference twin.
//
// Contract
// - One engine per instrument. Prices stay in the instrument's integer price units (mid, spread and
//   microprice are floats only because they can fall between ticks); quantities in lots.
// - Time: `ts` is ns since the session epoch. Engine time never goes backwards: an event whose ts is
//   earlier than the latest seen is taken to happen at the latest seen ts (feeds may carry slightly
//   unordered exchange timestamps, e.g. Databento ts_event).
// - Windows are half-open: an entry stamped t is inside a window of W ns at time `now` iff t > now - W.
// - Slots (in order):
//     0 mid            (bestBid + bestAsk) / 2, NaN when a side is empty
//     1 spread         bestAsk - bestBid, NaN when a side is empty
//     2 microprice     (bid * askQty + ask * bidQty) / (bidQty + askQty), NaN when a side is empty
//     3 ofi            Cont-Kukanov-Stoikov order-flow imbalance of this event (best-level change since the
//                      previous event; an empty bid is price -inf qty 0, an empty ask +inf qty 0)
//     4 ofiWindow      sum of ofi over events inside ofiWindowNs
//     5 tradeFlow      (buyQty - sellQty) / (buyQty + sellQty) of trades inside tradeWindowNs (0 if none)
//     6 realizedVol    sqrt(sum r^2) of log mid returns inside volWindowNs; a return is recorded when a
//                      valid mid differs from the previous valid mid, stamped with that event's ts
//     7 .. 7+L-1       book imbalance over levels 1..n for n = 1..L: (B - A) / (B + A) with B, A the bid /
//                      ask quantity summed over the best n levels (0 when both are empty)
//     7+L ..           per return window W: log(mid / mid in effect at now - W); NaN when either is
//                      unknown (the history does not reach back that far, or a side was empty)

export interface FeatureSpec {
  instrument: number;
  /** L: imbalance features for the best 1..L levels. */
  levels: number;
  returnWindowsNs: number[];
  ofiWindowNs: number;
  tradeWindowNs: number;
  volWindowNs: number;
  /** Initial ring capacity (entries) of each windowed history; rings grow by doubling when full. */
  initialCapacity?: number;
}

export const F_MID = 0;
export const F_SPREAD = 1;
export const F_MICROPRICE = 2;
export const F_OFI = 3;
export const F_OFI_WINDOW = 4;
export const F_TRADE_FLOW = 5;
export const F_REALIZED_VOL = 6;
export const F_IMBALANCE = 7;

export function featureCount(spec: FeatureSpec): number {
  return F_IMBALANCE + spec.levels + spec.returnWindowsNs.length;
}

export function returnSlot(spec: FeatureSpec, i: number): number {
  return F_IMBALANCE + spec.levels + i;
}

export function featureNames(spec: FeatureSpec): string[] {
  const names = ['mid', 'spread', 'microprice', 'ofi', 'ofiWindow', 'tradeFlow', 'realizedVol'];
  for (let n = 1; n <= spec.levels; n++) names.push(`imbalance${n}`);
  for (const w of spec.returnWindowsNs) names.push(`return${w}ns`);
  return names;
}

/** Throws on a spec no engine can run (cold path: config time). */
export function validateFeatureSpec(spec: FeatureSpec): void {
  if (!Number.isInteger(spec.instrument) || spec.instrument < 0) throw new Error(`feature spec: bad instrument ${spec.instrument}`);
  if (!Number.isInteger(spec.levels) || spec.levels < 1 || spec.levels > 64) throw new Error(`feature spec: levels must be 1..64, got ${spec.levels}`);
  for (const w of [...spec.returnWindowsNs, spec.ofiWindowNs, spec.tradeWindowNs, spec.volWindowNs]) {
    if (!Number.isSafeInteger(w) || w <= 0) throw new Error(`feature spec: windows must be positive integer ns, got ${w}`);
  }
}

/** Cont-Kukanov-Stoikov e_n from the previous and current best levels. */
export function ckSOfi(pb0: number, qb0: number, pa0: number, qa0: number, pb: number, qb: number, pa: number, qa: number): number {
  let e = 0;
  if (pb >= pb0) e += qb;
  if (pb <= pb0) e -= qb0;
  if (pa <= pa0) e -= qa;
  if (pa >= pa0) e += qa0;
  return e;
}
