// SlidingWindows against a naive count: "full" means `limit` events happened in (now - window, now].
// Random limits (OFF, 0, small), windows and event times (non-decreasing, as the kernel's clock), events
// recorded one at a time, by pairs and by recordPairs (both scopes' order and message rows at once).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlidingWindows } from '../../src/risk/window.js';

describe('SlidingWindows', () => {
  it('agrees with a naive count of events in (now - window, now]', () => {
    const rowArb = fc.record({ limit: fc.integer({ min: -1, max: 5 }), window: fc.integer({ min: 1, max: 50 }) });
    const stepArb = fc.record({ dt: fc.nat(20), op: fc.nat(3), a: fc.nat(1), b: fc.nat(1) });
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 4, maxLength: 4 }), fc.array(stepArb, { maxLength: 120 }), (rows, steps) => {
        const w = new SlidingWindows(rows.map((r) => r.limit), rows.map((r) => r.window));
        const events: number[][] = rows.map(() => []);
        const naiveFull = (s: number, now: number): boolean => {
          const { limit, window } = rows[s];
          if (limit < 0) return false;
          return events[s].filter((t) => now - t < window).length >= limit;
        };
        const rec = (s: number, now: number) => {
          if (rows[s].limit > 0) events[s].push(now);
        };
        let now = 1_000;
        for (const st of steps) {
          now += st.dt;
          for (let s = 0; s < 4; s++) expect(w.full(s, now)).toBe(naiveFull(s, now));
          const f = naiveFull(st.a, now) ? st.a : naiveFull(st.b + 2, now) ? st.b + 2 : -1;
          expect(w.firstFull(st.a, st.b + 2, now)).toBe(f);
          if (st.op === 0) {
            w.record(st.a, now);
            rec(st.a, now);
          } else if (st.op === 1) {
            w.recordBoth(st.a, st.b + 2, now);
            rec(st.a, now);
            rec(st.b + 2, now);
          } else if (st.op === 2) {
            // rows 0/1 = two scopes' order windows, rows 2/3 = their message windows (off = 2)
            w.recordPairs(st.a, 1 - st.a, 2, now);
            for (const s of [st.a, 1 - st.a, st.a + 2, 3 - st.a]) rec(s, now);
          }
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
