// Queue-position models of the backtest venue: how much of the real queue is ahead of our resting order,
// and when the market reaches it. The port (./port.ts) holds `ahead` per order and calls these rules on
// every market event at the order's (instrument, side, price); fills are decided in ./port.ts.
//
// 'fifo' (exact, for L3 order-by-order data): at arrival our order is behind everything resting at its
//   price (the level's whole size, anonymous size included). The venue book (./venue-book.ts) stamps
//   every market order with an arrival sequence number, and our order gets one too; a market order with a
//   smaller number is ahead of us, a larger one (added, replaced or moved to the back after we arrived)
//   behind. `ahead` shrinks only by executions and cancels of orders ahead of us. An execution of an
//   order BEHIND us means the aggressor would have reached us first: we fill (up to the print's size).
//   Size that no known order explains (BookSink.levelDelta: LOBSTER's orders from before the file) has
//   no identity, but the book keeps it at the front of the level: what rested anonymously when we
//   arrived is ahead of us, anonymous size added later is behind. A decrease of anonymous size is taken
//   from the part behind us first (conservative), then from the part ahead. On LOBSTER data (anonymous
//   size only shrinks) this is exact; on pure L2 data use an L2 model below.
// 'risk-adverse' (L2; hftbacktest's RiskAdverseQueueModel): `ahead` starts at the level's size, shrinks
//   by every trade at the price, and otherwise only when the level becomes smaller than it
//   (ahead = min(ahead, level size)): cancels are assumed to come from behind us.
// 'prob-power' / 'prob-log' (L2; hftbacktest's ProbQueueModel with PowerProbQueueFunc / LogProbQueueFunc):
//   a decrease of the level by chg lots that is not a trade is split between the front and the back of
//   our order with p = f(back) / (f(back) + f(front)) the probability that a cancel came from behind us,
//   f(x) = x^n (prob-power, n = queuePower) or ln(1 + x) (prob-log):
//     ahead' = min(ahead - (1 - p) * chg + min(back - p * chg, 0), level size after), never below 0,
//   where back = level size before - ahead. Trades reported separately (port.trade() on L2 data) are
//   remembered and subtracted from the next decrease, which reports the same lots again (hftbacktest's
//   cum_trade_qty). On L3 data an execution is one event, nothing to subtract.
// In every model, a trade at the price first consumes `ahead`; the part of a print beyond `ahead` fills
// us (partial fills: up to our leaves and the print's size). `ahead` is a real number for the prob
// models; fills are whole lots (floor of the excess).

export type QueueModelKind = 'fifo' | 'risk-adverse' | 'prob-power' | 'prob-log';

export const Q_FIFO = 0;
export const Q_RISK_ADVERSE = 1;
export const Q_PROB_POWER = 2;
export const Q_PROB_LOG = 3;

export function queueModelCode(k: QueueModelKind): number {
  switch (k) {
    case 'fifo': return Q_FIFO;
    case 'risk-adverse': return Q_RISK_ADVERSE;
    case 'prob-power': return Q_PROB_POWER;
    case 'prob-log': return Q_PROB_LOG;
    default: throw new Error(`backtest venue: unknown queue model ${String(k)}`);
  }
}

/** Probability that a cancel of chg lots came from behind our order (hftbacktest's Probability::prob). */
export function cancelBehindProb(model: number, n: number, front: number, back: number): number {
  let fb: number, ff: number;
  if (model === Q_PROB_LOG) {
    fb = Math.log1p(back);
    ff = Math.log1p(front);
  } else {
    fb = Math.pow(back, n);
    ff = Math.pow(front, n);
  }
  const p = fb / (fb + ff);
  return p === p && p !== Infinity ? p : 1;
}

/**
 * New `ahead` after the level at our price shrank by `chg` lots that were not reported as a trade to
 * this order (cancels; an L2 decrease with `tradedSince` lots printed since the last decrease).
 * levelBefore: the level's size before the decrease (our order is not in it).
 */
export function aheadAfterDecrease(model: number, n: number, ahead: number, levelBefore: number, chg: number, tradedSince: number): number {
  const after = levelBefore - chg;
  if (model === Q_FIFO || model === Q_RISK_ADVERSE) return ahead < after ? ahead : after > 0 ? after : 0;
  const c = chg - tradedSince;
  let est: number;
  if (c <= 0) {
    est = ahead;
  } else {
    let back = levelBefore - ahead;
    if (back < 0) back = 0;
    const p = cancelBehindProb(model, n, ahead, back);
    const extra = back - p * c;
    est = ahead - (1 - p) * c + (extra < 0 ? extra : 0);
  }
  if (est > after) est = after;
  return est > 0 ? est : 0;
}
