// L3Books writes its ladder index as `(inst * 2 + side) | 0` (no V8 overflow check), which is exact only
// while instrument ids stay below MAX_INSTRUMENTS: the constructor clamps maxInstruments to it.

import { describe, expect, it } from 'vitest';
import { SIDE_ASK, SIDE_BID } from '../../src/core/units.js';
import { L3Books } from '../../src/book/l3.js';
import { EMPTY, MAX_INSTRUMENTS } from '../../src/book/l3-state.js';

describe('L3Books instrument id bound', () => {
  it('keeps inst * 2 + side inside int32', () => {
    expect((MAX_INSTRUMENTS - 1) * 2 + 1).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it('refuses ids >= MAX_INSTRUMENTS even when maxInstruments asks for more', () => {
    const b = new L3Books({ maxInstruments: 2 ** 40 });
    b.add(MAX_INSTRUMENTS, 1, SIDE_BID, 100, 5, 0);
    b.add(2 ** 31, 2, SIDE_ASK, 101, 5, 0);
    expect(b.stats.badInstrument).toBe(2);
    expect(b.orderCount()).toBe(0);
    expect(b.instrumentCount()).toBe(0);
  });

  it('reads the ladders of ids near the top of a small range, and EMPTY past them', () => {
    const b = new L3Books({ maxInstruments: 4 });
    b.add(3, 1, SIDE_BID, 100, 5, 0);
    b.add(3, 2, SIDE_ASK, 103, 7, 0);
    expect([b.bestBid(3), b.bestAsk(3), b.levelQty(3, SIDE_BID, 0), b.levelQty(3, SIDE_ASK, 0)]).toEqual([100, 103, 5, 7]);
    b.add(4, 3, SIDE_BID, 100, 5, 0);
    expect(b.stats.badInstrument).toBe(1);
    expect([b.depth(4, SIDE_BID), EMPTY.n]).toEqual([0, 0]);
  });
});
