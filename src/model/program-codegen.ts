// Compiles a Program's op list into specialised JavaScript once, at build time (the interpretive
// Program.runReference() stays as the plain twin; test/model/codegen.test.ts requires bit-equal outputs).
//
// Why generate code: the interpreter's dense kernel reads its offsets, sizes and weight arrays from the
// op object and computes every index at run time; a kernel whose arena offsets, sizes and weight
// offsets are integer literals, with the weight arrays and the arena captured as constants, lets
// TurboFan embed the array addresses and fold every index to base + i. Measured on the benchmark MLP
// (64 -> 32 Relu -> 32 Relu -> 1 Sigmoid, src/model/bench.ts): ~1.2 us per inference against ~2.9 us
// interpreted, same machine, interleaved runs.
//
// Shape of the code (each choice measured against its alternatives on that MLP):
// - Dense: 8 output rows per pass over the input, one accumulator each (8 independent add chains; 4 rows
//   is ~5% slower, 16 spills registers), an inner loop over the inputs with literal row offsets. Fully
//   unrolled straight-line code is 2-5x SLOWER: TurboFan hoists every load to the top of the function and
//   spills them all to the stack. A loop over row groups with computed offsets is ~1.8x slower.
// - Each row still sums its products in input order from 0, then adds its bias: the same operations in
//   the same order as the reference, so outputs are bit-identical.
// - An activation that reads a dense op's output is fused into its stores (both values are stored, so
//   nothing that reads the pre-activation slot can tell).
// - One function per op (dense ops over MAX_ROWS_PER_KERNEL rows are split), each well under V8's
//   optimisable size (--max-optimized-bytecode-size, 60 KB): a function over it is never optimised and
//   runs ~20x slower. A driver calls the kernels in order.
//
// Safety: the generated source contains only integer literals (offsets, sizes, counts, each checked
// with Number.isSafeInteger and against the arena) and fixed identifiers; weights, constants and alpha
// are read from captured values, never printed. Built from the op list once per Program, never per call.

import { Op, OP_ADD, OP_ADD_CONST, OP_CONST_SUB, OP_COPY, OP_DENSE, OP_DIV_CONST, OP_LEAKY_RELU, OP_MUL, OP_MUL_CONST, OP_RELU, OP_SIGMOID, OP_SOFTMAX, OP_SUB, OP_TANH, sigmoid, softmax } from './program-ops.js';

/** Output rows per pass over a dense op's input. */
const ROWS = 8;
/** Rows of one dense op per generated function (keeps each far below V8's optimisable size). */
const MAX_ROWS_PER_KERNEL = 256;
/** Kernels called by literal name from one driver; beyond this the driver loops over an array. */
const MAX_DIRECT_CALLS = 256;

type Kernel = () => void;

function int(v: number, what: string): number {
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`bug: program op ${what} ${v} is not a non-negative integer`);
  return v;
}

function range(arena: Float64Array, off: number, n: number, what: string): void {
  if (int(off, what) + int(n, `${what} length`) > arena.length) throw new Error(`bug: program op ${what} [${off}, ${off + n}) outside the arena (${arena.length})`);
}

const overlaps = (a: number, an: number, b: number, bn: number): boolean => a < b + bn && b < a + an;

/** Activation store for a fused op, or null if `act` is not an activation of dense output `d`. */
function fusedActivation(d: Op, act: Op | undefined): string | null {
  if (act === undefined || act.src !== d.dst || act.n !== d.n) return null;
  if (overlaps(act.dst, act.n, d.src, d.k)) return null; // would overwrite inputs later rows still read
  if (act.dst !== d.dst && overlaps(act.dst, act.n, d.dst, d.n)) return null; // interleaved stores would clash
  switch (act.kind) {
    case OP_RELU: return 't > 0 ? t : 0';
    case OP_LEAKY_RELU: return 't >= 0 ? t : t * al';
    case OP_SIGMOID: return 'sig(t)';
    case OP_TANH: return 'Math.tanh(t)';
    default: return null;
  }
}

/** Source of rows [j0, j1) of a dense op, activation fused if `act` is given. */
function denseSource(op: Op, j0: number, j1: number, act: Op | null, actExpr: string | null): string {
  const k = op.k;
  let src = '';
  for (let g = j0; g < j1; g += ROWS) {
    const r = Math.min(ROWS, j1 - g);
    src += '{';
    for (let q = 0; q < r; q++) src += ` let s${q} = 0;`;
    src += `\nfor (let i = 0; i < ${k}; i++) { const v = a[${op.src} + i];`;
    for (let q = 0; q < r; q++) src += ` s${q} += w[${(g + q) * k} + i] * v;`;
    src += ' }\n';
    for (let q = 0; q < r; q++) {
      const j = g + q;
      const sum = op.c.length > 0 ? `s${q} + c[${j}]` : `s${q}`;
      if (act === null || actExpr === null) src += `a[${op.dst + j}] = ${sum};`;
      else if (act.dst === op.dst) src += `{ const t = ${sum}; a[${op.dst + j}] = ${actExpr}; }`;
      else src += `{ const t = ${sum}; a[${op.dst + j}] = t; a[${act.dst + j}] = ${actExpr}; }`;
    }
    src += '\n}\n';
  }
  return src;
}

