// A minimal executing counterparty for interop tests: every NewOrderSingle (35=D) is answered
// with one ExecutionReport filling it completely at its price (ExecType F, OrdStatus 2), as
// QuickFIX's example executor does. `onOrder` observes each order (id, PossDup) for reconciliation.

import type { FixMessageView } from '../codec/decoder.js';
import type { MessageStructure } from '../dictionary/validate.js';
import type { FixApplication, SessionHandle } from '../session/types.js';

export class FillApplication implements FixApplication {
  private execId = 0;
  constructor(private readonly onOrder: (clOrdId: string, possDup: boolean) => void = () => undefined) {}

  fromApp(v: FixMessageView, _s: MessageStructure | null, session: SessionHandle): number {
    if (v.get(35) !== 'D') return 3;
    const id = v.get(11) ?? '';
    this.onOrder(id, v.char(43) === 0x59);
    const qty = v.get(38) ?? '0';
    const px = v.get(44) ?? '0';
    const n = ++this.execId;
    const f: Array<[number, string]> = [
      [6, px], [11, id], [14, qty], [17, `E${n}`], [31, px], [32, qty], [37, `O${n}`], [38, qty], [39, '2'],
      [54, v.get(54) ?? '1'], [55, v.get(55) ?? ''], [150, 'F'], [151, '0'],
    ];
    session.sendApp('8', [], Buffer.from(f.map(([t, x]) => `${t}=${x}\x01`).join(''), 'latin1'));
    return -1;
  }
}
