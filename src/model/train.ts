// `hftbot model train`: dataset from a replay (./dataset.ts; any replay format, optionally a time range),
// chronological split, fit (./fit.ts), out-of-sample accuracy and AUC, ONNX export (./export.ts) with the
// metadata serving needs (./serving.ts: feature names, the feature spec, the horizon, "probability").
// Cold path.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { mlp } from './builders.js';
import { buildDataset, DEFAULT_TRAIN_SPEC, type DatasetOptions } from './dataset.js';
import { exportDenseOnnx } from './export.js';
import { accuracy, auc, fitClassifier, type FitOptions } from './fit.js';
import { META_FEATURES, META_FEATURE_SPEC, META_HORIZON, META_OUTPUT } from './serving.js';

export interface TrainOptions extends DatasetOptions, FitOptions {
  /** Share of rows (the earliest) used for training; the rest is the out-of-sample test set. */
  trainFraction?: number;
  out?: string;
}

export interface TrainReport {
  model: string;
  features: string[];
  horizonNs: number;
  events: number;
  rows: number;
  trainRows: number;
  testRows: number;
  droppedTies: number;
  droppedUnknown: number;
  droppedOutOfRange: number;
  /** Time of the first / last labelled training row and test row (ns since midnight). */
  trainTsRange: [number, number];
  testTsRange: [number, number];
  /** Share of up-moves in the test set (the accuracy of always guessing the majority is max(b, 1-b)). */
  testUpRate: number;
  trainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  testAuc: number;
  out: string | null;
  onnxBytes: number;
}

export async function trainModel(opts: TrainOptions): Promise<{ report: TrainReport; onnx: Uint8Array; testScores: Float64Array }> {
  const ds = await buildDataset(opts);
  const frac = opts.trainFraction ?? 0.7;
  const nTrain = Math.floor(ds.rows * frac);
  const nTest = ds.rows - nTrain;
  if (nTrain < 10 || nTest < 10) throw new Error(`too few labelled rows (${ds.rows}: ${nTrain} train / ${nTest} test); try a shorter --horizon or more data`);
  const F = ds.cols;
  const fit = fitClassifier(ds.x.subarray(0, nTrain * F), ds.y.subarray(0, nTrain), nTrain, F, opts);
  const prog = mlp(F, fit.layers);
  const scores = new Float64Array(ds.rows);
  prog.predictBatch(ds.x, ds.rows, scores);
  const trainScores = scores.subarray(0, nTrain);
  const testScores = scores.subarray(nTrain);
  const testLabels = ds.y.subarray(nTrain);
  let ups = 0;
  for (let i = 0; i < testLabels.length; i++) ups += testLabels[i];
  const spec = opts.spec ?? DEFAULT_TRAIN_SPEC;
  const featureSpec = { levels: spec.levels, returnWindowsNs: spec.returnWindowsNs, ofiWindowNs: spec.ofiWindowNs, tradeWindowNs: spec.tradeWindowNs, volWindowNs: spec.volWindowNs };
  const onnx = exportDenseOnnx(F, fit.layers, {
    metadata: {
      [META_FEATURES]: ds.names.join(','), [META_HORIZON]: String(opts.horizonNs), 'hftbot.model': opts.model,
      [META_FEATURE_SPEC]: JSON.stringify(featureSpec), [META_OUTPUT]: 'probability',
    },
  });
  if (opts.out !== undefined) {
    await mkdir(dirname(opts.out), { recursive: true });
    await writeFile(opts.out, onnx);
  }
  return {
    report: {
      model: opts.model,
      features: ds.names,
      horizonNs: opts.horizonNs,
      events: ds.events,
      rows: ds.rows,
      trainRows: nTrain,
      testRows: nTest,
      droppedTies: ds.droppedTies,
      droppedUnknown: ds.droppedUnknown,
      droppedOutOfRange: ds.droppedOutOfRange,
      trainTsRange: [ds.ts[0], ds.ts[nTrain - 1]],
      testTsRange: [ds.ts[nTrain], ds.ts[ds.rows - 1]],
      testUpRate: ups / nTest,
      trainLoss: fit.finalLoss,
      trainAccuracy: accuracy(trainScores, ds.y.subarray(0, nTrain)),
      testAccuracy: accuracy(testScores, testLabels),
      testAuc: auc(testScores, testLabels),
      out: opts.out ?? null,
      onnxBytes: onnx.length,
    },
    onnx,
    testScores: Float64Array.from(testScores),
  };
}
