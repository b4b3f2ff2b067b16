// QuickFIX XML data dictionaries (FIX42.xml, FIX44.xml) loaded into lookup tables
// (design principle 11: tags, types, enums and required fields come from the spec file).
//
// The model mirrors QuickFIX's DataDictionary so validation yields the same SessionRejectReason:
// components are expanded in place (a field is required only when it and every enclosing
// component are required), repeating groups keep their delimiter (first field), member tags in
// dictionary order, required members and nested groups. Loading is a cold path; lookups are Maps.
// The dictionaries are QuickFIX-licensed data: callers pass a path (or XML text); nothing is
// copied into this repository.

import { readFileSync } from 'node:fs';
import { parseXml, type XmlElement } from './xml.js';
import { formatCode } from './formats.js';

export interface FieldDef {
  tag: number;
  name: string;
  type: string;
  /** Allowed values (enum attribute of <value>), or null when any value of the type is allowed. */
  values: Set<string> | null;
  /** Format class (formats.ts Fmt), resolved at load. */
  fmt: number;
  /**
   * For enum fields: allowed[byte] = 1 for every one-byte allowed value, so that a one-byte value (a
   * CHAR, or MsgType 'D' among MsgType's longer values) is checked without making a string.
   */
  charEnum: Uint8Array | null;
  /** MultipleValueString-like: the value is a space-separated list of enum values. */
  multi: boolean;
}

export interface GroupDef {
  countTag: number;
  delim: number;
  /** Member tags at this level (nested groups' count tags included, their members not). */
  fields: Set<number>;
  order: number[];
  required: number[];
  groups: Map<number, GroupDef>;
}

export interface MessageDef {
  msgType: string;
  name: string;
  admin: boolean;
  fields: Set<number>;
  /** Required body tags, ascending (QuickFIX reports the lowest missing one). */
  required: number[];
  groups: Map<number, GroupDef>;
}

export interface SectionDef {
  fields: Set<number>;
  required: number[];
  groups: Map<number, GroupDef>;
}

/** Header tags QuickFIX treats as header whatever the dictionary says (Message::isHeaderField). */
const FIXED_HEADER = [8, 9, 35, 49, 56, 115, 128, 90, 91, 34, 50, 142, 57, 143, 116, 144, 129, 145, 43, 97, 52, 122, 212, 213, 347, 369, 370, 1128, 1129, 627];
const FIXED_TRAILER = [93, 89, 10];

export class FixDictionary {
  readonly beginString: string;
  readonly fields = new Map<number, FieldDef>();
  readonly byName = new Map<string, FieldDef>();
  readonly messages = new Map<string, MessageDef>();
  readonly header: SectionDef;
  readonly trailer: SectionDef;
  private readonly headerTags: Uint8Array;
  private readonly trailerTags: Uint8Array;
  /** 1 for a tag that is a NumInGroup somewhere (header, any message, nested): only those need a group lookup. */
  private readonly countTags: Uint8Array;
  private readonly byTag: Array<FieldDef | undefined>;

  constructor(xml: string) {
    const doc = parseXml(xml);
    const fix = doc.children.find((c) => c.name === 'fix');
    if (!fix) throw new Error('dictionary: no <fix> element');
    this.beginString = `${fix.attrs.type ?? 'FIX'}.${fix.attrs.major}.${fix.attrs.minor}`;
    const section = (n: string) => fix.children.find((c) => c.name === n);
    for (const f of section('fields')?.children ?? []) {
      if (f.name !== 'field') continue;
      const vals = f.children.filter((v) => v.name === 'value').map((v) => v.attrs.enum);
      let charEnum: Uint8Array | null = null;
      if (vals.length > 0) {
        charEnum = new Uint8Array(256);
        for (const x of vals) if (x.length === 1 && x.charCodeAt(0) < 256) charEnum[x.charCodeAt(0)] = 1;
      }
      const type = f.attrs.type;
      const def: FieldDef = {
        tag: Number(f.attrs.number), name: f.attrs.name, type, values: vals.length ? new Set(vals) : null,
        fmt: formatCode(type), charEnum, multi: type === 'MULTIPLEVALUESTRING' || type === 'MULTIPLESTRINGVALUE' || type === 'MULTIPLECHARVALUE',
      };
      this.fields.set(def.tag, def);
      this.byName.set(def.name, def);
    }
    const components = new Map<string, XmlElement>();
    for (const c of section('components')?.children ?? []) if (c.name === 'component') components.set(c.attrs.name, c);
    const build = (els: XmlElement[], required: boolean): SectionDef & { order: number[] } => {
      const out = { fields: new Set<number>(), required: [] as number[], groups: new Map<number, GroupDef>(), order: [] as number[] };
      this.addMembers(els, required, out, components);
      out.required.sort((a, b) => a - b);
      return out;
    };
    this.header = build(section('header')?.children ?? [], true);
    this.trailer = build(section('trailer')?.children ?? [], true);
    for (const m of section('messages')?.children ?? []) {
      if (m.name !== 'message') continue;
      const s = build(m.children, true);
      this.messages.set(m.attrs.msgtype, { msgType: m.attrs.msgtype, name: m.attrs.name, admin: m.attrs.msgcat === 'admin', fields: s.fields, required: s.required, groups: s.groups });
    }
    let maxTag = 0;
    for (const t of this.fields.keys()) maxTag = Math.max(maxTag, t);
    this.byTag = new Array<FieldDef | undefined>(maxTag + 1).fill(undefined);
    for (const f of this.fields.values()) if (f.tag >= 0) this.byTag[f.tag] = f;
    this.headerTags = new Uint8Array(maxTag + 2000);
    this.trailerTags = new Uint8Array(maxTag + 2000);
    for (const t of [...FIXED_HEADER, ...this.header.fields]) if (t < this.headerTags.length) this.headerTags[t] = 1;
    for (const t of [...FIXED_TRAILER, ...this.trailer.fields]) if (t < this.trailerTags.length) this.trailerTags[t] = 1;
    this.countTags = new Uint8Array(maxTag + 2000);
    const markGroups = (groups: Map<number, GroupDef>): void => {
      for (const [t, g] of groups) {
        if (t >= 0 && t < this.countTags.length) this.countTags[t] = 1;
        markGroups(g.groups);
      }
    };
    markGroups(this.header.groups);
    markGroups(this.trailer.groups);
    for (const m of this.messages.values()) markGroups(m.groups);
  }