/** Source of one elementwise op (a loop with literal offsets). */
function elementwiseSource(op: Op): string {
  const { n, src: s, dst: d, src2: s2 } = op;
  const loop = (expr: string): string => `for (let j = 0; j < ${n}; j++) { const x = a[${s} + j]; a[${d} + j] = ${expr}; }`;
  const cj = op.c.length === 1 ? 'c[0]' : 'c[j]';
  switch (op.kind) {
    case OP_RELU: return loop('x > 0 ? x : 0');
    case OP_LEAKY_RELU: return loop('x >= 0 ? x : x * al');
    case OP_SIGMOID: return loop('sig(x)');
    case OP_TANH: return loop('Math.tanh(x)');
    case OP_ADD_CONST: return loop(`x + ${cj}`);
    case OP_MUL_CONST: return loop(`x * ${cj}`);
    case OP_DIV_CONST: return loop(`x / ${cj}`);
    case OP_CONST_SUB: return loop(`${cj} - x`);
    case OP_ADD: return loop(`x + a[${s2} + j]`);
    case OP_SUB: return loop(`x - a[${s2} + j]`);
    case OP_MUL: return loop(`x * a[${s2} + j]`);
    case OP_COPY: return loop('x');
    case OP_SOFTMAX: return 'smax(a, op);';
    default: throw new Error(`bug: op kind ${op.kind}`);
  }
}

function checkOp(arena: Float64Array, op: Op): void {
  int(op.kind, 'kind');
  range(arena, op.dst, op.n, 'dst');
  if (op.kind === OP_DENSE) {
    range(arena, op.src, op.k, 'src');
    if (op.w.length !== op.n * op.k) throw new Error(`bug: dense op has ${op.w.length} weights for ${op.n}x${op.k}`);
    if (op.c.length !== 0 && op.c.length !== op.n) throw new Error(`bug: dense op has ${op.c.length} biases for ${op.n} outputs`);
  } else {
    range(arena, op.src, op.n, 'src');
    if (op.kind === OP_ADD || op.kind === OP_SUB || op.kind === OP_MUL) range(arena, op.src2, op.n, 'src2');
    if ((op.kind === OP_ADD_CONST || op.kind === OP_MUL_CONST || op.kind === OP_DIV_CONST || op.kind === OP_CONST_SUB) && op.c.length !== 1 && op.c.length !== op.n) {
      throw new Error(`bug: op kind ${op.kind} has ${op.c.length} constants for ${op.n} values`);
    }
  }
}

function kernel(name: string, body: string, arena: Float64Array, op: Op, alpha: number): Kernel {
  const make = new Function('a', 'w', 'c', 'al', 'sig', 'smax', 'op', `return function ${name}() {\n${body}\n};`);
  return make(arena, op.w, op.c, alpha, sigmoid, softmax, op) as Kernel;
}

/**
 * The op list as one run function over `arena`, or null when it cannot be compiled (code generation
 * from strings disabled, e.g. node --disallow-code-generation-from-strings, or a dense op writing over
 * its own input): the caller then interprets. Throws only on a malformed op (a bug in a builder).
 */
export function compileOps(arena: Float64Array, ops: readonly Op[]): (() => void) | null {
  for (const op of ops) checkOp(arena, op);
  for (const op of ops) if (op.kind === OP_DENSE && overlaps(op.dst, op.n, op.src, op.k)) return null;
  const kernels: Kernel[] = [];
  try {
    for (let o = 0; o < ops.length; o++) {
      const op = ops[o];
      if (op.kind !== OP_DENSE) {
        kernels.push(kernel(`op${o}`, elementwiseSource(op), arena, op, op.alpha));
        continue;
      }
      const next = ops[o + 1];
      const actExpr = fusedActivation(op, next);
      const act = actExpr === null ? null : next;
      for (let j0 = 0; j0 < op.n; j0 += MAX_ROWS_PER_KERNEL) {
        const j1 = Math.min(op.n, j0 + MAX_ROWS_PER_KERNEL);
        kernels.push(kernel(`dense${o}_${j0}`, denseSource(op, j0, j1, act, actExpr), arena, op, act === null ? 0 : act.alpha));
      }
      if (act !== null) o++;
    }
    if (kernels.length > MAX_DIRECT_CALLS) {
      return () => {
        for (let i = 0; i < kernels.length; i++) kernels[i]();
      };
    }
    const names = kernels.map((_, i) => `k${i}`);
    const make = new Function(...names, `return function run() {\n${names.map((n) => `${n}();`).join('\n')}\n};`);
    return make(...kernels) as () => void;
  } catch (e) {
    if (e instanceof EvalError) return null; // code generation from strings is disabled
    throw e;
  }
}
