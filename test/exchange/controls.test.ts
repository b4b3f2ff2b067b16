// Venue-side controls over FIX: self-match prevention per session and per firm (owner ids), halts,
// replaces refused by the price band, and the pure helpers that format prices.
import { afterEach, describe, expect, it } from 'vitest';
import { formatAvgPx, formatUnits, significantDecimals } from '../../src/exchange/fields.js';
import { defaultSessionPolicy, type SessionPolicy } from '../../src/exchange/orders.js';
import { fixture, id, nos, TT, type Client, type Fixture, type Msg } from './helpers.js';

let fx: Fixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

async function send(c: Client, type: string, fields: Array<[number, string | number]>, reply: string, n = 1): Promise<Msg[]> {
  const from = c.of(reply).length;
  c.send(type, fields);
  const got = await c.next(reply, n, from);
  expect(got.length).toBe(n);
  return got;
}

describe('controls', () => {
  it('self-match prevention per firm: same firm cancels the newest, another firm trades', async () => {
    const policies: Record<string, Partial<SessionPolicy>> = { A1: { firm: 'ACME', selfMatch: 'cancel-newest' }, A2: { firm: 'ACME', selfMatch: 'cancel-newest' }, B: { selfMatch: 'cancel-newest' } };
    fx = await fixture((c) => ({ ...defaultSessionPolicy, ...policies[c] }));
    const [a1, a2, b] = [await fx.client('A1'), await fx.client('A2'), await fx.client('B')];
    expect(fx.gateway.session('A1')!.owner).toBe(fx.gateway.session('A2')!.owner);
    expect(fx.gateway.session('B')!.owner).not.toBe(fx.gateway.session('A1')!.owner);
    const s = id('S');
    await send(a1, 'D', nos(s, '2', 100, '190'), '8');
    const x = id('X');
    const [acc, cxl] = await send(a2, 'D', nos(x, '1', 100, '190'), '8', 2);
    expect([acc.get(150), cxl.get(150), cxl.get(39), cxl.get(14), cxl.get(58)]).toEqual(['0', '4', '4', '0', 'self-match prevention']);
    expect(fx.venue.engine(0).orderCount()).toBe(1); // the resting order of the firm stays
    const y = id('Y');
    const [, fill] = await send(b, 'D', nos(y, '1', 100, '190'), '8', 2);
    expect([fill.get(150), fill.get(39), fill.get(32), fill.get(31)]).toEqual(['F', '2', '100', '190']);
  });

  it('self-match prevention per session: cancel-oldest removes the resting order and the new one rests', async () => {
    fx = await fixture(() => ({ ...defaultSessionPolicy, selfMatch: 'cancel-oldest' }));
    const c = await fx.client('SOLO');
    const s = id('S');
    await send(c, 'D', nos(s, '2', 100, '190'), '8');
    const bId = id('B');
    const got = await send(c, 'D', nos(bId, '1', 100, '190'), '8', 2);
    const cancelled = got.find((m) => m.get(11) === s)!;
    expect([cancelled.get(150), cancelled.get(39), cancelled.get(58)]).toEqual(['4', '4', 'self-match prevention']);
    expect(got.find((m) => m.get(11) === bId)!.get(150)).toBe('0');
    expect(fx.venue.engine(0).bestBid()).toBe(1_900_000);
    expect(fx.venue.engine(0).orderCount()).toBe(1);
  });

  it('ClOrdIDs are per session: another session cannot cancel, replace or query an order', async () => {
    fx = await fixture();
    const [a, b] = [await fx.client('A'), await fx.client('B')];
    const s = id('S');
    await send(a, 'D', nos(s, '2', 100, '191'), '8');
    const [c] = await send(b, 'F', [[41, s], [11, id('X')], [55, 'AAPL'], [54, '2'], TT, [38, 100]], '9');
    expect([c.get(37), c.get(102), c.get(434)]).toEqual(['NONE', '1', '1']);
    const [q] = await send(b, 'H', [[11, s], [55, 'AAPL'], [54, '2']], '8');
    expect([q.get(150), q.get(39), q.get(37)]).toEqual(['I', '8', 'NONE']);
    // the same ClOrdID is free in B's session, and A's order is untouched
    const [n] = await send(b, 'D', nos(s, '1', 100, '189'), '8');
    expect([n.get(150), n.get(11)]).toEqual(['0', s]);
    expect(n.get(37)).not.toBe(fx.gateway.order('A', s)!.orderId);
    expect(fx.venue.engine(0).orderCount()).toBe(2);
  });

  it('a halt rejects new orders (exchange closed) but takes cancels; a replace outside the band is refused', async () => {
    fx = await fixture();
    const c = await fx.client('H');
    const s = id('S');
    await send(c, 'D', nos(s, '2', 100, '191'), '8');
    fx.venue.halt(0, fx.time.clock.now());
    const [r] = await send(c, 'D', nos(id(), '1', 100, '190'), '8');
    expect([r.get(150), r.get(103), r.get(58)]).toEqual(['8', '2', 'trading halted']);
    const [rr] = await send(c, 'G', [[41, s], [11, id('R')], [55, 'AAPL'], [54, '2'], TT, [38, 100], [40, '2'], [44, '191.5']], '9');
    expect([rr.get(102), rr.get(434), rr.get(58)]).toEqual(['2', '2', 'trading halted']);
    fx.venue.resume(0, fx.time.clock.now());
    const r2 = id('R');
    const [band] = await send(c, 'G', [[41, s], [11, r2], [55, 'AAPL'], [54, '2'], TT, [38, 100], [40, '2'], [44, '250']], '9');
    expect([band.get(11), band.get(41), band.get(102), band.get(434), band.get(39), band.get(58)]).toEqual([r2, s, '99', '2', '0', 'price outside the price band']);
    expect(fx.venue.engine(0).orderPrice(fx.gateway.order('H', s)!.id)).toBe(1_910_000); // unchanged
    fx.venue.halt(0, fx.time.clock.now());
    const [cx] = await send(c, 'F', [[41, s], [11, id('X')], [55, 'AAPL'], [54, '2'], TT, [38, 100]], '8');
    expect([cx.get(150), cx.get(39)]).toEqual(['4', '4']);
  });

  it('formats prices and averages exactly and spots sub-unit prices', () => {
    expect(formatUnits(1_905_000, 4)).toBe('190.5');
    expect(formatUnits(1_900_000, 4)).toBe('190');
    expect(formatUnits(1, 4)).toBe('0.0001');
    expect(formatUnits(-25, 2)).toBe('-0.25');
    expect(formatAvgPx(1_000_000 * 100 + 1_000_100 * 200, 300, 4)).toBe('100.00666667');
    expect(formatAvgPx(0, 0, 4)).toBe('0');
    const b = Buffer.from('190.0100|190|190.00001|.5', 'latin1');
    const parts = [[0, 8], [9, 12], [13, 22], [23, 25]];
    expect(parts.map(([s, e]) => significantDecimals(b, s, e))).toEqual([2, 0, 5, 1]);
  });
});
