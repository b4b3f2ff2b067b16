// Models as strategies serve them (cold path: loading; the result is used on the hot path).
//
// Contract
// - loadServingModel(path) reads a model synchronously (strategies are built synchronously from specs) and
//   returns a synchronous, allocation-free Predictor plus what serving needs to feed it:
//     features  src/signal feature names, in the model's input order;
//     spec      the FeatureSpec (without instrument) those features were computed with in training;
//     scoreIndex / probability: which output is the score, and whether it is P(up) in [0, 1]
//               (a strategy then trades on 2p - 1) or already a signed score.
// - Formats: ONNX the pure-TypeScript fast path compiles (src/model/onnx-compile.ts; what
//   `hftbot model train` writes), XGBoost JSON, and our own dense JSON (DENSE_FORMAT: layers as
//   ./builders.ts takes them, with the same metadata keys as fields; hand-written or exported weights).
//   An ONNX graph outside the fast path runs only asynchronously (onnxruntime worker), which a
//   per-event strategy cannot wait for: refused with the reason.
// - Where the names and spec come from: ONNX metadata_props `hftbot.features` (comma-separated) and
//   `hftbot.featureSpec` (JSON), written by trainModel; XGBoost `learner.attributes` with the same keys, or
//   its `feature_names`. A model from before `hftbot.featureSpec` existed was trained on DEFAULT_TRAIN_SPEC.
//   A model that names nothing must take the whole vector of KERNEL_FEATURE_SPEC in slot order.
// - KERNEL_FEATURE_SPEC mirrors the spec src/kernel/build.ts gives every traded instrument; a strategy whose
//   model was trained on it can read ctx.features(inst) instead of computing its own (test/model/serving.test.ts
//   checks the two agree on real data).

import { readFileSync } from 'node:fs';
import { mlp, type DenseLayer } from './builders.js';
import { featureCount, featureNames, type FeatureSpec } from '../signal/spec.js';
import { DEFAULT_TRAIN_SPEC } from './dataset.js';
import type { Predictor } from './load.js';
import { compileOnnxModel, UnsupportedOnnxError } from './onnx-compile.js';
import { decodeOnnxModel } from './onnx-proto.js';
import { OP_SIGMOID, OP_SOFTMAX } from './program-ops.js';
import { XgbModel } from './xgboost.js';

export type ServingSpec = Omit<FeatureSpec, 'instrument' | 'initialCapacity'>;

/** The feature spec of src/kernel/build.ts (levels 3, returns over 100 ms and 1 s, 1 s windows). */
export const KERNEL_FEATURE_SPEC: ServingSpec = {
  levels: 3,
  returnWindowsNs: [100_000_000, 1_000_000_000],
  ofiWindowNs: 1_000_000_000,
  tradeWindowNs: 1_000_000_000,
  volWindowNs: 1_000_000_000,
};

export const META_FEATURES = 'hftbot.features';
export const META_FEATURE_SPEC = 'hftbot.featureSpec';
export const META_HORIZON = 'hftbot.horizonNs';
export const META_OUTPUT = 'hftbot.output';

/**
 * Our own model file: `{ "format": "hftbot-dense", "inputs": F, "layers": [{ "weight": [...row-major
 * outputs x inputs], "bias": [...], "outputs": n, "activation": "none|relu|sigmoid|tanh|leaky_relu|softmax" }],
 * "features": [...], "featureSpec": {...}, "output": "probability"|"score", "horizonNs": n }`.
 */
export const DENSE_FORMAT = 'hftbot-dense';

export interface DenseModelFile {
  format: typeof DENSE_FORMAT;
  inputs: number;
  layers: DenseLayer[];
  features?: string[];
  featureSpec?: ServingSpec;
  output?: 'probability' | 'score';
  horizonNs?: number;
}

export interface ServingModel {
  kind: 'onnx' | 'xgboost' | 'dense';
  predictor: Predictor;
  features: string[];
  spec: ServingSpec;
  scoreIndex: number;
  probability: boolean;
  /** The label horizon the model was trained for (ns), null when unknown. */
  horizonNs: number | null;
}

export function sameSpec(a: ServingSpec, b: ServingSpec): boolean {
  return a.levels === b.levels && a.ofiWindowNs === b.ofiWindowNs && a.tradeWindowNs === b.tradeWindowNs && a.volWindowNs === b.volWindowNs
    && a.returnWindowsNs.length === b.returnWindowsNs.length && a.returnWindowsNs.every((w, i) => w === b.returnWindowsNs[i]);
}

/** Slots of `names` in the vector of `spec` (throws on a name the spec has no slot for). */
export function featureSlots(spec: ServingSpec, names: string[]): Int32Array {
  const all = featureNames({ instrument: 0, ...spec });
  return Int32Array.from(names.map((n) => {
    const i = all.indexOf(n);
    if (i < 0) throw new Error(`model feature "${n}" is not in the feature vector (${all.join(', ')})`);
    return i;
  }));
}

