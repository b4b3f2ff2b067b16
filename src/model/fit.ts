// Fitting small classifiers in TypeScript (cold path: `hftbot model train`): logistic regression and a
// one-hidden-layer MLP, both trained by full-batch Adam on binary cross-entropy with a small L2 penalty,
// on standardized features (train-set mean / std). The standardization is folded into the first layer
// of the result, so the fitted layers take raw feature values (and export to ONNX as plain Gemm layers).
// Deterministic: weights start from a seeded Rng.

import { Rng } from '../core/rng.js';
import type { DenseLayer } from './builders.js';

export interface FitOptions {
  model: 'logistic' | 'mlp';
  hidden?: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
}

export interface FitResult {
  layers: DenseLayer[];
  inputs: number;
  finalLoss: number;
}

/** Adam state for one parameter vector. */
class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  constructor(n: number, private readonly lr: number) {
    this.m = new Float64Array(n);
    this.v = new Float64Array(n);
  }
  step(p: Float64Array, g: Float64Array): void {
    this.t++;
    const b1 = 0.9, b2 = 0.999;
    const c1 = 1 - b1 ** this.t, c2 = 1 - b2 ** this.t;
    for (let i = 0; i < p.length; i++) {
      this.m[i] = b1 * this.m[i] + (1 - b1) * g[i];
      this.v[i] = b2 * this.v[i] + (1 - b2) * g[i] * g[i];
      p[i] -= (this.lr * (this.m[i] / c1)) / (Math.sqrt(this.v[i] / c2) + 1e-8);
    }
  }
}

function sig(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function fitClassifier(x: Float64Array, y: Uint8Array, rows: number, cols: number, opts: FitOptions): FitResult {
  if (rows < 2) throw new Error(`need at least 2 training rows, got ${rows}`);
  const mu = new Float64Array(cols);
  const sd = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mu[c] += x[r * cols + c] / rows;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) sd[c] += (x[r * cols + c] - mu[c]) ** 2 / rows;
  for (let c = 0; c < cols; c++) sd[c] = sd[c] > 0 ? Math.sqrt(sd[c]) : 1;
  const z = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) z[r * cols + c] = (x[r * cols + c] - mu[c]) / sd[c];

  const rng = new Rng(opts.seed ?? 1);
  const H = opts.model === 'mlp' ? (opts.hidden ?? 16) : 0;
  const epochs = opts.epochs ?? (opts.model === 'mlp' ? 200 : 300);
  const lr = opts.learningRate ?? 0.05;
  const l2 = opts.l2 ?? (opts.model === 'mlp' ? 1e-3 : 1e-4);
  const init = (n: number, fanIn: number): Float64Array => Float64Array.from({ length: n }, () => (rng.next() * 2 - 1) / Math.sqrt(fanIn));

  // Parameters: logistic: w2 [cols], b2; mlp: w1 [H][cols], b1 [H], w2 [H], b2.
  const w1 = H > 0 ? init(H * cols, cols) : new Float64Array(0);
  const b1 = new Float64Array(H);
  const K = H > 0 ? H : cols;
  const w2 = H > 0 ? init(K, K) : new Float64Array(K);
  const b2 = new Float64Array(1);
  const gw1 = new Float64Array(w1.length), gb1 = new Float64Array(H), gw2 = new Float64Array(K), gb2 = new Float64Array(1);
  const opt = [new Adam(w1.length, lr), new Adam(H, lr), new Adam(K, lr), new Adam(1, lr)];
  const h = new Float64Array(K);
  let loss = NaN;

  for (let e = 0; e < epochs; e++) {
    gw1.fill(0); gb1.fill(0); gw2.fill(0); gb2.fill(0);
    loss = 0;
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      if (H > 0) {
        for (let j = 0; j < H; j++) {
          let s = b1[j];
          for (let c = 0; c < cols; c++) s += w1[j * cols + c] * z[o + c];
          h[j] = Math.tanh(s);
        }
      } else for (let c = 0; c < cols; c++) h[c] = z[o + c];
      let s = b2[0];
      for (let j = 0; j < K; j++) s += w2[j] * h[j];
      const p = sig(s);
      const t = y[r];
      loss -= t ? Math.log(Math.max(p, 1e-300)) : Math.log(Math.max(1 - p, 1e-300));
      const d = (p - t) / rows;
      gb2[0] += d;
      for (let j = 0; j < K; j++) gw2[j] += d * h[j];
      if (H > 0) {
        for (let j = 0; j < H; j++) {
          const dh = d * w2[j] * (1 - h[j] * h[j]);
          gb1[j] += dh;
          for (let c = 0; c < cols; c++) gw1[j * cols + c] += dh * z[o + c];
        }
      }
    }
    loss /= rows;
    for (let i = 0; i < w1.length; i++) gw1[i] += l2 * w1[i];
    for (let i = 0; i < K; i++) gw2[i] += l2 * w2[i];
    opt[0].step(w1, gw1); opt[1].step(b1, gb1); opt[2].step(w2, gw2); opt[3].step(b2, gb2);
  }

  // Fold z = (x - mu) / sd into the first layer: W' = W / sd, b' = b - W' . mu.
  const fold = (w: Float64Array, b: Float64Array, n: number): { weight: Float64Array; bias: Float64Array } => {
    const weight = new Float64Array(n * cols);
    const bias = Float64Array.from(b);
    for (let j = 0; j < n; j++) {
      for (let c = 0; c < cols; c++) {
        weight[j * cols + c] = w[j * cols + c] / sd[c];
        bias[j] -= weight[j * cols + c] * mu[c];
      }
    }
    return { weight, bias };
  };
  const layers: DenseLayer[] =
    H > 0
      ? [{ ...fold(w1, b1, H), outputs: H, activation: 'tanh' }, { weight: w2, bias: b2, outputs: 1, activation: 'sigmoid' }]
      : [{ ...fold(w2, b2, 1), outputs: 1, activation: 'sigmoid' }];
  return { layers, inputs: cols, finalLoss: loss };
}

/** Area under the ROC curve (Mann-Whitney U with average ranks for ties); NaN without both classes. */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const rank = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]]) j++;
    for (let k = i; k <= j; k++) rank[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let pos = 0;
  let sumPos = 0;
  for (let i = 0; i < n; i++) if (labels[i]) { pos++; sumPos += rank[i]; }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (sumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Share of rows where (score >= threshold) equals the label. */
export function accuracy(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold = 0.5): number {
  let ok = 0;
  for (let i = 0; i < scores.length; i++) if ((scores[i] >= threshold ? 1 : 0) === (labels[i] ? 1 : 0)) ok++;
  return scores.length > 0 ? ok / scores.length : NaN;
}
