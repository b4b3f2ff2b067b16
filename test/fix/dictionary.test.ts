import { describe, expect, it } from 'vitest';
import { dict42, dict44 } from './harness.js';
import { FixMessageView } from '../../src/fix/codec/decoder.js';
import { referenceEncode, type RefField } from '../../src/fix/codec/reference.js';
import { MessageStructure, validateMessage, SessionRejectReason as R } from '../../src/fix/dictionary/index.js';
import type { FixDictionary } from '../../src/fix/dictionary/index.js';

const hdr = (mt: string): RefField[] => [
  { tag: 35, value: mt }, { tag: 34, value: '2' }, { tag: 49, value: 'A' }, { tag: 52, value: '20260105-10:00:00' }, { tag: 56, value: 'B' },
];
const f = (s: string): RefField[] => s.split('|').filter(Boolean).map((p) => ({ tag: Number(p.slice(0, p.indexOf('='))), value: p.slice(p.indexOf('=') + 1) }));

function check(dd: FixDictionary, fields: RefField[]) {
  const msg = Buffer.from(referenceEncode(dd.beginString, fields), 'latin1');
  const v = new FixMessageView(1024, dd.dataTags());
  expect(v.decode(msg, 0, msg.length)).toBe(0);
  const s = new MessageStructure().build(v, dd);
  const r = validateMessage(v, s, dd, { reason: -1, tag: 0 });
  return [r.reason, r.tag];
}

describe('FixDictionary', () => {
  it('loads messages, required fields, enums, components and nested groups', () => {
    expect(dict44.beginString).toBe('FIX.4.4');
    expect(dict42.beginString).toBe('FIX.4.2');
    const nos = dict44.messages.get('D')!;
    expect(nos.name).toBe('NewOrderSingle');
    expect(nos.required).toEqual([11, 40, 54, 60]); // Symbol sits in Instrument, optional in QuickFIX's FIX44.xml
    expect(dict42.messages.get('D')!.required).toEqual([11, 21, 40, 54, 55, 60]);
    const parties = nos.groups.get(453)!;
    expect(parties.delim).toBe(448);
    expect(parties.groups.get(802)!.delim).toBe(523); // NoPartySubIDs nested in NoPartyIDs
    expect(dict44.fields.get(54)!.values!.has('1')).toBe(true);
    expect(dict44.isHeaderField(49) && dict44.isTrailerField(10) && !dict44.isHeaderField(11)).toBe(true);
    expect(dict44.messages.get('0')!.admin).toBe(true);
  });

  it('validates in QuickFIX order and reports the SessionRejectReason and tag', () => {
    const ok = f('11=X|21=1|38=100|40=1|54=1|55=INTC|60=20260105-10:00:00|');
    expect(check(dict42, [...hdr('D'), ...ok])).toEqual([-1, 0]);
    expect(check(dict42, [...hdr('D'), ...f('11=X|21=1|40=1|54=1|60=20260105-10:00:00|')])).toEqual([R.RequiredTagMissing, 55]);
    expect(check(dict42, [...hdr('D'), ...ok, ...f('999=1|')])).toEqual([R.InvalidTagNumber, 999]);
    expect(check(dict42, [...hdr('D'), ...ok, ...f('112=1|')])).toEqual([R.TagNotDefinedForMessageType, 112]);
    expect(check(dict42, [...hdr('D'), ...f('11=X|21=7|38=100|40=1|54=1|55=INTC|60=20260105-10:00:00|')])).toEqual([R.ValueIncorrect, 21]);
    expect(check(dict42, [...hdr('D'), ...f('11=X|21=1|38=1e3|40=1|54=1|55=INTC|60=20260105-10:00:00|')])).toEqual([R.IncorrectDataFormat, 38]);
    expect(check(dict42, [...hdr('D'), ...f('11=X|21=1|38=|40=1|54=1|55=INTC|60=20260105-10:00:00|')])).toEqual([R.TagSpecifiedWithoutValue, 38]);
    expect(check(dict42, [...hdr('D'), ...f('11=X|21=1|40=1|40=1|54=1|55=INTC|60=20260105-10:00:00|')])).toEqual([R.TagAppearsMoreThanOnce, 40]);
    expect(check(dict42, [...f('35=D|11=X|21=1|40=1|54=1|55=INTC|60=20260105-10:00:00|34=2|49=A|52=20260105-10:00:00|56=B|')])).toEqual([R.TagSpecifiedOutOfRequiredOrder, 34]);
    expect(check(dict42, [...hdr('*')])).toEqual([R.InvalidMsgType, 0]);
  });

  it('delimits nested repeating groups and checks NumInGroup', () => {
    const base = f('11=X|38=100|40=1|54=1|55=INTC|60=20260105-10:00:00|');
    const parties = f('453=2|448=P1|447=D|452=1|802=1|523=S1|803=1|448=P2|447=D|452=3|');
    expect(check(dict44, [...hdr('D'), ...parties, ...base])).toEqual([-1, 0]);
    expect(check(dict44, [...hdr('D'), ...f('453=3|448=P1|448=P2|'), ...base])).toEqual([R.IncorrectNumInGroupCount, 453]);
    // a group member outside its group is not defined for the message
    expect(check(dict44, [...hdr('D'), ...base, ...f('448=P1|')])).toEqual([R.TagNotDefinedForMessageType, 448]);
  });
});

describe('validateMessage vs its reference twin', () => {
  it('agree on random and mutated messages (FIX 4.2 and 4.4)', async () => {
    const fc = (await import('fast-check')).default;
    const { referenceValidate } = await import('../../src/fix/dictionary/index.js');
    const tagArb = fc.oneof(
      fc.constantFrom(8, 9, 10, 11, 21, 34, 35, 38, 40, 43, 44, 49, 52, 54, 55, 56, 59, 60, 97, 115, 122, 128, 146, 167, 336, 386, 447, 448, 452, 453, 523, 802, 803, 999, 5000),
      fc.integer({ min: -2, max: 1200 }),
    );
    const valArb = fc.oneof(fc.constantFrom('', '0', '1', '2', '3', 'Y', 'N', 'D', 'X', '100', '1.5', '-3', '+2', '20260105-10:00:00', 'INTC', 'A B', 'PRE-OPEN'), fc.stringMatching(/^[ -~]{0,5}$/).filter((x) => !x.includes('=')));
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom('D', '0', 'd', '8', 'A', '*'), fc.array(fc.record({ tag: tagArb, value: valArb }), { maxLength: 14 }), (v44, mt, extra) => {
        const dd = v44 ? dict44 : dict42;
        const fields = [...hdr(mt), ...extra].filter((x) => x.tag !== 8 && x.tag !== 9 && x.tag !== 10);
        const msg = Buffer.from(referenceEncode(dd.beginString, fields), 'latin1');
        const v = new FixMessageView(1024, dd.dataTags());
        if (v.decode(msg, 0, msg.length) !== 0) return;
        const s = new MessageStructure().build(v, dd);
        const a = validateMessage(v, s, dd, { reason: -1, tag: 0 });
        const b = referenceValidate(v, s, dd, { reason: -1, tag: 0 });
        expect([a.reason, a.tag]).toEqual([b.reason, b.tag]);
      }),
      { numRuns: 2000 },
    );
  });
});
