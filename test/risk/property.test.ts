// Property tests (fast-check): random limits per strategy and account, random sequences of orders,
// fills (partial, over-fills), cancels, venue rejects, messages, reference moves (and clears), time steps
// and manual kill switches. At every decision the engine must agree with the plain oracle (oracle.ts),
// which recomputes everything from the full history: same code (the first failing check in the documented
// order) and same scope. Independently, after every ACCEPT the post-trade state is re-measured and must
// be inside every limit the order could breach. PnL and peaks must match the oracle after every step.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Check, OrderIntent, RiskEngine, SCOPE_ACCOUNT, SCOPE_GLOBAL, SCOPE_NONE, SCOPE_STRATEGY, type RiskLimits } from '../../src/risk/index.js';
import { Oracle, type Accepted } from './oracle.js';

const N_INST = 3;
const MULT = [1, 1, 10];
const MEMORY = 12;

const off = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: arb });
const limitsArb: fc.Arbitrary<RiskLimits> = fc.record({
  maxOrderQty: off(fc.integer({ min: 0, max: 30 })),
  maxOrderNotional: off(fc.integer({ min: 0, max: 300_000 })),
  collarBps: off(fc.integer({ min: 0, max: 700 })),
  requireReference: fc.constantFrom(0, 0, 0, 1),
  maxReferenceAgeNs: off(fc.integer({ min: 0, max: 6_000 })),
  maxPositionQty: off(fc.integer({ min: 0, max: 60 })),
  maxPositionNotional: off(fc.integer({ min: 0, max: 500_000 })),
  maxGrossExposure: off(fc.integer({ min: 0, max: 900_000 })),
  maxNetExposure: off(fc.integer({ min: 0, max: 600_000 })),
  creditLimit: off(fc.integer({ min: 0, max: 1_000_000 })),
  maxOpenOrders: off(fc.integer({ min: 0, max: 8 })),
  maxOrdersPerWindow: off(fc.integer({ min: 0, max: 6 })),
  orderWindowNs: fc.integer({ min: 1, max: 6_000 }),
  maxMessagesPerWindow: off(fc.integer({ min: 0, max: 9 })),
  messageWindowNs: fc.integer({ min: 1, max: 6_000 }),
  duplicateWindowNs: off(fc.integer({ min: 0, max: 4_000 })),
  maxLoss: off(fc.integer({ min: 0, max: 3_000 })),
  maxDrawdown: off(fc.integer({ min: 0, max: 3_000 })),
  maxRejectsPerWindow: off(fc.integer({ min: 0, max: 8 })),
  rejectWindowNs: fc.integer({ min: 1, max: 6_000 }),
  selfTradePrevention: fc.integer({ min: 0, max: 1 }),
  restricted: fc.subarray([0, 1, 2], { maxLength: 1 }).map((a) => (a.length > 0 && a[0] === 2 ? a : [])),
  killOnBreach: fc.subarray([Check.MaxLoss, Check.Drawdown, Check.PositionQty, Check.OrderQty, Check.SelfTrade, Check.Credit], { maxLength: 2 }),
  killAllOnBreach: fc.constantFrom(0, 0, 0, 1),
});

const stepArb = fc.oneof(
  { weight: 8, arbitrary: fc.record({ k: fc.constant('order' as const), s: fc.nat(1), a: fc.nat(1), i: fc.nat(N_INST - 1), side: fc.nat(1), qty: fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 1, max: 30 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -3, 2.5) }), off: fc.integer({ min: -70, max: 70 }), market: fc.nat(9), reuse: fc.nat(9), same: fc.nat(5), dt: fc.nat(400) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('replace' as const), pick: fc.nat(), qty: fc.integer({ min: 1, max: 30 }), off: fc.integer({ min: -70, max: 70 }), dt: fc.nat(400), confirm: fc.nat(3) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('fill' as const), pick: fc.nat(), qty: fc.integer({ min: 1, max: 40 }), off: fc.integer({ min: -40, max: 40 }), fee: fc.integer({ min: -2, max: 9 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('done' as const), pick: fc.nat(), venueReject: fc.boolean(), dt: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('msg' as const), s: fc.nat(1), a: fc.nat(1), dt: fc.nat(200) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('ref' as const), i: fc.nat(N_INST - 1), px: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 9, arbitrary: fc.integer({ min: 900, max: 1100 }) }), dt: fc.nat(300) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('time' as const), dt: fc.integer({ min: 1, max: 5_000 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('kill' as const), kind: fc.integer({ min: 1, max: 3 }), id: fc.nat(1), release: fc.nat(9).map((x) => x < 7) }) },
);

function kindOf(scope: number, nS: number): number {
  return scope === -2 ? SCOPE_GLOBAL : scope === -1 ? SCOPE_NONE : scope < nS ? SCOPE_STRATEGY : SCOPE_ACCOUNT;
}

