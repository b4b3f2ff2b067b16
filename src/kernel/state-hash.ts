// The kernel's state hash (design principle 10): what a journal replay must reproduce exactly. Covers the
// OMS (its own canonical digest: orders, positions, counters), the books, the risk engine's positions,
// cost, realized PnL, fees and open exposure per scope and instrument, the pending timers, the clOrdId
// sequence, and every strategy's own state. Floats are hashed by their exact bits. Cold path.

import type { L3Books } from '../book/l3.js';
import { StateHasher } from '../core/hash.js';
import type { Oms } from '../oms/oms.js';
import type { RiskEngine } from '../risk/index.js';
import { hashFloat, type Strategy } from '../strategy/types.js';
import type { TimerQueue } from './timers.js';

export function kernelStateHash(oms: Oms, books: L3Books, risk: RiskEngine, timers: TimerQueue, clOrdSeq: number, strategies: readonly Strategy[]): string {
  const h = new StateHasher();
  h.str(oms.stateHash());
  h.str(books.stateHash());
  const P = risk.positions;
  for (let s = 0; s < P.nScopes; s++) {
    hashFloat(h, P.realizedTotal[s]);
    hashFloat(h, P.fees[s]);
    h.int(P.openCount[s]);
    for (let i = 0; i < P.nInstruments; i++) {
      const k = s * P.nInstruments + i;
      hashFloat(h, P.pos[k]);
      hashFloat(h, P.cost[k]);
      hashFloat(h, P.openBuyQty[k]);
      hashFloat(h, P.openSellQty[k]);
    }
  }
  h.int(timers.size);
  hashFloat(h, timers.nextDue());
  h.int(clOrdSeq);
  for (const s of strategies) {
    h.str(s.name);
    s.hash(h);
  }
  return h.digest();
}
