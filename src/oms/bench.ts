// Benchmark of OMS transitions: a pre-generated lifecycle stream (submit, ack, partial fills, then a
// completing fill or a cancel request + cancel ack, then release of the done order) over 1,000
// concurrently working orders on 16 positions, so the pool, maps and execId set stay at a steady size.
// Generation happens before timing; the timed loop reads typed arrays and calls the OMS.
// Measured three ways: the bare Oms; JournaledOms over a MemoryJournal (encode + CRC + copy); and
// JournaledOms over a FileJournal with fsync policy `batch` (64 records; no timer), the default, in the
// OS temp folder. Each counts one operation per command or report (releases are not counted).
// Figures are indicative (a shared machine): the median of `reps` passes. The lead wires this into
// `npm run bench`.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monoNs } from '../clock/live.js';
import { OrderEvent } from '../core/events.js';
import { Rng } from '../core/rng.js';
import type { Side } from '../core/units.js';
import { FileJournal, MemoryJournal } from '../journal/index.js';
import type { FsyncPolicy, Journal } from '../journal/index.js';
import { JournaledOms } from './journaled.js';
import { ExecReport, Oms, OmsResult } from './oms.js';

const K_SUBMIT = 0;
const K_CANCEL = 1;
const K_REPORT = 2;

export interface OmsBenchStream {
  n: number;
  kind: Uint8Array;
  event: Uint8Array;
  clOrdId: Float64Array;
  execId: Float64Array;
  qty: Float64Array;
  px: Float64Array;
  side: Uint8Array;
  instrument: Uint8Array;
  /** 1 when the order is done after this op (release it). */
  done: Uint8Array;
}

/** n operations over `live` concurrently working orders. */
export function generateOmsOps(n: number, seed = 1, live = 1_000): OmsBenchStream {
  const rng = new Rng(seed);
  const s: OmsBenchStream = {
    n, kind: new Uint8Array(n), event: new Uint8Array(n), clOrdId: new Float64Array(n), execId: new Float64Array(n),
    qty: new Float64Array(n), px: new Float64Array(n), side: new Uint8Array(n), instrument: new Uint8Array(n), done: new Uint8Array(n),
  };
  // per working order: id, step in its script, qty left
  const ids = new Float64Array(live);
  const step = new Uint8Array(live);
  const left = new Float64Array(live);
  const cancels = new Uint8Array(live);
  let nextId = 1;
  let nextExec = 1;
  for (let k = 0; k < live; k++) ids[k] = 0;
  for (let i = 0; i < n; i++) {
    const k = rng.int(live);
    s.clOrdId[i] = ids[k];
    s.px[i] = 10_000 + rng.int(50);
    if (ids[k] === 0) {
      ids[k] = nextId++;
      step[k] = 0;
      left[k] = 10 + rng.int(90);
      cancels[k] = rng.chance(0.5) ? 1 : 0;
      s.kind[i] = K_SUBMIT;
      s.clOrdId[i] = ids[k];
      s.qty[i] = left[k];
      s.side[i] = rng.int(2);
      s.instrument[i] = rng.int(16);
      continue;
    }
    s.kind[i] = K_REPORT;
    s.execId[i] = nextExec++;
    const st = step[k]++;
    if (st === 0) s.event[i] = OrderEvent.OrderAccepted;
    else if (st <= 2) {
      const q = 1 + rng.int(Math.max(1, Math.floor(left[k] / 3)));
      left[k] -= q;
      s.event[i] = OrderEvent.OrderPartiallyFilled;
      s.qty[i] = q;
    } else if (cancels[k] === 0) {
      s.event[i] = OrderEvent.OrderFilled;
      s.qty[i] = left[k];
      s.done[i] = 1;
      ids[k] = 0;
    } else if (st === 3) {
      s.kind[i] = K_CANCEL;
      s.execId[i] = 0;
    } else {
      s.event[i] = OrderEvent.OrderCancelled;
      s.done[i] = 1;
      ids[k] = 0;
    }
  }
  return s;
}

interface Front {
  submit: Oms['submit'];
  cancel: Oms['cancel'];
  onExecReport: Oms['onExecReport'];
}

