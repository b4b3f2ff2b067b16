// The plain oracle for the risk property tests: a separate, obviously-correct risk engine that keeps
// the FULL history (accepted orders, fills, done events, messages, reference updates, rejects) and
// recomputes every quantity from it at each decision: open orders, positions, average cost, PnL,
// exposures, window counts. Slow on purpose (O(history) per decision); no typed arrays, no incremental
// sums. Its rules are the documented contract of src/risk/engine.ts, written independently.

import type { RiskLimits } from '../../src/risk/index.js';

export interface OIntent { strategyId: number; accountId: number; instrumentId: number; side: number; qty: number; price: number; orderType: number; clOrdId: number }
export interface Accepted extends OIntent { ts: number; px: number; seq: number }
type Ev =
  | { t: 'accept'; o: Accepted }
  | { t: 'fill'; o: Accepted; qty: number; px: number; fee: number }
  | { t: 'done'; o: Accepted }
  | { t: 'ref'; i: number; px: number; ts: number };

export class Oracle {
  readonly evs: Ev[] = [];
  readonly msgs: { scope: number; ts: number }[] = [];
  readonly rejectsAt: { scope: number; ts: number }[] = [];
  readonly killed = new Set<number>();
  globalKill = false;
  readonly restrictedGlobal = new Set<number>();
  readonly peak: number[];
  readonly scopes: RiskLimits[];
  constructor(readonly strategies: RiskLimits[], readonly accounts: RiskLimits[], readonly mult: number[], readonly clOrdIdMemory: number) {
    this.scopes = [...strategies, ...accounts];
    this.peak = this.scopes.map(() => 0);
  }

  scopesOf(o: { strategyId: number; accountId: number }): number[] {
    return [o.strategyId, this.strategies.length + o.accountId];
  }

  accepted(): Accepted[] {
    return this.evs.filter((e): e is { t: 'accept'; o: Accepted } => e.t === 'accept').map((e) => e.o);
  }

  /** Open orders with their leaves, recomputed from the history. */
  open(): { o: Accepted; leaves: number }[] {
    const out: { o: Accepted; leaves: number }[] = [];
    for (const e of this.evs) {
      if (e.t === 'accept') out.push({ o: e.o, leaves: e.o.qty });
      else if (e.t === 'fill' || e.t === 'done') {
        const k = out.findIndex((x) => x.o === e.o);
        if (k < 0) continue;
        if (e.t === 'done') out.splice(k, 1);
        else {
          out[k].leaves -= Math.min(e.qty, out[k].leaves);
          if (out[k].leaves === 0) out.splice(k, 1);
        }
      }
    }
    return out;
  }

  mark(i: number): number {
    let ref = 0, last = 0;
    for (const e of this.evs) {
      if (e.t === 'ref' && e.i === i) ref = e.px;
      if (e.t === 'fill' && e.o.instrumentId === i) last = e.px;
    }
    return ref > 0 ? ref : last;
  }

  refOf(i: number): { px: number; ts: number } {
    let r = { px: 0, ts: 0 };
    for (const e of this.evs) if (e.t === 'ref' && e.i === i) r = { px: e.px, ts: e.ts };
    return r;
  }

  /** Position, cost, realized and fees per instrument of a scope, replaying every fill in order. */
  book(scope: number): { pos: number[]; cost: number[]; realized: number; fees: number } {
    const n = this.mult.length;
    const pos = new Array<number>(n).fill(0), cost = new Array<number>(n).fill(0);
    let realized = 0, fees = 0;
    for (const e of this.evs) {
      if (e.t !== 'fill') continue;
      const o = e.o;
      if (!this.scopesOf(o).includes(scope)) continue;
      const i = o.instrumentId, dir = o.side === 0 ? 1 : -1, p = pos[i];
      fees += e.fee;
      if (p === 0 || Math.sign(p) === dir) {
        pos[i] += dir * e.qty;
        cost[i] += dir * e.qty * e.px;
      } else {
        const close = Math.min(e.qty, Math.abs(p));
        const released = close === Math.abs(p) ? cost[i] : Math.round((cost[i] * close) / Math.abs(p));
        realized += (Math.sign(p) * close * e.px - released) * this.mult[i];
        cost[i] -= released;
        pos[i] += dir * close;
        if (e.qty > close) {
          pos[i] += dir * (e.qty - close);
          cost[i] = dir * (e.qty - close) * e.px;
        }
      }
    }
    return { pos, cost, realized, fees };
  }

