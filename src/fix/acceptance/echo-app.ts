// The application of QuickFIX's acceptance-test server ("at"): echoes NewOrderSingle (35=D),
// SecurityDefinition (35=d) and Email (35=C) back with a fresh header; drops a NewOrderSingle with
// PossResend=Y whose ClOrdID this session has already seen (the seen set is cleared at logout);
// anything else is an unsupported message type (BusinessMessageReject 380=3).
// The echo keeps QuickFIX's field order: body fields by tag, each group's instances right after
// its NumInGroup field, instance fields in dictionary order. A test server, but also the far end of
// the loopback round-trip bench: a body without groups whose fields already arrive in tag order
// and back to back (the usual case) is echoed as one view of the received bytes, no sort or concat.

import type { FixMessageView } from '../codec/decoder.js';
import type { FixDictionary, GroupDef } from '../dictionary/dictionary.js';
import type { GroupInstance, MessageStructure } from '../dictionary/validate.js';
import type { FixApplication, SessionHandle } from '../session/types.js';
import { OWN_HEADER } from '../session/session-core.js';

const NO_EXTRAS: Array<[number, string]> = [];

export class EchoApplication implements FixApplication {
  private readonly seen = new Map<SessionHandle, Set<string>>();
  echoed = 0;

  onLogout(session: SessionHandle): void {
    this.seen.delete(session);
  }

  fromApp(v: FixMessageView, s: MessageStructure | null, session: SessionHandle): number {
    const i35 = v.indexOf(35);
    const mt = i35 < 0 ? undefined : v.tokenAt(i35); // one-char types without a string allocation
    if (mt === 'D') {
      const clOrdId = v.get(11);
      if (clOrdId === undefined) return 5; // Conditionally required field missing
      let set = this.seen.get(session);
      if (!set) this.seen.set(session, (set = new Set()));
      if (v.char(97) === 0x59 && set.has(clOrdId)) return -1;
      set.add(clOrdId);
    } else if (mt !== 'd' && mt !== 'C') {
      return 3;
    }
    this.echo(v, s, session, mt);
    return -1;
  }

  private echo(v: FixMessageView, s: MessageStructure | null, session: SessionHandle, mt: string): void {
    const dd = session.config.dictionary;
    if (s !== null && dd !== null && s.groups.size === 0 && this.echoInPlace(v, s, session, mt)) return;
    const headerExtra: Array<[number, string]> = [];
    const parts: Buffer[] = [];
    const field = (i: number) => parts.push(v.buf.subarray(v.fieldStart[i], v.valueEnd[i] + 1));
    if (s === null || dd === null) {
      // no dictionary: header = the standard fields, everything else echoed in arrival order
      for (let i = 3; i < v.count; i++) if (v.tags[i] !== 10) field(i);
    } else {
      for (const i of s.header) headerExtra.push([v.tags[i], v.stringAt(i)]);
      const mdef = dd.messages.get(mt);
      const body = [...s.body].sort((a, b) => v.tags[a] - v.tags[b]);
      for (const i of body) {
        field(i);
        const insts = s.groups.get(i);
        const g = mdef?.groups.get(v.tags[i]);
        if (insts && g) emitGroup(v, insts, g, field, dd);
      }
    }
    session.sendApp(mt, headerExtra, Buffer.concat(parts));
    this.echoed++;
  }

  /** The general path's output when the body is sorted and contiguous; false when it is not. */
  private echoInPlace(v: FixMessageView, s: MessageStructure, session: SessionHandle, mt: string): boolean {
    const body = s.body;
    const n = body.length;
    for (let k = 1; k < n; k++) {
      const a = body[k - 1];
      const b = body[k];
      if (v.tags[a] >= v.tags[b] || v.valueEnd[a] + 1 !== v.fieldStart[b]) return false;
    }
    let extras = NO_EXTRAS;
    for (const i of s.header) {
      const t = v.tags[i];
      if (OWN_HEADER.has(t)) continue; // sendApp drops these anyway
      if (extras === NO_EXTRAS) extras = [];
      extras.push([t, v.stringAt(i)]);
    }
    const bytes = n === 0 ? v.buf.subarray(0, 0) : v.buf.subarray(v.fieldStart[body[0]], v.valueEnd[body[n - 1]] + 1);
    session.sendApp(mt, extras, bytes);
    this.echoed++;
    return true;
  }
}

function emitGroup(v: FixMessageView, insts: GroupInstance[], g: GroupDef, field: (i: number) => void, dd: FixDictionary): void {
  const pos = new Map<number, number>();
  g.order.forEach((t, k) => pos.set(t, k));
  const rank = (t: number) => pos.get(t) ?? 1e6 + t;
  for (const inst of insts) {
    const fs = [...inst.fields].sort((a, b) => rank(v.tags[a]) - rank(v.tags[b]));
    for (const i of fs) {
      field(i);
      const sub = inst.groups.get(i);
      const sg = g.groups.get(v.tags[i]);
      if (sub && sg) emitGroup(v, sub, sg, field, dd);
    }
  }
}