function run(front: Front, oms: Oms, s: OmsBenchStream, r: ExecReport): number {
  let bad = 0;
  for (let i = 0; i < s.n; i++) {
    const id = s.clOrdId[i];
    let res: number;
    const kind = s.kind[i];
    if (kind === K_SUBMIT) res = front.submit(id, 1, 0, s.instrument[i], s.side[i] as Side, s.qty[i], s.px[i], i);
    else if (kind === K_CANCEL) res = front.cancel(id, i);
    else res = front.onExecReport(r.set(s.event[i], s.execId[i], id, 0, s.qty[i], s.px[i], i));
    if (res !== OmsResult.Ok) bad++;
    if (s.done[i] === 1) oms.release(id);
  }
  return bad;
}

export interface OmsBenchFigures {
  opsPerSecond: number;
  nsPerOp: number;
  heapDeltaBytes: number;
}

export interface OmsBenchResult {
  ops: number;
  /** Bare Oms (no journal). */
  oms: OmsBenchFigures;
  /** JournaledOms over a MemoryJournal. */
  journaledMemory: OmsBenchFigures;
  /** JournaledOms over a FileJournal, fsync policy as stated. */
  journaledFile: OmsBenchFigures & { fsync: FsyncPolicy; batchRecords: number; syncs: number };
  stateHash: string;
}

function measure(s: OmsBenchStream, reps: number, make: (oms: Oms) => { front: Front; journal: Journal | null }): OmsBenchFigures & { syncs: number; hash: string } {
  const times: number[] = [];
  let heap = 0;
  let syncs = 0;
  let hash = '';
  for (let p = 0; p <= reps; p++) {
    const oms = new Oms({ maxOrders: 4_096, maxPositions: 64, execIds: s.n });
    const { front, journal } = make(oms);
    const r = new ExecReport();
    const h0 = process.memoryUsage().heapUsed;
    const t0 = monoNs();
    const bad = run(front, oms, s, r);
    const dt = monoNs() - t0;
    const h1 = process.memoryUsage().heapUsed;
    if (bad !== 0) throw new Error(`benchOms: ${bad} operations were refused (generator bug)`);
    if (journal !== null) {
      syncs = journal.syncs;
      journal.close();
    }
    if (p === 0) {
      hash = oms.stateHash();
      continue; // warm-up pass
    }
    times.push(dt);
    heap = h1 - h0;
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  return { opsPerSecond: (s.n / median) * 1e9, nsPerOp: median / s.n, heapDeltaBytes: heap, syncs, hash };
}

export function benchOms(n = 1_000_000, reps = 3): OmsBenchResult {
  const s = generateOmsOps(n);
  const bare = measure(s, reps, (oms) => ({ front: oms, journal: null }));
  // one memory journal for every pass (cleared), so the timed passes do not measure its growth
  const memJournal = new MemoryJournal({ fsync: 'none' });
  const mem = measure(s, reps, (oms) => {
    memJournal.clear();
    return { front: new JournaledOms(oms, memJournal), journal: memJournal };
  });
  const dir = mkdtempSync(join(tmpdir(), 'oms-bench-'));
  let file: ReturnType<typeof measure>;
  let pass = 0;
  try {
    file = measure(s, reps, (oms) => {
      const j = new FileJournal(join(dir, `oms-${pass++}.journal`), { fsync: 'batch', batchRecords: 64 });
      return { front: new JournaledOms(oms, j), journal: j };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (mem.hash !== bare.hash || file.hash !== bare.hash) throw new Error('benchOms: journaled and bare OMS disagree');
  const fig = (f: ReturnType<typeof measure>): OmsBenchFigures => ({ opsPerSecond: f.opsPerSecond, nsPerOp: f.nsPerOp, heapDeltaBytes: f.heapDeltaBytes });
  return {
    ops: n,
    oms: fig(bare),
    journaledMemory: fig(mem),
    journaledFile: { ...fig(file), fsync: 'batch', batchRecords: 64, syncs: file.syncs },
    stateHash: bare.hash,
  };
}
