// Shared test helpers: random ITCH messages (fast-check) and a BookSink that records every call.

import fc from 'fast-check';
import type { BookSink } from '../../src/book/types.js';
import { ITCH_LAYOUTS, type ItchField, type ItchLayout } from '../../src/feed/itch/layouts.js';
import { ItchMessage } from '../../src/feed/itch/message.js';
import { encodeItchFramed } from '../../src/feed/itch/codec.js';

const printable = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));

function fieldArb(f: ItchField): fc.Arbitrary<string | number> {
  switch (f.kind) {
    case 'char': return printable;
    case 'u16': return fc.integer({ min: 0, max: 0xffff });
    case 'u32':
    case 'price4': return fc.integer({ min: 0, max: 0xffffffff });
    case 'u48': return fc.integer({ min: 0, max: 2 ** 48 - 1 });
    case 'u64':
    case 'price8': return fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.maxSafeNat());
    case 'alpha':
      // Trailing spaces are padding on the wire, so a decoded alpha never ends in one.
      return fc.string({ maxLength: f.length, unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) })
        .map((s) => s.replace(/ +$/, ''));
  }
}

/** A random message of `layout` (type field set), as a plain record of its fields. */
export function messageArb(layout: ItchLayout): fc.Arbitrary<Record<string, string | number>> {
  const rec: Record<string, fc.Arbitrary<string | number>> = {};
  for (const f of layout.fields) rec[f.name] = f.name === 'type' ? fc.constant(layout.type) : fieldArb(f);
  return fc.record(rec);
}

export const anyMessageArb = fc.oneof(...ITCH_LAYOUTS.map((l) => messageArb(l)));

export function toMessage(rec: Record<string, string | number>): ItchMessage {
  return Object.assign(new ItchMessage(), rec);
}

/** Frames messages into one BinaryFILE buffer. */
export function frame(msgs: ItchMessage[]): Buffer {
  const buf = Buffer.alloc(msgs.length * 52);
  let off = 0;
  for (const m of msgs) {
    const n = encodeItchFramed(m, buf, off);
    if (n < 0) throw new Error(`encode failed ${n}`);
    off += n;
  }
  return buf.subarray(0, off);
}

/** Builds one message from field values (unset fields keep ItchMessage defaults). */
export function msg(type: string, fields: Partial<ItchMessage> = {}): ItchMessage {
  return Object.assign(new ItchMessage(), { type }, fields);
}

/** Records every BookSink call as a compact string. */
export class RecordingSink implements BookSink {
  readonly calls: string[] = [];
  add(i: number, id: number, s: number, px: number, q: number, ts: number): void { this.calls.push(`add ${i} ${id} ${s} ${px} ${q} ${ts}`); }
  cancel(id: number, q: number, ts: number): void { this.calls.push(`cancel ${id} ${q} ${ts}`); }
  delete(id: number, ts: number): void { this.calls.push(`delete ${id} ${ts}`); }
  execute(id: number, q: number, ts: number): void { this.calls.push(`execute ${id} ${q} ${ts}`); }
  replace(id: number, nid: number, px: number, q: number, ts: number): void { this.calls.push(`replace ${id} ${nid} ${px} ${q} ${ts}`); }
  modify(id: number, px: number, q: number, ts: number): void { this.calls.push(`modify ${id} ${px} ${q} ${ts}`); }
  clear(i: number, ts: number): void { this.calls.push(`clear ${i} ${ts}`); }
  levelDelta(i: number, s: number, px: number, dq: number, dc: number, ts: number): void { this.calls.push(`level ${i} ${s} ${px} ${dq} ${dc} ${ts}`); }
  status(i: number, st: number, ts: number): void { this.calls.push(`status ${i} ${st} ${ts}`); }
}
