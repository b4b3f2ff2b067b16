// One entry point for model files (cold path): picks the fastest runtime that can run the file.
// - XGBoost JSON (first byte '{')          -> XgbModel (synchronous, in-thread)
// - ONNX of fast-path operators            -> Program  (synchronous, in-thread)
// - any other ONNX                          -> OrtRunner (asynchronous, onnxruntime worker, batched);
//   `preferOrt` forces this path (e.g. for a CUDA execution provider).
// Synchronous predictors share the Predictor shape, so a strategy holds one without caring which.

import { readFile } from 'node:fs/promises';
import { compileOnnx, UnsupportedOnnxError } from './onnx-compile.js';
import { OrtRunner, type OrtRunnerOptions } from './ort-runner.js';
import { XgbModel } from './xgboost.js';

/** A synchronous, allocation-free predictor: `inputSize` values in, `outputSize` values out. */
export interface Predictor {
  readonly inputSize: number;
  readonly outputSize: number;
  predict(x: ArrayLike<number>, out: Float64Array, xOff?: number, outOff?: number): void;
}

export type LoadedModel =
  | { kind: 'fast'; predictor: Predictor }
  | { kind: 'xgboost'; predictor: Predictor }
  | { kind: 'ort'; runner: OrtRunner; reason: string };

export interface LoadModelOptions extends Omit<OrtRunnerOptions, 'modelPath'> {
  preferOrt?: boolean;
}

export async function loadModel(path: string, opts: LoadModelOptions = {}): Promise<LoadedModel> {
  const bytes = await readFile(path);
  if (bytes[0] === 0x7b) return { kind: 'xgboost', predictor: XgbModel.fromJson(bytes.toString('utf8')) };
  let reason = 'preferOrt';
  if (opts.preferOrt !== true) {
    try {
      return { kind: 'fast', predictor: compileOnnx(bytes) };
    } catch (e) {
      if (!(e instanceof UnsupportedOnnxError)) throw e;
      reason = e.message;
    }
  }
  const { preferOrt: _p, ...ortOpts } = opts;
  return { kind: 'ort', runner: await OrtRunner.start({ ...ortOpts, modelPath: path }), reason };
}
