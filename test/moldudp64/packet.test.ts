import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MoldHeader, MoldStatus, encodeMoldControl, encodeMoldPacket, encodeMoldRequest, moldSession, moldSessionName,
  parseMoldPacket, parseMoldRequest, sameSession,
} from '../../src/feed/moldudp64/packet.js';
import { RetransmitStore } from '../../src/feed/moldudp64/retransmit.js';

const S = moldSession('SESS01');

describe('MoldUDP64 packets', () => {
  it('lays out the header as session(10) sequence(8) count(2)', () => {
    const p = encodeMoldPacket(S, 0x1_0000_0002, [Buffer.from('ab'), Buffer.from('xyz')]);
    expect(p.toString('latin1', 0, 10)).toBe('SESS01    ');
    expect(p.readUInt32BE(10)).toBe(1);
    expect(p.readUInt32BE(14)).toBe(2);
    expect(p.readUInt16BE(18)).toBe(2);
    expect(p.readUInt16BE(20)).toBe(2);
    expect(p.toString('latin1', 22, 24)).toBe('ab');
    expect(p.readUInt16BE(24)).toBe(3);
    expect(p.length).toBe(29);
    expect(moldSessionName(p)).toBe('SESS01');
    expect(sameSession(p, S)).toBe(true);
    expect(sameSession(p, moldSession('OTHER'))).toBe(false);
  });

  it('round-trips random packets', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.array(fc.uint8Array({ maxLength: 60 }), { maxLength: 30 }), (seq, msgs) => {
        const p = encodeMoldPacket(S, seq, msgs);
        const h = new MoldHeader();
        expect(parseMoldPacket(p, p.length, h)).toBe(MoldStatus.Ok);
        expect(h.sequence).toBe(seq);
        expect(h.count).toBe(msgs.length);
      }),
    );
  });

  it('recognises heartbeats and end of session, and rejects malformed packets with a reason', () => {
    const h = new MoldHeader();
    expect(parseMoldPacket(encodeMoldControl(S, 42, 0), 20, h)).toBe(MoldStatus.Ok);
    expect([h.sequence, h.count]).toEqual([42, 0]);
    expect(parseMoldPacket(encodeMoldControl(S, 43, 0xffff), 20, h)).toBe(MoldStatus.Ok);
    expect(h.count).toBe(0xffff);
    const good = encodeMoldPacket(S, 1, [Buffer.from('hello')]);
    const cases: [Buffer, RegExp][] = [
      [good.subarray(0, 19), /shorter than the 20-byte header/],
      [good.subarray(0, good.length - 1), /runs past the packet end/],
      [Buffer.concat([good, Buffer.from([1])]), /1 bytes after the last/],
      [Buffer.concat([encodeMoldControl(S, 1, 0), Buffer.from([0])]), /after a heartbeat/],
      [Buffer.concat([good.subarray(0, 10), Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1, 0, 0])]), /2\^53/],
      [Buffer.concat([good.subarray(0, 18), Buffer.from([0, 2]), good.subarray(20)]), /message 2 of 2: no length/],
    ];
    for (const [buf, why] of cases) {
      expect(parseMoldPacket(buf, buf.length, h)).toBe(MoldStatus.BadPacket);
      expect(h.problem).toMatch(why);
    }
  });

  it('never throws on random bytes', () => {
    const h = new MoldHeader();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (a) => {
        const b = Buffer.from(a);
        expect([MoldStatus.Ok, MoldStatus.BadPacket]).toContain(parseMoldPacket(b, b.length, h));
        expect([MoldStatus.Ok, MoldStatus.BadPacket]).toContain(parseMoldRequest(b, b.length, h));
      }),
      { numRuns: 1000 },
    );
  });

  it('encodes and parses request packets', () => {
    const h = new MoldHeader();
    const r = encodeMoldRequest(S, 1234, 56);
    expect(r.length).toBe(20);
    expect(parseMoldRequest(r, 20, h)).toBe(MoldStatus.Ok);
    expect([h.sequence, h.count]).toEqual([1234, 56]);
    expect(parseMoldRequest(encodeMoldRequest(S, 0, 5), 20, h)).toBe(MoldStatus.BadPacket);
    expect(parseMoldRequest(encodeMoldRequest(S, 5, 0), 20, h)).toBe(MoldStatus.BadPacket);
    expect(parseMoldRequest(r.subarray(0, 19), 19, h)).toBe(MoldStatus.BadPacket);
    expect(() => moldSession('ELEVENCHARS')).toThrow();
  });
});

describe('RetransmitStore', () => {
  it('holds the last messages within its count and byte bounds, like a simple model', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 64, max: 256 }), fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 100 }), (slots, bytes, lens) => {
        const st = new RetransmitStore(slots, bytes);
        const msgs: Buffer[] = [];
        lens.forEach((len, i) => {
          const m = Buffer.alloc(len, (i * 7 + 1) & 0xff);
          msgs.push(m);
          st.put(10 + i, m, 0, len);
        });
        const dst = Buffer.alloc(64);
        let bytesAfter = 0;
        for (let i = msgs.length - 1; i >= 0; i--) {
          const held = st.lengthOf(10 + i);
          if (held >= 0) {
            expect(held).toBe(msgs[i].length);
            expect(st.copyTo(10 + i, dst, 3)).toBe(held);
            expect(dst.subarray(3, 3 + held).equals(msgs[i])).toBe(true);
          }
          // The newest `slots` messages are held whenever they fit in half the arena (padding bound).
          if (msgs.length - i <= slots && bytesAfter + msgs[i].length <= bytes / 2) expect(held).toBe(msgs[i].length);
          bytesAfter += msgs[i].length;
        }
        expect(st.lengthOf(9)).toBe(-1);
        expect(st.lengthOf(10 + msgs.length)).toBe(-1);
      }),
    );
  });

  it('refuses out-of-order puts', () => {
    const st = new RetransmitStore(4, 64);
    st.put(1, Buffer.from('a'), 0, 1);
    expect(() => st.put(3, Buffer.from('b'), 0, 1)).toThrow(/expected 2/);
  });
});
