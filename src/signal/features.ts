// Incremental features (layout and semantics: ./spec.ts). Per event: O(levels + windows) reads of the
// book plus amortized O(1) window upkeep; nothing is allocated once the rings have reached the window
// population (see TimeRing). The plain twin that recomputes everything from the full history is
// ./reference.ts; test/signal checks they agree on real LOBSTER and Databento replays.

import type { BookView } from '../book/types.js';
import { SIDE_ASK, SIDE_BID } from '../core/units.js';
import { TimeRing, WindowSum } from './ring.js';
import {
  ckSOfi,
  featureCount,
  F_IMBALANCE,
  F_MICROPRICE,
  F_MID,
  F_OFI,
  F_OFI_WINDOW,
  F_REALIZED_VOL,
  F_SPREAD,
  F_TRADE_FLOW,
  validateFeatureSpec,
  type FeatureSpec,
} from './spec.js';

// Module-local copies of the imported constants onBook uses: V8 reloads an imported binding at every use
// in optimized code (load, hole check, untag) but folds an unexported module const into the code.
// Measured (benchInferenceDetailed's feature update, alternating A/B): onBook p50 ~185 -> ~157 ns. The
// originals stay the names other modules import; test/signal/local-consts.test.ts checks the copies.
const BID = SIDE_BID;
const ASK = SIDE_ASK;
const MID = F_MID;
const SPREAD = F_SPREAD;
const MICROPRICE = F_MICROPRICE;
const OFI = F_OFI;
const OFI_WINDOW = F_OFI_WINDOW;
const TRADE_FLOW = F_TRADE_FLOW;
const REALIZED_VOL = F_REALIZED_VOL;
const IMBALANCE = F_IMBALANCE;
/** For the test of the copies above (cold). */
export const FEATURE_CONSTS = { BID, ASK, MID, SPREAD, MICROPRICE, OFI, OFI_WINDOW, TRADE_FLOW, REALIZED_VOL, IMBALANCE } as const;

export class FeatureEngine {
  readonly out: Float64Array;
  readonly size: number;
  private readonly inst: number;
  private readonly levels: number;
  private readonly retWindows: Float64Array;
  /** Per return window: sequence number (in `mids`) of the last entry stamped <= now - W, or head - 1. */
  private readonly retPtr: Float64Array;
  private readonly retBase: number;
  /** Mid changes (ts, mid in effect from ts on; NaN when a side is empty). */
  private readonly mids: TimeRing;
  private readonly ofi: WindowSum;
  private readonly buys: WindowSum;
  private readonly sells: WindowSum;
  private readonly vol: WindowSum;
  private now = -Infinity;
  private pb = -Infinity;
  private qb = 0;
  private pa = Infinity;
  private qa = 0;
  private lastMid = NaN;
  private lastValidMid = NaN;
  /** Per return window: the anchor seq and mid its value was computed from (log is the costly part of
   *  an event, and most events move neither: reusing the value returns the identical number). */
  private readonly retAt: Float64Array;
  private readonly retMidAt: Float64Array;
  private readonly retVal: Float64Array;
  /** The vol sum whose sqrt is in volOut (same reuse, for the sqrt). */
  private volSumAt = NaN;
  private volOut = NaN;

  constructor(spec: FeatureSpec, out?: Float64Array) {
    validateFeatureSpec(spec);
    this.size = featureCount(spec);
    this.out = out ?? new Float64Array(this.size);
    if (this.out.length < this.size) throw new Error(`feature vector needs ${this.size} slots, got ${this.out.length}`);
    this.inst = spec.instrument;
    this.levels = spec.levels;
    this.retWindows = Float64Array.from(spec.returnWindowsNs);
    this.retPtr = new Float64Array(spec.returnWindowsNs.length).fill(-1);
    this.retBase = F_IMBALANCE + spec.levels;
    this.retAt = new Float64Array(spec.returnWindowsNs.length).fill(-2);
    this.retMidAt = new Float64Array(spec.returnWindowsNs.length).fill(NaN);
    this.retVal = new Float64Array(spec.returnWindowsNs.length).fill(NaN);
    const cap = spec.initialCapacity ?? 1024;
    this.mids = new TimeRing(cap);
    this.ofi = new WindowSum(spec.ofiWindowNs, cap, true);
    this.buys = new WindowSum(spec.tradeWindowNs, cap, true);
    this.sells = new WindowSum(spec.tradeWindowNs, cap, true);
    this.vol = new WindowSum(spec.volWindowNs, cap, false);
  }

