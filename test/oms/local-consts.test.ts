// The OMS keeps module-local copies of the constants its hot methods use (V8 folds a module's own
// unexported consts, not imported or exported ones): each copy must equal the constant it copies.

import { describe, expect, it } from 'vitest';
import { OrderEvent } from '../../src/core/events.js';
import { SIDE_BID } from '../../src/core/units.js';
import { OMS_CONSTS, OmsResult } from '../../src/oms/oms.js';
import { EVENT_COUNT, ILLEGAL, OrdStatus, STALE, STATUS_COUNT, STAY, TABLE, TABLE_CONSTS, WORKING } from '../../src/oms/table.js';

const camel = (k: string): string => k.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());

describe('OMS constant copies', () => {
  it('oms.ts copies match their originals', () => {
    const c = OMS_CONSTS as Record<string, number>;
    const expected: Record<string, number> = {
      N_EVENTS: EVENT_COUNT, OUT_ILLEGAL: ILLEGAL, OUT_STALE: STALE, OUT_STAY: STAY, OUT_WORKING: WORKING, BID: SIDE_BID,
      RES_OK: OmsResult.Ok, RES_DUPLICATE: OmsResult.Duplicate, RES_STALE: OmsResult.Stale,
    };
    const ev = OrderEvent as unknown as Record<string, number>;
    const st = OrdStatus as unknown as Record<string, number>;
    for (const k of Object.keys(c)) {
      if (k.startsWith('EV_')) expected[k] = ev[`Order${camel(k.slice(3))}`];
      if (k.startsWith('ST_')) expected[k] = st[camel(k.slice(3))];
    }
    expect(Object.keys(c).length).toBe(24);
    for (const k of Object.keys(c)) expect([k, c[k]]).toEqual([k, expected[k]]);
  });

  it('table.ts copies match their originals', () => {
    const t = TABLE_CONSTS;
    expect(t.FLAT).toBe(TABLE);
    expect([t.N_STATUS, t.N_EVENTS, t.OUT_ILLEGAL]).toEqual([STATUS_COUNT, EVENT_COUNT, ILLEGAL]);
    expect([t.ST_FILLED, t.ST_CANCELLED, t.ST_REJECTED, t.ST_EXPIRED, t.ST_DONE_FOR_DAY]).toEqual([
      OrdStatus.Filled, OrdStatus.Cancelled, OrdStatus.Rejected, OrdStatus.Expired, OrdStatus.DoneForDay,
    ]);
  });
});
