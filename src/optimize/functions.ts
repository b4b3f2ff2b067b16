// Standard optimisation test functions (Surjanovic & Bingham's virtual library of simulation experiments),
// used to compare our TPE with Optuna's (scripts/optimize/optuna_ref.py evaluates the same formulas) and
// as cheap deterministic objectives for tests and worker runs. All are minimised.
//
// `createTestFunction(name)` is an objective factory: study workers import this module by URL and call it
// once (see pool.ts), so every objective here is reachable from a worker thread.

import type { ObjectiveFn } from './objective.js';
import { floatParam, type ParamSpec, type Params } from './space.js';

export function branin(x1: number, x2: number): number {
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}

const H6_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H6_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const H6_P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
];

export function hartmann6(x: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < 4; i++) {
    let inner = 0;
    for (let j = 0; j < 6; j++) inner += H6_A[i][j] * (x[j] - H6_P[i][j] * 1e-4) ** 2;
    total += H6_ALPHA[i] * Math.exp(-inner);
  }
  return -total;
}

export interface TestFunction {
  name: string;
  space: ParamSpec[];
  optimum: number;
  fn: (p: Params) => number;
}

export const TEST_FUNCTIONS: Record<string, TestFunction> = {
  branin: {
    name: 'branin',
    space: [floatParam('x1', -5, 10), floatParam('x2', 0, 15)],
    optimum: 0.397887,
    fn: (p) => branin(p.x1, p.x2),
  },
  hartmann6: {
    name: 'hartmann6',
    space: [1, 2, 3, 4, 5, 6].map((i) => floatParam(`x${i}`, 0, 1)),
    optimum: -3.32237,
    fn: (p) => hartmann6([p.x1, p.x2, p.x3, p.x4, p.x5, p.x6]),
  },
  /** Sum of squares of every parameter. */
  sphere: {
    name: 'sphere',
    space: [floatParam('x', -5, 5), floatParam('y', -5, 5)],
    optimum: 0,
    fn: (p) => Object.values(p).reduce((s, v) => s + v * v, 0),
  },
};

/** Objective factory for workers: `{ name, spin?, sleepMs? }`. For scheduling tests that need trials with a
 *  cost: `spin` loop iterations of busy work, and/or `sleepMs` of blocking sleep (Atomics.wait: the thread
 *  waits without using a CPU, so a parallel speed-up is measurable on a loaded machine). `crashAbove`: a
 *  trial whose first parameter exceeds it kills its thread with an uncaught error (pool failure tests). */
export function createTestFunction(arg: unknown): ObjectiveFn {
  const { name, spin, sleepMs, crashAbove } = (arg ?? {}) as { name?: string; spin?: number; sleepMs?: number; crashAbove?: number };
  const f = TEST_FUNCTIONS[name ?? ''];
  if (!f) throw new Error(`unknown test function ${String(name)}`);
  const loops = Math.max(0, Math.floor(spin ?? 0));
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return (params) => {
    let acc = 0;
    for (let i = 0; i < loops; i++) acc += Math.sqrt(i + acc * 1e-12);
    if (sleepMs) Atomics.wait(cell, 0, 0, sleepMs);
    if (crashAbove !== undefined && Object.values(params)[0] > crashAbove) {
      queueMicrotask(() => {
        throw new Error('objective crashed');
      });
      return new Promise<number>(() => {});
    }
    return f.fn(params) + acc * 0;
  };
}
