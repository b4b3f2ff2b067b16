// Model runtime: the pure-TypeScript fast path (programs, builders, ONNX compiler, XGBoost trees), the
// ONNX protobuf reader/writer, and the onnxruntime-node worker for models the fast path cannot run.
export { Program, ProgramBuilder, Op, sigmoid, OP_DENSE } from './program.js';
export { mlp, linearModel, logisticModel } from './builders.js';
export type { DenseLayer, Activation } from './builders.js';
export { compileOnnx, compileOnnxModel, UnsupportedOnnxError, FAST_PATH_OPS } from './onnx-compile.js';
export { decodeOnnxModel, encodeOnnxModel } from './onnx-proto.js';
export type { OnnxModel, OnnxGraph, OnnxNode, OnnxTensor, OnnxAttribute, OnnxValueInfo } from './onnx-proto.js';
export { PbReader, PbWriter, ProtobufError } from './protobuf.js';
export { XgbModel, XgbModelError } from './xgboost.js';
export { OrtRunner, OrtUnavailableError } from './ort-runner.js';
export type { OrtRunnerOptions } from './ort-runner.js';
export { loadModel } from './load.js';
export type { Predictor, LoadedModel, LoadModelOptions } from './load.js';
export { benchInference, benchInferenceDetailed } from './bench.js';
export type { InferenceBench, InferenceBenchDetail } from './bench.js';
export { exportDenseOnnx, denseToOnnxModel } from './export.js';
export { fitClassifier, auc, accuracy } from './fit.js';
export type { FitOptions, FitResult } from './fit.js';
export { buildDataset, parseDurationNs, DEFAULT_FEATURES, DEFAULT_TRAIN_SPEC } from './dataset.js';
export type { Dataset, DatasetOptions } from './dataset.js';
export { trainModel } from './train.js';
export type { TrainOptions, TrainReport } from './train.js';
