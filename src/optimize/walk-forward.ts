// Walk-forward analysis windows: `--walk-forward train:test[:folds]`. Each length is a duration ("30m",
// "2h", "500ms", integer ns) or a percentage of the data's span ("60%"). Fold i trains on
// [start + i*test, start + i*test + train) and is tested on the `test` that follows (rolling windows
// stepped by the test length, so test windows tile the data without overlap). Without `folds`, as many
// folds as fit; with `folds`, exactly that many (an error if they do not fit). Times are ns on the data's
// clock (the backtester's session epoch).

import { parseDuration } from '../config/index.js';
import type { Params } from './space.js';

export interface FoldWindow {
  fold: number;
  trainFrom: number;
  trainTo: number;
  testFrom: number;
  testTo: number;
}

export interface FoldResult {
  fold: number;
  window: FoldWindow;
  bestParams: Params | null;
  /** Best in-sample objective value (train window). */
  trainValue: number | null;
  /** The best params' objective value on the test window (out of sample). */
  testValue: number | null;
  testMetrics?: Record<string, unknown>;
}

export interface WalkForwardSpec {
  train: string;
  test: string;
  folds?: number;
}

export function parseWalkForward(text: string): WalkForwardSpec {
  const parts = text.split(':').map((s) => s.trim());
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) throw new Error(`--walk-forward ${text}: expected train:test[:folds]`);
  const folds = parts[2] === undefined ? undefined : Number(parts[2]);
  if (folds !== undefined && !(Number.isInteger(folds) && folds >= 1)) throw new Error(`--walk-forward ${text}: folds must be a positive integer`);
  return { train: parts[0], test: parts[1], folds };
}

function length(s: string, span: number): number {
  if (s.endsWith('%')) {
    const p = Number(s.slice(0, -1));
    if (!Number.isFinite(p) || p <= 0) throw new Error(`walk-forward length ${s}: bad percentage`);
    return (span * p) / 100;
  }
  if (/^\d+$/.test(s)) return Number(s);
  const d = parseDuration(s);
  if (!d.ok || d.value <= 0) throw new Error(`walk-forward length ${s}: expected a duration (30m, 2h, 500ms), ns, or a percentage`);
  return d.value;
}

export function foldWindows(spec: WalkForwardSpec, start: number, end: number): FoldWindow[] {
  const span = end - start;
  if (!(span > 0)) throw new Error('walk-forward: the data span is empty');
  // integer ns (percentages of the span round to the nearest ns)
  const train = Math.round(length(spec.train, span));
  const test = Math.round(length(spec.test, span));
  if (train <= 0 || test <= 0) throw new Error('walk-forward: windows shorter than 1 ns');
  const fit = Math.floor((span - train) / test + 1e-9);
  if (fit < 1) throw new Error(`walk-forward: train ${spec.train} + test ${spec.test} is longer than the data (${(span / 1e9).toFixed(3)} s)`);
  const n = spec.folds ?? fit;
  if (n > fit) throw new Error(`walk-forward: ${n} folds of train ${spec.train} + test ${spec.test} do not fit in the data (at most ${fit})`);
  const out: FoldWindow[] = [];
  for (let i = 0; i < n; i++) {
    const trainFrom = start + i * test;
    const trainTo = trainFrom + train;
    out.push({ fold: i, trainFrom, trainTo, testFrom: trainTo, testTo: Math.min(trainTo + test, end) });
  }
  return out;
}
