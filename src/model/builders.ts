// Programs built from weights held in TypeScript: linear and logistic models and dense MLPs.
// Weights are row-major [outputs][inputs] (torch nn.Linear's layout).

import { Op, OP_DENSE, OP_LEAKY_RELU, OP_RELU, OP_SIGMOID, OP_SOFTMAX, OP_TANH, ProgramBuilder, type Program } from './program.js';

export type Activation = 'none' | 'relu' | 'sigmoid' | 'tanh' | 'leaky_relu' | 'softmax';

export interface DenseLayer {
  /** Row-major [outputs][inputs]. */
  weight: ArrayLike<number>;
  bias?: ArrayLike<number>;
  outputs: number;
  activation: Activation;
  /** LeakyRelu slope (default 0.01). */
  alpha?: number;
}

const ACT: Record<Activation, number> = { none: 0, relu: OP_RELU, sigmoid: OP_SIGMOID, tanh: OP_TANH, leaky_relu: OP_LEAKY_RELU, softmax: OP_SOFTMAX };

/** A dense MLP: inputs -> layers[0] -> ... ; each layer's activation is applied in place. */
export function mlp(inputs: number, layers: DenseLayer[]): Program {
  if (layers.length === 0) throw new Error('mlp: no layers');
  const b = new ProgramBuilder();
  const inOff = b.alloc(inputs);
  let src = inOff;
  let k = inputs;
  for (const [li, l] of layers.entries()) {
    if (l.weight.length !== l.outputs * k) throw new Error(`mlp: layer ${li} weight has ${l.weight.length} values, expected ${l.outputs}x${k}`);
    if (l.bias !== undefined && l.bias.length !== l.outputs) throw new Error(`mlp: layer ${li} bias has ${l.bias.length} values, expected ${l.outputs}`);
    const dst = b.alloc(l.outputs);
    b.push(new Op(OP_DENSE, src, dst, l.outputs, k, Float64Array.from(l.weight), l.bias ? Float64Array.from(l.bias) : new Float64Array(0)));
    const act = ACT[l.activation];
    if (act !== 0) b.push(new Op(act, dst, dst, l.outputs, 0, undefined, undefined, 0, l.alpha ?? 0.01));
    src = dst;
    k = l.outputs;
  }
  return b.build(inOff, inputs, src, k);
}

/** y = w . x + b. */
export function linearModel(weights: ArrayLike<number>, bias: number): Program {
  return mlp(weights.length, [{ weight: weights, bias: [bias], outputs: 1, activation: 'none' }]);
}

/** p = sigmoid(w . x + b). */
export function logisticModel(weights: ArrayLike<number>, bias: number): Program {
  return mlp(weights.length, [{ weight: weights, bias: [bias], outputs: 1, activation: 'sigmoid' }]);
}
