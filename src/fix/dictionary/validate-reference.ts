// The plain reference twin of validateMessage (design principle 10): sorts each section the way
// QuickFIX does and checks field by field, allocating freely. Tests compare the two.

import type { FixMessageView } from '../codec/decoder.js';
import type { FixDictionary, GroupDef } from './dictionary.js';
import { checkFormat } from './formats.js';
import { SessionRejectReason, type GroupInstance, type MessageStructure, type ValidationResult } from './validate.js';

function sortedTags(v: FixMessageView, idx: number[], headerFirst: boolean): number[] {
  const tags = idx.map((i) => v.tags[i]);
  if (!headerFirst) return tags.sort((a, b) => a - b);
  const rank = (t: number) => (t === 8 ? -3 : t === 9 ? -2 : t === 35 ? -1 : t);
  return tags.sort((a, b) => rank(a) - rank(b));
}

/** Validates `v` against `dd`; `s` must have been built from the same view. */
export function referenceValidate(v: FixMessageView, s: MessageStructure, dd: FixDictionary, out: ValidationResult): ValidationResult {
  out.reason = -1;
  out.tag = 0;
  const fail = (reason: number, tag: number) => {
    out.reason = reason;
    out.tag = tag;
    return out;
  };
  if (!s.validStructure) return fail(SessionRejectReason.TagSpecifiedOutOfRequiredOrder, s.outOfOrderTag);
  const mdef = dd.messages.get(s.msgType);
  if (!mdef) return fail(SessionRejectReason.InvalidMsgType, 0);
  const has = (idx: number[], tag: number) => idx.some((i) => v.tags[i] === tag);
  for (const t of dd.header.required) if (!has(s.header, t)) return fail(SessionRejectReason.RequiredTagMissing, t);
  for (const t of dd.trailer.required) if (!has(s.trailer, t)) return fail(SessionRejectReason.RequiredTagMissing, t);
  for (const t of mdef.required) if (!has(s.body, t)) return fail(SessionRejectReason.RequiredTagMissing, t);
  const missingInGroups = (groups: Map<number, GroupInstance[]>, defs: Map<number, GroupDef>): number => {
    for (const [countIdx, insts] of groups) {
      const g = defs.get(v.tags[countIdx]);
      if (!g) continue;
      for (const inst of insts) {
        for (const t of g.required) if (!has(inst.fields, t)) return t;
        const m = missingInGroups(inst.groups, g.groups);
        if (m !== 0) return m;
      }
    }
    return 0;
  };
  const missing = missingInGroups(s.groups, mdef.groups);
  if (missing !== 0) return fail(SessionRejectReason.RequiredTagMissing, missing);
  const sections: Array<[number[], boolean]> = [[s.header, true], [s.trailer, false], [s.body, false]];
  for (const [idx, isHeader] of sections) {
    const order = isHeader ? sortedTags(v, idx, true) : sortedTags(v, idx, false);
    // map tag -> first view index for value access (duplicates are rejected before reuse matters)
    const first = new Map<number, number>();
    for (const i of idx) if (!first.has(v.tags[i])) first.set(v.tags[i], i);
    let last = Number.NaN;
    for (const tag of order) {
      if (tag === last) return fail(SessionRejectReason.TagAppearsMoreThanOnce, tag);
      last = tag;
      const i = first.get(tag)!;
      if (v.valueLength(i) === 0) return fail(SessionRejectReason.TagSpecifiedWithoutValue, tag);
      const def = dd.fields.get(tag);
      if (def) {
        if (!checkFormat(def.type, v.buf, v.valueStart[i], v.valueEnd[i])) return fail(SessionRejectReason.IncorrectDataFormat, tag);
        if (def.values !== null && !enumOk(def.type, def.values, v.stringAt(i))) return fail(SessionRejectReason.ValueIncorrect, tag);
      } else {
        return fail(SessionRejectReason.InvalidTagNumber, tag);
      }
      if (idx === s.body) {
        if (!mdef.fields.has(tag)) return fail(SessionRejectReason.TagNotDefinedForMessageType, tag);
        if (mdef.groups.has(tag)) {
          const insts = s.groups.get(i);
          if ((insts ? insts.length : 0) !== v.intAt(i)) return fail(SessionRejectReason.IncorrectNumInGroupCount, tag);
        }
      }
    }
  }
  return out;
}

function enumOk(type: string, values: Set<string>, value: string): boolean {
  if (type === 'MULTIPLEVALUESTRING' || type === 'MULTIPLESTRINGVALUE' || type === 'MULTIPLECHARVALUE') {
    return value.split(' ').every((x) => values.has(x));
  }
  return values.has(value);
}
