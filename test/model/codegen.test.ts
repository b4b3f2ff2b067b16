// The generated fast path (Program.run) against the interpreter over the same ops (Program.runReference):
// bit-equal outputs on random inputs for every op kind, fused and unfused activations, layer widths that
// are and are not multiples of the 8-row block, dense ops split over several kernels, and ONNX fixtures.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { compileOnnx, mlp, type Activation } from '../../src/model/index.js';
import { Op, OP_ADD, OP_ADD_CONST, OP_CONST_SUB, OP_COPY, OP_DENSE, OP_DIV_CONST, OP_LEAKY_RELU, OP_MUL, OP_MUL_CONST, OP_RELU, OP_SIGMOID, OP_SOFTMAX, OP_SUB, OP_TANH, ProgramBuilder, type Program } from '../../src/model/program.js';

function randArray(rng: Rng, n: number, scale = 1): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = (rng.next() * 2 - 1) * scale;
  return a;
}

/** Runs both executions on `rows` random inputs; returns how many outputs differ in any bit. */
function mismatches(p: Program, rng: Rng, rows = 50): number {
  let bad = 0;
  const fast = new Float64Array(p.outputSize);
  for (let r = 0; r < rows; r++) {
    const x = randArray(rng, p.inputSize, 3);
    p.predict(x, fast);
    p.input.set(x);
    p.runReference();
    for (let j = 0; j < p.outputSize; j++) if (!Object.is(p.output[j], fast[j])) bad++;
  }
  return bad;
}

describe('generated program code', () => {
  it('is used, and matches the interpreter bit for bit on MLPs of every activation and odd widths', () => {
    const rng = new Rng(3);
    const acts: Activation[] = ['relu', 'sigmoid', 'tanh', 'leaky_relu', 'none', 'softmax'];
    for (const [inputs, widths] of [[64, [32, 32, 1]], [7, [13, 5]], [3, [1]], [100, [9, 17, 8, 3]]] as const) {
      for (const act of acts) {
        let k: number = inputs;
        const layers = widths.map((n, li) => {
          const l = { weight: randArray(rng, n * k, 1 / Math.sqrt(k)), bias: li % 2 === 0 ? randArray(rng, n, 0.1) : undefined, outputs: n, activation: li === widths.length - 1 ? 'sigmoid' as const : act, alpha: 0.07 };
          k = n;
          return l;
        });
        const p = mlp(inputs, layers);
        expect(p.compiled).toBe(true);
        expect(mismatches(p, rng)).toBe(0);
      }
    }
  });

  it('splits a wide dense layer over several kernels and keeps the results', () => {
    const rng = new Rng(4);
    const p = mlp(20, [{ weight: randArray(rng, 600 * 20), bias: randArray(rng, 600), outputs: 600, activation: 'relu' }, { weight: randArray(rng, 2 * 600, 0.05), outputs: 2, activation: 'none' }]);
    expect(p.compiled).toBe(true);
    expect(mismatches(p, rng, 10)).toBe(0);
  });

  it('covers every elementwise op, broadcast and per-element constants, out-of-place activations', () => {
    const rng = new Rng(5);
    const b = new ProgramBuilder();
    const n = 11;
    const x = b.alloc(n);
    const y = b.alloc(n);
    const push = (kind: number, src: number, extra: { c?: Float64Array; src2?: number; alpha?: number } = {}): number => {
      const dst = b.alloc(n);
      b.push(new Op(kind, src, dst, n, 0, undefined, extra.c, extra.src2 ?? 0, extra.alpha ?? 0));
      return dst;
    };
    b.push(new Op(OP_DENSE, x, y, n, n, randArray(rng, n * n), randArray(rng, n)));
    let v = push(OP_TANH, y); // fused, out of place: y keeps the pre-activation value
    v = push(OP_ADD, v, { src2: y });
    v = push(OP_ADD_CONST, v, { c: randArray(rng, n) });
    v = push(OP_MUL_CONST, v, { c: Float64Array.of(1.5) });
    v = push(OP_DIV_CONST, v, { c: Float64Array.of(0.75) });
    v = push(OP_CONST_SUB, v, { c: randArray(rng, n) });
    v = push(OP_SUB, v, { src2: x });
    v = push(OP_MUL, v, { src2: y });
    v = push(OP_LEAKY_RELU, v, { alpha: 0.2 });
    v = push(OP_RELU, v);
    v = push(OP_SIGMOID, v);
    v = push(OP_COPY, v);
    v = push(OP_SOFTMAX, v);
    const p = b.build(x, n, v, n);
    expect(p.compiled).toBe(true);
    expect(mismatches(p, rng)).toBe(0);
    p.predict(randArray(rng, n), new Float64Array(n));
    expect(p.output.reduce((s, q) => s + q, 0)).toBeCloseTo(1, 12);
  });

  it('does not fuse an activation whose output overlaps the dense output or input', () => {
    const rng = new Rng(7);
    for (const shift of [2, -2]) {
      const b = new ProgramBuilder();
      const x = b.alloc(12);
      const y = b.alloc(12);
      b.alloc(2);
      b.push(new Op(OP_DENSE, x + 2, y, 10, 10, randArray(rng, 100), randArray(rng, 10)));
      b.push(new Op(OP_TANH, y, y + shift, 10)); // shift -2 reaches back into x: read by the dense op
      const p = b.build(x, 12, y, 12);
      expect(p.compiled).toBe(true);
      expect(mismatches(p, rng)).toBe(0);
    }
  });

  it('interprets a dense op that writes over its own input instead of compiling it', () => {
    const b = new ProgramBuilder();
    const x = b.alloc(4);
    b.push(new Op(OP_DENSE, x, x, 4, 4, Float64Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 1 : 0.5))));
    const p = b.build(x, 4, x, 4);
    expect(p.compiled).toBe(false);
    const out = new Float64Array(4);
    p.predict([1, 2, 3, 4], out);
    // Rows are computed 4 at a time from the original input by the interpreter.
    expect(Array.from(out)).toEqual([1 + 1 + 1.5 + 2, 0.5 + 2 + 1.5 + 2, 0.5 + 1 + 3 + 2, 0.5 + 1 + 1.5 + 4]);
  });

  it('rejects an op outside the arena as a bug', () => {
    const b = new ProgramBuilder();
    const x = b.alloc(2);
    b.push(new Op(OP_RELU, x, x + 1, 2));
    expect(() => b.build(x, 2, x, 2)).toThrow(/outside the arena/);
  });

  it('matches the interpreter on the torch ONNX fixtures', () => {
    const rng = new Rng(6);
    for (const name of ['mlp64_relu_sigmoid', 'mlp16_tanh', 'two_output12', 'matmul_add8']) {
      const p = compileOnnx(readFileSync(new URL(`../fixtures/model/${name}.f64.onnx`, import.meta.url)));
      expect(p.compiled).toBe(true);
      expect(mismatches(p, rng)).toBe(0);
    }
  });
});