function parseSpec(json: string | undefined, where: string): ServingSpec | null {
  if (json === undefined) return null;
  const o = JSON.parse(json) as Partial<ServingSpec>;
  const ok = Number.isInteger(o.levels) && Array.isArray(o.returnWindowsNs) && [o.ofiWindowNs, o.tradeWindowNs, o.volWindowNs].every((w) => Number.isSafeInteger(w));
  if (!ok) throw new Error(`${where}: ${META_FEATURE_SPEC} is not a feature spec: ${json}`);
  return { levels: o.levels!, returnWindowsNs: o.returnWindowsNs!.map(Number), ofiWindowNs: o.ofiWindowNs!, tradeWindowNs: o.tradeWindowNs!, volWindowNs: o.volWindowNs! };
}

/** Names and spec from the model's own metadata, or the whole kernel vector when it names nothing. */
function resolveFeatures(path: string, inputs: number, names: string[] | null, specJson: string | undefined): { features: string[]; spec: ServingSpec } {
  const declared = parseSpec(specJson, path);
  if (names !== null && names.length > 0) {
    const spec = declared ?? DEFAULT_TRAIN_SPEC;
    if (names.length !== inputs) throw new Error(`${path}: the model takes ${inputs} inputs but names ${names.length} features`);
    featureSlots(spec, names); // every name must exist
    return { features: names, spec };
  }
  const spec = declared ?? KERNEL_FEATURE_SPEC;
  const all = featureNames({ instrument: 0, ...spec });
  if (inputs !== featureCount({ instrument: 0, ...spec })) {
    throw new Error(`${path}: the model names no features (${META_FEATURES}) and takes ${inputs} inputs, not the ${all.length} of the feature vector (${all.join(', ')})`);
  }
  return { features: all, spec };
}

export function loadServingModel(path: string): ServingModel {
  const bytes = readFileSync(path);
  if (bytes[0] === 0x7b) {
    const text = bytes.toString('utf8');
    const json = JSON.parse(text) as { format?: unknown };
    return json.format === DENSE_FORMAT ? denseModel(path, json as DenseModelFile) : xgboostModel(path, text);
  }
  const onnx = decodeOnnxModel(bytes);
  let prog;
  try {
    prog = compileOnnxModel(onnx);
  } catch (e) {
    if (e instanceof UnsupportedOnnxError) throw new Error(`${path}: the model strategy needs a model the synchronous fast path runs (${e.message})`);
    throw e;
  }
  const meta = onnx.metadata;
  const names = meta[META_FEATURES] !== undefined ? meta[META_FEATURES].split(',').map((s) => s.trim()).filter((s) => s !== '') : null;
  const { features, spec } = resolveFeatures(path, prog.inputSize, names, meta[META_FEATURE_SPEC]);
  const lastOp = prog.ops.length > 0 ? prog.ops[prog.ops.length - 1].kind : -1;
  // a two-class softmax gives [P(down), P(up)]; a sigmoid output is P(up)
  const softmax2 = lastOp === OP_SOFTMAX && prog.outputSize === 2;
  const probability = meta[META_OUTPUT] === 'probability' || lastOp === OP_SIGMOID || softmax2;
  const h = Number(meta[META_HORIZON]);
  return { kind: 'onnx', predictor: prog, features, spec, scoreIndex: softmax2 ? 1 : 0, probability, horizonNs: h > 0 ? h : null };
}

function xgboostModel(path: string, text: string): ServingModel {
  const json = JSON.parse(text) as { learner?: { attributes?: Record<string, string>; feature_names?: string[] } };
  const m = new XgbModel(json);
  const attrs = json.learner?.attributes ?? {};
  const fromAttr = attrs[META_FEATURES] !== undefined ? attrs[META_FEATURES].split(',').map((s) => s.trim()) : null;
  const fromNames = Array.isArray(json.learner?.feature_names) && json.learner.feature_names.length > 0 ? json.learner.feature_names : null;
  const { features, spec } = resolveFeatures(path, m.numFeatures, fromAttr ?? fromNames, attrs[META_FEATURE_SPEC]);
  const probability = /^(binary:logistic|reg:logistic)$/.test(m.objective);
  const h = Number(attrs[META_HORIZON]);
  return { kind: 'xgboost', predictor: m, features, spec, scoreIndex: 0, probability, horizonNs: h > 0 ? h : null };
}

function denseModel(path: string, f: DenseModelFile): ServingModel {
  if (!Number.isInteger(f.inputs) || f.inputs < 1 || !Array.isArray(f.layers)) throw new Error(`${path}: a ${DENSE_FORMAT} model needs "inputs" and "layers"`);
  const prog = mlp(f.inputs, f.layers);
  const { features, spec } = resolveFeatures(path, prog.inputSize, f.features ?? null, f.featureSpec === undefined ? undefined : JSON.stringify(f.featureSpec));
  const last = f.layers[f.layers.length - 1];
  const softmax2 = last.activation === 'softmax' && last.outputs === 2;
  const probability = f.output !== undefined ? f.output === 'probability' : last.activation === 'sigmoid' || softmax2;
  const h = Number(f.horizonNs);
  return { kind: 'dense', predictor: prog, features, spec, scoreIndex: softmax2 ? 1 : 0, probability, horizonNs: h > 0 ? h : null };
}