  /** A trade print: `aggressor` +1 buyer-initiated, -1 seller-initiated (0: unknown, ignored). */
  onTrade(ts: number, _price: number, qty: number, aggressor: number): void {
    const now = ts > this.now ? ts : this.now;
    this.now = now;
    if (aggressor > 0) this.buys.add(now, qty);
    else if (aggressor < 0) this.sells.add(now, qty);
  }

  /** Recomputes the vector after a book event of this instrument at `ts` (call once per event). */
  onBook(book: BookView, ts: number): void {
    const now = ts > this.now ? ts : this.now;
    this.now = now;
    const out = this.out;
    const inst = this.inst;

    // Best levels, spread, mid, microprice.
    const nb = book.depth(inst, BID);
    const na = book.depth(inst, ASK);
    const pb = nb > 0 ? book.levelPrice(inst, BID, 0) : -Infinity;
    const qb = nb > 0 ? book.levelQty(inst, BID, 0) : 0;
    const pa = na > 0 ? book.levelPrice(inst, ASK, 0) : Infinity;
    const qa = na > 0 ? book.levelQty(inst, ASK, 0) : 0;
    const both = nb > 0 && na > 0;
    const mid = both ? (pb + pa) / 2 : NaN;
    out[MID] = mid;
    out[SPREAD] = both ? pa - pb : NaN;
    out[MICROPRICE] = both ? (pb * qa + pa * qb) / (qb + qa) : NaN;

    // Order-flow imbalance.
    const e = ckSOfi(this.pb, this.qb, this.pa, this.qa, pb, qb, pa, qa);
    this.pb = pb;
    this.qb = qb;
    this.pa = pa;
    this.qa = qa;
    out[OFI] = e;
    const ofi = this.ofi;
    if (e !== 0) ofi.add(now, e);
    ofi.advance(now);
    out[OFI_WINDOW] = ofi.sum;

    // Trade flow.
    this.buys.advance(now);
    this.sells.advance(now);
    const b = this.buys.sum;
    const s = this.sells.sum;
    out[TRADE_FLOW] = b + s > 0 ? (b - s) / (b + s) : 0;

    // Realized volatility of mid returns.
    const vol = this.vol;
    if (both) {
      const prev = this.lastValidMid;
      if (prev === prev && mid !== prev) {
        const r = Math.log(mid / prev);
        vol.add(now, r * r);
      }
      this.lastValidMid = mid;
    }
    vol.advance(now);
    const vs = vol.sum;
    if (vs !== this.volSumAt) {
      this.volSumAt = vs;
      this.volOut = Math.sqrt(vs);
    }
    out[REALIZED_VOL] = this.volOut;

    // Book imbalance over the best 1..L levels.
    // Level 0 is the best level read above (qb / qa are 0 for an empty side): two book reads fewer.
    let bc = qb;
    let ac = qa;
    out[IMBALANCE] = bc + ac > 0 ? (bc - ac) / (bc + ac) : 0;
    const L = this.levels;
    for (let n = 1; n < L; n++) {
      if (n < nb) bc += book.levelQty(inst, BID, n);
      if (n < na) ac += book.levelQty(inst, ASK, n);
      out[IMBALANCE + n] = bc + ac > 0 ? (bc - ac) / (bc + ac) : 0;
    }

    // Returns over time windows.
    const mids = this.mids;
    const last = this.lastMid;
    if (!(mid === last || (mid !== mid && last !== last))) {
      mids.push(now, mid);
      this.lastMid = mid;
    }
    const W = this.retWindows;
    const ptr = this.retPtr;
    const tail = mids.tail;
    let keep = tail - 1; // the newest entry is always needed (it is the mid now in effect)
    for (let i = 0; i < W.length; i++) {
      const cut = now - W[i];
      let p = ptr[i];
      if (p < mids.head - 1) p = mids.head - 1;
      while (p + 1 < tail && mids.tsAt(p + 1) <= cut) p++;
      ptr[i] = p;
      if (p !== this.retAt[i] || mid !== this.retMidAt[i]) {
        this.retAt[i] = p;
        this.retMidAt[i] = mid; // NaN never matches: recomputed (to NaN) every time, as before
        this.retVal[i] = p >= mids.head ? Math.log(mid / mids.valAt(p)) : NaN;
      }
      out[this.retBase + i] = this.retVal[i];
      if (p >= 0 && p < keep) keep = p;
    }
    // Entries older than every window's anchor are never needed again. Before any anchor exists
    // (p = -1: history younger than the window) nothing may leave.
    for (let i = 0; i < W.length; i++) if (ptr[i] < 0) keep = mids.head;
    if (keep > mids.head) mids.head = keep;
  }
}
