// The application of QuickFIX's acceptance-test server ("at"): echoes NewOrderSingle (35=D),
// SecurityDefinition (35=d) and Email (35=C) back with a fresh header; drops a NewOrderSingle with
// PossResend=Y whose ClOrdID this session has already seen (the seen set is cleared at logout);
// anything else is an unsupported message type (BusinessMessageReject 380=3).
// The echo keeps QuickFIX's field order: body fields by tag, each group's instances right after
// its NumInGroup field, instance fields in dictionary order. Cold path (test server only).

import type { FixMessageView } from '../codec/decoder.js';
import type { FixDictionary, GroupDef } from '../dictionary/dictionary.js';
import type { GroupInstance, MessageStructure } from '../dictionary/validate.js';
import type { FixApplication, SessionHandle } from '../session/types.js';

export class EchoApplication implements FixApplication {
  private readonly seen = new Map<SessionHandle, Set<string>>();
  echoed = 0;

  onLogout(session: SessionHandle): void {
    this.seen.delete(session);
  }

  fromApp(v: FixMessageView, s: MessageStructure | null, session: SessionHandle): number {
    const mt = v.get(35);
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
