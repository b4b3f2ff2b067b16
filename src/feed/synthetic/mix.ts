// The message mix of a real Nasdaq TotalView-ITCH 5.0 day, used to shape the synthetic day.
// Source: ../shared/data/counts/itch50_12302019_counts.csv (Nasdaq ITCH 5.0 file 12302019:
// 268,744,780 messages; counts compiled from amankrx/matching-engine-rs). A test checks these numbers
// against that file; they are copied here so the generator runs on a machine without ../shared.

export const ITCH_DAY_12302019 = {
  total: 268_744_780,
  addOrders: 118_631_456, // 'A' + 'F'
  executions: 5_822_741, // 'E' + 'C'
  cancels: 2_787_676, // 'X'
  deletes: 114_360_997, // 'D'
  replaces: 21_639_067, // 'U'
} as const;

/**
 * Shares of each generated message kind. The five book-changing kinds take their measured shares; the
 * remainder (about 2%: trades, imbalance messages, status) is split by assumption, stated here:
 * 60% non-cross trades 'P', 38% NOII 'I', 2% cross trades 'Q'. Within adds, 3% are attributed 'F';
 * within executions, 5% are 'C' (executed with price). These splits are not in the counts file.
 */
export interface MixShares {
  add: number;
  execute: number;
  cancel: number;
  delete: number;
  replace: number;
  trade: number;
  noii: number;
  cross: number;
  attributedShareOfAdds: number;
  withPriceShareOfExecutions: number;
}

export function dayMix(): MixShares {
  const d = ITCH_DAY_12302019;
  const other = d.total - d.addOrders - d.executions - d.cancels - d.deletes - d.replaces;
  return {
    add: d.addOrders / d.total,
    execute: d.executions / d.total,
    cancel: d.cancels / d.total,
    delete: d.deletes / d.total,
    replace: d.replaces / d.total,
    trade: (other * 0.6) / d.total,
    noii: (other * 0.38) / d.total,
    cross: (other * 0.02) / d.total,
    attributedShareOfAdds: 0.03,
    withPriceShareOfExecutions: 0.05,
  };
}
