// Test helpers for the backtest venue: a sink that records every report, and names for sides/events.
import { OrderEvent } from '../../src/core/events.js';
import type { VenueEventSink } from '../../src/venue/types.js';

export interface Rep {
  event: number;
  execId: number;
  clOrdId: number;
  origClOrdId: number;
  orderId: number;
  lastQty: number;
  lastPx: number;
  fee: number;
  reason: number;
  ts: number;
}

export class RecordingSink implements VenueEventSink {
  readonly reports: Rep[] = [];
  execReport(event: number, execId: number, clOrdId: number, origClOrdId: number, orderId: number, lastQty: number, lastPx: number, fee: number, reason: number, ts: number): void {
    this.reports.push({ event, execId, clOrdId, origClOrdId, orderId, lastQty, lastPx, fee, reason, ts });
  }
  fills(cl?: number): Rep[] {
    return this.reports.filter((r) => (r.event === OrderEvent.OrderFilled || r.event === OrderEvent.OrderPartiallyFilled) && (cl === undefined || r.clOrdId === cl));
  }
  filledQty(cl?: number): number {
    return this.fills(cl).reduce((s, r) => s + r.lastQty, 0);
  }
  of(event: number): Rep[] {
    return this.reports.filter((r) => r.event === event);
  }
}

export const BID = 0 as const;
export const ASK = 1 as const;
