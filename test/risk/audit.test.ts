// AuditRing: an accept written packed (writeAccept) drains exactly as the same decision written in full
// (write with check, code, scope, limit and observed 0), interleaved with full reject records, across
// the ring's wrap.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditRecord, AuditRing } from '../../src/risk/audit.js';
import { OrderIntent } from '../../src/risk/types.js';

const id = fc.oneof(fc.integer({ min: 0, max: 65_535 }), fc.integer({ min: 65_536, max: 2 ** 31 - 1 }), fc.constantFrom(0, 65_535, 65_536));
const recArb = fc.record({
  ts: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), clOrdId: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  sid: id, aid: id, iid: id, side: fc.nat(1), type: fc.nat(1), qty: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  px: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), hedge: fc.nat(1), check: fc.nat(22), limit: fc.integer(), observed: fc.double({ noNaN: true }),
});

const plain = (r: AuditRecord) => ({ ...r });

describe('AuditRing', () => {
  it('packed accepts drain like full records', () => {
    fc.assert(
      fc.property(fc.array(recArb, { maxLength: 60 }), (recs) => {
        const packed = new AuditRing(16), full = new AuditRing(16), o = new OrderIntent();
        const a: object[] = [], b: object[] = [];
        for (const r of recs) {
          o.set(r.sid, r.aid, r.iid, r.side, r.qty, r.px, r.type, r.clOrdId);
          if (r.check === 0) packed.writeAccept(r.ts, o, r.hedge);
          else packed.write(r.ts, o, r.check, 5000 + r.check, 1, r.limit, r.observed, r.hedge);
          full.write(r.ts, o, r.check, r.check === 0 ? 0 : 5000 + r.check, r.check === 0 ? 0 : 1, r.check === 0 ? 0 : r.limit, r.check === 0 ? 0 : r.observed, r.hedge);
          if (packed.size >= 10) {
            packed.drain((x) => a.push(plain(x)));
            full.drain((x) => b.push(plain(x)));
          }
        }
        packed.drain((x) => a.push(plain(x)));
        full.drain((x) => b.push(plain(x)));
        expect(a).toEqual(b);
        expect(a.length).toBe(recs.length);
      }),
      { numRuns: 200, seed: 4 },
    );
  });
});
