// Compiles an ONNX graph of supported operators into the fast path (./program.ts).
//
// Contract
// - One graph input (not an initializer) of shape [F], [1, F] or [batch, F] with F known; one graph
//   output. Activations are vectors of one row; the batch dimension is looped by Program.predictBatch.
// - Supported (default domain): Gemm (transA = 0, B and C constant), MatMul (constant right operand),
//   Add / Sub / Mul / Div (vector with constant, or Add / Sub / Mul of two equal-length vectors), Relu,
//   LeakyRelu, Sigmoid, Tanh, Softmax (last axis), Identity, Flatten (axis 1), Dropout (inference),
//   Constant. A MatMul whose only consumer is Add of a constant becomes one dense op with a bias.
// - Anything else throws UnsupportedOnnxError naming the operator and node: callers fall back to the
//   onnxruntime worker (./ort-runner.ts).

import { decodeOnnxModel, type OnnxAttribute, type OnnxModel, type OnnxNode, type OnnxTensor } from './onnx-proto.js';
import {
  Op,
  OP_ADD,
  OP_ADD_CONST,
  OP_CONST_SUB,
  OP_COPY,
  OP_DENSE,
  OP_DIV_CONST,
  OP_LEAKY_RELU,
  OP_MUL,
  OP_MUL_CONST,
  OP_RELU,
  OP_SIGMOID,
  OP_SOFTMAX,
  OP_SUB,
  OP_TANH,
  ProgramBuilder,
  type Program,
} from './program.js';

export class UnsupportedOnnxError extends Error {}