/** Post-accept re-measurement of the limits an accepted order could breach (the safety property). */
function assertInsideLimits(or: Oracle, o: Accepted): void {
  const buy = o.side === 0;
  const open = or.open();
  for (const s of or.scopesOf(o)) {
    const l = or.scopes[s];
    const mine = open.filter((x) => or.scopesOf(x.o).includes(s));
    const b = or.book(s);
    const n = (x: { o: Accepted; leaves: number }) => x.leaves * x.o.px * MULT[x.o.instrumentId];
    const sideOpen = (side: number, i = -1) => mine.filter((x) => x.o.side === side && (i < 0 || x.o.instrumentId === i));
    const qtyOf = (xs: typeof mine) => xs.reduce((a, x) => a + x.leaves, 0);
    const nOf = (xs: typeof mine) => xs.reduce((a, x) => a + n(x), 0);
    const i = o.instrumentId;
    const newN = o.px * o.qty * MULT[i];
    if (l.maxOrderQty >= 0) expect(o.qty).toBeLessThanOrEqual(l.maxOrderQty);
    if (l.maxOrderNotional >= 0) expect(newN).toBeLessThanOrEqual(l.maxOrderNotional);
    if (l.maxOpenOrders >= 0) expect(mine.length).toBeLessThanOrEqual(l.maxOpenOrders);
    if (l.maxPositionQty >= 0) expect(buy ? b.pos[i] + qtyOf(sideOpen(0, i)) : qtyOf(sideOpen(1, i)) - b.pos[i]).toBeLessThanOrEqual(l.maxPositionQty);
    const val = b.pos.map((p, j) => p * or.mark(j) * MULT[j]);
    if (l.maxPositionNotional >= 0) expect(buy ? val[i] + nOf(sideOpen(0, i)) : nOf(sideOpen(1, i)) - val[i]).toBeLessThanOrEqual(l.maxPositionNotional);
    if (l.maxGrossExposure >= 0) expect(val.reduce((a, v) => a + Math.abs(v), 0) + nOf(mine)).toBeLessThanOrEqual(l.maxGrossExposure);
    const net = val.reduce((a, v) => a + v, 0);
    if (l.maxNetExposure >= 0) expect(buy ? net + nOf(sideOpen(0)) : nOf(sideOpen(1)) - net).toBeLessThanOrEqual(l.maxNetExposure);
    if (l.creditLimit >= 0) expect(b.cost.reduce((a, c, j) => a + Math.abs(c * MULT[j]), 0) + nOf(mine) + Math.max(0, b.fees - b.realized)).toBeLessThanOrEqual(l.creditLimit);
    if (l.collarBps >= 0 && o.orderType === 0) {
      const ref = or.refOf(i).px;
      expect(ref).toBeGreaterThan(0);
      expect(Math.abs(o.price - ref) * 10_000).toBeLessThanOrEqual(l.collarBps * ref);
    }
    if (l.selfTradePrevention === 1) expect(mine.some((x) => x.o !== o && x.o.instrumentId === i && x.o.side !== o.side && x.o.orderType === 0 && (o.orderType === 1 || (buy ? x.o.price <= o.price : x.o.price >= o.price)))).toBe(false);
  }
}

