// Bad input over FIX: malformed messages get session-level Rejects with the FIX layer's
// SessionRejectReason; off-tick, bad-lot, out-of-band, unknown-instrument and oversized orders get
// ExecutionReports Rejected with OrdRejReason and Text; a flood trips the throttle (rejects, then a
// logout); a disconnect cancels the session's orders when so configured, and not otherwise.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSessionPolicy, type SessionPolicy } from '../../src/exchange/orders.js';
import { AAPL, fixture, id, nos, TT, until, type Client, type Fixture, type Msg } from './helpers.js';

let fx: Fixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

async function one(c: Client, type: string, fields: Array<[number, string | number]>, reply: string): Promise<Msg> {
  const from = c.of(reply).length;
  c.send(type, fields);
  const got = await c.next(reply, 1, from);
  expect(got.length).toBe(1);
  return got[0];
}

const policy = (over: Partial<SessionPolicy>) => () => ({ ...defaultSessionPolicy, ...over });

describe('bad input', () => {
  it('malformed messages: session Reject with the SessionRejectReason and RefTagID', async () => {
    fx = await fixture();
    const c = await fx.client('BAD');
    // no Side (54): required tag missing
    let r = await one(c, 'D', [[11, id()], [55, 'AAPL'], TT, [38, 100], [40, '2'], [44, '190']], '3');
    expect([r.get(373), r.get(371), r.get(372)]).toEqual(['1', '54', 'D']);
    // Price not a number: incorrect data format
    r = await one(c, 'D', nos(id(), '1', 100, 'abc'), '3');
    expect([r.get(373), r.get(371)]).toEqual(['6', '44']);
    // Side outside its enum: value incorrect
    r = await one(c, 'D', nos(id(), 'Z' as '1', 100, '190'), '3');
    expect([r.get(373), r.get(371)]).toEqual(['5', '54']);
    // an undefined tag: QuickFIX's answer, InvalidTagNumber
    r = await one(c, 'D', nos(id(), '1', 100, '190', [[9999, 'x']]), '3');
    expect([r.get(373), r.get(371), r.get(58)]).toEqual(['0', '9999', 'Invalid tag number']);
    // nothing reached the venue, the session stays up
    expect(fx.gateway.counters.orders).toBe(0);
    expect(c.session.loggedOn).toBe(true);
    // an application message the venue does not take: BusinessMessageReject
    r = await one(c, 'R', [[131, 'Q1'], [146, 1], [55, 'AAPL']], 'j');
    expect(r.get(380)).toBe('3');
  });

  it('business rejects: off tick, finer than a price unit, bad lot, outside the band, unknown symbol, oversized', async () => {
    fx = await fixture(policy({ maxOrderQty: 5000 }), [AAPL, { symbol: 'LOT', referencePx: 500_000, engine: { lotSize: 100, maxQty: 1_000_000 } }]);
    const c = await fx.client('BAD');
    const cases: Array<[Array<[number, string | number]>, number, string]> = [
      [nos(id(), '1', 100, '190.005'), 99, 'price not on a valid tick'],
      [nos(id(), '1', 100, '190.00001'), 99, 'price not on a valid tick'],
      [nos(id(), '1', 150, '50', [], 'LOT'), 13, 'quantity not a multiple of the lot size'],
      [nos(id(), '1', 100, '250'), 99, 'price outside the price band'],
      [nos(id(), '1', 100, '190', [], 'ZZZZ'), 1, 'unknown symbol'],
      [nos(id(), '1', 6000, '190'), 3, 'OrderQty above the session limit 5000'],
      [nos(id(), '1', 100.5, '190'), 13, 'quantity must be a positive integer'],
      [nos(id(), '1', 100, '190', [[59, '6']]), 99, 'GTD needs ExpireTime'],
      [nos(id(), '1', 100, '190', [[59, '2']]), 11, 'unsupported time in force'],
      [nos(id(), '1', 100, null, [[18, '6']]), 11, 'unsupported ExecInst for this order'],
      [nos(id(), '1', 100, '190', [[59, '6'], [126, '20200101-00:00:00']]), 99, 'ExpireTime must be in the future'],
    ];
    for (const [fields, reason, text] of cases) {
      const m = await one(c, 'D', fields, '8');
      expect([m.get(150), m.get(39), m.get(103), m.get(58), m.get(14), m.get(151)], String(fields[0][1])).toEqual(['8', '8', String(reason), text, '0', '0']);
      expect(m.get(55)).toBe(fields[1][1]);
    }
    // the engine's own maximum (1M shares) without a session limit
    fx.gateway.session('BAD')!.policy.maxOrderQty = 0;
    const big = await one(c, 'D', nos(id(), '1', 2_000_000, '190'), '8');
    expect([big.get(150), big.get(103), big.get(58)]).toEqual(['8', '3', 'order size above the maximum']);
    expect(fx.venue.engine(0).orderCount() + fx.venue.engine(1).orderCount()).toBe(0);
    expect(c.of('3').length).toBe(0); // every report valid against FIX44.xml
  });

  it('a flood trips the throttle: rejects above the first threshold, a logout above the second', async () => {
    fx = await fixture(policy({ throttle: { windowMs: 60_000, rejectAbove: 20, disconnectAbove: 40 } }));
    const c = await fx.client('FLOOD');
    for (let k = 0; k < 60; k++) c.send('D', nos(`F${k}`, '1', 100, (180 + (k % 10) / 100).toFixed(2)));
    expect(await until(() => !c.session.loggedOn && c.of('5').length > 0, 5000)).toBe(true);
    const ers = c.of('8');
    expect(ers.filter((m) => m.get(150) === '0').length).toBe(20);
    const rejected = ers.filter((m) => m.get(150) === '8');
    expect(rejected.length).toBe(20);
    for (const m of rejected) expect([m.get(103), m.get(58)]).toEqual(['99', 'throttle: message rate above the limit']);
    expect(c.of('5')[0].get(58)).toMatch(/^throttle: more than 40 messages/);
    expect(fx.gateway.counters.throttled).toBe(20);
    expect(fx.gateway.counters.throttleDisconnects).toBe(1);
    // cancel-on-disconnect (the default) removed the 20 accepted orders
    expect(fx.venue.engine(0).orderCount()).toBe(0);
  });

  it('unsupported application messages count against the throttle too', async () => {
    fx = await fixture(policy({ throttle: { windowMs: 60_000, rejectAbove: 3, disconnectAbove: 100 } }));
    const c = await fx.client('NOISY');
    for (let k = 0; k < 3; k++) await one(c, 'R', [[131, `Q${k}`], [146, 1], [55, 'AAPL']], 'j');
    const m = await one(c, 'D', nos(id(), '1', 100, '190'), '8');
    expect([m.get(150), m.get(58)]).toEqual(['8', 'throttle: message rate above the limit']);
  });

  it('a disconnect cancels the session\'s orders when so configured, and not otherwise', async () => {
    fx = await fixture((comp) => ({ ...defaultSessionPolicy, cancelOnDisconnect: comp === 'COD' }));
    const cod = await fx.client('COD');
    const keep = await fx.client('KEEP');
    for (let k = 0; k < 3; k++) {
      await one(cod, 'D', nos(id(), '1', 100, (185 + k).toFixed(2)), '8');
      await one(keep, 'D', nos(id(), '2', 100, (195 + k).toFixed(2)), '8');
    }
    const e = fx.venue.engine(0);
    expect(e.orderCount()).toBe(6);
    await cod.stop();
    await keep.stop();
    expect(await until(() => fx!.acceptor.sessions.get('COD')!.connected === false && fx!.acceptor.sessions.get('KEEP')!.connected === false)).toBe(true);
    expect(e.orderCount()).toBe(3);
    expect(e.bestBid() !== e.bestBid()).toBe(true); // no bids left: NaN
    expect(e.bestAsk()).toBe(1_950_000);
    expect(fx.gateway.counters.cancelledOnDisconnect).toBe(3);
    expect(fx.gateway.session('COD')!.live.size).toBe(0);
    expect(fx.gateway.session('KEEP')!.live.size).toBe(3);
  });

  it('only listed CompIDs may log on when the configuration lists them', async () => {
    fx = await fixture(undefined, [AAPL], new Set(['GOOD']));
    const good = await fx.client('GOOD');
    expect(good.session.loggedOn).toBe(true);
    await expect(fx.client('EVIL', 800)).rejects.toThrow(/no logon/);
    expect(fx.acceptor.sessions.has('EVIL')).toBe(false);
    expect([...fx.acceptor.sessions.keys()]).toEqual(['GOOD']);
  });
});
