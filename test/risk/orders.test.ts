// OpenOrders' clOrdId memory against a naive model: an id is known while its order is open or while it
// is among the last `memory` accepted (added) orders; slotOf finds open orders only. Random adds (fresh,
// reused and out-of-order ids, only when unknown, as the engine does) and closes in any order; the
// table never holds more than the documented bound, so adds never fail for want of table room.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpenOrders } from '../../src/risk/orders.js';
import { OrderIntent } from '../../src/risk/types.js';

describe('OpenOrders clOrdId memory', () => {
  it('known / slotOf agree with the last-`memory`-accepted model; the table stays bounded', () => {
    const stepArb = fc.oneof(
      { weight: 3, arbitrary: fc.record({ k: fc.constant('add' as const), id: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 60 })) }) },
      { weight: 3, arbitrary: fc.record({ k: fc.constant('close' as const), pick: fc.nat() }) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 8 }), fc.array(stepArb, { maxLength: 500 }), (memory, capacity, steps) => {
        const O = new OpenOrders(capacity, memory, 2, 1);
        const o = new OrderIntent();
        const accepted: number[] = []; // ids in add order
        const open = new Map<number, number>(); // id -> slot
        let next = 1_000;
        const known = (id: number) => open.has(id) || accepted.slice(Math.max(0, accepted.length - memory)).includes(id);
        for (const st of steps) {
          if (st.k === 'add') {
            const id = st.id < 0 ? next++ : st.id;
            expect(O.known(id)).toBe(known(id));
            if (known(id) || open.size === capacity) continue;
            const slot = O.add(o.set(0, 0, 0, id & 1, 1, 100 + id, 0, id), 0, 1, false);
            expect(slot).toBeGreaterThanOrEqual(0);
            accepted.push(id);
            open.set(id, slot);
          } else if (open.size > 0) {
            const ids = [...open.keys()];
            const id = ids[st.pick % ids.length];
            O.remove(open.get(id) as number);
            open.delete(id);
          }
          for (let id = 0; id <= 60; id++) {
            expect(O.known(id)).toBe(known(id));
            expect(O.slotOf(id)).toBe(open.has(id) ? open.get(id) : -1);
          }
          expect(O.ids.size).toBeLessThanOrEqual(open.size + 2 * memory + 1); // open + queued done ids
        }
      }),
      { numRuns: 150, seed: 3 },
    );
  });

  it('orders closed at once are forgotten after `memory` more accepts (the table does not grow)', () => {
    const O = new OpenOrders(4, 2, 2, 1);
    const o = new OrderIntent();
    for (let id = 1; id <= 50; id++) {
      const slot = O.add(o.set(0, 0, 0, 0, 1, 100, 0, id), 0, 1, false);
      expect(slot).toBeGreaterThanOrEqual(0);
      O.remove(slot);
      expect(O.ids.size).toBeLessThanOrEqual(2 * 2 + 1);
      expect([O.known(id), O.known(id - 1), O.known(id - 2)]).toEqual([true, id > 1, false]);
    }
  });
});

describe('OpenOrders queued work (ids entered and orders linked at the next lookup or remove)', () => {
  it('a run of adds with no lookup in between, then removes in any order: slots, known ids and best prices stay exact', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ px: fc.integer({ min: 90, max: 110 }), side: fc.nat(1) }), { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 40 }), (adds, picks) => {
        const O = new OpenOrders(64, 8, 2, 1);
        const o = new OrderIntent();
        const open = new Map<number, { slot: number; px: number; side: number }>();
        adds.forEach((a, k) => {
          const id = 500 + k;
          const slot = O.add(o.set(0, 0, 0, a.side, 1, a.px, 0, id), 0, 1, false);
          open.set(id, { slot, px: a.px, side: a.side });
        });
        const bestOf = (side: number) => {
          const xs = [...open.values()].filter((x) => x.side === side).map((x) => x.px);
          return side === 0 ? Math.max(-Infinity, ...xs) : Math.min(Infinity, ...xs);
        };
        const check = () => {
          for (const side of [0, 1]) for (const scope of [0, 1]) expect(O.bestPx(scope, 0, side)).toBe(bestOf(side));
        };
        check();
        for (const p of picks) {
          if (open.size === 0) break;
          const ids = [...open.keys()], id = ids[p % ids.length];
          expect(O.slotOf(id)).toBe(open.get(id)?.slot);
          O.remove(open.get(id)?.slot as number);
          open.delete(id);
          expect(O.slotOf(id)).toBe(-1);
          expect(O.known(id)).toBe(id >= 500 + adds.length - 8); // done: remembered while among the last 8 accepted
          check();
        }
      }),
      { numRuns: 150, seed: 8 },
    );
  });
});
