// Backtest metrics: pure functions of the equity samples, the fills, the round-trip trades and the orders.
// Cold path. Definitions (money in currency units, times in ns):
//
// - pnl: net PnL at the end (realized + unrealized at the mid - fees); grossPnl = pnl + fees.
// - Returns: r_i = E_i - E_{i-1}, the change of the equity curve E (net PnL) between consecutive samples.
//   Samples are taken every `intervalNs` of event time (default 1 s: the first event at or after each
//   interval boundary, plus one at the start and one at the end); an interval without any event adds no
//   sample, so a quiet night is one return, not thousands of zeros. PnL differences rather than percent
//   returns: a backtest has no capital, and Sharpe / Sortino of r_i / C are the same for any constant C.
// - Annualisation: A = 252 trading days x 6.5 h / intervalNs (US equity session; 23,400 for 1 s).
//   sharpe = mean(r) / sd(r) x sqrt(A), sd the sample standard deviation (n - 1); risk-free rate 0.
//   sortino = mean(r) / DD x sqrt(A), DD = sqrt(mean(min(r_i, 0)^2)) over ALL returns (target 0).
//   null when there are fewer than 2 returns or the deviation is 0.
// - maxDrawdown: max over samples of (running peak of E) - E (>= 0). maxDrawdownDurationNs: of that
//   deepest drawdown, from the peak it fell from to the first sample back at or above the peak (or the
//   last sample when it never recovered). Equity between samples is not seen (1 s default).
// - calmar: annualised PnL / maxDrawdown, annualised PnL = pnl x (252 x 6.5 h) / span; null when
//   maxDrawdown is 0.
// - hitRate: winning trades / closed trades (a trade is a round trip, ./trades.ts; a win has net pnl > 0).
// - profitFactor: sum of winning trades' pnl / |sum of losing trades' pnl|; null without a losing trade.
// - turnover: traded notional, sum |qty x px| over fills.
// - fillRatio: filled quantity / quantity of new orders sent (replaces and cancels not counted).
// - avgHoldingTimeNs: mean of exitNs - entryNs over closed trades.
// - exposure: fraction of the span [startNs, endNs] during which some position was not flat, exact from
//   the fills (positions only change at fills).
// - latency: order -> first venue answer (ack or reject) and cancel -> answer, in ns of simulated time:
//   count, mean, p50, p90, p99 (nearest rank), max.

import type { EquitySample, FillRow, OrderRow, TradeRow } from './types.js';

export const SESSION_NS_PER_YEAR = 252 * 6.5 * 3600 * 1e9;

