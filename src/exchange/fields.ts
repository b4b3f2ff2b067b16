// FIX 4.4 values the gateway writes (ExecType 150, OrdStatus 39, OrdRejReason 103, CxlRejReason 102,
// CxlRejResponseTo 434), the map from the catalog's venue reject codes to them, and a small writer of
// pre-encoded message bodies (`tag=value<SOH>...`) into one reused buffer: FixSession.sendApp takes the
// body as bytes and copies it into its own encoder, so one scratch buffer serves every report.
// Prices are integer price units written with the instrument's decimals (priceScale 10_000 -> 4).

import { Reject } from '../core/rejects.js';
import type { FixMessageView } from '../fix/codec/decoder.js';

export const ExecType = { New: '0', Canceled: '4', Replaced: '5', Rejected: '8', Expired: 'C', Trade: 'F', OrderStatus: 'I' } as const;
export const OrdStatus = { New: '0', PartiallyFilled: '1', Filled: '2', Canceled: '4', Rejected: '8', Expired: 'C' } as const;

/** OrdRejReason (103), FIX 4.4 values. */
export const OrdRejReason = {
  ExchangeOption: 0,
  UnknownSymbol: 1,
  ExchangeClosed: 2,
  OrderExceedsLimit: 3,
  UnknownOrder: 5,
  DuplicateOrder: 6,
  UnsupportedOrderCharacteristic: 11,
  IncorrectQuantity: 13,
  Other: 99,
} as const;

/** CxlRejReason (102), FIX 4.4 values. */
export const CxlRejReason = { TooLateToCancel: 0, UnknownOrder: 1, ExchangeOption: 2, PendingCancelOrReplace: 3, DuplicateClOrdId: 6, Other: 99 } as const;
export const CxlRejResponseTo = { Cancel: '1', Replace: '2' } as const;

/** Catalog code -> OrdRejReason and a Text for the ExecutionReport (cold: rejects only). */
export function ordRejReasonOf(code: number): number {
  switch (code) {
    case Reject.MatchUnknownInstrument: return OrdRejReason.UnknownSymbol;
    case Reject.MatchHalted: return OrdRejReason.ExchangeClosed;
    case Reject.MatchQtyTooLarge: return OrdRejReason.OrderExceedsLimit;
    case Reject.MatchDuplicateOrderId: return OrdRejReason.DuplicateOrder;
    case Reject.MatchBadQty:
    case Reject.MatchBadLot: return OrdRejReason.IncorrectQuantity;
    case Reject.MatchBadOrderType:
    case Reject.MatchBadTimeInForce:
    case Reject.MatchBadFlags: return OrdRejReason.UnsupportedOrderCharacteristic;
    case Reject.MatchUnknownOrder: return OrdRejReason.UnknownOrder;
    default: return OrdRejReason.Other;
  }
}

const TEXTS: Record<number, string> = {
  [Reject.MatchHalted]: 'trading halted',
  [Reject.MatchDuplicateOrderId]: 'duplicate order',
  [Reject.MatchUnknownOrder]: 'unknown order',
  [Reject.MatchBadSide]: 'bad side',
  [Reject.MatchBadOrderType]: 'unsupported order type',
  [Reject.MatchBadTimeInForce]: 'unsupported time in force',
  [Reject.MatchBadQty]: 'quantity must be a positive integer',
  [Reject.MatchBadLot]: 'quantity not a multiple of the lot size',
  [Reject.MatchQtyTooLarge]: 'order size above the maximum',
  [Reject.MatchBadPrice]: 'bad price',
  [Reject.MatchOffTick]: 'price not on a valid tick',
  [Reject.MatchBadExpireTime]: 'ExpireTime must be in the future',
  [Reject.MatchPostOnlyWouldCross]: 'post-only order would cross',
  [Reject.MatchBadFlags]: 'unsupported ExecInst for this order',
  [Reject.MatchUnknownInstrument]: 'unknown symbol',
  [Reject.MatchPriceOutsideBand]: 'price outside the price band',
};

export function rejectTextOf(code: number): string {
  return TEXTS[code] ?? `rejected (${code})`;
}

/**
 * Writes `tag=value<SOH>` fields into one reused buffer; `bytes()` is a view valid until the next
 * `begin()`. Prices: integer units and the number of implied decimals.
 */
export class BodyWriter {
  private buf = Buffer.allocUnsafe(2048);
  private pos = 0;

  begin(): this {
    this.pos = 0;
    return this;
  }

  private room(n: number): void {
    if (this.pos + n > this.buf.length) {
      const nb = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
      this.buf.copy(nb, 0, 0, this.pos);
      this.buf = nb;
    }
  }

  str(tag: number, s: string): this {
    this.room(s.length + 12);
    this.pos += this.buf.write(`${tag}=`, this.pos, 'latin1');
    this.pos += this.buf.write(s, this.pos, 'latin1');
    this.buf[this.pos++] = 1;
    return this;
  }

  int(tag: number, v: number): this {
    return this.str(tag, String(v));
  }

  /** Integer units with `decimals` implied decimals, trailing zeros dropped ("190.5"). */
  price(tag: number, units: number, decimals: number): this {
    return this.str(tag, formatUnits(units, decimals));
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

/** Integer units as a decimal string: formatUnits(1905000, 4) = "190.5". */
export function formatUnits(units: number, decimals: number): string {
  const neg = units < 0;
  const v = neg ? -units : units;
  const scale = POW10[decimals] ?? 10 ** decimals;
  const ip = Math.floor(v / scale);
  const frac = v - ip * scale;
  let s = String(ip);
  if (frac !== 0) s += `.${String(frac).padStart(decimals, '0').replace(/0+$/, '')}`;
  return neg ? `-${s}` : s;
}

/** Decimals of a power-of-ten scale (10_000 -> 4); -1 when it is not one. */
export function decimalsOf(scale: number): number {
  for (let d = 0; d < POW10.length; d++) if (POW10[d] === scale) return d;
  return -1;
}

/**
 * AvgPx text from the cumulative notional (units x shares) and shares: exact to 8 decimals of a
 * currency unit (an average need not be a whole price unit).
 */
export function formatAvgPx(notional: number, qty: number, decimals: number): string {
  if (qty === 0) return '0';
  const x = notional / qty / (POW10[decimals] ?? 10 ** decimals);
  return x.toFixed(8).replace(/\.?0+$/, '');
}

/**
 * Digits after the decimal point of buf[start, end) once trailing zeros are dropped ("190.010" -> 2):
 * more than the instrument's decimals means a price finer than one price unit (an off-tick price,
 * which the decoder's rounding would otherwise hide).
 */
export function significantDecimals(buf: Uint8Array, start: number, end: number): number {
  let dot = -1;
  for (let p = start; p < end; p++) if (buf[p] === 46) dot = p;
  if (dot < 0) return 0;
  let e = end;
  while (e > dot + 1 && buf[e - 1] === 48) e--;
  return e - dot - 1;
}

/** A field's value; one-character values (Side, OrdType, TimeInForce...) come interned, without allocation. */
export function tok(v: FixMessageView, tag: number): string {
  const i = v.indexOf(tag);
  return i < 0 ? '' : v.tokenAt(i);
}

/** True when the space-separated ExecInst (18) list contains `c`. */
export function hasExecInst(list: string, c: string): boolean {
  for (const x of list.split(' ')) if (x === c) return true;
  return false;
}
