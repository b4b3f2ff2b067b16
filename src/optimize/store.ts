// Optimisation results in a DuckDB file (pandas / polars / the duckdb CLI open it directly). Tables:
//   trials(fold, number, params JSON, value DOUBLE, state VARCHAR, duration_ms DOUBLE, intermediate JSON,
//          metrics JSON, error VARCHAR)      -- one row per trial; fold = -1 without walk-forward
//   folds(fold, train_from_ns, train_to_ns, test_from_ns, test_to_ns, best_params JSON, train_value,
//         test_value, test_metrics JSON)     -- walk-forward only
//   study(key VARCHAR, value JSON)           -- sampler, seed, direction, space, trials, workers, best
// Cold path: written once at the end. `readTrials` reads a file back (tests, reports).

import type { StudyResult, TrialRecord } from './study.js';
import type { FoldResult } from './walk-forward.js';

export interface StoreInput {
  studies: Array<{ fold: number; result: StudyResult }>;
  folds: FoldResult[];
  meta: Record<string, unknown>;
}

const json = (v: unknown): string => JSON.stringify(v ?? null);
const num = (v: number | undefined | null): number | null => (v === undefined || v === null || !Number.isFinite(v) ? null : v);

export function trialRow(fold: number, t: TrialRecord, sign: 1 | -1) {
  return [
    fold,
    t.number,
    json(t.params),
    num(t.value),
    t.state,
    t.durationMs,
    json([...t.intermediate].map(([s, l]) => [s, sign * l])),
    json(t.metrics ?? null),
    t.error ?? null,
  ];
}

export async function writeStore(path: string, input: StoreInput): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { rmSync } = await import('node:fs');
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  const db = await DuckDBInstance.create(path);
  const c = await db.connect();
  try {
    await c.run(`CREATE TABLE trials(fold INTEGER, number INTEGER, params JSON, value DOUBLE, state VARCHAR, duration_ms DOUBLE,
      intermediate JSON, metrics JSON, error VARCHAR)`);
    await c.run(`CREATE TABLE folds(fold INTEGER, train_from_ns DOUBLE, train_to_ns DOUBLE, test_from_ns DOUBLE, test_to_ns DOUBLE,
      best_params JSON, train_value DOUBLE, test_value DOUBLE, test_metrics JSON)`);
    await c.run('CREATE TABLE study(key VARCHAR, value JSON)');
    for (const { fold, result } of input.studies) {
      const sign = result.direction === 'minimize' ? 1 : -1;
      for (const t of result.trials) await c.run('INSERT INTO trials VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', trialRow(fold, t, sign));
    }
    for (const f of input.folds) {
      await c.run('INSERT INTO folds VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        f.fold, f.window.trainFrom, f.window.trainTo, f.window.testFrom, f.window.testTo,
        json(f.bestParams), num(f.trainValue), num(f.testValue), json(f.testMetrics ?? null),
      ]);
    }
    for (const [k, v] of Object.entries(input.meta)) await c.run('INSERT INTO study VALUES (?, ?)', [k, json(v)]);
    await c.run('CHECKPOINT');
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** Rows of `trials` as plain objects (params / metrics parsed), ordered by fold and number. */
export async function readTrials(path: string): Promise<Array<Record<string, unknown>>> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const c = await db.connect();
  try {
    const r = await c.runAndReadAll('SELECT fold, number, CAST(params AS VARCHAR) AS params, value, state, duration_ms FROM trials ORDER BY fold, number');
    return r.getRowObjectsJS().map((o) => ({ ...o, params: JSON.parse(String(o.params)) as unknown }));
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