export interface LatencyStats {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

export interface BacktestMetrics {
  pnl: number;
  grossPnl: number;
  fees: number;
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: number;
  maxDrawdownDurationNs: number;
  calmar: number | null;
  hitRate: number | null;
  profitFactor: number | null;
  turnover: number;
  fillRatio: number | null;
  avgHoldingTimeNs: number | null;
  exposure: number;
  trades: number;
  winningTrades: number;
  losingTrades: number;
  orders: number;
  fills: number;
  returnIntervalNs: number;
  annualisationFactor: number;
  spanNs: number;
  latency: { orderAckNs: LatencyStats; cancelAckNs: LatencyStats };
}

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Returns r_i = E_i - E_{i-1}. */
export function equityReturns(equity: readonly number[]): number[] {
  const r: number[] = [];
  for (let i = 1; i < equity.length; i++) r.push(equity[i] - equity[i - 1]);
  return r;
}

export function annualisation(intervalNs: number): number {
  return SESSION_NS_PER_YEAR / intervalNs;
}

export function sharpeRatio(returns: readonly number[], intervalNs: number): number | null {
  const n = returns.length;
  if (n < 2) return null;
  let m = 0;
  for (const x of returns) m += x;
  m /= n;
  let v = 0;
  for (const x of returns) v += (x - m) * (x - m);
  const sd = Math.sqrt(v / (n - 1));
  return sd > 0 ? fin((m / sd) * Math.sqrt(annualisation(intervalNs))) : null;
}

export function sortinoRatio(returns: readonly number[], intervalNs: number): number | null {
  const n = returns.length;
  if (n < 2) return null;
  let m = 0;
  let d = 0;
  for (const x of returns) {
    m += x;
    if (x < 0) d += x * x;
  }
  m /= n;
  const dd = Math.sqrt(d / n);
  return dd > 0 ? fin((m / dd) * Math.sqrt(annualisation(intervalNs))) : null;
}

export function maxDrawdown(ns: readonly number[], equity: readonly number[]): { maxDrawdown: number; durationNs: number } {
  let peak = -Infinity;
  let peakNs = 0;
  let best = 0;
  let bestPeak = 0;
  let bestPeakNs = 0;
  for (let i = 0; i < equity.length; i++) {
    if (equity[i] > peak) {
      peak = equity[i];
      peakNs = ns[i];
    }
    const dd = peak - equity[i];
    if (dd > best) {
      best = dd;
      bestPeak = peak;
      bestPeakNs = peakNs;
    }
  }
  if (best === 0) return { maxDrawdown: 0, durationNs: 0 };
  let end = ns[ns.length - 1];
  let started = false;
  for (let i = 0; i < equity.length; i++) {
    if (ns[i] <= bestPeakNs) continue;
    if (equity[i] < bestPeak) started = true;
    else if (started) {
      end = ns[i];
      break;
    }
  }
  return { maxDrawdown: best, durationNs: end - bestPeakNs };
}

/** Nearest-rank percentile of sorted values (p in (0, 100]). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const k = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[k - 1];
}

export function latencyStats(values: readonly number[]): LatencyStats {
  const s = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of s) sum += v;
  return {
    count: s.length,
    mean: s.length > 0 ? sum / s.length : null,
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    p99: percentile(s, 99),
    max: s.length > 0 ? s[s.length - 1] : null,
  };
}

/** Fraction of [startNs, endNs] with some (strategy, instrument) position not flat; fills in time order. */
export function exposureOf(fills: readonly FillRow[], startNs: number, endNs: number): number {
  const span = endNs - startNs;
  if (!(span > 0)) return 0;
  const pos = new Map<string, number>();
  let open = 0;
  let since = startNs;
  let covered = 0;
  for (const f of fills) {
    const key = `${f.strategy}\u0000${f.instrument}`;
    const before = pos.get(key) ?? 0;
    const after = before + (f.side === 'buy' ? f.qty : -f.qty);
    pos.set(key, after);
    const wasOpen = open > 0;
    if (before === 0 && after !== 0) open++;
    else if (before !== 0 && after === 0) open--;
    if (!wasOpen && open > 0) since = f.ns;
    else if (wasOpen && open === 0) covered += f.ns - since;
  }
  if (open > 0) covered += endNs - since;
  return covered / span;
}

export interface MetricsInput {
  equity: readonly EquitySample[];
  fills: readonly FillRow[];
  /** Divides fill px x qty for the turnover (fills in engine price units: pass priceScale). Default 1. */
  fillPriceScale?: number;
  trades: readonly TradeRow[];
  orders: readonly OrderRow[];
  fees: number;
  intervalNs: number;
  startNs: number;
  endNs: number;
}

export function computeMetrics(x: MetricsInput): BacktestMetrics {
  const ns = x.equity.map((s) => s.ns);
  const eq = x.equity.map((s) => s.equity);
  const pnl = eq.length > 0 ? eq[eq.length - 1] : 0;
  const rets = equityReturns(eq);
  const dd = maxDrawdown(ns, eq);
  const span = x.endNs - x.startNs;
  let wins = 0;
  let losses = 0;
  let winSum = 0;
  let lossSum = 0;
  let hold = 0;
  for (const t of x.trades) {
    if (t.pnl > 0) {
      wins++;
      winSum += t.pnl;
    } else if (t.pnl < 0) {
      losses++;
      lossSum += t.pnl;
    }
    hold += t.exitNs - t.entryNs;
  }
  let turnover = 0;
  for (const f of x.fills) turnover += Math.abs(f.qty * f.px);
  turnover /= x.fillPriceScale ?? 1;
  let sent = 0;
  let filled = 0;
  const ack: number[] = [];
  const cxl: number[] = [];
  for (const o of x.orders) {
    if (o.kind === 'submit') {
      sent += o.qty;
      if (o.ackNs !== null) ack.push(o.ackNs - o.sentNs);
    } else if (o.kind === 'cancel' && o.ackNs !== null) cxl.push(o.ackNs - o.sentNs);
    if (o.kind !== 'cancel') filled += o.filledQty;
  }
  const nTrades = x.trades.length;
  return {
    pnl,
    grossPnl: pnl + x.fees,
    fees: x.fees,
    sharpe: sharpeRatio(rets, x.intervalNs),
    sortino: sortinoRatio(rets, x.intervalNs),
    maxDrawdown: dd.maxDrawdown,
    maxDrawdownDurationNs: dd.durationNs,
    calmar: dd.maxDrawdown > 0 && span > 0 ? fin((pnl * (SESSION_NS_PER_YEAR / span)) / dd.maxDrawdown) : null,
    hitRate: nTrades > 0 ? wins / nTrades : null,
    profitFactor: losses > 0 ? winSum / -lossSum : null,
    turnover,
    fillRatio: sent > 0 ? filled / sent : null,
    avgHoldingTimeNs: nTrades > 0 ? hold / nTrades : null,
    exposure: exposureOf(x.fills, x.startNs, x.endNs),
    trades: nTrades,
    winningTrades: wins,
    losingTrades: losses,
    orders: x.orders.filter((o) => o.kind === 'submit').length,
    fills: x.fills.length,
    returnIntervalNs: x.intervalNs,
    annualisationFactor: annualisation(x.intervalNs),
    spanNs: span,
    latency: { orderAckNs: latencyStats(ack), cancelAckNs: latencyStats(cxl) },
  };
}
