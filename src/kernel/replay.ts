// Journal replay (design principle 10): a fresh kernel, built like the one that wrote the journal but with
// a SimClock and the null venue port, is fed the journal's inputs in order; it regenerates every command
// (compared with the journal's command records) and reaches the same stateHash(). Cold path.

import { SimClock, type Clock } from '../clock/clock.js';
import type { Journal } from '../journal/journal.js';
import type { ScanResult } from '../journal/format.js';
import { NullVenuePort } from '../venue/null.js';
import type { VenueEventSink, VenuePort } from '../venue/types.js';
import type { Kernel } from './kernel.js';
import { K_CANCEL, K_EXEC, K_FEED, K_RECORD_BASE, K_REPLACE, K_START, K_SUBMIT, K_TIMERS } from './records.js';

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
      return;
    }
    if (kernel === null) throw new Error('kernel replay: a kernel record before START');
    switch (type) {
      case K_FEED:
        clock.set(now);
        kernel.onFeed(view, off + 8, len - 8, now);
        out.feeds++;
        break;
      case K_EXEC: {
        clock.set(now);
        const f = (k: number): number => view.readDoubleLE(off + 8 + 8 * k);
        kernel.onExec(f(0), f(1), f(2), f(3), f(4), f(5), f(6), f(7), f(8), now);
        out.execs++;
        break;
      }
      case K_TIMERS:
        clock.set(now);
        kernel.fireTimers(now);
        out.timerPasses++;
        break;
      case K_SUBMIT:
      case K_CANCEL:
      case K_REPLACE:
        kernel.expectCommand(view.readDoubleLE(off + 8));
        out.commands++;
        break;
      default:
        break;
    }
    kernel.drainAudit();
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
  override onMarket(...a: Parameters<VenuePort['onMarket']>): void {
    this.live.onMarket(...a);
  }
}

/**
 * Restart after a crash: rebuilds the kernel from `journal` (as replayKernel, commands suppressed), then
 * switches it to the live clock and venue port and keeps journaling to the same journal (a reopened
 * FileJournal appends after its last valid record). `build` must wire the port it is given (the gated
 * live port) and the same configuration as before the crash. Orders the venue acknowledged but whose
 * reports were still queued at the crash are not in the journal: reconcile with the venue (OMS
 * reconcile, order status requests) after a restart.
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
