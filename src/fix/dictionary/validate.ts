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
import type { FixDictionary, GroupDef, MessageDef } from './dictionary.js';
import { checkFormatCode } from './formats.js';

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
    // Filled by index and cut to length once at the end: `length = 0` would make V8 drop each
    // array's backing store (it trims arrays shrinking below half their capacity), so every
    // message would allocate three new ones. Map.clear allocates a fresh table: only when needed.
    const header = this.header;
    const body = this.body;
    const trailer = this.trailer;
    let nh = 0;
    let nb = 0;
    let nt = 0;
    if (this.groups.size > 0) this.groups.clear();
    this.validStructure = true;
    this.outOfOrderTag = 0;
    const mt = v.indexOf(35);
    this.msgType = mt >= 0 ? v.tokenAt(mt) : '';
    const mdef = dd.messages.get(this.msgType);
    let section = 0; // 0 header, 1 body, 2 trailer
    let i = 0;
    const n = v.count;
    while (i < n) {
      const tag = v.tags[i];
      if (dd.isHeaderField(tag)) {
        if (section !== 0) this.misplaced(tag);
        header[nh++] = i;
        i++;
        const g = dd.mayBeGroupCount(tag) ? dd.header.groups.get(tag) : undefined;
        if (g) i = this.readGroup(v, i, g, i - 1);
      } else if (dd.isTrailerField(tag)) {
        section = 2;
        trailer[nt++] = i;
        i++;
      } else {
        if (section === 2) this.misplaced(tag);
        section = 1;
        body[nb++] = i;
        i++;
        const g = dd.mayBeGroupCount(tag) ? mdef?.groups.get(tag) : undefined;
        if (g) i = this.readGroup(v, i, g, i - 1);
      }
    }
    if (header.length !== nh) header.length = nh;
    if (body.length !== nb) body.length = nb;
    if (trailer.length !== nt) trailer.length = nt;
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

// Tag-presence marks without allocation: STAMP[tag] === gen means "seen in the current set".
// Tags outside the array (huge or negative numbers, never valid) fall back to a small Map.
const STAMP = new Int32Array(1 << 16);
let gen = 0;
const far = new Map<number, number>();
function nextGen(): number {
  if (++gen === 0x7fffffff) {
    STAMP.fill(0);
    gen = 1;
  }
  return gen;
}
function mark(tag: number, g: number): void {
  if (tag >= 0 && tag < STAMP.length) STAMP[tag] = g;
  else far.set(tag, g);
}
function marked(tag: number, g: number): boolean {
  return tag >= 0 && tag < STAMP.length ? STAMP[tag] === g : far.get(tag) === g;
}
function markAll(v: FixMessageView, idx: number[]): number {
  const g = nextGen();
  if (far.size > 0) far.clear();
  for (let k = 0; k < idx.length; k++) mark(v.tags[idx[k]], g);
  return g;
}
function firstMissing(required: number[], g: number): number {
  for (let k = 0; k < required.length; k++) if (!marked(required[k], g)) return required[k];
  return -1;
}

function missingInGroups(v: FixMessageView, groups: Map<number, GroupInstance[]>, defs: Map<number, GroupDef>): number {
  for (const [countIdx, insts] of groups) {
    const g = defs.get(v.tags[countIdx]);
    if (!g) continue;
    for (const inst of insts) {
      const m = firstMissing(g.required, markAll(v, inst.fields));
      if (m >= 0) return m;
      const n = missingInGroups(v, inst.groups, g.groups);
      if (n >= 0) return n;
    }
  }
  return -1;
}

const SECTION_HEADER = 0;
const SECTION_TRAILER = 1;
const SECTION_BODY = 2;

/** QuickFIX sorts the header 8, 9, 35 first, then by tag; other sections by tag. */
function rankOf(section: number, tag: number): number {
  if (section !== SECTION_HEADER) return tag;
  return tag === 8 ? -3 : tag === 9 ? -2 : tag === 35 ? -1 : tag;
}

