// The gateway's outbound messages: ExecutionReports (35=8) and OrderCancelRejects (35=9) written as
// pre-encoded bodies into one reused buffer (fields.ts) and handed to the client's session. Field set
// (FIX 4.4, all defined for the message in FIX44.xml so a validating counterparty accepts them):
//   ER: OrderID 37, ClOrdID 11, OrigClOrdID 41 (replaced / cancelled orders), ExecID 17, ExecType 150,
//       OrdStatus 39, OrdRejReason 103 (rejects), OrdStatusReqID 790 (status answers), Symbol 55,
//       Side 54, OrderQty 38, OrdType 40, Price 44 (limit), TimeInForce 59, ExpireTime 126, ExecInst 18,
//       LastQty 32 / LastPx 31 (fills), LeavesQty 151, CumQty 14, AvgPx 6, TransactTime 60, Text 58.
//   Cancel reject: OrderID 37 ('NONE' when unknown), ClOrdID 11, OrigClOrdID 41, OrdStatus 39 (the
//       order's, '8' when unknown), CxlRejResponseTo 434, CxlRejReason 102, Text 58, TransactTime 60.
// ExecIDs count from 1 per process (unique for the day). Single-threaded (the venue's thread).

import type { Nanos, Px, Qty } from '../core/units.js';
import { formatUtcTimestamp } from '../fix/codec/time.js';
import { BodyWriter, CxlRejResponseTo, ExecType, OrdStatus, formatAvgPx } from './fields.js';
import type { ClientSession, OrderRec } from './orders.js';

export class ReportWriter {
  private readonly w = new BodyWriter();
  private nextExec = 0;

  constructor(
    private readonly epochMs: number,
    /** Price decimals per instrument index. */
    private readonly decimals: readonly number[],
  ) {}

  private execId(): string {
    return String(++this.nextExec);
  }

  private utc(ts: Nanos): string {
    return formatUtcTimestamp(this.epochMs + Math.floor(ts / 1e6), true);
  }

  private dec(rec: OrderRec): number {
    return this.decimals[rec.inst] ?? 4;
  }

  /** Symbol, Side, OrderQty, OrdType, Price, TimeInForce, ExpireTime, ExecInst of the order. */
  private orderFields(rec: OrderRec): void {
    const w = this.w;
    w.str(55, rec.symbol).str(54, rec.side === '' ? '1' : rec.side).int(38, rec.orderQty);
    if (rec.ordType !== '') w.str(40, rec.ordType);
    if (rec.ordType === '2' && rec.px > 0) w.price(44, rec.px, this.dec(rec));
    w.str(59, rec.tif);
    if (rec.expireTime !== '') w.str(126, rec.expireTime);
    if (rec.execInst !== '') w.str(18, rec.execInst);
  }

  private totals(rec: OrderRec, ts: Nanos): void {
    this.w.int(151, rec.done ? 0 : rec.leaves).int(14, rec.cumQty).str(6, formatAvgPx(rec.notional, rec.cumQty, this.dec(rec)));
    this.w.str(60, this.utc(ts));
  }

  /** An ExecutionReport about `rec` after the event (lastQty 0: no fill; rejReason -1: none). */
  execution(rec: OrderRec, execType: string, ts: Nanos, lastQty: Qty, lastPx: Px, text: string, rejReason: number): void {
    const w = this.w.begin();
    w.str(37, rec.orderId).str(11, rec.clOrdId);
    if (rec.origClOrdId !== '') w.str(41, rec.origClOrdId);
    w.str(17, this.execId()).str(150, execType).str(39, rec.status());
    if (rejReason >= 0) w.int(103, rejReason);
    this.orderFields(rec);
    if (lastQty > 0) w.int(32, lastQty).price(31, lastPx, this.dec(rec));
    this.totals(rec, ts);
    if (text !== '') w.str(58, text);
    rec.session.handle.sendApp('8', [], w.bytes());
  }

  /** The answer to an OrderStatusRequest (ExecType I); an unknown ClOrdID gets OrdStatus 8 and OrderID NONE. */
  status(cs: ClientSession, rec: OrderRec | undefined, clOrdId: string, reqId: string | undefined, symbol: string, side: string, ts: Nanos): void {
    const w = this.w.begin();
    w.str(37, rec?.orderId ?? 'NONE').str(11, clOrdId).str(17, this.execId()).str(150, ExecType.OrderStatus);
    w.str(39, rec?.status() ?? OrdStatus.Rejected);
    if (reqId !== undefined) w.str(790, reqId);
    if (rec === undefined) w.str(55, symbol).str(54, side === '' ? '1' : side).int(151, 0).int(14, 0).str(6, '0').str(58, 'unknown order').str(60, this.utc(ts));
    else {
      this.orderFields(rec);
      this.totals(rec, ts);
    }
    cs.handle.sendApp('8', [], w.bytes());
  }

  cancelReject(cs: ClientSession, rec: OrderRec | null, clOrdId: string, orig: string, replace: boolean, reason: number, text: string, ts: Nanos): void {
    const w = this.w.begin();
    w.str(37, rec?.orderId ?? 'NONE').str(11, clOrdId).str(41, orig).str(39, rec?.status() ?? OrdStatus.Rejected);
    w.str(434, replace ? CxlRejResponseTo.Replace : CxlRejResponseTo.Cancel).int(102, reason).str(58, text).str(60, this.utc(ts));
    cs.handle.sendApp('9', [], w.bytes());
  }
}