  pnl(scope: number): number {
    const b = this.book(scope);
    let v = b.realized - b.fees;
    for (let i = 0; i < this.mult.length; i++) v += (b.pos[i] * this.mark(i) - b.cost[i]) * this.mult[i];
    return v;
  }

  samplePeak(scope: number): number {
    const v = this.pnl(scope);
    if (v > this.peak[scope]) this.peak[scope] = v;
    return v;
  }

  /**
   * [check id, scope index, -1 for the order itself or -2 global] of the first failing check; [0, -1] accepts.
   * `replacing`: the open order a replace would take the place of; its open quantity does not count.
   */
  decide(o: OIntent, now: number, replacing: Accepted | null = null): [number, number] {
    const nS = this.strategies.length, nA = this.accounts.length, nI = this.mult.length;
    const ok = (x: number, n: number) => Number.isInteger(x) && x >= 0 && x < n;
    if (!ok(o.strategyId, nS) || !ok(o.accountId, nA) || !ok(o.instrumentId, nI)) return [1, -1];
    const market = o.orderType === 1;
    if ((o.side !== 0 && o.side !== 1) || (o.orderType !== 0 && !market) || !Number.isSafeInteger(o.qty) || o.qty <= 0 || !Number.isSafeInteger(o.clOrdId) || o.clOrdId < 0 || (!market && (!Number.isSafeInteger(o.price) || o.price <= 0))) return [1, -1];
    const sc = this.scopesOf(o), i = o.instrumentId, L = (s: number) => this.scopes[s];
    if (this.globalKill) return [2, -2];
    for (const s of sc) if (this.killed.has(s)) return [2, s];
    if (this.restrictedGlobal.has(i)) return [3, -2];
    for (const s of sc) if (L(s).restricted.includes(i)) return [3, s];
    for (const s of sc) {
      const l = L(s);
      if (l.maxRejectsPerWindow >= 0 && this.rejectsAt.filter((r) => r.scope === s && now - r.ts < l.rejectWindowNs).length >= l.maxRejectsPerWindow) return [4, s];
    }
    const acc = this.accepted();
    const openNow = this.open().filter((x) => x.o !== replacing);
    if (openNow.some((x) => x.o.clOrdId === o.clOrdId) || acc.slice(Math.max(0, acc.length - this.clOrdIdMemory)).some((x) => x.clOrdId === o.clOrdId)) return [5, -1];
    for (const s of sc) {
      const w = L(s).duplicateWindowNs;
      if (w < 0) continue;
      const mine = acc.filter((x) => this.scopesOf(x).includes(s)).slice(-16);
      if (mine.some((x) => x.instrumentId === i && x.side === o.side && x.qty === o.qty && (x.orderType === 1 ? -1 : x.price) === (market ? -1 : o.price) && now - x.ts < w)) return [6, s];
    }
    for (const s of sc) {
      const l = L(s);
      const n = acc.filter((x) => this.scopesOf(x).includes(s) && now - x.ts < l.messageWindowNs).length + this.msgs.filter((m) => m.scope === s && now - m.ts < l.messageWindowNs).length;
      if (l.maxMessagesPerWindow >= 0 && n >= l.maxMessagesPerWindow) return [7, s];
    }
    for (const s of sc) {
      const l = L(s);
      if (l.maxOrdersPerWindow >= 0 && acc.filter((x) => this.scopesOf(x).includes(s) && now - x.ts < l.orderWindowNs).length >= l.maxOrdersPerWindow) return [8, s];
    }
    const pnl = sc.map((s) => this.samplePeak(s));
    for (let k = 0; k < 2; k++) if (L(sc[k]).maxLoss >= 0 && -pnl[k] >= L(sc[k]).maxLoss) return [9, sc[k]];
    for (let k = 0; k < 2; k++) if (L(sc[k]).maxDrawdown >= 0 && this.peak[sc[k]] - pnl[k] >= L(sc[k]).maxDrawdown) return [10, sc[k]];
    const ref = this.refOf(i);
    for (const s of sc) {
      const l = L(s);
      if (!(market || l.collarBps >= 0 || l.requireReference === 1)) continue;
      if (ref.px <= 0 || (l.maxReferenceAgeNs >= 0 && now - ref.ts > l.maxReferenceAgeNs)) return [11, s];
    }
    const px = market ? ref.px : o.price;
    const newN = px * o.qty * this.mult[i];
    if (!Number.isSafeInteger(newN)) return [12, -1];
    if (!market) for (const s of sc) if (L(s).collarBps >= 0 && Math.abs(px - ref.px) * 10000 > L(s).collarBps * ref.px) return [13, s];
    for (const s of sc) if (L(s).maxOrderQty >= 0 && o.qty > L(s).maxOrderQty) return [14, s];
    for (const s of sc) if (L(s).maxOrderNotional >= 0 && newN > L(s).maxOrderNotional) return [15, s];
    const openOf = (s: number) => openNow.filter((x) => this.scopesOf(x.o).includes(s));
    for (const s of sc) if (L(s).maxOpenOrders >= 0 && openOf(s).length + 1 > L(s).maxOpenOrders) return [16, s];
    const buy = o.side === 0;
    const sum = (s: number, f: (x: { o: Accepted; leaves: number }) => number, side: number, inst = -1) =>
      openOf(s).filter((x) => x.o.side === side && (inst < 0 || x.o.instrumentId === inst)).reduce((a, x) => a + f(x), 0);
    const notional = (x: { o: Accepted; leaves: number }) => x.leaves * x.o.px * this.mult[x.o.instrumentId];
    for (const s of sc) {
      if (L(s).maxPositionQty < 0) continue;
      const p = this.book(s).pos[i];
      const w = buy ? p + sum(s, (x) => x.leaves, 0, i) + o.qty : sum(s, (x) => x.leaves, 1, i) + o.qty - p;
      if (w > L(s).maxPositionQty) return [17, s];
    }
    for (const s of sc) {
      if (L(s).maxPositionNotional < 0) continue;
      const pn = this.book(s).pos[i] * this.mark(i) * this.mult[i];
      const w = buy ? pn + sum(s, notional, 0, i) + newN : sum(s, notional, 1, i) + newN - pn;
      if (w > L(s).maxPositionNotional) return [18, s];
    }
    const values = (s: number) => this.book(s).pos.map((p, j) => p * this.mark(j) * this.mult[j]);
    for (const s of sc) {
      if (L(s).maxGrossExposure < 0) continue;
      const w = values(s).reduce((a, v) => a + Math.abs(v), 0) + sum(s, notional, 0) + sum(s, notional, 1) + newN;
      if (w > L(s).maxGrossExposure) return [19, s];
    }
    for (const s of sc) {
      if (L(s).maxNetExposure < 0) continue;
      const net = values(s).reduce((a, v) => a + v, 0);
      const w = buy ? net + sum(s, notional, 0) + newN : sum(s, notional, 1) + newN - net;
      if (w > L(s).maxNetExposure) return [20, s];
    }
    for (const s of sc) {
      if (L(s).creditLimit < 0) continue;
      const b = this.book(s);
      const atCost = b.cost.reduce((a, c, j) => a + Math.abs(c * this.mult[j]), 0);
      const loss = Math.max(0, -(b.realized - b.fees));
      const w = atCost + sum(s, notional, 0) + sum(s, notional, 1) + loss + newN;
      if (w > L(s).creditLimit) return [21, s];
    }
    for (const s of sc) {
      if (L(s).selfTradePrevention !== 1) continue;
      const opp = openOf(s).filter((x) => x.o.instrumentId === i && x.o.side !== o.side && x.o.orderType === 0);
      if (opp.some((x) => market || (buy ? x.o.price <= px : x.o.price >= px))) return [22, s];
    }
    return [0, -1];
  }