  /** Whether `tag` can start a repeating group anywhere (false: no group map needs asking). */
  mayBeGroupCount(tag: number): boolean {
    return !(tag >= 0 && tag < this.countTags.length) || this.countTags[tag] === 1;
  }

  static fromFile(path: string): FixDictionary {
    return new FixDictionary(readFileSync(path, 'utf8'));
  }

  private tagOf(name: string): number {
    const f = this.byName.get(name);
    if (!f) throw new Error(`dictionary: unknown field ${name}`);
    return f.tag;
  }

  // Required flags follow QuickFIX exactly (DataDictionary::addXMLComponentFields/addXMLGroup):
  // a field is required when its flag and its container's flag are Y; a component passes down its
  // own flag (not its parent's), except inside a group where components never make fields required;
  // group members are required when the group itself is flagged required.
  private addMembers(
    els: XmlElement[],
    required: boolean,
    out: { fields: Set<number>; required: number[]; groups: Map<number, GroupDef>; order: number[] },
    components: Map<string, XmlElement>,
    inGroup = false,
  ): void {
    for (const el of els) {
      const flagged = el.attrs.required === 'Y' || el.attrs.required === 'y';
      if (el.name === 'field') {
        const t = this.tagOf(el.attrs.name);
        out.fields.add(t);
        out.order.push(t);
        if (flagged && required) out.required.push(t);
      } else if (el.name === 'component') {
        const c = components.get(el.attrs.name);
        if (!c) throw new Error(`dictionary: unknown component ${el.attrs.name}`);
        this.addMembers(c.children, inGroup ? false : flagged, out, components, false);
      } else if (el.name === 'group') {
        const t = this.tagOf(el.attrs.name);
        out.fields.add(t);
        out.order.push(t);
        if (flagged && required) out.required.push(t);
        const g = { fields: new Set<number>(), required: [] as number[], groups: new Map<number, GroupDef>(), order: [] as number[] };
        this.addMembers(el.children, flagged, g, components, true);
        g.required.sort((a, b) => a - b);
        out.groups.set(t, { countTag: t, delim: g.order[0], fields: g.fields, order: g.order, required: g.required, groups: g.groups });
      }
    }
  }

  /** The field's definition (array-indexed: no hashing per field). */
  field(tag: number): FieldDef | undefined {
    return tag >= 0 && tag < this.byTag.length ? this.byTag[tag] : undefined;
  }

  isHeaderField(tag: number): boolean {
    return tag >= 0 && tag < this.headerTags.length && this.headerTags[tag] === 1;
  }

  isTrailerField(tag: number): boolean {
    return tag >= 0 && tag < this.trailerTags.length && this.trailerTags[tag] === 1;
  }

  /** Data fields (type DATA) mapped to their length tag, for the decoder. */
  dataTags(): Int32Array {
    let max = 0;
    for (const t of this.fields.keys()) max = Math.max(max, t);
    const out = new Int32Array(max + 1);
    for (const f of this.fields.values()) {
      if (f.type !== 'DATA') continue;
      out[f.tag] = f.tag === 89 ? 93 : f.tag - 1;
    }
    return out;
  }
}
