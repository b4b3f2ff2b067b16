// Dictionary validation of a decoded message, in QuickFIX's order so that the first problem found
// is the one the session-level tests expect (QuickFIX Message::setString + DataDictionary::validate):
//   1. structure: a header field after the body, or a body field after the trailer -> TagOutOfOrder
//   2. MsgType known to the dictionary                                       -> InvalidMsgType
//   3. required fields: header, trailer, body (lowest tag first), group members -> RequiredTagMissing
//   4. per field of header, then trailer, then body, in tag order: repeated tag, empty value,
//      data format, enum value, tag known, tag allowed in this message type, NumInGroup count.
// Repeating groups are delimited as QuickFIX's parser does (a field already present in the
// current instance, or the delimiter, starts a new instance; a non-member ends the group).
// Returns a reason code (SessionRejectReason, tag 373) and the offending tag; never throws.

import type { FixMessageView } from '../codec/decoder.js';
import type { FixDictionary, GroupDef } from './dictionary.js';
import { checkFormat } from './formats.js';

export const SessionRejectReason = {
  InvalidTagNumber: 0,
  RequiredTagMissing: 1,
  TagNotDefinedForMessageType: 2,
  UndefinedTag: 3,
  TagSpecifiedWithoutValue: 4,
  ValueIncorrect: 5,
  IncorrectDataFormat: 6,
  DecryptionProblem: 7,
  SignatureProblem: 8,
  CompIdProblem: 9,
  SendingTimeAccuracyProblem: 10,
  InvalidMsgType: 11,
  XmlValidationError: 12,
  TagAppearsMoreThanOnce: 13,
  TagSpecifiedOutOfRequiredOrder: 14,
  RepeatingGroupFieldsOutOfOrder: 15,
  IncorrectNumInGroupCount: 16,
  NonDataValueIncludesFieldDelimiter: 17,
  Other: 99,
} as const;

/** The texts QuickFIX puts in Text (58); the acceptance scripts compare them byte for byte. */
export const rejectText: Record<number, string> = {
  0: 'Invalid tag number',
  1: 'Required tag missing',
  2: 'Tag not defined for this message type',
  4: 'Tag specified without a value',
  5: 'Value is incorrect (out of range) for this tag',
  6: 'Incorrect data format for value',
  9: 'CompID problem',
  10: 'SendingTime accuracy problem',
  11: 'Invalid MsgType',
  13: 'Tag appears more than once',
  14: 'Tag specified out of required order',
  16: 'Incorrect NumInGroup count for repeating group',
};

export interface GroupInstance {
  fields: number[]; // view indexes, in arrival order
  groups: Map<number, GroupInstance[]>;
}

/** The message split into header / body / trailer with its repeating groups (view indexes). */
export class MessageStructure {
  header: number[] = [];
  body: number[] = [];
  trailer: number[] = [];
  /** Group instances keyed by the view index of their NumInGroup field. */
  groups = new Map<number, GroupInstance[]>();
  validStructure = true;
  outOfOrderTag = 0;
  msgType = '';

  build(v: FixMessageView, dd: FixDictionary): this {
    this.header.length = 0;
    this.body.length = 0;
    this.trailer.length = 0;
    this.groups.clear();
    this.validStructure = true;
    this.outOfOrderTag = 0;
    const mt = v.indexOf(35);
    this.msgType = mt >= 0 ? v.stringAt(mt) : '';
    const mdef = dd.messages.get(this.msgType);
    let section = 0; // 0 header, 1 body, 2 trailer
    let i = 0;
    const n = v.count;
    while (i < n) {
      const tag = v.tags[i];
      if (dd.isHeaderField(tag)) {
        if (section !== 0) this.misplaced(tag);
        this.header.push(i);
        i++;
        const g = dd.header.groups.get(tag);
        if (g) i = this.readGroup(v, i, g, i - 1);
      } else if (dd.isTrailerField(tag)) {
        section = 2;
        this.trailer.push(i);
        i++;
      } else {
        if (section === 2) this.misplaced(tag);
        section = 1;
        this.body.push(i);
        i++;
        const g = mdef?.groups.get(tag);
        if (g) i = this.readGroup(v, i, g, i - 1);
      }
    }
    return this;
  }

  private misplaced(tag: number): void {
    if (this.validStructure) this.outOfOrderTag = tag;
    this.validStructure = false;
  }

  private readGroup(v: FixMessageView, i: number, g: GroupDef, countIdx: number, into?: GroupInstance): number {
    const out: GroupInstance[] = [];
    let cur: GroupInstance | null = null;
    let seen = new Set<number>();
    while (i < v.count) {
      const tag = v.tags[i];
      if (tag === g.delim || (g.fields.has(tag) && (cur === null || seen.has(tag)))) {
        if (cur) out.push(cur);
        cur = { fields: [], groups: new Map() };
        seen = new Set();
      } else if (!g.fields.has(tag)) {
        break;
      }
      cur!.fields.push(i);
      seen.add(tag);
      i++;
      const sub = g.groups.get(tag);
      if (sub) i = this.readGroup(v, i, sub, i - 1, cur!);
    }
    if (cur) out.push(cur);
    if (into) into.groups.set(countIdx, out);
    else this.groups.set(countIdx, out);
    return i;
  }
}

export interface ValidationResult {
  reason: number; // -1 when valid
  tag: number;
}

function sortedTags(v: FixMessageView, idx: number[], headerFirst: boolean): number[] {
  const tags = idx.map((i) => v.tags[i]);
  if (!headerFirst) return tags.sort((a, b) => a - b);
  const rank = (t: number) => (t === 8 ? -3 : t === 9 ? -2 : t === 35 ? -1 : t);
  return tags.sort((a, b) => rank(a) - rank(b));
}

/** Validates `v` against `dd`; `s` must have been built from the same view. */
export function validateMessage(v: FixMessageView, s: MessageStructure, dd: FixDictionary, out: ValidationResult): ValidationResult {
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
