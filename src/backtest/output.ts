// Backtest output folder (cold path):
//   report.json   results derived from the inputs only (no paths, no wall-clock): the metrics at the top
//                 level under their camelCase names (pnl, sharpe, sortino, maxDrawdown, ...), then the
//                 per-strategy results, event counts and the kernel's final state hash. Byte-identical for
//                 the same inputs (tested).
//   run.json      run metadata: data files and formats, options, wall time, events/s, when it ran.
//   trades.csv / orders.csv / fills.csv / equity.csv, and trades/orders/fills .parquet (DuckDB COPY from
//                 the CSVs with explicit column types, so pandas / polars read them as they are).
//   report.html   self-contained charts (./html.ts).
// Prices and money in currency units; times in ns since the session epoch (midnight of the data's day).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { wallMs } from '../clock/live.js';
import { inferFormat } from './load.js';
import { renderHtml } from './html.js';
import type { BacktestOptions, BacktestResult } from './types.js';

type Cell = string | number | null;

/** A CSV line; numbers as JavaScript prints them (shortest round-trip form), NaN/null empty. */
function line(cells: Cell[]): string {
  return cells.map((c) => (c === null || (typeof c === 'number' && !Number.isFinite(c)) ? '' : String(c))).join(',');
}

export const TRADE_COLUMNS = ['strategy', 'instrument', 'side', 'entry_ns', 'exit_ns', 'qty', 'entry_px', 'exit_px', 'pnl', 'fees', 'fills'] as const;
export const ORDER_COLUMNS = ['cl_ord_id', 'root_cl_ord_id', 'strategy', 'instrument', 'kind', 'side', 'qty', 'px', 'sent_ns', 'ack_ns', 'status', 'filled_qty'] as const;
export const FILL_COLUMNS = ['ns', 'cl_ord_id', 'strategy', 'instrument', 'side', 'qty', 'px', 'fee'] as const;

const TYPES: Record<string, string> = {
  strategy: 'INTEGER', instrument: 'VARCHAR', side: 'VARCHAR', kind: 'VARCHAR', status: 'VARCHAR',
  entry_ns: 'BIGINT', exit_ns: 'BIGINT', sent_ns: 'BIGINT', ack_ns: 'BIGINT', ns: 'BIGINT',
  cl_ord_id: 'BIGINT', root_cl_ord_id: 'BIGINT', qty: 'BIGINT', filled_qty: 'BIGINT', fills: 'INTEGER',
  entry_px: 'DOUBLE', exit_px: 'DOUBLE', px: 'DOUBLE', pnl: 'DOUBLE', fees: 'DOUBLE', fee: 'DOUBLE',
};

export function tradesCsv(r: BacktestResult): string {
  const rows = r.tradeList.map((t) => line([t.strategy, t.instrument, t.side, t.entryNs, t.exitNs, t.qty, t.entryPx, t.exitPx, t.pnl, t.fees, t.fills]));
  return [TRADE_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

export function ordersCsv(r: BacktestResult): string {
  const rows = r.orders.map((o) => line([o.clOrdId, o.rootClOrdId, o.strategy, o.instrument, o.kind, o.side, o.qty, o.px, o.sentNs, o.ackNs, o.status, o.filledQty]));
  return [ORDER_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

export function fillsCsv(r: BacktestResult): string {
  const rows = r.fills.map((f) => line([f.ns, f.clOrdId, f.strategy, f.instrument, f.side, f.qty, f.px, f.fee]));
  return [FILL_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

export function equityCsv(r: BacktestResult): string {
  const head = ['ns', 'equity', ...r.instruments.map((s) => `position_${s}`), ...r.instruments.map((s) => `mid_${s}`)];
  const rows = r.equity.map((e) => line([e.ns, e.equity, ...e.position, ...e.mid]));
  return [head.join(','), ...rows].join('\n') + '\n';
}

/** report.json's object: inputs-derived results only. */
export function reportObject(r: BacktestResult): Record<string, unknown> {
  const { latency, ...flat } = r.metrics;
  return {
    ...flat,
    latency,
    events: r.events,
    feedMessages: r.feedMessages,
    commands: r.commands,
    riskRejects: r.riskRejects,
    startNs: r.startNs,
    endNs: r.endNs,
    instruments: r.instruments,
    strategies: r.strategies,
    stateHash: r.stateHash,
  };
}

/** JSON with non-finite numbers as null (JSON has no NaN / Infinity). */
export function stableJson(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

async function writeParquet(dir: string, names: string[], columns: readonly (readonly string[])[]): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    for (let k = 0; k < names.length; k++) {
      const cols = columns[k].map((c) => `${sqlString(c)}: ${sqlString(TYPES[c] ?? 'VARCHAR')}`).join(', ');
      const csv = join(dir, `${names[k]}.csv`);
      const pq = join(dir, `${names[k]}.parquet`);
      await con.run(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, auto_detect = false, columns = {${cols}})) TO ${sqlString(pq)} (FORMAT parquet)`);
    }
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

export async function writeOutputs(dir: string, r: BacktestResult, opts: BacktestOptions, counts: number[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), stableJson(reportObject(r)));
  writeFileSync(join(dir, 'trades.csv'), tradesCsv(r));
  writeFileSync(join(dir, 'orders.csv'), ordersCsv(r));
  writeFileSync(join(dir, 'fills.csv'), fillsCsv(r));
  writeFileSync(join(dir, 'equity.csv'), equityCsv(r));
  if (opts.parquet !== false) await writeParquet(dir, ['trades', 'orders', 'fills'], [TRADE_COLUMNS, ORDER_COLUMNS, FILL_COLUMNS]);
  if (opts.html !== false) writeFileSync(join(dir, 'report.html'), renderHtml(r));
  const run = {
    finishedAtMs: wallMs(),
    wallMs: r.wallMs,
    cpuMs: r.cpuMs,
    eventsPerSecond: r.wallMs > 0 ? Math.round(r.events / (r.wallMs / 1e3)) : null,
    data: opts.data.map((d, k) => ({ path: resolve(d.path), format: d.format ?? inferFormat(d.path), messages: counts[k] ?? null })),
    strategy: (Array.isArray(opts.strategy) ? opts.strategy : [opts.strategy]).map((s) => (typeof s === 'string' ? resolve(s) : r.strategies.length > 0 ? 'object' : null)),
    params: opts.params ?? {},
    from: opts.from ?? null,
    to: opts.to ?? null,
    venue: {
      kind: opts.venue?.port !== undefined ? opts.venue.port.kind : opts.venue?.factory !== undefined ? 'factory' : (opts.venue?.kind ?? 'backtest'),
      recordedLatency: opts.venue?.recordedLatency === true,
      orderLatency: opts.venue?.orderLatency?.describe ?? null,
      reportLatency: opts.venue?.reportLatency?.describe ?? null,
      feedLatency: opts.venue?.feedLatency?.describe ?? null,
      queue: opts.venue?.queue ?? null,
    },
    sampleNs: opts.sampleNs ?? 1e9,
    outDir: resolve(dir),
  };
  writeFileSync(join(dir, 'run.json'), stableJson(run));
}
