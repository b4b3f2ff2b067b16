// A FIX client (our initiator from src/fix, validating every incoming message against FIX44.xml) trades
// against the gateway over TCP: every order type and edge, with every ExecutionReport field checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, id, nos, TT, type Client, type Fixture, type Msg } from './helpers.js';

let fx: Fixture;
let maker: Client;
let taker: Client;
beforeAll(async () => {
  fx = await fixture();
  maker = await fx.client('MAKER');
  taker = await fx.client('TAKER');
});
afterAll(async () => {
  await fx.close();
});

/** Fills seen so far, to recompute the totals an ExecutionReport must carry. */
function avg(fills: Array<[number, number]>): number {
  const q = fills.reduce((s, [, n]) => s + n, 0);
  return q === 0 ? 0 : fills.reduce((s, [p, n]) => s + p * n, 0) / q;
}

/** Checks the fields given and the ones every ExecutionReport needs; AvgPx from the fills. */
function er(m: Msg, want: Record<number, string | number>, fills?: Array<[number, number]>): void {
  for (const t of [37, 17, 150, 39, 55, 54, 151, 14, 6, 60]) expect(m.has(t), `tag ${t} in ${[...m].join('|')}`).toBe(true);
  for (const [t, v] of Object.entries(want)) expect(m.get(Number(t)), `tag ${t}`).toBe(String(v));
  if (fills !== undefined) {
    expect(Number(m.get(6))).toBeCloseTo(avg(fills), 7);
    expect(Number(m.get(14))).toBe(fills.reduce((s, [, n]) => s + n, 0));
  }
}

async function send(c: Client, type: string, fields: Array<[number, string | number]>, replyType: string, n: number): Promise<Msg[]> {
  const from = c.of(replyType).length;
  c.send(type, fields);
  const got = await c.next(replyType, n, from);
  expect(got.length).toBe(n);
  return got;
}

