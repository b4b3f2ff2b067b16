// The ONNX fast path against torch (fixtures from scripts/model/make_fixtures.py, Debian's torch 1.13 /
// onnx 1.12): every architecture, float32 and float64 exports, every fixture row within 1e-6 relative of
// torch's float64 forward on the same weights (and of torch's float32 forward within float32 accuracy).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileOnnx, decodeOnnxModel, encodeOnnxModel, mlp, logisticModel, UnsupportedOnnxError, ProtobufError } from '../../src/model/index.js';

const dir = new URL('../fixtures/model/', import.meta.url);
const ARCHS = ['mlp64_relu_sigmoid', 'mlp16_tanh', 'linear10', 'logistic10', 'two_output12', 'matmul_add8'];

interface Fixture {
  inputs: number[][];
  outputs: number[][];
  outputsF32: number[][];
}

function relErr(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);
}

export function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as Fixture;
}

describe('ONNX fast path vs torch', () => {
  for (const name of ARCHS) {
    for (const suffix of ['.onnx', '.f64.onnx']) {
      it(`${name}${suffix}`, () => {
        const prog = compileOnnx(readFileSync(new URL(name + suffix, dir)));
        const fx = fixture(name);
        expect(prog.inputSize).toBe(fx.inputs[0].length);
        expect(prog.outputSize).toBe(fx.outputs[0].length);
        const out = new Float64Array(prog.outputSize);
        let worst = 0;
        let worst32 = 0;
        for (let r = 0; r < fx.inputs.length; r++) {
          prog.predict(fx.inputs[r], out);
          for (let j = 0; j < out.length; j++) {
            worst = Math.max(worst, relErr(out[j], fx.outputs[r][j]));
            worst32 = Math.max(worst32, Math.abs(out[j] - fx.outputsF32[r][j]) / Math.max(1, Math.abs(out[j])));
          }
        }
        expect(worst).toBeLessThan(1e-6);
        expect(worst32).toBeLessThan(1e-5); // torch's float32 forward: float32 rounding only
        // Batch entry point agrees with row by row.
        const flat = fx.inputs.flat();
        const batch = new Float64Array(fx.inputs.length * prog.outputSize);
        prog.predictBatch(flat, fx.inputs.length, batch);
        prog.predict(fx.inputs[3], out);
        expect(Array.from(batch.subarray(3 * prog.outputSize, 4 * prog.outputSize))).toEqual(Array.from(out));
      });
    }
  }

  it('the reader keeps every node, initializer and shape; the writer round-trips them', () => {
    const bytes = readFileSync(new URL('mlp64_relu_sigmoid.onnx', dir));
    const m = decodeOnnxModel(bytes);
    expect(m.graph.nodes.map((n) => n.opType)).toEqual(['Gemm', 'Relu', 'Gemm', 'Relu', 'Gemm', 'Sigmoid']);
    expect(m.graph.initializers.map((t) => t.dims)).toEqual([[32, 64], [32], [32, 32], [32], [1, 32], [1]]);
    expect(m.graph.inputs[0].shape).toEqual([-1, 64]);
    expect(m.producerName).toBe('pytorch');
    expect(m.opsets.find((o) => o.domain === '')?.version).toBe(13);
    const again = decodeOnnxModel(encodeOnnxModel(m));
    expect(again.graph.nodes).toEqual(m.graph.nodes);
    expect(again.graph.initializers.map((t) => Array.from(t.data))).toEqual(m.graph.initializers.map((t) => Array.from(t.data)));
  });

  it('rejects unsupported operators and malformed bytes with clear errors', () => {
    const m = decodeOnnxModel(readFileSync(new URL('mlp16_tanh.onnx', dir)));
    m.graph.nodes[1].opType = 'Erf';
    expect(() => compileOnnx(encodeOnnxModel(m))).toThrow(UnsupportedOnnxError);
    expect(() => compileOnnx(encodeOnnxModel(m))).toThrow(/Erf.*operator not supported/);
    const bytes = readFileSync(new URL('mlp16_tanh.onnx', dir));
    expect(() => compileOnnx(bytes.subarray(0, bytes.length - 7))).toThrow(ProtobufError);
  });
});

describe('builders', () => {
  it('mlp and logistic compute the textbook formulas', () => {
    const p = mlp(3, [
      { weight: [1, 0, -1, 0.5, 0.5, 0.5], bias: [0.1, -0.2], outputs: 2, activation: 'relu' },
      { weight: [2, -3], bias: [0.5], outputs: 1, activation: 'tanh' },
    ]);
    const out = new Float64Array(1);
    p.predict([1, 2, 3], out);
    const h0 = Math.max(0, 1 - 3 + 0.1);
    const h1 = Math.max(0, 0.5 * 6 - 0.2);
    expect(out[0]).toBeCloseTo(Math.tanh(2 * h0 - 3 * h1 + 0.5), 15);
    const lg = logisticModel([0.5, -0.25], 0.1);
    lg.predict([2, 4], out);
    expect(out[0]).toBeCloseTo(1 / (1 + Math.exp(-(1 - 1 + 0.1))), 15);
  });
});
