// Queue models for L2 data (price-level sizes and prints, no order identity), as hftbacktest's:
// risk-adverse (the queue ahead shrinks by prints, and only otherwise when the level gets smaller than it)
// and the probabilistic cancel models.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BacktestVenuePort } from '../../src/backtest/venue/index.js';
import { Q_PROB_LOG, Q_PROB_POWER, aheadAfterDecrease, cancelBehindProb } from '../../src/backtest/venue/queue.js';
import { TimeInForce } from '../../src/venue/types.js';
import { ASK, BID, RecordingSink } from './venue-helpers.js';

type Model = 'fifo' | 'risk-adverse' | 'prob-power' | 'prob-log';

/** 300 lots at 100 (anonymous, as an L2 feed gives them), an ask at 101, our buy `qty` @ 100. */
function l2(queue: Model, qty = 100) {
  const port = new BacktestVenuePort({ queue, queuePower: 2 });
  const sink = new RecordingSink();
  port.attach(sink);
  port.market.levelDelta(0, BID, 100, 300, 3, 0);
  port.market.levelDelta(0, ASK, 101, 300, 3, 0);
  port.submit(1, 0, BID, qty, 100, TimeInForce.Day, 1);
  port.advance(1);
  const flush = (): RecordingSink => {
    port.advance(Number.MAX_SAFE_INTEGER);
    return sink;
  };
  return { port, flush };
}

describe('backtest venue: L2 queue models', () => {
  it('cancels behind a larger queue: risk-adverse keeps the queue ahead, the prob models move it forward', () => {
    const ahead: Record<string, number> = {};
    for (const m of ['risk-adverse', 'prob-power', 'prob-log', 'fifo'] as const) {
      const { port } = l2(m);
      port.market.levelDelta(0, BID, 100, 500, 5, 2); // joins behind us
      port.market.levelDelta(0, BID, 100, -200, -2, 3); // someone cancels 200
      ahead[m] = port.queueAheadOf(1);
    }
    expect(ahead['risk-adverse']).toBe(300);
    expect(ahead.fifo).toBe(300); // anonymous size: fifo cannot tell, it is risk-adverse
    // p = f(back) / (f(back) + f(front)), front 300, back 500; ahead' = 300 - (1 - p) * 200
    const pw = 500 ** 2 / (500 ** 2 + 300 ** 2);
    expect(ahead['prob-power']).toBeCloseTo(300 - (1 - pw) * 200, 9);
    const pl = Math.log1p(500) / (Math.log1p(500) + Math.log1p(300));
    expect(ahead['prob-log']).toBeCloseTo(300 - (1 - pl) * 200, 9);
    expect(ahead['prob-log']).toBeLessThan(ahead['prob-power']); // log: cancels spread more evenly
  });

  it('a print and the level decrease that reports the same lots count once (prob models)', () => {
    const { port, flush } = l2('prob-power');
    port.trade(0, BID, 100, 100, 2);
    expect(port.queueAheadOf(1)).toBe(200);
    port.market.levelDelta(0, BID, 100, -100, -1, 2);
    expect(port.queueAheadOf(1)).toBe(200);
    port.trade(0, BID, 100, 250, 3); // 200 ahead: 50 of ours
    expect(flush().filledQty(1)).toBe(50);
  });

  it('risk-adverse: 300 ahead, prints of 250 then 100 fill 50 of ours; cancels fill nothing', () => {
    const { port, flush } = l2('risk-adverse');
    port.market.levelDelta(0, BID, 100, -120, -1, 2); // level 180 < 300: ahead 180
    expect(port.queueAheadOf(1)).toBe(180);
    port.trade(0, BID, 100, 150, 3);
    port.market.levelDelta(0, BID, 100, -150, -1, 3);
    expect(flush().filledQty(1)).toBe(0);
    port.trade(0, BID, 100, 100, 4);
    expect(flush().filledQty(1)).toBe(70);
  });

  it('risk-adverse never fills before prints exhaust the queue (property)', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('add' as const), q: fc.integer({ min: 1, max: 200 }) }),
      fc.record({ k: fc.constant('cancel' as const), q: fc.integer({ min: 1, max: 200 }) }),
      fc.record({ k: fc.constant('trade' as const), q: fc.integer({ min: 1, max: 200 }) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
      const { port, flush } = l2('risk-adverse', 1_000_000);
      let level = 300;
      let minLevel = 300;
      let traded = 0;
      let t = 10;
      for (const o of ops) {
        const before = flush().filledQty(1);
        if (o.k === 'add') {
          port.market.levelDelta(0, BID, 100, o.q, 1, t);
          level += o.q;
        } else {
          const q = Math.min(o.q, level);
          if (q === 0) continue;
          if (o.k === 'trade') {
            port.trade(0, BID, 100, q, t);
            traded += q;
          }
          port.market.levelDelta(0, BID, 100, -q, 0, t); // an L2 feed reports the print's lots as a decrease too
          level -= q;
          if (level < minLevel) minLevel = level;
        }
        t++;
        const filled = flush().filledQty(1);
        if (o.k !== 'trade') expect(filled).toBe(before); // no fill from size changes
        expect(filled).toBeLessThanOrEqual(Math.max(0, traded - minLevel));
      }
    }), { numRuns: 300 });
  });

  it('the prob-model formula (hftbacktest ProbQueueModel::depth)', () => {
    expect(cancelBehindProb(Q_PROB_POWER, 3, 0, 0)).toBe(1); // 0/0: everything from behind
    expect(cancelBehindProb(Q_PROB_POWER, 1, 100, 300)).toBeCloseTo(0.75, 12);
    expect(cancelBehindProb(Q_PROB_LOG, 1, 0, 300)).toBe(1);
    // a decrease larger than what is behind us must take the rest from the front
    expect(aheadAfterDecrease(Q_PROB_POWER, 1, 100, 150, 120, 0)).toBeCloseTo(100 - (2 / 3) * 120, 9); // back 50, p = 1/3
    // n = 0: p = 1/2; half of 60 from behind would be 30 > the 10 there: the other 20 come from the front
    expect(aheadAfterDecrease(Q_PROB_POWER, 0, 100, 110, 60, 0)).toBeCloseTo(100 - 30 - 20, 9);
    expect(aheadAfterDecrease(Q_PROB_POWER, 1, 100, 150, 150, 0)).toBe(0); // level emptied
  });
});
