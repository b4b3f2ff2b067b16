// Ready-made MatchSink implementations: NullSink (discards), CountingSink (cheap totals, used by the
// benchmark so the engine's output is consumed), RecordingSink (a flat numeric log of every call, for
// tests and the differential campaign: comparing two logs compares every event and every fill field).

import type { Nanos, Px, Qty } from '../core/units.js';
import type { MatchSink } from './types.js';

/** Event codes used in RecordingSink logs. */
export const SinkEvent = {
  Accepted: 1,
  Rejected: 2,
  Fill: 3,
  Rested: 4,
  Cancelled: 5,
  CancelRejected: 6,
  Replaced: 7,
  Expired: 8,
  TradingState: 9,
} as const;

export class NullSink implements MatchSink {
  onAccepted(): void {}
  onRejected(): void {}
  onFill(): void {}
  onRested(): void {}
  onCancelled(): void {}
  onCancelRejected(): void {}
  onReplaced(): void {}
  onExpired(): void {}
  onTradingState(): void {}
}

export class CountingSink implements MatchSink {
  accepted = 0;
  rejected = 0;
  fills = 0;
  filledQty = 0;
  rested = 0;
  cancelled = 0;
  cancelRejected = 0;
  replaced = 0;
  expired = 0;
  fees = 0;

  onAccepted(): void { this.accepted++; }
  onRejected(): void { this.rejected++; }
  onFill(_m: number, _mo: number, _t: number, _to: number, _ts: number, _px: Px, qty: Qty, _ml: Qty, _tl: Qty, makerFee: number, takerFee: number): void {
    this.fills++;
    this.filledQty += qty;
    this.fees += makerFee + takerFee;
  }
  onRested(): void { this.rested++; }
  onCancelled(): void { this.cancelled++; }
  onCancelRejected(): void { this.cancelRejected++; }
  onReplaced(): void { this.replaced++; }
  onExpired(): void { this.expired++; }
  onTradingState(): void {}
}

/** Appends [code, ...args] for every call to `log` (allocates: tests and campaigns only). */
export class RecordingSink implements MatchSink {
  readonly log: number[] = [];
  /** Calls recorded since construction (clear() does not reset it). */
  events = 0;

  onAccepted(id: number, owner: number, side: number, ordType: number, tif: number, px: Px, qty: Qty, ts: Nanos): void {
    this.events++;
    this.log.push(SinkEvent.Accepted, id, owner, side, ordType, tif, px, qty, ts);
  }
  onRejected(id: number, owner: number, code: number, ts: Nanos): void {
    this.events++;
    this.log.push(SinkEvent.Rejected, id, owner, code, ts);
  }
  onFill(
    makerId: number, makerOwner: number, takerId: number, takerOwner: number, takerSide: number,
    px: Px, qty: Qty, makerLeaves: Qty, takerLeaves: Qty, makerFee: number, takerFee: number,
    matchId: number, ts: Nanos,
  ): void {
    this.events++;
    this.log.push(SinkEvent.Fill, makerId, makerOwner, takerId, takerOwner, takerSide, px, qty, makerLeaves, takerLeaves, makerFee, takerFee, matchId, ts);
  }
  onRested(id: number, owner: number, side: number, px: Px, qty: Qty, ts: Nanos): void {
    this.events++;
    this.log.push(SinkEvent.Rested, id, owner, side, px, qty, ts);
  }
  onCancelled(id: number, owner: number, side: number, px: Px, qty: Qty, reason: number, resting: number, ts: Nanos): void {
    this.events++;
    this.log.push(SinkEvent.Cancelled, id, owner, side, px, qty, reason, resting, ts);
  }
  onCancelRejected(id: number, kind: number, code: number, ts: Nanos): void {
    this.events++;
    this.log.push(SinkEvent.CancelRejected, id, kind, code, ts);
  }
  onReplaced(id: number, owner: number, side: number, oldPx: Px, oldQty: Qty, newPx: Px, newQty: Qty, kept: number, ts: Nanos): void {
    this.events++;
    this.log.push(SinkEvent.Replaced, id, owner, side, oldPx, oldQty, newPx, newQty, kept, ts);
  }
  onExpired(id: number, owner: number, side: number, px: Px, qty: Qty, reason: number, ts: Nanos): void {
    this.events++;
    this.log.push(SinkEvent.Expired, id, owner, side, px, qty, reason, ts);
  }
  onTradingState(state: number, ts: Nanos): void {
    this.events++;
    this.log.push(SinkEvent.TradingState, state, ts);
  }
  clear(): void {
    this.log.length = 0;
  }
}

/** Index of the first difference between two logs (NaN equals NaN, -0 equals 0), or -1 when equal. */
export function firstLogDifference(a: readonly number[], b: readonly number[]): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== y && !(x !== x && y !== y)) return i;
  }
  return a.length === b.length ? -1 : n;
}
