// The fast path reads one precomputed "blocked" byte per (scope, instrument) instead of the kill switches
// and restricted lists; it is rewritten on kill, release, setRestricted and automatic kills. Against a
// plain model of the flags: random manual kills/releases (global, strategy, account), global restricted
// toggles and per-scope restricted lists, and orders for every (strategy, account, instrument): the
// decision must be KillSwitch (global, then strategy, then account), else Restricted (global, then
// strategy, then account), else accept, with the documented scope.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Reject } from '../../src/core/rejects.js';
import { noLimits, OrderIntent, RiskEngine, SCOPE_ACCOUNT, SCOPE_GLOBAL, SCOPE_NONE, SCOPE_STRATEGY } from '../../src/risk/index.js';

const N_S = 2, N_A = 2, N_I = 3;

describe('blocked bytes (kill switches and restricted lists)', () => {
  it('agree with the flags after every kill, release and setRestricted', () => {
    const stepArb = fc.oneof(
      fc.record({ k: fc.constant('kill' as const), kind: fc.integer({ min: 1, max: 3 }), id: fc.nat(1), release: fc.boolean() }),
      fc.record({ k: fc.constant('restrict' as const), i: fc.nat(N_I - 1), on: fc.boolean() }),
    );
    const listArb = fc.subarray([0, 1, 2]);
    fc.assert(
      fc.property(fc.array(listArb, { minLength: N_S + N_A, maxLength: N_S + N_A }), fc.array(stepArb, { maxLength: 30 }), (lists, steps) => {
        const lim = (l: number[]) => ({ ...noLimits(), restricted: l });
        const e = new RiskEngine({
          strategies: lists.slice(0, N_S).map(lim), accounts: lists.slice(N_S).map(lim),
          instruments: Array.from({ length: N_I }, () => ({ notionalMultiplier: 1 })),
        });
        let global = false;
        const killed = [false, false, false, false], restricted = [false, false, false];
        const o = new OrderIntent();
        let id = 1, now = 0;
        for (const st of steps) {
          if (st.k === 'kill') {
            const scope = st.kind === SCOPE_GLOBAL ? -1 : st.kind === SCOPE_STRATEGY ? st.id : N_S + st.id;
            if (st.release) e.release(st.kind, st.id);
            else e.kill(st.kind, st.id);
            if (scope < 0) global = !st.release;
            else killed[scope] = !st.release;
          } else {
            e.setRestricted(st.i, st.on);
            restricted[st.i] = st.on;
          }
          for (let s = 0; s < N_S; s++) {
            for (let a = 0; a < N_A; a++) {
              for (let i = 0; i < N_I; i++) {
                const as = N_S + a;
                const want: [number, number] = global ? [Reject.RiskKillSwitch, SCOPE_GLOBAL]
                  : killed[s] ? [Reject.RiskKillSwitch, SCOPE_STRATEGY]
                    : killed[as] ? [Reject.RiskKillSwitch, SCOPE_ACCOUNT]
                      : restricted[i] ? [Reject.RiskRestricted, SCOPE_GLOBAL]
                        : lists[s].includes(i) ? [Reject.RiskRestricted, SCOPE_STRATEGY]
                          : lists[as].includes(i) ? [Reject.RiskRestricted, SCOPE_ACCOUNT] : [0, SCOPE_NONE];
                const code = e.check(o.set(s, a, i, id & 1, 1, 100, 0, id++), ++now);
                expect([code, e.lastScope]).toEqual(want);
                if (code === 0) expect(e.onOrderDone(id - 1, now)).toBe(0);
              }
            }
          }
          e.audit.clear();
        }
      }),
      { numRuns: 100, seed: 21 },
    );
  });
});
