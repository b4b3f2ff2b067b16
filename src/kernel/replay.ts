// Journal replay (design principle 10): a fresh kernel, built like the one that wrote the journal but with
// a SimClock and the null venue port, is fed the journal's inputs in order, each at its record's time; it
// regenerates every command (compared with the commands in the same record) and reaches the same
// stateHash(). Cold path.

import { SimClock, type Clock } from '../clock/clock.js';
import type { Journal } from '../journal/journal.js';
import type { ScanResult } from '../journal/format.js';
import { NullVenuePort } from '../venue/null.js';
import type { VenueEventSink, VenuePort } from '../venue/types.js';
import type { Kernel } from './kernel.js';
import type { Side } from '../core/units.js';
import { K_CANCEL, K_CMDS, K_CTRL, K_EXEC, K_FEED, K_RECON, K_RECORD_BASE, K_REPLACE, K_START, K_STATUS, K_SUBMIT, K_TIMERS, commandFields, commandsAt, forEachCommand } from './records.js';

export interface KernelReplay {
  kernel: Kernel;
  port: NullVenuePort;
  scan: ScanResult;
  /** Records applied per kind. */
  feeds: number;
  execs: number;
  timerPasses: number;
  commands: number;
}

/**
 * Replays `journal` into the kernel `build` makes from the clock and port it is given (same configuration
 * and strategies as the original, fresh state, no journal).
 */
export function replayKernel(journal: Journal, build: (clock: SimClock, port: NullVenuePort) => Kernel): KernelReplay {
  const port = new NullVenuePort();
  return replayInto(journal, port, (clock) => build(clock, port));
}

function replayInto(journal: Journal, port: NullVenuePort, build: (clock: SimClock) => Kernel): KernelReplay {
  let clock = new SimClock(0);
  let kernel: Kernel | null = null;
  const out = { kernel: null as unknown as Kernel, port, scan: undefined as unknown as ScanResult, feeds: 0, execs: 0, timerPasses: 0, commands: 0 };
  let view: Buffer = Buffer.alloc(0);
  let viewOf: Uint8Array | null = null;
  const fields = new Float64Array(9);
  const read = (off: number, n: number): Float64Array => {
    for (let k = 0; k < n; k++) fields[k] = view.readDoubleLE(off + 8 * k);
    return fields;
  };
  out.scan = journal.replay((type, _seq, buf, off, len) => {
    if (type < K_RECORD_BASE || type > K_RECORD_BASE + 0xff) return; // other subsystems' records
    if (viewOf !== buf) {
      view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
      viewOf = buf;
    }
    const now = view.readDoubleLE(off);
    if (type === K_START) {
      if (kernel !== null) throw new Error('kernel replay: a second START record (two kernels in one journal)');
      clock = new SimClock(now);
      kernel = build(clock);
      kernel.journal = null;
      kernel.replaying = true;
      out.kernel = kernel;
    } else if (kernel === null) throw new Error('kernel replay: a kernel record before START');
    const k = kernel;
    clock.set(now);
    switch (type) {
      case K_FEED:
        k.feedEvent(view, off + 10, view.readUInt16LE(off + 8), now);
        out.feeds++;
        break;
      case K_EXEC:
        k.execEvent(read(off + 8, 9), 0, now);
        out.execs++;
        break;
      case K_STATUS:
        k.statusEvent(read(off + 8, 7), 0, now);
        break;
      case K_TIMERS:
        k.timersEvent(now);
        out.timerPasses++;
        break;
      case K_RECON:
        k.reconcileEvent(now);
        break;
      case K_CTRL: {
        const f = read(off + 8, 3);
        const len = view.readUInt16LE(off + 32);
        k.controlEvent(f[0], f[1], f[2], view.toString('utf8', off + 34, off + 34 + len), now);
        break;
      }
      case K_CMDS: {
        // a command from outside the kernel (the record's first): issued again
        const p = commandsAt(type, view, off);
        const code = view.readDoubleLE(p);
        const f = read(p + 8, commandFields(code));
        if (code === K_SUBMIT) k.submit(f[1], f[2], f[3] as Side, f[4], f[5], f[6]);
        else if (code === K_CANCEL) k.cancel(f[2], f[1]);
        else if (code === K_REPLACE) k.replace(f[2], f[1], f[3], f[4]);
        break;
      }
      default:
        break;
    }
    forEachCommand(type, view, off, len, (_code, id) => {
      k.expectCommand(id);
      out.commands++;
    });
    k.drainAudit();
  });
  if (kernel === null) throw new Error('kernel replay: no START record in the journal');
  return out;
}

/**
 * The live port behind a gate: closed while the journal replays (regenerated commands were sent before
 * the crash and must not go out twice), open afterwards. Reports the live port produces meanwhile wait in
 * the kernel's ring.
 */
class GatedPort extends NullVenuePort implements VenuePort {
  open = false;
  constructor(private readonly live: VenuePort) {
    super();
  }
  override attach(sink: VenueEventSink): void {
    this.live.attach(sink);
  }
  override submit(...a: Parameters<VenuePort['submit']>): void {
    if (this.open) this.live.submit(...a);
    else this.commands++;
  }
  override cancel(...a: Parameters<VenuePort['cancel']>): void {
    if (this.open) this.live.cancel(...a);
    else this.commands++;
  }
  override replace(...a: Parameters<VenuePort['replace']>): void {
    if (this.open) this.live.replace(...a);
    else this.commands++;
  }
  requestStatus(...a: Parameters<NonNullable<VenuePort['requestStatus']>>): void {
    if (this.open) this.live.requestStatus?.(...a);
  }
  override onMarket(...a: Parameters<VenuePort['onMarket']>): void {
    this.live.onMarket(...a);
  }
}

/**
 * Restart after a crash: rebuilds the kernel from `journal` (as replayKernel, commands suppressed), then
 * switches it to the live clock and venue port and keeps journaling to the same journal (a reopened
 * FileJournal appends after its last valid record). `build` must wire the port it is given (the gated
 * live port) and the same configuration as before the crash.
 * The journal ends at a whole event (one record per event, ./records.ts): an event whose record did not
 * make it sent nothing; the last recorded event's commands may or may not have left before the crash,
 * and reports queued at the crash are lost. So once the live port reaches the venue, call
 * kernel.reconcile(): it asks the venue for the status of every open or in-doubt order and corrects
 * the state from the answers (./reconcile.ts), holding new orders until they are in.
 */
export function resumeKernel(journal: Journal, live: { clock: Clock; port: VenuePort }, build: (clock: Clock, port: VenuePort) => Kernel): KernelReplay {
  const gate = new GatedPort(live.port);
  const r = replayInto(journal, gate, (clock) => {
    const k = build(clock, gate);
    if (k.port !== gate) throw new Error('resumeKernel: build must wire the port it is given');
    live.port.useBook?.(k.books);
    return k;
  });
  const k = r.kernel;
  k.clock = live.clock;
  k.replaying = false;
  k.journal = journal;
  gate.open = true;
  return r;
}
