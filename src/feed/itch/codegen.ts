// Per-type ITCH decoders and encoders generated from the layout table at module load (design principle
// 11: layouts come from spec data, never typed twice).
//
// Why generate code: the interpretive loop (codec-table.ts) stores each field through a computed name
// (`out[name] = v`), which V8 cannot specialise (a megamorphic keyed store per field); one function per
// message type with literal property names and offsets is monomorphic. Measured on a synthetic day:
// 4-5x faster decoding (src/feed/itch/bench.ts benchDecode). The interpretive codec stays as the plain
// twin and test/itch/codec.test.ts requires both to agree on random and damaged input.
//
// Safety: the generated source contains only numbers from the table and field names checked against
// /^[A-Za-z][A-Za-z0-9]*$/ below; it is built once from constants in this repository, never from input.

import { CHARS, type AlphaCache, writeAlpha } from './alpha.js';
import { ITCH_LAYOUT_BY_CODE, type ItchLayout } from './layouts.js';
import type { ItchMessage } from './message.js';
import { ItchStatus, U64_HI_LIMIT } from './status.js';

/** Decodes the fields of one type (length already checked) from buf at off; returns an ItchStatus. */
export type ItchDecodeFn = (buf: Uint8Array, dv: DataView, off: number, out: ItchMessage) => number;
/** Encodes one type at off (room already checked); returns its length or a negative ItchStatus. */
export type ItchEncodeFn = (msg: ItchMessage, buf: Uint8Array, dv: DataView, off: number) => number;

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const TWO32 = 4294967296;

function checkName(l: ItchLayout, name: string): string {
  if (!NAME.test(name)) throw new Error(`ITCH layout ${l.type}: field name ${JSON.stringify(name)} not allowed in generated code`);
  return name;
}

function decoderSource(l: ItchLayout): string {
  let src = '';
  for (const f of l.fields) {
    const n = checkName(l, f.name);
    const o = `off + ${f.offset}`;
    switch (f.kind) {
      case 'char': src += `out.${n} = CH[buf[${o}]];\n`; break;
      case 'u16': src += `out.${n} = dv.getUint16(${o});\n`; break;
      case 'u32':
      case 'price4': src += `out.${n} = dv.getUint32(${o});\n`; break;
      case 'u48': src += `out.${n} = dv.getUint16(${o}) * ${TWO32} + dv.getUint32(${o} + 2);\n`; break;
      case 'u64':
      case 'price8':
        src += `{ const hi = dv.getUint32(${o}); if (hi >= ${U64_HI_LIMIT}) return ${ItchStatus.ValueTooLarge};\n`;
        src += `  out.${n} = hi * ${TWO32} + dv.getUint32(${o} + 4); }\n`;
        break;
      case 'alpha': src += `out.${n} = AL.read(buf, ${o}, ${f.length});\n`; break;
    }
  }
  return `${src}return ${ItchStatus.Ok};`;
}

function encoderSource(l: ItchLayout): string {
  const bad = `return -${ItchStatus.Malformed};`;
  const num = (v: string, max: number) => `if (typeof ${v} !== 'number' || !Number.isInteger(${v}) || ${v} < 0 || ${v} > ${max}) ${bad}`;
  let src = '';
  for (const f of l.fields) {
    const n = checkName(l, f.name);
    const o = `off + ${f.offset}`;
    src += `{ const v = msg.${n};\n`;
    switch (f.kind) {
      case 'char':
        // An empty char field is written as a space (the spec's filler for "not applicable").
        src += `const c = typeof v === 'string' && v.length > 0 ? v.charCodeAt(0) : 32; if (c > 255) ${bad} buf[${o}] = c;`;
        break;
      case 'u16': src += `${num('v', 0xffff)} dv.setUint16(${o}, v);`; break;
      case 'u32':
      case 'price4': src += `${num('v', 0xffffffff)} dv.setUint32(${o}, v);`; break;
      case 'u48':
        src += `${num('v', 2 ** 48 - 1)} const hi = Math.floor(v / ${TWO32}); dv.setUint16(${o}, hi); dv.setUint32(${o} + 2, v - hi * ${TWO32});`;
        break;
      case 'u64':
      case 'price8':
        src += `${num('v', Number.MAX_SAFE_INTEGER)} const hi = Math.floor(v / ${TWO32}); dv.setUint32(${o}, hi); dv.setUint32(${o} + 4, v - hi * ${TWO32});`;
        break;
      case 'alpha':
        src += `if (typeof v !== 'string' || v.length > ${f.length}) ${bad} WA(v, buf, ${o}, ${f.length});`;
        break;
    }
    src += ' }\n';
  }
  return `${src}return ${l.length};`;
}

/** One decoder per type byte (undefined for unknown types), sharing `alphas` for string fields. */
export function compileDecoders(alphas: AlphaCache): (ItchDecodeFn | undefined)[] {
  return ITCH_LAYOUT_BY_CODE.map((l) => {
    if (l === undefined) return undefined;
    const make = new Function('CH', 'AL', `return function decodeItch_${l.type.charCodeAt(0)}(buf, dv, off, out) {\n${decoderSource(l)}\n};`);
    return make(CHARS, alphas) as ItchDecodeFn;
  });
}

/** One encoder per type byte (undefined for unknown types). */
export function compileEncoders(): (ItchEncodeFn | undefined)[] {
  return ITCH_LAYOUT_BY_CODE.map((l) => {
    if (l === undefined) return undefined;
    const make = new Function('WA', `return function encodeItch_${l.type.charCodeAt(0)}(msg, buf, dv, off) {\n${encoderSource(l)}\n};`);
    return make(writeAlpha) as ItchEncodeFn;
  });
}
