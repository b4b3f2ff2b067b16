// ONNX export of dense models (DenseLayer[] from ./builders.ts or ./fit.ts) with our protobuf writer:
// Gemm (transB = 1, weights [outputs][inputs] as torch exports them) + activation per layer, float32
// initializers (or float64 with `float64: true`), opset 13, IR version 8, input "input" [batch, F],
// output "output" [batch, K]; `metadata` lands in metadata_props (feature names, horizon...).

import type { DenseLayer } from './builders.js';
import { attr, AT_FLOAT, AT_INT, DT_DOUBLE, DT_FLOAT, encodeOnnxModel, type OnnxModel, type OnnxNode } from './onnx-proto.js';

const ACT_OP: Record<string, string> = { relu: 'Relu', sigmoid: 'Sigmoid', tanh: 'Tanh', leaky_relu: 'LeakyRelu', softmax: 'Softmax' };

export function denseToOnnxModel(inputs: number, layers: DenseLayer[], opts: { float64?: boolean; metadata?: Record<string, string> } = {}): OnnxModel {
  const dt = opts.float64 === true ? DT_DOUBLE : DT_FLOAT;
  const m: OnnxModel = {
    irVersion: 8,
    producerName: 'hftbot',
    producerVersion: '0.1.0',
    opsets: [{ domain: '', version: 13 }],
    graph: { name: 'hftbot_dense', nodes: [], initializers: [], inputs: [{ name: 'input', elemType: dt, shape: [-1, inputs] }], outputs: [] },
    metadata: opts.metadata ?? {},
  };
  let prev = 'input';
  let k = inputs;
  layers.forEach((l, i) => {
    const wName = `layer${i}.weight`;
    const bName = `layer${i}.bias`;
    m.graph.initializers.push({ name: wName, dims: [l.outputs, k], dataType: dt, data: Float64Array.from(l.weight) });
    const gemmInputs = [prev, wName];
    if (l.bias !== undefined) {
      m.graph.initializers.push({ name: bName, dims: [l.outputs], dataType: dt, data: Float64Array.from(l.bias) });
      gemmInputs.push(bName);
    }
    const gemmOut = `layer${i}.gemm`;
    const gemm: OnnxNode = { name: `Gemm_${i}`, opType: 'Gemm', domain: '', inputs: gemmInputs, outputs: [gemmOut], attributes: [attr('alpha', 1, AT_FLOAT), attr('beta', 1, AT_FLOAT), attr('transB', 1, AT_INT)] };
    m.graph.nodes.push(gemm);
    prev = gemmOut;
    if (l.activation !== 'none') {
      const op = ACT_OP[l.activation];
      const out = `layer${i}.${l.activation}`;
      const attributes = l.activation === 'leaky_relu' ? [attr('alpha', l.alpha ?? 0.01, AT_FLOAT)] : l.activation === 'softmax' ? [attr('axis', -1, AT_INT)] : [];
      m.graph.nodes.push({ name: `${op}_${i}`, opType: op, domain: '', inputs: [prev], outputs: [out], attributes });
      prev = out;
    }
    k = l.outputs;
  });
  // The graph output is named "output": rename the last node's output.
  const last = m.graph.nodes[m.graph.nodes.length - 1];
  last.outputs[0] = 'output';
  m.graph.outputs.push({ name: 'output', elemType: dt, shape: [-1, k] });
  return m;
}

export function exportDenseOnnx(inputs: number, layers: DenseLayer[], opts: { float64?: boolean; metadata?: Record<string, string> } = {}): Uint8Array {
  return encodeOnnxModel(denseToOnnxModel(inputs, layers, opts));
}
