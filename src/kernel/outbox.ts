// The commands of the event being handled, held until its journal record is written (./records.ts):
// a command reaches the venue port only after the record holding it (and the input that caused it) is in
// the journal, so a crash leaves no order at the venue that the journal does not know. Flushed in issue
// order at the end of the event. Struct-of-arrays, grows by doubling (cold); no allocation per command.

import type { Side } from '../core/units.js';
import type { VenuePort } from '../venue/types.js';

export const OUT_SUBMIT = 1;
export const OUT_CANCEL = 2;
export const OUT_REPLACE = 3;
/** An order status request (reconciliation); not a journaled command: replay re-derives it. */
export const OUT_STATUS = 4;

const W = 8; // kind, clOrdId, origClOrdId, instrument, side, qty, px, tif (or orderId for a status request)

export class Outbox {
  private f = new Float64Array(64 * W);
  n = 0;

  push(kind: number, cl: number, orig: number, inst: number, side: number, qty: number, px: number, tif: number): void {
    if ((this.n + 1) * W > this.f.length) {
      const g = new Float64Array(this.f.length * 2);
      g.set(this.f);
      this.f = g;
    }
    const f = this.f;
    const o = this.n++ * W;
    f[o] = kind;
    f[o + 1] = cl;
    f[o + 2] = orig;
    f[o + 3] = inst;
    f[o + 4] = side;
    f[o + 5] = qty;
    f[o + 6] = px;
    f[o + 7] = tif;
  }

  /** Sends everything queued, in order, at `now`. */
  flush(port: VenuePort, now: number): void {
    const f = this.f;
    // a port may not call back into the kernel (./types.ts), so nothing is pushed while this runs
    for (let i = 0; i < this.n; i++) {
      const o = i * W;
      const kind = f[o];
      const side = f[o + 4] as Side;
      if (kind === OUT_SUBMIT) port.submit(f[o + 1], f[o + 3], side, f[o + 5], f[o + 6], f[o + 7], now);
      else if (kind === OUT_CANCEL) port.cancel(f[o + 1], f[o + 2], f[o + 3], side, now);
      else if (kind === OUT_REPLACE) port.replace(f[o + 1], f[o + 2], f[o + 3], side, f[o + 5], f[o + 6], now);
      else port.requestStatus?.(f[o + 1], f[o + 7], f[o + 3], side, now);
    }
    this.n = 0;
  }
}
