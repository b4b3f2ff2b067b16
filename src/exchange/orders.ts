// The gateway's order and client-session records. An OrderRec is one engine order seen from FIX: its
// ClOrdID chain (a replace or cancel gives the order the request's ClOrdID, the previous one becomes
// OrigClOrdID), the totals FIX reports (OrderQty, CumQty, LeavesQty, AvgPx from the cumulative
// notional) and its terminal status. Every ClOrdID of a chain keeps pointing at the record, so a late
// cancel of an old ClOrdID is answered "too late" rather than "unknown". Single-threaded (the venue's).

import type { SessionHandle } from '../fix/session/types.js';
import { OrdStatus } from './fields.js';

/** What the venue's operator configures per client session (CompID). */
export interface SessionPolicy {
  /** Firm: sessions of one firm share an owner, so self-match prevention spans them (null: per session). */
  firm: string | null;
  /** Self-match prevention mode stamped on every order of the session. */
  selfMatch: 'none' | 'cancel-newest' | 'cancel-oldest' | 'cancel-both';
  /** Cancel the session's live orders when it logs out or its connection drops. */
  cancelOnDisconnect: boolean;
  /** Largest OrderQty the session may send (0: only the instrument's engine limit). */
  maxOrderQty: number;
  /** Application messages per window: above `rejectAbove` they are rejected, above `disconnectAbove` the session is logged out. */
  throttle: { windowMs: number; rejectAbove: number; disconnectAbove: number };
}

export const defaultSessionPolicy: SessionPolicy = {
  firm: null,
  selfMatch: 'none',
  cancelOnDisconnect: true,
  maxOrderQty: 0,
  throttle: { windowMs: 1000, rejectAbove: 500, disconnectAbove: 1000 },
};

export class ClientSession {
  readonly orders = new Map<string, OrderRec>();
  readonly live = new Set<OrderRec>();
  winStartNs = -Infinity;
  winCount = 0;
  /** Messages rejected by the throttle, and throttle disconnects. */
  throttled = 0;
  throttleDisconnects = 0;
  constructor(
    readonly compId: string,
    public handle: SessionHandle,
    readonly owner: number,
    readonly smpFlags: number,
    readonly policy: SessionPolicy,
  ) {}
}

export class OrderRec {
  clOrdId: string;
  origClOrdId = '';
  px: number;
  orderQty: number;
  cumQty = 0;
  /** Sum of fill px x qty (price units x shares): AvgPx = notional / cumQty. */
  notional = 0;
  leaves: number;
  /** Terminal status (Canceled, Expired, Rejected) or '' while the fills decide it. */
  terminal = '';
  constructor(
    readonly id: number,
    readonly orderId: string,
    readonly session: ClientSession,
    readonly inst: number,
    readonly symbol: string,
    /** FIX Side (54) character and the engine side. */
    readonly side: string,
    readonly engineSide: number,
    readonly ordType: string,
    readonly tif: string,
    readonly execInst: string,
    readonly expireTime: string,
    clOrdId: string,
    px: number,
    orderQty: number,
  ) {
    this.clOrdId = clOrdId;
    this.px = px;
    this.orderQty = orderQty;
    this.leaves = orderQty;
  }

  get done(): boolean {
    return this.terminal !== '' || (this.cumQty >= this.orderQty && this.cumQty > 0);
  }

  /** OrdStatus (39) now. */
  status(): string {
    if (this.terminal !== '') return this.terminal;
    if (this.cumQty === 0) return OrdStatus.New;
    return this.cumQty >= this.orderQty ? OrdStatus.Filled : OrdStatus.PartiallyFilled;
  }
}

/** Gateway totals (bumped on the venue thread, read by metrics and tests). */
export class GatewayCounters {
  messages = 0;
  orders = 0;
  rejects = 0;
  fills = 0;
  cancelRejects = 0;
  throttled = 0;
  throttleDisconnects = 0;
  cancelledOnDisconnect = 0;
}