describe('risk engine vs the plain oracle', () => {
  it('agrees on every decision and never accepts a breaching order', () => {
    let decisions = 0, accepts = 0, replaces = 0, replaceAccepts = 0;
    const replaceRejects = new Set<number>();
    const rejectChecks = new Set<number>();
    const hist = new Map<number, number>();
    fc.assert(
      fc.property(fc.array(limitsArb, { minLength: 4, maxLength: 4 }), fc.array(stepArb, { minLength: 20, maxLength: 120, size: 'max' }), (lims, steps) => {
        const strategies = [lims[0], lims[1]], accounts = [lims[2], lims[3]];
        const engine = new RiskEngine({ strategies, accounts, instruments: MULT.map((m) => ({ notionalMultiplier: m })), clOrdIdMemory: MEMORY, maxOpenOrders: 256, auditCapacity: 1024 });
        const or = new Oracle(strategies, accounts, MULT, MEMORY);
        const o = new OrderIntent();
        let now = 1_000, nextId = 1;
        const ids: number[] = [];
        for (let i = 0; i < N_INST; i++) {
          engine.setReference(i, 1000, now);
          or.ref(i, 1000, now);
        }
        for (const st of steps) {
          if (st.k === 'order') {
            now += st.dt;
            const id = st.reuse === 0 && ids.length > 0 ? ids[ids.length - 1 - (st.dt % Math.min(ids.length, MEMORY + 4))] : nextId++;
            if (st.same === 0 && nextId > 2) o.clOrdId = id; // the previous order's content again, a new id
            else o.set(st.s, st.a, st.i, st.side, st.qty, 1000 + st.off, st.market === 0 ? 1 : 0, id);
            const [check, scope] = or.decide({ ...o }, now);
            const code = engine.check(o, now);
            decisions++;
            expect(code).toBe(check === 0 ? 0 : 5000 + check);
            expect(engine.lastScope).toBe(kindOf(scope, 2));
            or.apply({ ...o }, now, check, scope);
            if (check === 0) {
              accepts++;
              ids.push(id);
              const acc = or.accepted();
              assertInsideLimits(or, acc[acc.length - 1]);
            } else {
              rejectChecks.add(check);
              hist.set(check, (hist.get(check) ?? 0) + 1);
            }
          } else if (st.k === 'replace') {
            // a replace of an open limit order: judged as the new order with the old one's open quantity
            // released; once the venue confirms (most of the time) the old one is done
            const open = or.open().filter((x) => x.o.orderType === 0);
            if (open.length === 0) continue;
            const x = open[st.pick % open.length];
            now += st.dt;
            const id = nextId++;
            o.set(x.o.strategyId, x.o.accountId, x.o.instrumentId, x.o.side, st.qty, 1000 + st.off, 0, id);
            const [check, scope] = or.decide({ ...o }, now, x.o);
            const code = engine.checkReplace(o, x.o.clOrdId, now);
            decisions++;
            replaces++;
            expect(code).toBe(check === 0 ? 0 : 5000 + check);
            expect(engine.lastScope).toBe(kindOf(scope, 2));
            or.apply({ ...o }, now, check, scope);
            if (check === 0) {
              accepts++;
              replaceAccepts++;
              ids.push(id);
              const acc = or.accepted();
              if (st.confirm > 0) {
                expect(engine.onOrderDone(x.o.clOrdId, now)).toBe(0);
                or.done(x.o, now, false);
                assertInsideLimits(or, acc[acc.length - 1]);
              }
            } else {
              rejectChecks.add(check);
              replaceRejects.add(check);
            }
          } else if (st.k === 'fill' || st.k === 'done') {
            const open = or.open();
            if (open.length === 0) continue;
            const x = open[st.pick % open.length];
            if (st.k === 'fill') {
              const px = 1000 + st.off;
              expect(engine.onFill(x.o.clOrdId, st.qty, px, st.fee, now)).toBe(st.qty > x.leaves ? 5025 : 0);
              or.fill(x.o, st.qty, px, st.fee);
            } else {
              now += st.dt;
              expect(engine.onOrderDone(x.o.clOrdId, now, st.venueReject)).toBe(0);
              or.done(x.o, now, st.venueReject);
            }
          } else if (st.k === 'msg') {
            now += st.dt;
            engine.onMessage(st.s, st.a, now);
            or.msgs.push({ scope: st.s, ts: now }, { scope: 2 + st.a, ts: now });
          } else if (st.k === 'ref') {
            now += st.dt;
            engine.setReference(st.i, st.px, now);
            or.ref(st.i, st.px, now);
          } else if (st.k === 'time') now += st.dt;
          else {
            if (st.release) engine.release(st.kind, st.id);
            else engine.kill(st.kind, st.id);
            const sc = st.kind === SCOPE_STRATEGY ? st.id : 2 + st.id;
            if (st.kind === SCOPE_GLOBAL) or.globalKill = !st.release;
            else if (st.release) or.killed.delete(sc);
            else or.killed.add(sc);
          }
          for (let s = 0; s < 4; s++) {
            expect(engine.positions.pnl(s)).toBe(or.pnl(s));
            expect(engine.positions.peak[s]).toBe(or.peak[s]);
            expect(engine.positions.openCount[s]).toBe(or.open().filter((x) => or.scopesOf(x.o).includes(s)).length);
          }
          engine.audit.clear();
        }
      }),
      { numRuns: 500, seed: 20261122 },
    );
    if (process.env.RISK_HIST) console.log(decisions, accepts, [...hist].sort((a, b) => a[0] - b[0]));
    // The generator must actually exercise accepts and most checks, or agreement proves little.
    expect(accepts).toBeGreaterThan(decisions / 10);
    expect(replaceAccepts).toBeGreaterThan(replaces / 10);
    for (const c of [Check.OrderQty, Check.PositionQty, Check.PriceCollar]) expect([c, replaceRejects.has(c)]).toEqual([c, true]);
    for (let c: number = Check.BadOrder; c <= Check.SelfTrade; c++) if (c !== Check.NotionalOverflow) expect([c, rejectChecks.has(c)]).toEqual([c, true]);
  }, 60_000);
});