/** The first failure of one field (QuickFIX DataDictionary::iterate order), or -1. */
function fieldFailure(v: FixMessageView, i: number, tag: number, section: number, dd: FixDictionary, mdef: MessageDef, s: MessageStructure): number {
  const vs = v.valueStart[i];
  const ve = v.valueEnd[i];
  if (vs === ve) return SessionRejectReason.TagSpecifiedWithoutValue;
  const def = dd.field(tag);
  if (def === undefined) return SessionRejectReason.InvalidTagNumber;
  if (!checkFormatCode(def.fmt, v.buf, vs, ve)) return SessionRejectReason.IncorrectDataFormat;
  if (def.values !== null) {
    const ok = def.charEnum !== null && ve - vs === 1 ? def.charEnum[v.buf[vs]] === 1 : enumOk(def.multi, def.values, v.stringAt(i));
    if (!ok) return SessionRejectReason.ValueIncorrect;
  }
  if (section === SECTION_BODY) {
    if (!mdef.fields.has(tag)) return SessionRejectReason.TagNotDefinedForMessageType;
    if (dd.mayBeGroupCount(tag) && mdef.groups.has(tag)) {
      const insts = s.groups.get(i);
      if ((insts ? insts.length : 0) !== v.intAt(i)) return SessionRejectReason.IncorrectNumInGroupCount;
    }
  }
  return -1;
}

/**
 * Per-field checks of one section in QuickFIX's sorted order, without sorting: every field is
 * checked and the failure with the lowest sort rank wins (for a repeated tag, the first
 * occurrence's own failure precedes "appears more than once", as in a stable sort).
 */
function checkSection(v: FixMessageView, idx: number[], section: number, dd: FixDictionary, mdef: MessageDef, s: MessageStructure, out: ValidationResult): boolean {
  const g = nextGen();
  if (far.size > 0) far.clear();
  let bestRank = Number.POSITIVE_INFINITY;
  let bestSecond = 0;
  let bestReason = -1;
  let bestTag = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    const tag = v.tags[i];
    const rank = rankOf(section, tag);
    let reason: number;
    let second = 0;
    if (marked(tag, g)) {
      reason = SessionRejectReason.TagAppearsMoreThanOnce;
      second = 1;
    } else {
      mark(tag, g);
      if (rank > bestRank) continue;
      reason = fieldFailure(v, i, tag, section, dd, mdef, s);
    }
    if (reason >= 0 && (rank < bestRank || (rank === bestRank && second < bestSecond))) {
      bestRank = rank;
      bestSecond = second;
      bestReason = reason;
      bestTag = tag;
    }
  }
  if (bestReason < 0) return false;
  out.reason = bestReason;
  out.tag = bestTag;
  return true;
}

/** Validates `v` against `dd`; `s` must have been built from the same view. No allocation on success. */
export function validateMessage(v: FixMessageView, s: MessageStructure, dd: FixDictionary, out: ValidationResult): ValidationResult {
  out.reason = -1;
  out.tag = 0;
  if (!s.validStructure) {
    out.reason = SessionRejectReason.TagSpecifiedOutOfRequiredOrder;
    out.tag = s.outOfOrderTag;
    return out;
  }
  const mdef = dd.messages.get(s.msgType);
  if (!mdef) {
    out.reason = SessionRejectReason.InvalidMsgType;
    return out;
  }
  let missing = firstMissing(dd.header.required, markAll(v, s.header));
  if (missing < 0) missing = firstMissing(dd.trailer.required, markAll(v, s.trailer));
  if (missing < 0) missing = firstMissing(mdef.required, markAll(v, s.body));
  if (missing < 0 && s.groups.size > 0) missing = missingInGroups(v, s.groups, mdef.groups);
  if (missing >= 0) {
    out.reason = SessionRejectReason.RequiredTagMissing;
    out.tag = missing;
    return out;
  }
  if (checkSection(v, s.header, SECTION_HEADER, dd, mdef, s, out)) return out;
  if (checkSection(v, s.trailer, SECTION_TRAILER, dd, mdef, s, out)) return out;
  checkSection(v, s.body, SECTION_BODY, dd, mdef, s, out);
  return out;
}

function enumOk(multi: boolean, values: Set<string>, value: string): boolean {
  return multi ? value.split(' ').every((x) => values.has(x)) : values.has(value);
}
