// Program ops and the plain interpreter over them (Program.runReference(); ./program-codegen.ts compiles
// the same ops into specialised code and must agree with this bit for bit).
// Arithmetic is float64 throughout (float32 weights are widened exactly); dense layers accumulate the dot
// product in input order from 0, then add the bias (torch's addmm order).

export const OP_DENSE = 1; // dst[j] = sum_i w[j*k+i] * src[i] + c[j]   (n outputs, k inputs)
export const OP_ADD_CONST = 2; // dst[j] = src[j] + c[j or 0]
export const OP_MUL_CONST = 3; // dst[j] = src[j] * c[j or 0]
export const OP_ADD = 4; // dst[j] = src[j] + src2[j]
export const OP_SUB = 5; // dst[j] = src[j] - src2[j]
export const OP_MUL = 6; // dst[j] = src[j] * src2[j]
export const OP_RELU = 7;
export const OP_LEAKY_RELU = 8; // alpha
export const OP_SIGMOID = 9;
export const OP_TANH = 10;
export const OP_SOFTMAX = 11;
export const OP_COPY = 12;
export const OP_CONST_SUB = 13; // dst[j] = c[j or 0] - src[j]
export const OP_DIV_CONST = 14; // dst[j] = src[j] / c[j or 0]

const EMPTY = new Float64Array(0);

/** One op; every field is set for every kind so all ops share one hidden class. */
export class Op {
  constructor(
    readonly kind: number,
    readonly src: number,
    readonly dst: number,
    /** Output length. */
    readonly n: number,
    /** Inner length (OP_DENSE). */
    readonly k = 0,
    readonly w: Float64Array = EMPTY,
    /** Bias / constant operand (length n, or 1 to broadcast). */
    public c: Float64Array = EMPTY,
    readonly src2 = 0,
    readonly alpha = 0,
  ) {}
}

/** The plain interpreter: each op in turn over `a` (the reference twin of the generated code). */
/** The plain interpreter: each op in turn over `a` (Program.runReference()). */
export function runOps(a: Float64Array, ops: readonly Op[]): void {
  for (let o = 0; o < ops.length; o++) {
    const op = ops[o];
    switch (op.kind) {
      case OP_DENSE: dense(a, op); break;
      case OP_RELU: for (let j = 0; j < op.n; j++) { const v = a[op.src + j]; a[op.dst + j] = v > 0 ? v : 0; } break;
      case OP_LEAKY_RELU: for (let j = 0; j < op.n; j++) { const v = a[op.src + j]; a[op.dst + j] = v >= 0 ? v : v * op.alpha; } break;
      case OP_SIGMOID: for (let j = 0; j < op.n; j++) a[op.dst + j] = sigmoid(a[op.src + j]); break;
      case OP_TANH: for (let j = 0; j < op.n; j++) a[op.dst + j] = Math.tanh(a[op.src + j]); break;
      case OP_ADD_CONST: { const c = op.c; const b = c.length === 1; for (let j = 0; j < op.n; j++) a[op.dst + j] = a[op.src + j] + c[b ? 0 : j]; break; }
      case OP_MUL_CONST: { const c = op.c; const b = c.length === 1; for (let j = 0; j < op.n; j++) a[op.dst + j] = a[op.src + j] * c[b ? 0 : j]; break; }
      case OP_DIV_CONST: { const c = op.c; const b = c.length === 1; for (let j = 0; j < op.n; j++) a[op.dst + j] = a[op.src + j] / c[b ? 0 : j]; break; }
      case OP_CONST_SUB: { const c = op.c; const b = c.length === 1; for (let j = 0; j < op.n; j++) a[op.dst + j] = c[b ? 0 : j] - a[op.src + j]; break; }
      case OP_ADD: for (let j = 0; j < op.n; j++) a[op.dst + j] = a[op.src + j] + a[op.src2 + j]; break;
      case OP_SUB: for (let j = 0; j < op.n; j++) a[op.dst + j] = a[op.src + j] - a[op.src2 + j]; break;
      case OP_MUL: for (let j = 0; j < op.n; j++) a[op.dst + j] = a[op.src + j] * a[op.src2 + j]; break;
      case OP_SOFTMAX: softmax(a, op); break;
      case OP_COPY: for (let j = 0; j < op.n; j++) a[op.dst + j] = a[op.src + j]; break;
      default: throw new Error(`bug: op kind ${op.kind}`);
    }
  }
}

/** Numerically stable logistic function (no overflow of exp for large |x|). */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * Four output rows per pass over the input: each input value is loaded once for four rows and the four
 * independent sums keep the FPU pipelines busy (~1.8x a row-at-a-time loop). Each row still sums in
 * input order, then adds its bias, so results do not depend on the blocking.
 */
function dense(a: Float64Array, op: Op): void {
  const w = op.w;
  const c = op.c;
  const n = op.n;
  const k = op.k;
  const src = op.src;
  const dst = op.dst;
  const hasBias = c.length > 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const b0 = j * k;
    const b1 = b0 + k;
    const b2 = b1 + k;
    const b3 = b2 + k;
    for (let i = 0; i < k; i++) {
      const v = a[src + i];
      s0 += w[b0 + i] * v;
      s1 += w[b1 + i] * v;
      s2 += w[b2 + i] * v;
      s3 += w[b3 + i] * v;
    }
    if (hasBias) {
      s0 += c[j];
      s1 += c[j + 1];
      s2 += c[j + 2];
      s3 += c[j + 3];
    }
    a[dst + j] = s0;
    a[dst + j + 1] = s1;
    a[dst + j + 2] = s2;
    a[dst + j + 3] = s3;
  }
  for (; j < n; j++) {
    const b = j * k;
    let s = 0;
    for (let i = 0; i < k; i++) s += w[b + i] * a[src + i];
    a[dst + j] = hasBias ? s + c[j] : s;
  }
}

export function softmax(a: Float64Array, op: Op): void {
  let m = -Infinity;
  for (let j = 0; j < op.n; j++) if (a[op.src + j] > m) m = a[op.src + j];
  let sum = 0;
  for (let j = 0; j < op.n; j++) {
    const e = Math.exp(a[op.src + j] - m);
    a[op.dst + j] = e;
    sum += e;
  }
  for (let j = 0; j < op.n; j++) a[op.dst + j] /= sum;
}

