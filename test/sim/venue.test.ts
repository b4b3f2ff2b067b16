// Venue: routing by instrument, the price collar, per-instrument engine configuration (lots, maximum
// size, fees), fan-out of every outcome to every listener with the instrument index, command ends.

import { describe, expect, it } from 'vitest';
import { Reject } from '../../src/core/rejects.js';
import { BUY, CancelRejectKind, OrdType, SELL, Tif } from '../../src/matching/types.js';
import { NoopVenueListener, SessionEvent, Venue } from '../../src/sim/venue.js';

const D = 10_000;

class Log extends NoopVenueListener {
  readonly lines: string[] = [];
  override onSessionEvent(e: number): void { this.lines.push(`session ${e}`); }
  override onRejected(inst: number, id: number, _o: number, code: number): void { this.lines.push(`rejected ${inst} ${id} ${code}`); }
  override onCancelRejected(inst: number, id: number, kind: number, code: number): void { this.lines.push(`cancelRejected ${inst} ${id} ${kind} ${code}`); }
  override onRested(inst: number, id: number, _o: number, side: number, px: number, qty: number): void { this.lines.push(`rested ${inst} ${id} ${side} ${px} ${qty}`); }
  override onFill(inst: number, mi: number, _mo: number, ti: number, _to: number, _s: number, px: number, qty: number, _ml: number, _tl: number, mf: number, tf: number, m: number): void {
    this.lines.push(`fill ${inst} ${mi}<-${ti} ${qty}@${px} fees ${mf}/${tf} match ${m}`);
  }
  override onCommandEnd(inst: number): void { this.lines.push(`end ${inst}`); }
}

function venue(): { v: Venue; a: Log; b: Log } {
  const v = new Venue({
    instruments: [
      { symbol: 'AAA', referencePx: 100 * D, bandBps: 500 },
      { symbol: 'BBB', referencePx: 50 * D, bandBps: 0, engine: { lotSize: 100, maxQty: 10_000, makerFeeRate: -20, takerFeeRate: 30, feeDenominator: 1 } },
    ],
  });
  const a = new Log();
  const b = new Log();
  v.addListener(a);
  v.addListener(b);
  return { v, a, b };
}

describe('Venue', () => {
  it('routes by instrument and tells every listener, ending each command', () => {
    const { v, a, b } = venue();
    expect(v.indexOf('BBB')).toBe(1);
    expect(v.indexOf('ZZZ')).toBe(-1);
    v.startSession(0);
    expect(v.newOrder(0, 7, 1, BUY, OrdType.Limit, Tif.Day, 100 * D, 10, 0, 0, 1)).toBe(0);
    expect(v.newOrder(1, 7, 1, SELL, OrdType.Limit, Tif.Day, 50 * D, 200, 0, 0, 2)).toBe(0);
    expect(v.engine(0).orderQty(7)).toBe(10);
    expect(v.engine(1).orderQty(7)).toBe(200);
    expect(v.newOrder(5, 8, 1, BUY, OrdType.Limit, Tif.Day, 100 * D, 10, 0, 0, 3)).toBe(Reject.MatchUnknownInstrument);
    expect(v.cancel(-1, 8, 4)).toBe(Reject.MatchUnknownInstrument);
    expect(a.lines).toEqual([
      `session ${SessionEvent.Open}`, 'end -1',
      `rested 0 7 0 ${100 * D} 10`, 'end 0',
      `rested 1 7 1 ${50 * D} 200`, 'end 1',
      `rejected -1 8 ${Reject.MatchUnknownInstrument}`, 'end -1',
      `cancelRejected -1 8 ${CancelRejectKind.Cancel} ${Reject.MatchUnknownInstrument}`, 'end -1',
    ]);
    expect(b.lines).toEqual(a.lines);
    expect(v.commands).toBe(4);
  });

  it('rejects limit prices outside the collar around the reference, which follows the last trade', () => {
    const { v, a } = venue();
    // 5% of $100: $95..$105 accepted, beyond rejected; market orders are not collared.
    expect(v.newOrder(0, 1, 1, SELL, OrdType.Limit, Tif.Day, 105 * D, 10, 0, 0, 1)).toBe(0);
    expect(v.newOrder(0, 2, 1, SELL, OrdType.Limit, Tif.Day, 105 * D + 100, 10, 0, 0, 2)).toBe(Reject.MatchPriceOutsideBand);
    expect(v.newOrder(0, 3, 1, BUY, OrdType.Limit, Tif.Day, 95 * D - 100, 10, 0, 0, 3)).toBe(Reject.MatchPriceOutsideBand);
    expect(v.replace(0, 1, 106 * D, 10, 4)).toBe(Reject.MatchPriceOutsideBand);
    expect(a.lines).toContain(`cancelRejected 0 1 ${CancelRejectKind.Replace} ${Reject.MatchPriceOutsideBand}`);
    expect(v.engine(0).orderPrice(1)).toBe(105 * D);
    expect(v.newOrder(0, 4, 2, BUY, OrdType.Market, Tif.Ioc, 0, 10, 0, 0, 5)).toBe(0);
    expect(v.referencePrice(0)).toBe(105 * D);
    // Now $105 +- 5%: $110 is inside.
    expect(v.newOrder(0, 5, 1, SELL, OrdType.Limit, Tif.Day, 110 * D, 10, 0, 0, 6)).toBe(0);
    // bandBps 0: no collar.
    expect(v.newOrder(1, 1, 1, SELL, OrdType.Limit, Tif.Day, 500 * D, 100, 0, 0, 7)).toBe(0);
  });

  it('applies each instrument engine configuration: lot, maximum size, fees', () => {
    const { v, a } = venue();
    expect(v.newOrder(1, 1, 1, SELL, OrdType.Limit, Tif.Day, 50 * D, 150, 0, 0, 1)).toBe(Reject.MatchBadLot);
    expect(v.newOrder(1, 2, 1, SELL, OrdType.Limit, Tif.Day, 50 * D, 10_100, 0, 0, 2)).toBe(Reject.MatchQtyTooLarge);
    expect(v.newOrder(0, 3, 1, SELL, OrdType.Limit, Tif.Day, 100 * D, 150, 0, 0, 3)).toBe(0); // odd lots on AAA
    expect(v.newOrder(1, 4, 1, SELL, OrdType.Limit, Tif.Day, 50 * D, 300, 0, 0, 4)).toBe(0);
    expect(v.newOrder(1, 5, 2, BUY, OrdType.Limit, Tif.Ioc, 50 * D, 200, 0, 0, 5)).toBe(0);
    // Maker rebate 20 units per share (200 shares: -4000), taker fee 30 (6000).
    expect(a.lines).toContain(`fill 1 4<-5 200@${50 * D} fees -4000/6000 match 1`);
  });

  it('refuses a bad configuration at construction', () => {
    expect(() => new Venue({ instruments: [] })).toThrow(/no instruments/);
    expect(() => new Venue({ instruments: [{ symbol: 'A', referencePx: 1 }, { symbol: 'A', referencePx: 1 }] })).toThrow(/duplicate/);
    expect(() => new Venue({ instruments: [{ symbol: 'TOOLONGSYM', referencePx: 1 }] })).toThrow(/1-8/);
    expect(() => new Venue({ instruments: [{ symbol: 'A', referencePx: 0 }] })).toThrow(/referencePx/);
    expect(() => new Venue({ instruments: [{ symbol: 'A', referencePx: 1, engine: { lotSize: 0 } }] })).toThrow(/lotSize/);
  });
});