describe('gateway over FIX 4.4', () => {
  it('fills a buy across three price levels with exact per-fill and cumulative fields on both sides', async () => {
    const s = [id('S'), id('S'), id('S')];
    const pxs = ['190.1', '190.11', '190.12'];
    const qtys = [100, 200, 300];
    for (let k = 0; k < 3; k++) {
      const [m] = await send(maker, 'D', nos(s[k], '2', qtys[k], pxs[k]), '8', 1);
      er(m, { 11: s[k], 150: '0', 39: '0', 14: 0, 151: qtys[k], 6: 0, 38: qtys[k], 44: pxs[k], 40: '2', 59: '0', 54: '2', 55: 'AAPL' });
      expect(m.has(32)).toBe(false);
    }
    const b = id('B');
    const makerFrom = maker.of('8').length;
    const got = await send(taker, 'D', nos(b, '1', 450, '190.12'), '8', 4);
    er(got[0], { 11: b, 150: '0', 39: '0', 14: 0, 151: 450, 38: 450 });
    const fills: Array<[number, number]> = [];
    const exp = [[190.1, 100], [190.11, 200], [190.12, 150]];
    for (let k = 0; k < 3; k++) {
      fills.push([exp[k][0], exp[k][1]]);
      const cum = fills.reduce((a, [, n]) => a + n, 0);
      er(got[k + 1], { 11: b, 150: 'F', 39: k < 2 ? '1' : '2', 32: exp[k][1], 31: String(exp[k][0]), 151: 450 - cum, 38: 450 }, fills);
    }
    expect(new Set(got.map((m) => m.get(17))).size).toBe(4); // ExecIDs unique
    expect(new Set(got.map((m) => m.get(37))).size).toBe(1);
    const mk = await maker.next('8', 3, makerFrom);
    er(mk[0], { 11: s[0], 150: 'F', 39: '2', 32: 100, 31: '190.1', 151: 0, 14: 100 }, [[190.1, 100]]);
    er(mk[1], { 11: s[1], 150: 'F', 39: '2', 32: 200, 31: '190.11', 151: 0, 14: 200 }, [[190.11, 200]]);
    er(mk[2], { 11: s[2], 150: 'F', 39: '1', 32: 150, 31: '190.12', 151: 150, 14: 150 }, [[190.12, 150]]);
    // status of the partially filled maker order: ExecType I, OrdStatus 1, totals, the request id echoed
    const [st] = await send(maker, 'H', [[11, s[2]], [55, 'AAPL'], [54, '2'], [790, 'Q1']], '8', 1);
    er(st, { 11: s[2], 150: 'I', 39: '1', 14: 150, 151: 150, 790: 'Q1', 38: 300 }, [[190.12, 150]]);
    // and of a filled one
    const [st2] = await send(maker, 'H', [[11, s[0]], [55, 'AAPL'], [54, '2']], '8', 1);
    er(st2, { 11: s[0], 150: 'I', 39: '2', 14: 100, 151: 0 });
    // unknown order: OrdStatus 8 (rejected), nothing open
    const [st3] = await send(maker, 'H', [[11, 'NOPE'], [55, 'AAPL'], [54, '2']], '8', 1);
    er(st3, { 11: 'NOPE', 150: 'I', 39: '8', 37: 'NONE', 14: 0, 151: 0 });
    // the client validated every message against FIX44.xml: nothing rejected
    expect(maker.of('3').length + taker.of('3').length).toBe(0);
    // clean up: cancel the rest (ClOrdID of the cancel, OrigClOrdID of the order)
    const c = id('X');
    const [cx] = await send(maker, 'F', [[41, s[2]], [11, c], [55, 'AAPL'], [54, '2'], TT, [38, 300]], '8', 1);
    er(cx, { 11: c, 41: s[2], 150: '4', 39: '4', 14: 150, 151: 0 }, [[190.12, 150]]);
    expect(fx.venue.engine(0).orderCount()).toBe(0);
  });

  it('FOK that cannot fill is cancelled with no fill; IOC fills what it can; a market order with no liquidity is cancelled', async () => {
    const s = id('S');
    await send(maker, 'D', nos(s, '2', 300, '191'), '8', 1);
    const f = id('F');
    const fok = await send(taker, 'D', nos(f, '1', 1000, '191', [[59, '4']]), '8', 2);
    er(fok[0], { 11: f, 150: '0', 39: '0', 59: '4' });
    er(fok[1], { 11: f, 150: '4', 39: '4', 14: 0, 151: 0, 59: '4' });
    expect(fx.venue.engine(0).orderQty(fx.gateway.order('MAKER', s)!.id)).toBe(300); // untouched
    const i = id('I');
    const ioc = await send(taker, 'D', nos(i, '1', 500, '191', [[59, '3']]), '8', 3);
    er(ioc[1], { 150: 'F', 39: '1', 32: 300, 31: '191', 14: 300, 151: 200 });
    er(ioc[2], { 150: '4', 39: '4', 14: 300, 151: 0 }, [[191, 300]]);
    const m = id('M');
    const mkt = await send(taker, 'D', nos(m, '1', 100, null), '8', 2);
    er(mkt[0], { 150: '0', 39: '0', 40: '1' });
    expect(mkt[0].has(44)).toBe(false);
    er(mkt[1], { 150: '4', 39: '4', 14: 0, 151: 0 });
    // a market order against liquidity fills at the resting price
    const s2 = id('S');
    await send(maker, 'D', nos(s2, '2', 100, '191.5'), '8', 1);
    const m2 = id('M');
    const mkt2 = await send(taker, 'D', nos(m2, '1', 100, null), '8', 2);
    er(mkt2[1], { 150: 'F', 39: '2', 32: 100, 31: '191.5', 14: 100, 151: 0 }, [[191.5, 100]]);
  });

  it('post-only: rejected when it would cross, resting when it would not', async () => {
    const s = id('S');
    await send(maker, 'D', nos(s, '2', 100, '192'), '8', 1);
    const p = id('P');
    const [r] = await send(taker, 'D', nos(p, '1', 100, '192', [[18, '6']]), '8', 1);
    er(r, { 11: p, 150: '8', 39: '8', 103: 99, 58: 'post-only order would cross', 14: 0, 151: 0, 18: '6' });
    const p2 = id('P');
    const [ok] = await send(taker, 'D', nos(p2, '1', 100, '191.99', [[18, '6']]), '8', 1);
    er(ok, { 11: p2, 150: '0', 39: '0', 18: '6', 151: 100 });
    expect(fx.venue.engine(0).bestBid()).toBe(1_919_900);
    await send(taker, 'F', [[41, p2], [11, id('X')], [55, 'AAPL'], [54, '1'], TT, [38, 100]], '8', 1);
    await send(maker, 'F', [[41, s], [11, id('X')], [55, 'AAPL'], [54, '2'], TT, [38, 100]], '8', 1);
  });

  it('replace: a size decrease at the same price keeps priority, a size increase loses it', async () => {
    const [a1, a2, a3] = [id('A'), id('A'), id('A')];
    await send(maker, 'D', nos(a1, '2', 100, '193'), '8', 1);
    await send(maker, 'D', nos(a2, '2', 100, '193'), '8', 1);
    const r1 = id('R');
    const [rp] = await send(maker, 'G', [[41, a1], [11, r1], [55, 'AAPL'], [54, '2'], TT, [38, 60], [40, '2'], [44, '193']], '8', 1);
    er(rp, { 11: r1, 41: a1, 150: '5', 39: '0', 38: 60, 151: 60, 14: 0, 44: '193' });
    // a 60-share buy trades with the replaced order (still first in the queue)
    const mFrom = maker.of('8').length;
    await send(taker, 'D', nos(id('B'), '1', 60, '193', [[59, '3']]), '8', 2);
    const [f1] = await maker.next('8', 1, mFrom);
    er(f1, { 11: r1, 41: a1, 150: 'F', 39: '2', 32: 60, 38: 60, 14: 60, 151: 0 });
    // a2 is now first; a3 joins behind it; a2 grows to 200 and goes behind a3
    await send(maker, 'D', nos(a3, '2', 100, '193'), '8', 1);
    const r2 = id('R');
    const [rp2] = await send(maker, 'G', [[41, a2], [11, r2], [55, 'AAPL'], [54, '2'], TT, [38, 200], [40, '2'], [44, '193']], '8', 1);
    er(rp2, { 11: r2, 41: a2, 150: '5', 39: '0', 38: 200, 151: 200 });
    const mFrom2 = maker.of('8').length;
    await send(taker, 'D', nos(id('B'), '1', 100, '193', [[59, '3']]), '8', 2);
    const [f2] = await maker.next('8', 1, mFrom2);
    er(f2, { 11: a3, 150: 'F', 39: '2', 32: 100 });
    // replace of a partially filled order: OrderQty is the new total, leaves = total - filled
    await send(taker, 'D', nos(id('B'), '1', 50, '193', [[59, '3']]), '8', 2);
    const r3 = id('R');
    const [rp3] = await send(maker, 'G', [[41, r2], [11, r3], [55, 'AAPL'], [54, '2'], TT, [38, 120], [40, '2'], [44, '193.5']], '8', 1);
    er(rp3, { 11: r3, 41: r2, 150: '5', 39: '1', 38: 120, 14: 50, 151: 70, 44: '193.5' }, [[193, 50]]);
    // the old ClOrdID of a replaced order is too late; an unknown one is unknown
    const [cr] = await send(maker, 'F', [[41, a1], [11, id('X')], [55, 'AAPL'], [54, '2'], TT, [38, 60]], '9', 1);
    expect([cr.get(102), cr.get(434), cr.get(39)]).toEqual(['0', '1', '2']);
    const x = id('X');
    const [cu] = await send(maker, 'F', [[41, 'UNKNOWN'], [11, x], [55, 'AAPL'], [54, '2'], TT, [38, 60]], '9', 1);
    expect([cu.get(37), cu.get(11), cu.get(41), cu.get(102), cu.get(434), cu.get(39)]).toEqual(['NONE', x, 'UNKNOWN', '1', '1', '8']);
    const [cr2] = await send(maker, 'G', [[41, 'UNKNOWN'], [11, id('X')], [55, 'AAPL'], [54, '2'], TT, [38, 60], [40, '2'], [44, '193']], '9', 1);
    expect([cr2.get(102), cr2.get(434)]).toEqual(['1', '2']);
    // a duplicate ClOrdID on a cancel
    const [cd] = await send(maker, 'F', [[41, r3], [11, a1], [55, 'AAPL'], [54, '2'], TT, [38, 60]], '9', 1);
    expect(cd.get(102)).toBe('6');
    await send(maker, 'F', [[41, r3], [11, id('X')], [55, 'AAPL'], [54, '2'], TT, [38, 120]], '8', 1);
    expect(fx.venue.engine(0).orderCount()).toBe(0);
  });

  it('GTD expires at its ExpireTime, GTC rests, a duplicate ClOrdID is rejected', async () => {
    const g = id('G');
    const expMs = fx.time.epochMs + Math.floor(fx.time.clock.now() / 1e6) + 60_000;
    const d = new Date(expMs).toISOString().replace(/-/g, '').replace('T', '-').replace('Z', '');
    const [a] = await send(maker, 'D', nos(g, '2', 100, '194', [[59, '6'], [126, d]]), '8', 1);
    er(a, { 150: '0', 59: '6', 126: d });
    const from = maker.of('8').length;
    fx.venue.advanceTime(fx.time.clock.now() + 61e9);
    const [e] = await maker.next('8', 1, from);
    er(e, { 11: g, 150: 'C', 39: 'C', 151: 0, 14: 0 });
    const gtc = id('T');
    const [t] = await send(maker, 'D', nos(gtc, '2', 100, '194', [[59, '1']]), '8', 1);
    er(t, { 150: '0', 59: '1' });
    const [dup] = await send(maker, 'D', nos(gtc, '2', 100, '194'), '8', 1);
    er(dup, { 150: '8', 39: '8', 103: 6 });
    await send(maker, 'F', [[41, gtc], [11, id('X')], [55, 'AAPL'], [54, '2'], TT, [38, 100]], '8', 1);
  });
});
