// Operator coverage of the ONNX compiler on a hand-built graph (written with our protobuf writer):
// Constant, Sub (constant - vector), Mul / Add / Sub of two vectors, Mul by a broadcast scalar, Div,
// MatMul + Add (folded into one dense op), Softmax, Identity; checked against the formulas in float64.
// Also the protobuf wire details the ONNX reader depends on.

import { describe, expect, it } from 'vitest';
import { attr, AT_INT, AT_TENSOR, DT_DOUBLE, encodeOnnxModel, decodeOnnxModel, type OnnxModel, type OnnxNode, type OnnxTensor } from '../../src/model/onnx-proto.js';
import { compileOnnx, OP_DENSE } from '../../src/model/index.js';
import { PbReader, PbWriter } from '../../src/model/protobuf.js';

const t = (name: string, dims: number[], data: number[]): OnnxTensor => ({ name, dims, dataType: DT_DOUBLE, data: Float64Array.from(data) });
const node = (opType: string, inputs: string[], output: string, attributes: OnnxNode['attributes'] = []): OnnxNode => ({ name: output, opType, domain: '', inputs, outputs: [output], attributes });

const C1 = [1, 2, 3, 4];
const B = [0.5, -1, 0.25, 1, 0, -0.5, -0.75, 2, 1, 0.1, 0.2, 0.3]; // [4][3] row-major
const BIAS = [0.01, -0.02, 0.03];

function graph(): OnnxModel {
  return {
    irVersion: 8,
    producerName: 'test',
    producerVersion: '',
    opsets: [{ domain: '', version: 13 }],
    metadata: {},
    graph: {
      name: 'ops',
      nodes: [
        { ...node('Constant', [], 'c1'), attributes: [{ ...attr('value', 0, AT_INT), type: AT_TENSOR, i: 0, t: t('c1v', [4], C1) }] },
        node('Sub', ['c1', 'x'], 'a'),
        node('Mul', ['a', 'x'], 'b'),
        node('Div', ['b', 'two'], 'c'),
        node('Add', ['c', 'x'], 'd'),
        node('Sub', ['d', 'x'], 'e'),
        node('Mul', ['half', 'e'], 'e2'),
        node('MatMul', ['e2', 'B'], 'f'),
        node('Add', ['f', 'bias'], 'g'),
        node('Softmax', ['g'], 'h', [attr('axis', -1, AT_INT)]),
        node('Identity', ['h'], 'y'),
      ],
      initializers: [t('two', [], [2]), t('half', [1], [0.5]), t('B', [4, 3], B), t('bias', [3], BIAS)],
      inputs: [{ name: 'x', elemType: DT_DOUBLE, shape: [1, 4] }],
      outputs: [{ name: 'y', elemType: DT_DOUBLE, shape: [1, 3] }],
    },
  };
}

function expected(x: number[]): number[] {
  const e2 = x.map((v, i) => 0.5 * (((C1[i] - v) * v) / 2 + v - v));
  const g = [0, 1, 2].map((j) => e2.reduce((s, v, i) => s + v * B[i * 3 + j], 0) + BIAS[j]);
  const m = Math.max(...g);
  const ex = g.map((v) => Math.exp(v - m));
  const sum = ex.reduce((a, b) => a + b, 0);
  return ex.map((v) => v / sum);
}

describe('ONNX operator coverage', () => {
  it('matches the formulas, with MatMul + Add folded into one dense op', () => {
    const prog = compileOnnx(encodeOnnxModel(graph()));
    expect(prog.ops.filter((o) => o.kind === OP_DENSE).length).toBe(1);
    expect(prog.ops.find((o) => o.kind === OP_DENSE)!.c.length).toBe(3);
    const out = new Float64Array(3);
    for (const x of [[0.1, -0.2, 0.3, 1.5], [2, 0, -1, 0.25], [-3, 4, 0.5, 0]]) {
      prog.predict(x, out);
      const want = expected(x);
      for (let j = 0; j < 3; j++) expect(out[j]).toBeCloseTo(want[j], 14);
    }
  });

  it('refuses Div of two vectors, constant-only graphs and missing inputs', () => {
    const g1 = graph();
    g1.graph.nodes[3] = node('Div', ['b', 'x'], 'c');
    expect(() => compileOnnx(encodeOnnxModel(g1))).toThrow(/Div of two computed vectors/);
    const g2 = graph();
    g2.graph.nodes[1] = node('Sub', ['c1', 'nowhere'], 'a');
    expect(() => compileOnnx(encodeOnnxModel(g2))).toThrow(/not produced by any earlier node/);
  });
});

describe('protobuf wire format', () => {
  it('negative int64, packed and unpacked repeated fields, nested messages', () => {
    const w = new PbWriter();
    w.varint(1, -2); // int64 -2: ten-byte two's complement
    w.packedVarints(2, [1, 300, 70000]);
    w.varint(2, 5); // the same field unpacked
    w.message(3, (m) => m.string(1, 'hé'));
    w.float32(4, 1.5);
    const r = new PbReader(w.finish());
    const seen: unknown[] = [];
    const ints: number[] = [];
    while (r.next()) {
      if (r.field === 1) seen.push(r.int64());
      else if (r.field === 2) r.repeated(ints, (q) => q.varint());
      else if (r.field === 3) {
        const m = r.message();
        while (m.next()) seen.push(m.string());
      } else if (r.field === 4) seen.push(r.float32());
    }
    expect(seen).toEqual([-2, 'hé', 1.5]);
    expect(ints).toEqual([1, 300, 70000, 5]);
  });

  it('metadata_props round-trip', () => {
    const m = graph();
    m.metadata = { 'hftbot.features': 'a,b' };
    expect(decodeOnnxModel(encodeOnnxModel(m)).metadata).toEqual({ 'hftbot.features': 'a,b' });
  });
});
