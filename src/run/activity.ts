// Recent activity for the API and dashboard: the last orders, fills and market prints, kept in fixed-size
// struct-of-arrays rings written on the kernel's thread by the StageRouter (orders on submit, fills and
// states from reports, prints from onMarket) and read at human speed by src/run/backend.ts. Writes are a
// handful of typed-array stores (no allocation, except the Map from clOrdId to ring slot for the orders,
// one entry per live order); reads build plain objects (cold).
// Times: the kernel's ns since the session epoch; readers convert with epochMs.

import { OrderEvent } from '../core/events.js';

const ORDERS = 1024;
const FILLS = 1024;
const PRINTS = 64; // per instrument

/** Order status names by last event (what the blotter shows). */
export const STATUS_OF: Readonly<Record<number, string>> = {
  0: 'sent', [OrderEvent.OrderAccepted]: 'new', [OrderEvent.OrderPartiallyFilled]: 'partially_filled', [OrderEvent.OrderFilled]: 'filled',
  [OrderEvent.OrderCancelled]: 'cancelled', [OrderEvent.OrderRejected]: 'rejected', [OrderEvent.OrderReplaced]: 'replaced',
  [OrderEvent.OrderExpired]: 'expired', [OrderEvent.OrderDoneForDay]: 'done_for_day', [OrderEvent.OrderCancelRejected]: 'new',
};

export class Activity {
  // orders
  oN = 0;
  readonly oCl = new Float64Array(ORDERS);
  readonly oStrategy = new Int32Array(ORDERS);
  readonly oInst = new Int32Array(ORDERS);
  readonly oSide = new Uint8Array(ORDERS);
  readonly oQty = new Float64Array(ORDERS);
  readonly oPx = new Float64Array(ORDERS);
  readonly oCum = new Float64Array(ORDERS);
  readonly oStage = new Uint8Array(ORDERS);
  readonly oTs = new Float64Array(ORDERS);
  readonly oEvent = new Uint8Array(ORDERS);
  private readonly slotOf = new Map<number, number>();
  // fills
  fN = 0;
  readonly fCl = new Float64Array(FILLS);
  readonly fStrategy = new Int32Array(FILLS);
  readonly fInst = new Int32Array(FILLS);
  readonly fSide = new Uint8Array(FILLS);
  readonly fQty = new Float64Array(FILLS);
  readonly fPx = new Float64Array(FILLS);
  readonly fFee = new Float64Array(FILLS);
  readonly fShadow = new Uint8Array(FILLS);
  readonly fTs = new Float64Array(FILLS);
  // prints, per instrument
  readonly pN: Float64Array;
  readonly pPx: Float64Array;
  readonly pQty: Float64Array;
  readonly pBuy: Uint8Array;
  readonly pTs: Float64Array;

  /** `clock`: for reports that carry no time (the FIX port's are stamped 0). */
  constructor(readonly nInstruments: number, private readonly clock: { now(): number }) {
    this.pN = new Float64Array(nInstruments);
    this.pPx = new Float64Array(nInstruments * PRINTS);
    this.pQty = new Float64Array(nInstruments * PRINTS);
    this.pBuy = new Uint8Array(nInstruments * PRINTS);
    this.pTs = new Float64Array(nInstruments * PRINTS);
  }

  onSubmit(cl: number, strategy: number, inst: number, side: number, qty: number, px: number, stage: number, now: number): void {
    const k = this.oN++ % ORDERS;
    if (this.oN > ORDERS) this.slotOf.delete(this.oCl[k]);
    this.oCl[k] = cl;
    this.oStrategy[k] = strategy;
    this.oInst[k] = inst;
    this.oSide[k] = side;
    this.oQty[k] = qty;
    this.oPx[k] = px;
    this.oCum[k] = 0;
    this.oStage[k] = stage;
    this.oTs[k] = now;
    this.oEvent[k] = 0;
    this.slotOf.set(cl, k);
  }

  /** A report for an order this ring knows (clOrdId or, for a replace, the original). */
  onReport(event: number, cl: number, orig: number, lastQty: number, lastPx: number, fee: number, shadow: boolean, now: number): void {
    let k = this.slotOf.get(cl);
    if (k === undefined && orig !== 0) {
      k = this.slotOf.get(orig);
      if (k !== undefined) {
        this.slotOf.delete(orig);
        this.slotOf.set(cl, k);
        this.oCl[k] = cl;
      }
    }
    if (k === undefined) return;
    if (!(now > 0)) now = this.clock.now();
    this.oEvent[k] = event;
    if (event === OrderEvent.OrderPartiallyFilled || event === OrderEvent.OrderFilled) {
      this.oCum[k] += lastQty;
      const f = this.fN++ % FILLS;
      this.fCl[f] = cl;
      this.fStrategy[f] = this.oStrategy[k];
      this.fInst[f] = this.oInst[k];
      this.fSide[f] = this.oSide[k];
      this.fQty[f] = lastQty;
      this.fPx[f] = lastPx;
      this.fFee[f] = fee;
      this.fShadow[f] = shadow ? 1 : 0;
      this.fTs[f] = now;
    }
    if (event === OrderEvent.OrderFilled || event === OrderEvent.OrderCancelled || event === OrderEvent.OrderRejected
      || event === OrderEvent.OrderExpired || event === OrderEvent.OrderDoneForDay) this.slotOf.delete(cl);
  }

  onPrint(inst: number, px: number, qty: number, buy: boolean, now: number): void {
    if (inst < 0 || inst >= this.nInstruments) return;
    const k = inst * PRINTS + (this.pN[inst]++ % PRINTS);
    this.pPx[k] = px;
    this.pQty[k] = qty;
    this.pBuy[k] = buy ? 1 : 0;
    this.pTs[k] = now;
  }

  /** Ring indexes of the recent orders, newest first. */
  recentOrders(limit: number): number[] {
    const out: number[] = [];
    for (let n = this.oN - 1; n >= 0 && n >= this.oN - ORDERS && out.length < limit; n--) out.push(n % ORDERS);
    return out;
  }

  isOpen(k: number): boolean {
    return this.slotOf.get(this.oCl[k]) === k;
  }

  recentFills(limit: number): number[] {
    const out: number[] = [];
    for (let n = this.fN - 1; n >= 0 && n >= this.fN - FILLS && out.length < limit; n--) out.push(n % FILLS);
    return out;
  }

  /** Ring indexes (into the p* arrays) of an instrument's recent prints, newest first. */
  recentPrints(inst: number, limit: number): number[] {
    const out: number[] = [];
    const n0 = this.pN[inst];
    for (let n = n0 - 1; n >= 0 && n >= n0 - PRINTS && out.length < limit; n--) out.push(inst * PRINTS + (n % PRINTS));
    return out;
  }
}
