// The fast Oms against its plain reference twin (src/oms/reference.ts, rules written out per event
// instead of the table): the same seeded streams, the same results op by op, the same stateHash at
// checkpoints, the same reconciliation reports. Small pools in one run exercise the full-pool rejects.
import { describe, expect, it } from 'vitest';
import { Reject } from '../../src/core/rejects.js';
import { ExecReport, Oms } from '../../src/oms/index.js';
import { OP_RECONCILE, OmsOp, OmsOpGenerator, applyOp } from '../../src/oms/generator.js';
import { ReferenceOms } from '../../src/oms/reference.js';

function compare(seed: number, n: number, maxOrders: number, maxPositions: number, window: number): Oms {
  const fast = new Oms({ maxOrders, maxPositions, execIds: 16 });
  const ref = new ReferenceOms(maxOrders, maxPositions);
  const g = new OmsOpGenerator(seed, window);
  const op = new OmsOp();
  const r1 = new ExecReport();
  const r2 = new ExecReport();
  for (let i = 0; i < n; i++) {
    g.next(op);
    if (op.kind === OP_RECONCILE) {
      const venue = op.venue ?? [];
      expect(fast.reconcile(venue), `op ${i}`).toEqual(ref.reconcile(venue));
    } else {
      const a = applyOp(fast, op, r1);
      const b = applyOp(ref, op, r2);
      if (a !== b) expect(`op ${i} kind ${op.kind} event ${op.event}: ${a}`).toBe(`op ${i} kind ${op.kind} event ${op.event}: ${b}`);
    }
    if (i % 1000 === 999) expect(fast.stateHash(), `after op ${i}`).toBe(ref.stateHash());
  }
  expect(fast.stateHash()).toBe(ref.stateHash());
  return fast;
}

describe('Oms vs ReferenceOms', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: 20,000 operations agree`, () => {
      const oms = compare(seed, 20_000, 65_536, 4_096, 64);
      expect(oms.applied).toBeGreaterThan(20_000 / 3);
    });
  }
  it('small pools (full-pool rejects), wide order window', () => {
    const oms = compare(9, 10_000, 300, 10, 400);
    expect(oms.rejectCounts[Reject.OmsPoolFull - 6000]).toBeGreaterThan(0);
    expect(oms.released).toBeGreaterThan(0);
  });
});
