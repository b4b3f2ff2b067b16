// The incremental FeatureEngine against its reference twin on real replays: after every record of the
// LOBSTER AAPL sample and the Databento ARL MBO CSV, every slot must agree within 1e-9 relative (NaN
// matches NaN). Trade prints come from the same files: LOBSTER executions (types 4, 5; the direction
// column is the resting side, so the aggressor is the other one) and Databento 'T' rows (side = aggressor).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { replayLobster } from '../../src/feed/lobster/index.js';
import { replayMboCsv } from '../../src/feed/databento/index.js';
import { FeatureEngine, RefFeatureEngine, featureNames, type FeatureSpec } from '../../src/signal/index.js';

const data = new URL('../../../shared/data/', import.meta.url);
const LOB_MSG = fileURLToPath(new URL('lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv', data));
const LOB_BOOK = fileURLToPath(new URL('lobster/AAPL_2012-06-21_34200000_57600000_orderbook_10.csv', data));
const MBO = fileURLToPath(new URL('databento/mbo.csv', data));

const MS = 1_000_000;
const S = 1_000_000_000;

interface TradeRow {
  price: number;
  qty: number;
  aggressor: number;
}

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

interface Tally {
  events: number;
  mismatches: string[];
  nonZero: Float64Array;
}

function compareRun(spec: FeatureSpec, books: L3Books, trades: (TradeRow | null)[]) {
  const fast = new FeatureEngine(spec);
  const ref = new RefFeatureEngine(spec);
  const names = featureNames(spec);
  const tally: Tally = { events: 0, mismatches: [], nonZero: new Float64Array(fast.size) };
  const onRecord = (recordIndex: number, instrument: number, ts: number): void => {
    if (instrument !== spec.instrument) return;
    const t = trades[recordIndex];
    if (t) {
      fast.onTrade(ts, t.price, t.qty, t.aggressor);
      ref.onTrade(ts, t.price, t.qty, t.aggressor);
    }
    fast.onBook(books, ts);
    ref.onBook(books, ts);
    tally.events++;
    for (let i = 0; i < fast.size; i++) {
      if (!close(fast.out[i], ref.out[i]) && tally.mismatches.length < 10) {
        tally.mismatches.push(`record ${recordIndex} ${names[i]}: fast ${fast.out[i]} ref ${ref.out[i]}`);
      }
      if (fast.out[i] !== 0 && !Number.isNaN(fast.out[i])) tally.nonZero[i]++;
    }
  };
  return { onRecord, tally, fast };
}

function lobsterTrades(): (TradeRow | null)[] {
  const rows: (TradeRow | null)[] = [null];
  for (const line of readFileSync(LOB_MSG, 'latin1').split('\n')) {
    if (line === '') continue;
    const [, type, , size, price, dir] = line.split(',').map(Number);
    rows.push(type === 4 || type === 5 ? { price, qty: size, aggressor: dir === 1 ? -1 : 1 } : null);
  }
  return rows;
}

function mboTrades(): (TradeRow | null)[] {
  const rows: (TradeRow | null)[] = [null];
  const lines = readFileSync(MBO, 'latin1').split('\n');
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const c = line.split(',');
    rows.push(c[5] === 'T' ? { price: Math.round(Number(c[7]) * 1e9), qty: Number(c[8]), aggressor: c[6] === 'B' ? 1 : c[6] === 'A' ? -1 : 0 } : null);
  }
  return rows;
}

describe('FeatureEngine vs RefFeatureEngine on real data', () => {
  for (const cap of [1024, 16]) {
    it(`LOBSTER AAPL level 10, every record (ring capacity ${cap})`, async () => {
      const books = new L3Books();
      const registry = new InstrumentRegistry();
      const spec: FeatureSpec = {
        instrument: 0,
        levels: 10,
        returnWindowsNs: [10 * MS, 100 * MS, 1 * S],
        ofiWindowNs: 100 * MS,
        tradeWindowNs: 1 * S,
        volWindowNs: 5 * S,
        initialCapacity: cap,
      };
      const run = compareRun(spec, books, lobsterTrades());
      await replayLobster(LOB_MSG, { books, registry, seedBookPath: LOB_BOOK, onRecord: run.onRecord });
      expect(run.tally.mismatches).toEqual([]);
      expect(run.tally.events).toBe(999);
      // Every feature moved at some point (the comparison is not between two constant vectors).
      const names = featureNames(spec);
      for (let i = 0; i < names.length; i++) expect(run.tally.nonZero[i], names[i]).toBeGreaterThan(0);
    });
  }

  it('Databento ARL MBO CSV, every record', async () => {
    const books = new L3Books();
    const registry = new InstrumentRegistry();
    const spec: FeatureSpec = {
      instrument: 0,
      levels: 5,
      returnWindowsNs: [1 * S, 60 * S, 600 * S],
      ofiWindowNs: 60 * S,
      tradeWindowNs: 600 * S,
      volWindowNs: 3600 * S,
      initialCapacity: 64,
    };
    const run = compareRun(spec, books, mboTrades());
    await replayMboCsv(MBO, { books, registry, onRecord: run.onRecord });
    expect(run.tally.mismatches).toEqual([]);
    expect(run.tally.events).toBe(5886);
    const names = featureNames(spec);
    for (let i = 0; i < names.length; i++) expect(run.tally.nonZero[i], names[i]).toBeGreaterThan(0);
  });
});
