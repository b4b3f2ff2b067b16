// Round-trip trades from fills, per (strategy, instrument): a trade opens when the position leaves flat
// and closes when it is flat again; a fill that crosses through flat closes the trade with the part that
// flattens and opens the next one with the rest (its fee split by quantity). entryPx / exitPx are the
// quantity-weighted prices of the opening / closing fills; pnl = realized PnL of the trade minus its fees
// (average-cost accounting: each closing lot is matched at the open position's average cost).
// Trades still open at the end are not listed (the equity curve holds their unrealized PnL). Cold path.

import type { FillRow, TradeRow } from './types.js';

interface Open {
  row: TradeRow;
  pos: number; // signed lots
  entryQty: number;
  entryNotional: number;
  exitQty: number;
  exitNotional: number;
  realized: number;
  avg: number; // average cost of the open position
}

export function roundTrips(fills: readonly FillRow[]): { trades: TradeRow[]; open: number } {
  const out: TradeRow[] = [];
  const open = new Map<string, Open>();
  for (const f of fills) {
    const key = `${f.strategy}\u0000${f.instrument}`;
    let q = f.side === 'buy' ? f.qty : -f.qty;
    let fee = f.fee;
    while (q !== 0) {
      let o = open.get(key);
      if (o === undefined) {
        o = {
          row: { strategy: f.strategy, instrument: f.instrument, side: q > 0 ? 'long' : 'short', entryNs: f.ns, exitNs: f.ns, qty: 0, entryPx: 0, exitPx: 0, pnl: 0, fees: 0, fills: 0 },
          pos: 0, entryQty: 0, entryNotional: 0, exitQty: 0, exitNotional: 0, realized: 0, avg: 0,
        };
        open.set(key, o);
      }
      o.row.fills++;
      if (o.pos === 0 || Math.sign(q) === Math.sign(o.pos)) {
        o.avg = (Math.abs(o.pos) * o.avg + Math.abs(q) * f.px) / (Math.abs(o.pos) + Math.abs(q));
        o.pos += q;
        o.entryQty += Math.abs(q);
        o.entryNotional += Math.abs(q) * f.px;
        o.row.fees += fee;
        break;
      }
      const close = Math.min(Math.abs(q), Math.abs(o.pos));
      const part = fee * (close / Math.abs(q));
      const avg = o.avg;
      o.realized += (o.pos > 0 ? f.px - avg : avg - f.px) * close;
      o.exitQty += close;
      o.exitNotional += close * f.px;
      o.row.fees += part;
      fee -= part;
      o.pos += o.pos > 0 ? -close : close;
      q += q > 0 ? -close : close;
      if (o.pos === 0) {
        const r = o.row;
        r.exitNs = f.ns;
        r.qty = o.entryQty;
        r.entryPx = o.entryNotional / o.entryQty;
        r.exitPx = o.exitNotional / o.exitQty;
        r.pnl = o.realized - r.fees;
        out.push(r);
        open.delete(key);
      }
    }
  }
  return { trades: out, open: open.size };
}
