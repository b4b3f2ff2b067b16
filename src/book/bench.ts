// Benchmark of L3Books alone (no decoding): a pre-generated op stream in typed arrays, shaped like an
// equity ITCH day: the op mix of a real Nasdaq day (below), prices a geometric number of ticks from a
// drifting mid, 10k-40k live orders over 8 instruments. Victims are drawn uniformly from the live
// orders, which is harsher on caches than a real feed, where most cancels hit recent orders.
// Generation happens before timing; the timed loop only reads typed arrays and calls BookSink.
// Figures are indicative (shared machine); the lead wires this into `npm run bench`.

import { monoNs } from '../clock/live.js';
import { Rng } from '../core/rng.js';
import type { Side } from '../core/units.js';
import { L3Books } from './l3.js';

export interface BookBenchResult {
  /** From the median timed pass (wall clock). */
  opsPerSecond: number;
  bestOpsPerSecond: number;
  /**
   * CPU time (user + system) per op, median pass: on a shared machine wall time also counts the
   * time spent waiting for a core, CPU time does not (cache interference from neighbours remains).
   */
  cpuNsPerOp: number;
  ops: number;
  nsPerOp: number;
  /** Heap growth (bytes) across the timed passes: ~0 when nothing is allocated per op (no GC is forced). */
  heapDeltaBytes: number;
  /** stateHash after the timed run (the same stream always gives the same hash). */
  stateHash: string;
}

const OP_ADD = 0;
const OP_DELETE = 1;
const OP_CANCEL = 2;
const OP_EXECUTE = 3;
const OP_REPLACE = 4;

// Op mix from a full Nasdaq ITCH 5.0 day (12/30/2019, /work/shared/data/counts): of 263M book messages,
// adds 45%, deletes 43%, replaces 8.2%, executions 2.2%, cancels 1.1%. MIX_ADD is the add share; the
// others are cumulative shares of the non-add ops (delete 79%, cancel 2%, execute 4%, replace 15%).
const MIX_ADD = 0.45;
const MIX_DELETE = 0.79;
const MIX_CANCEL = 0.81;
const MIX_EXECUTE = 0.85;

interface OpStream {
  n: number;
  op: Uint8Array;
  inst: Int32Array;
  side: Uint8Array;
  id: Int32Array;
  id2: Int32Array;
  px: Int32Array;
  qty: Int32Array;
}

/** Cold path: simulates a plausible flow so that every generated op is valid for the book. */
export function generateBookOps(n: number, seed = 42, instruments = 8, targetLive = 20_000): OpStream {
  const rng = new Rng(seed);
  const s: OpStream = {
    n,
    op: new Uint8Array(n),
    inst: new Int32Array(n),
    side: new Uint8Array(n),
    id: new Int32Array(n),
    id2: new Int32Array(n),
    px: new Int32Array(n),
    qty: new Int32Array(n),
  };
  const mid = new Array<number>(instruments).fill(100_000);
  const liveIds: number[] = [];
  const liveQty = new Map<number, number>();
  const liveInst = new Map<number, number>();
  const liveSide = new Map<number, number>();
  let nextId = 1;
  const addAt = (k: number, op: number, inst: number, side: number): void => {
    // Geometric distance from the mid: most orders rest within a few ticks of the top.
    let dist = 1;
    while (dist < 200 && rng.chance(0.7)) dist++;
    const px = side === 0 ? mid[inst] - dist * 100 : mid[inst] + dist * 100;
    const qty = 100 * (1 + rng.int(10));
    const id = nextId++;
    s.op[k] = op;
    s.inst[k] = inst;
    s.side[k] = side;
    s.px[k] = px;
    s.qty[k] = qty;
    if (op === OP_ADD) s.id[k] = id;
    else s.id2[k] = id;
    liveIds.push(id);
    liveQty.set(id, qty);
    liveInst.set(id, inst);
    liveSide.set(id, side);
  };
  const takeLive = (): number => {
    const j = rng.int(liveIds.length);
    const id = liveIds[j];
    liveIds[j] = liveIds[liveIds.length - 1];
    liveIds.pop();
    return id;
  };
  for (let k = 0; k < n; k++) {
    const inst = rng.int(instruments);
    if (rng.chance(0.01)) mid[inst] += (rng.int(3) - 1) * 100;
    const r = rng.next();
    if (liveIds.length < targetLive / 2 || (r < MIX_ADD && liveIds.length < targetLive * 2)) {
      addAt(k, OP_ADD, inst, rng.int(2));
      continue;
    }
    const id = takeLive();
    const q = liveQty.get(id)!;
    const u = rng.next();
    if (u < MIX_DELETE) {
      s.op[k] = OP_DELETE;
      s.id[k] = id;
      liveQty.delete(id);
    } else if (u < MIX_EXECUTE) {
      const part = u < MIX_CANCEL ? OP_CANCEL : OP_EXECUTE;
      const dq = q > 100 ? 100 : q;
      s.op[k] = part;
      s.id[k] = id;
      s.qty[k] = dq;
      if (dq < q) {
        liveIds.push(id);
        liveQty.set(id, q - dq);
      } else {
        liveQty.delete(id);
      }
    } else {
      s.id[k] = id;
      liveQty.delete(id);
      addAt(k, OP_REPLACE, liveInst.get(id)!, liveSide.get(id)!);
    }
  }
  return s;
}

function run(book: L3Books, s: OpStream): void {
  const { op, inst, side, id, id2, px, qty } = s;
  for (let k = 0; k < s.n; k++) {
    switch (op[k]) {
      case OP_ADD: book.add(inst[k], id[k], side[k] as Side, px[k], qty[k], k); break;
      case OP_DELETE: book.delete(id[k], k); break;
      case OP_CANCEL: book.cancel(id[k], qty[k], k); break;
      case OP_EXECUTE: book.execute(id[k], qty[k], k); break;
      default: book.replace(id[k], id2[k], px[k], qty[k], k); break;
    }
  }
}

/**
 * Applies n pre-generated ops to L3Books: one warm-up pass (JIT tiers settle; pool, id table and ladders
 * grow to the stream's peak), then `reps` timed passes over the same book, cleared between passes. The
 * machine is shared, so the median pass is reported (and the best, for comparison across runs).
 */
export function benchBooks(n: number, reps = 5): BookBenchResult {
  const s = generateBookOps(n);
  const book = new L3Books();
  run(book, s);
  const st = book.stats;
  if (st.unknownOrder + st.duplicateOrder + st.overExecution + st.overCancel + st.badQty !== 0) {
    throw new Error('benchBooks: generated stream was not clean (generator bug)');
  }
  const times: number[] = [];
  const cpu: number[] = [];
  let hash = '';
  const heap0 = process.memoryUsage().heapUsed;
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < book.instrumentCount(); i++) book.clear(i, 0);
    const c0 = process.cpuUsage();
    const t0 = monoNs();
    run(book, s);
    times.push(monoNs() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) * 1000);
    if (r === 0) hash = book.stateHash();
  }
  const heapDeltaBytes = process.memoryUsage().heapUsed - heap0;
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  return {
    opsPerSecond: (n / median) * 1e9,
    bestOpsPerSecond: (n / times[0]) * 1e9,
    ops: n,
    nsPerOp: median / n,
    cpuNsPerOp: cpu[cpu.length >> 1] / n,
    heapDeltaBytes,
    stateHash: hash,
  };
}
