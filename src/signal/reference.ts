// Reference twin of FeatureEngine: keeps the full history of every event and trade in plain arrays and
// recomputes each feature from scratch on every event (O(history) per event; tests only). Same spec and
// vector layout (./spec.ts); written for obviousness, not speed.

import type { BookView } from '../book/types.js';
import { SIDE_ASK, SIDE_BID } from '../core/units.js';
import { ckSOfi, featureCount, F_IMBALANCE, validateFeatureSpec, type FeatureSpec } from './spec.js';

interface Snapshot {
  ts: number;
  pb: number;
  qb: number;
  pa: number;
  qa: number;
  mid: number;
}

interface Trade {
  ts: number;
  qty: number;
  aggressor: number;
}

export class RefFeatureEngine {
  readonly out: Float64Array;
  readonly size: number;
  private readonly snaps: Snapshot[] = [];
  private readonly trades: Trade[] = [];
  private now = -Infinity;

  constructor(private readonly spec: FeatureSpec) {
    validateFeatureSpec(spec);
    this.size = featureCount(spec);
    this.out = new Float64Array(this.size);
  }

  onTrade(ts: number, _price: number, qty: number, aggressor: number): void {
    this.now = Math.max(this.now, ts);
    this.trades.push({ ts: this.now, qty, aggressor });
  }

  onBook(book: BookView, ts: number): void {
    this.now = Math.max(this.now, ts);
    const now = this.now;
    const { instrument: inst, levels } = this.spec;
    const bids: number[] = [];
    const asks: number[] = [];
    for (let i = 0; i < book.depth(inst, SIDE_BID); i++) bids.push(book.levelQty(inst, SIDE_BID, i));
    for (let i = 0; i < book.depth(inst, SIDE_ASK); i++) asks.push(book.levelQty(inst, SIDE_ASK, i));
    const pb = bids.length > 0 ? book.bestBid(inst) : -Infinity;
    const pa = asks.length > 0 ? book.bestAsk(inst) : Infinity;
    const qb = bids.length > 0 ? bids[0] : 0;
    const qa = asks.length > 0 ? asks[0] : 0;
    const both = bids.length > 0 && asks.length > 0;
    const mid = both ? (pb + pa) / 2 : NaN;
    this.snaps.push({ ts: now, pb, qb, pa, qa, mid });
    const o = this.out;
    o[0] = mid;
    o[1] = both ? pa - pb : NaN;
    o[2] = both ? (pb * qa + pa * qb) / (qb + qa) : NaN;

    // OFI of each event against the previous one (the first against empty books).
    let ofiWin = 0;
    let ofiNow = 0;
    for (let i = 0; i < this.snaps.length; i++) {
      const p = i > 0 ? this.snaps[i - 1] : { ts: 0, pb: -Infinity, qb: 0, pa: Infinity, qa: 0, mid: NaN };
      const c = this.snaps[i];
      const e = ckSOfi(p.pb, p.qb, p.pa, p.qa, c.pb, c.qb, c.pa, c.qa);
      if (c.ts > now - this.spec.ofiWindowNs) ofiWin += e;
      if (i === this.snaps.length - 1) ofiNow = e;
    }
    o[3] = ofiNow;
    o[4] = ofiWin;

    let buy = 0;
    let sell = 0;
    for (const t of this.trades) {
      if (t.ts <= now - this.spec.tradeWindowNs) continue;
      if (t.aggressor > 0) buy += t.qty;
      else if (t.aggressor < 0) sell += t.qty;
    }
    o[5] = buy + sell > 0 ? (buy - sell) / (buy + sell) : 0;

    // Realized volatility: returns between consecutive valid mids that differ.
    let sumSq = 0;
    let prev = NaN;
    for (const s of this.snaps) {
      if (Number.isNaN(s.mid)) continue;
      if (!Number.isNaN(prev) && s.mid !== prev && s.ts > now - this.spec.volWindowNs) {
        const r = Math.log(s.mid / prev);
        sumSq += r * r;
      }
      prev = s.mid;
    }
    o[6] = Math.sqrt(sumSq);

    for (let n = 1; n <= levels; n++) {
      let b = 0;
      let a = 0;
      for (let i = 0; i < n && i < bids.length; i++) b += bids[i];
      for (let i = 0; i < n && i < asks.length; i++) a += asks[i];
      o[F_IMBALANCE + n - 1] = b + a > 0 ? (b - a) / (b + a) : 0;
    }

    // Returns: the mid in effect at now - W is the mid after the last event stamped <= now - W.
    this.spec.returnWindowsNs.forEach((w, i) => {
      let then = NaN;
      for (const s of this.snaps) if (s.ts <= now - w) then = s.mid;
      o[F_IMBALANCE + levels + i] = Math.log(mid / then);
    });
  }
}