  /** Applies the decision's consequences exactly as the contract states. */
  apply(o: OIntent, now: number, check: number, scope: number): void {
    if (check === 0) {
      const px = o.orderType === 1 ? this.refOf(o.instrumentId).px : o.price;
      this.evs.push({ t: 'accept', o: { ...o, ts: now, px, seq: this.evs.length } });
      return;
    }
    if (check !== 1 && check !== 2 && check !== 4) for (const s of this.scopesOf(o)) this.rejectsAt.push({ scope: s, ts: now });
    if (scope >= 0 && this.scopes[scope].killOnBreach.includes(check)) {
      if (this.scopes[scope].killAllOnBreach === 1) this.globalKill = true;
      else this.killed.add(scope);
    }
  }

  fill(o: Accepted, qty: number, px: number, fee: number): void {
    this.evs.push({ t: 'fill', o, qty, px, fee });
    for (const s of this.scopesOf(o)) this.samplePeak(s);
  }

  done(o: Accepted, now: number, venueReject: boolean): void {
    if (venueReject) for (const s of this.scopesOf(o)) this.rejectsAt.push({ scope: s, ts: now });
    this.evs.push({ t: 'done', o });
  }

  ref(i: number, px: number, ts: number): void {
    this.evs.push({ t: 'ref', i, px, ts });
  }
}
