// Fuzz (fast-check): random and mutated messages into a logged-on acceptor. The session must never
// throw or hang, and each message must get the outcome the protocol prescribes: garbled -> no
// answer at all; a dictionary violation -> one Reject carrying the validator's 373 and 371;
// a valid order -> delivered to the application (or the sequence-number handling).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Pair, dict44 } from './harness.js';
import { FixMessageView, DecodeStatus } from '../../src/fix/codec/decoder.js';
import { referenceEncode } from '../../src/fix/codec/reference.js';
import { formatUtcTimestamp } from '../../src/fix/codec/time.js';
import { MessageStructure, validateMessage } from '../../src/fix/dictionary/index.js';

const field = (msg: string, tag: number) => msg.split('|').find((f) => f.startsWith(`${tag}=`))?.slice(String(tag).length + 1);

describe('session fuzz', () => {
  it('answers random and mutated messages as prescribed, never throwing', () => {
    const valueArb = fc.oneof(fc.constantFrom('1', '2', 'INTC', '100', '101.25', '', 'Y', '20260105-10:00:00', '-1', 'x=y'), fc.stringMatching(/^[ -~]{0,6}$/));
    const tagArb = fc.oneof(fc.constantFrom(11, 21, 38, 40, 44, 54, 55, 59, 60, 34, 49, 52, 56, 453, 448, 447, 452, 999, 5000), fc.integer({ min: 1, max: 1000 }));
    const mutation = fc.record({
      kind: fc.constantFrom('none', 'byte', 'drop', 'add', 'value'),
      pos: fc.nat(),
      byte: fc.integer({ min: 0, max: 255 }),
      tag: tagArb,
      value: valueArb,
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (muts) => {
        const p = new Pair({ heartBtInt: 30 });
        p.connect();
        const view = new FixMessageView(1024, dict44.dataTags());
        for (const m of muts) {
          const seq = p.acc.expectedTargetNum;
          const ts = formatUtcTimestamp(p.time.epochMs + p.clock.now() / 1e6);
          let fields = [
            { tag: 35, value: 'D' }, { tag: 34, value: String(seq) }, { tag: 49, value: 'BANZAI' }, { tag: 52, value: ts }, { tag: 56, value: 'EXEC' },
            { tag: 11, value: `F${seq}` }, { tag: 38, value: '100' }, { tag: 40, value: '1' }, { tag: 54, value: '1' }, { tag: 55, value: 'INTC' }, { tag: 60, value: ts },
          ];
          if (m.kind === 'drop') fields = fields.filter((_f, i) => i !== 5 + (m.pos % 6));
          if (m.kind === 'add') fields.splice(5 + (m.pos % 7), 0, { tag: m.tag, value: m.value });
          if (m.kind === 'value') fields[5 + (m.pos % 6)] = { tag: fields[5 + (m.pos % 6)].tag, value: m.value };
          let s = referenceEncode('FIX.4.4', fields);
          if (m.kind === 'byte') {
            const k = m.pos % s.length;
            s = s.slice(0, k) + String.fromCharCode(m.byte) + s.slice(k + 1);
          }
          const b = Buffer.from(s, 'latin1');
          const before = { toIni: p.toIni.length, got: p.accApp.got.length };
          const st = view.decode(b, 0, b.length);
          let expectedReject = -1;
          let expectedTag = 0;
          if (st === DecodeStatus.Ok && view.get(49) === 'BANZAI' && view.get(56) === 'EXEC' && view.get(8) === 'FIX.4.4') {
            const r = validateMessage(view, new MessageStructure().build(view, dict44), dict44, { reason: -1, tag: 0 });
            expectedReject = r.reason;
            expectedTag = r.tag;
          }
          expect(() => {
            p.acc.onFrame(b, 0, b.length);
            p.pump();
          }).not.toThrow();
          const answers = p.toIni.slice(before.toIni);
          if (st !== DecodeStatus.Ok) {
            expect(answers).toEqual([]); // garbled: ignored, never answered
            // ... except that a garbled Logon ends the connection, as QuickFIX's Session::next does
            const garbledLogon = s.split('\x01')[2] === '35=A'; // one byte changed: the rest still decodes
            expect(p.acc.loggedOn).toBe(!garbledLogon);
          } else if (expectedReject >= 0) {
            expect(answers.length).toBe(1);
            expect(field(answers[0], 35)).toBe('3');
            expect(field(answers[0], 373)).toBe(String(expectedReject));
            if (expectedTag !== 0) expect(field(answers[0], 371)).toBe(String(expectedTag));
          } else if (m.kind === 'none') {
            expect(p.accApp.got.length).toBe(before.got + 1);
          }
          if (!p.acc.connected) break;
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
  });
});