export const FAST_PATH_OPS = ['Gemm', 'MatMul', 'Add', 'Sub', 'Mul', 'Div', 'Relu', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Softmax', 'Identity', 'Flatten', 'Dropout', 'Constant'];

type Value = { kind: 'const'; t: OnnxTensor } | { kind: 'act'; off: number; n: number; producer: Op | null };

function attrOf(node: OnnxNode, name: string): OnnxAttribute | undefined {
  return node.attributes.find((a) => a.name === name);
}

function fail(node: OnnxNode, why: string): never {
  throw new UnsupportedOnnxError(`ONNX node ${node.name || '?'} (${node.opType}): ${why}`);
}

/** Constant as a vector of length n (or 1 to broadcast); trailing-dims broadcast of [n], [1, n], scalar. */
function vectorConst(node: OnnxNode, t: OnnxTensor, n: number): Float64Array {
  if (t.data.length === n || t.data.length === 1) return Float64Array.from(t.data);
  return fail(node, `constant ${t.name} of shape [${t.dims.join(',')}] does not broadcast to a vector of ${n}`);
}

export function compileOnnx(bytes: Uint8Array): Program {
  return compileOnnxModel(decodeOnnxModel(bytes));
}

export function compileOnnxModel(model: OnnxModel): Program {
  const g = model.graph;
  for (const o of model.opsets) if ((o.domain === '' || o.domain === 'ai.onnx') && o.version > 21) throw new UnsupportedOnnxError(`opset ${o.version} is newer than the fast path knows`);
  const values = new Map<string, Value>();
  for (const t of g.initializers) values.set(t.name, { kind: 'const', t });
  const realInputs = g.inputs.filter((v) => !values.has(v.name));
  if (realInputs.length !== 1) throw new UnsupportedOnnxError(`the fast path takes one graph input, this graph has ${realInputs.length}`);
  if (g.outputs.length !== 1) throw new UnsupportedOnnxError(`the fast path gives one graph output, this graph has ${g.outputs.length}`);
  const input = realInputs[0];
  const shape = input.shape;
  if (shape.length < 1 || shape.length > 2 || (shape.length === 2 && shape[0] > 1)) throw new UnsupportedOnnxError(`input ${input.name}: shape [${shape.join(',')}] is not [F], [1,F] or [batch,F]`);
  const F = shape[shape.length - 1];
  if (!(F > 0)) throw new UnsupportedOnnxError(`input ${input.name}: unknown feature count`);

  const uses = new Map<string, number>();
  for (const n of g.nodes) for (const i of n.inputs) uses.set(i, (uses.get(i) ?? 0) + 1);
  for (const o of g.outputs) uses.set(o.name, (uses.get(o.name) ?? 0) + 1);

  const b = new ProgramBuilder();
  const inOff = b.alloc(F);
  values.set(input.name, { kind: 'act', off: inOff, n: F, producer: null });

  const get = (node: OnnxNode, i: number): Value => {
    const name = node.inputs[i];
    const v = name === undefined || name === '' ? undefined : values.get(name);
    return v ?? fail(node, `input ${i} (${name ?? 'missing'}) is not produced by any earlier node`);
  };
  const act = (node: OnnxNode, i: number): Extract<Value, { kind: 'act' }> => {
    const v = get(node, i);
    return v.kind === 'act' ? v : fail(node, `input ${i} must be computed from the graph input, not a constant`);
  };
  const emit = (node: OnnxNode, kind: number, src: number, n: number, extra: Partial<{ k: number; w: Float64Array; c: Float64Array; src2: number; alpha: number }> = {}): void => {
    const dst = b.alloc(n);
    const op = new Op(kind, src, dst, n, extra.k ?? 0, extra.w, extra.c, extra.src2 ?? 0, extra.alpha ?? 0);
    b.push(op);
    values.set(node.outputs[0], { kind: 'act', off: dst, n, producer: op });
  };

  for (const node of g.nodes) {
    if (node.domain !== '' && node.domain !== 'ai.onnx') fail(node, `domain ${node.domain} is not supported`);
    switch (node.opType) {
      case 'Constant': {
        const v = attrOf(node, 'value');
        if (!v || !v.t) fail(node, 'only the tensor `value` form is supported');
        values.set(node.outputs[0], { kind: 'const', t: v.t });
        break;
      }
      case 'Identity':
      case 'Dropout':
      case 'Flatten': {
        if (node.opType === 'Flatten' && (attrOf(node, 'axis')?.i ?? 1) !== 1) fail(node, 'only axis 1 is supported');
        values.set(node.outputs[0], get(node, 0));
        break;
      }
      case 'Gemm':
      case 'MatMul': {
        const a = act(node, 0);
        const bv = get(node, 1);
        if (bv.kind !== 'const' || bv.t.dims.length !== 2) fail(node, 'B must be a constant matrix');
        const isGemm = node.opType === 'Gemm';
        if (isGemm && (attrOf(node, 'transA')?.i ?? 0) !== 0) fail(node, 'transA = 1 is not supported');
        const transB = isGemm && (attrOf(node, 'transB')?.i ?? 0) === 1;
        const alpha = isGemm ? (attrOf(node, 'alpha')?.f ?? 1) : 1;
        const beta = isGemm ? (attrOf(node, 'beta')?.f ?? 1) : 1;
        const [d0, d1] = bv.t.dims;
        const k = transB ? d1 : d0;
        const n = transB ? d0 : d1;
        if (k !== a.n) fail(node, `B has inner size ${k}, the input vector has ${a.n}`);
        const w = new Float64Array(n * k); // row-major [n][k]
        for (let j = 0; j < n; j++) for (let i = 0; i < k; i++) w[j * k + i] = alpha * (transB ? bv.t.data[j * k + i] : bv.t.data[i * n + j]);
        let c = new Float64Array(0);
        if (isGemm && node.inputs.length > 2 && node.inputs[2] !== '') {
          const cv = get(node, 2);
          if (cv.kind !== 'const') fail(node, 'C must be a constant');
          const cc = vectorConst(node, cv.t, n);
          c = new Float64Array(n);
          for (let j = 0; j < n; j++) c[j] = beta * cc[cc.length === 1 ? 0 : j];
        }
        emit(node, OP_DENSE, a.off, n, { k, w, c });
        break;
      }
      case 'Add':
      case 'Sub':
      case 'Mul':
      case 'Div': {
        const x = get(node, 0);
        const y = get(node, 1);
        const op = node.opType;
        if (x.kind === 'act' && y.kind === 'act') {
          if (x.n !== y.n) fail(node, `operands have lengths ${x.n} and ${y.n}`);
          if (op === 'Div') fail(node, 'Div of two computed vectors is not supported');
          emit(node, op === 'Add' ? OP_ADD : op === 'Sub' ? OP_SUB : OP_MUL, x.off, x.n, { src2: y.off });
          break;
        }
        if (x.kind === 'const' && y.kind === 'const') fail(node, 'constant folding is not supported');
        const v = (x.kind === 'act' ? x : y) as Extract<Value, { kind: 'act' }>;
        const c = vectorConst(node, ((x.kind === 'const' ? x : y) as Extract<Value, { kind: 'const' }>).t, v.n);
        const constFirst = x.kind === 'const';
        // MatMul followed by its bias: fold into the dense op (one pass, torch's order).
        const p = v.producer;
        if (op === 'Add' && p !== null && p.kind === OP_DENSE && p.c.length === 0 && uses.get(node.inputs[constFirst ? 1 : 0]) === 1) {
          const bias = new Float64Array(v.n);
          for (let j = 0; j < v.n; j++) bias[j] = c[c.length === 1 ? 0 : j];
          p.c = bias;
          values.set(node.outputs[0], v);
          break;
        }
        if (op === 'Add') emit(node, OP_ADD_CONST, v.off, v.n, { c });
        else if (op === 'Mul') emit(node, OP_MUL_CONST, v.off, v.n, { c });
        else if (op === 'Sub') emit(node, constFirst ? OP_CONST_SUB : OP_ADD_CONST, v.off, v.n, { c: constFirst ? c : c.map((q) => -q) });
        else if (constFirst) fail(node, 'constant / vector is not supported');
        else emit(node, OP_DIV_CONST, v.off, v.n, { c });
        break;
      }
      case 'Relu':
      case 'Sigmoid':
      case 'Tanh': {
        const x = act(node, 0);
        emit(node, node.opType === 'Relu' ? OP_RELU : node.opType === 'Sigmoid' ? OP_SIGMOID : OP_TANH, x.off, x.n);
        break;
      }
      case 'LeakyRelu': {
        const x = act(node, 0);
        emit(node, OP_LEAKY_RELU, x.off, x.n, { alpha: attrOf(node, 'alpha')?.f ?? 0.01 });
        break;
      }
      case 'Softmax': {
        const axis = attrOf(node, 'axis')?.i ?? -1;
        if (axis !== -1 && axis !== 1) fail(node, `axis ${axis} is not supported`);
        const x = act(node, 0);
        emit(node, OP_SOFTMAX, x.off, x.n);
        break;
      }
      default:
        fail(node, `operator not supported by the fast path (supported: ${FAST_PATH_OPS.join(', ')}); run it with the onnxruntime worker`);
    }
  }
  const out = values.get(g.outputs[0].name);
  if (out === undefined) throw new UnsupportedOnnxError(`graph output ${g.outputs[0].name} is never produced`);
  if (out.kind !== 'act') throw new UnsupportedOnnxError(`graph output ${g.outputs[0].name} is a constant`);
  if (out.off === inOff) {
    const dst = b.alloc(out.n);
    b.push(new Op(OP_COPY, inOff, dst, out.n));
    return b.build(inOff, F, dst, out.n);
  }
  return b.build(inOff, F, out.off, out.n);
}
