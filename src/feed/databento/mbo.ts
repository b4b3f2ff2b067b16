// Databento MBO semantics -> BookSink (shared by the CSV and DBN replays).
//
// Actions (Databento "MBO" schema docs, and its reference order-book example):
//   'A' add; 'C' cancel: `size` is the size cancelled, the whole remaining size removes the order;
//   'M' modify (same id; new price/size; priority rules in BookSink.modify). A modify of an order we never
//   saw is applied as an add (Databento's own book example does the same: the add may predate the data);
//   'R' clear the instrument's book; 'T' trade and 'F' fill do not change the book (the venue follows a
//   fill with a 'C' that removes the size); 'N' none. Side 'N' adds/modifies cannot rest: counted errors.
// To recognise a modify of an unknown order we ask the sink when it can answer (OrderView.hasOrder, as
// L3Books and RefBooks do: no duplicate state, no extra Map work per message); for a bare BookSink the live
// orders are tracked here (id -> remaining size, id -> instrument, forgotten per instrument on 'R'). Order ids are numbers:
// callers check they are safe integers (< 2^53) before calling.

import type { BookSink, OrderView } from '../../book/types.js';
import { SIDE_ASK, SIDE_BID } from '../../core/units.js';

export const ACTION_ADD = 65; // 'A'
export const ACTION_CANCEL = 67; // 'C'
export const ACTION_MODIFY = 77; // 'M'
export const ACTION_CLEAR = 82; // 'R'
export const ACTION_TRADE = 84; // 'T'
export const ACTION_FILL = 70; // 'F'
export const ACTION_NONE = 78; // 'N'
export const SIDE_CHAR_BID = 66; // 'B'
export const SIDE_CHAR_ASK = 65; // 'A'

/** Result of MboApplier.apply. */
export const MboResult = { Ok: 0, BadSide: 1, BadAction: 2, BadPrice: 3 } as const;

export class MboApplier {
  readonly live = new Map<number, number>();
  private readonly instOf = new Map<number, number>();

  private readonly view: Pick<OrderView, 'hasOrder'> | null;

  constructor(private readonly books: BookSink) {
    const v = books as Partial<OrderView>;
    this.view = typeof v.hasOrder === 'function' ? (books as unknown as OrderView) : null;
  }

  /** Applies one MBO event; `action`/`side` are ASCII codes. Returns an MboResult. */
  apply(inst: number, action: number, side: number, price: number, size: number, orderId: number, ts: number): number {
    return this.view !== null ? this.applyViewed(this.view, inst, action, side, price, size, orderId, ts) : this.applyTracked(inst, action, side, price, size, orderId, ts);
  }

  private applyViewed(view: Pick<OrderView, 'hasOrder'>, inst: number, action: number, side: number, price: number, size: number, orderId: number, ts: number): number {
    const books = this.books;
    switch (action) {
      case ACTION_ADD: {
        const s = side === SIDE_CHAR_BID ? SIDE_BID : side === SIDE_CHAR_ASK ? SIDE_ASK : -1;
        if (s < 0) return MboResult.BadSide;
        if (!Number.isSafeInteger(price)) return MboResult.BadPrice;
        books.add(inst, orderId, s as 0 | 1, price, size, ts);
        return MboResult.Ok;
      }
      case ACTION_CANCEL:
        books.cancel(orderId, size, ts);
        return MboResult.Ok;
      case ACTION_MODIFY:
        if (!Number.isSafeInteger(price)) return MboResult.BadPrice;
        if (view.hasOrder(orderId)) {
          books.modify(orderId, price, size, ts);
          return MboResult.Ok;
        }
        return this.applyViewed(view, inst, ACTION_ADD, side, price, size, orderId, ts);
      case ACTION_CLEAR:
        books.clear(inst, ts);
        return MboResult.Ok;
      case ACTION_TRADE:
      case ACTION_FILL:
      case ACTION_NONE:
        return MboResult.Ok;
      default:
        return MboResult.BadAction;
    }
  }

  private applyTracked(inst: number, action: number, side: number, price: number, size: number, orderId: number, ts: number): number {
    const books = this.books;
    switch (action) {
      case ACTION_ADD: {
        const s = side === SIDE_CHAR_BID ? SIDE_BID : side === SIDE_CHAR_ASK ? SIDE_ASK : -1;
        if (s < 0) return MboResult.BadSide;
        if (!Number.isSafeInteger(price)) return MboResult.BadPrice;
        books.add(inst, orderId, s as 0 | 1, price, size, ts);
        if (!this.live.has(orderId)) {
          this.live.set(orderId, size);
          this.instOf.set(orderId, inst);
        }
        return MboResult.Ok;
      }
      case ACTION_CANCEL: {
        books.cancel(orderId, size, ts);
        const rem = this.live.get(orderId);
        if (rem !== undefined) {
          if (rem - size > 0) this.live.set(orderId, rem - size);
          else this.forget(orderId);
        }
        return MboResult.Ok;
      }
      case ACTION_MODIFY: {
        if (!Number.isSafeInteger(price)) return MboResult.BadPrice;
        if (this.live.has(orderId)) {
          books.modify(orderId, price, size, ts);
          if (size > 0) this.live.set(orderId, size);
          else this.forget(orderId);
          return MboResult.Ok;
        }
        return this.applyTracked(inst, ACTION_ADD, side, price, size, orderId, ts);
      }
      case ACTION_CLEAR:
        books.clear(inst, ts);
        // cold: a clear is rare (start of session, venue reset)
        for (const [id, i] of this.instOf) if (i === inst) this.forget(id);
        return MboResult.Ok;
      case ACTION_TRADE:
      case ACTION_FILL:
      case ACTION_NONE:
        return MboResult.Ok;
      default:
        return MboResult.BadAction;
    }
  }

  private forget(orderId: number): void {
    this.live.delete(orderId);
    this.instOf.delete(orderId);
  }
}
