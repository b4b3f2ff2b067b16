// `hftbot model ...`: signal models.
//   model train   --data FILE [--format itch|lobster|mbo|dbn] [--features a,b,...] --horizon 100ms
//                 --model logistic|mlp --out model.onnx [--from T] [--to T] [--feature-spec train|kernel]
//                 [--train-frac 0.7] [--hidden 16] [--epochs N] [--seed N] [--symbol S] [--json]
//       labels future mid moves of any replay file (ITCH, LOBSTER, Databento MBO CSV or DBN), optionally
//       only inside a time range (T: HH:MM[:SS[.fff]] or ns since midnight), fits in TypeScript, reports
//       out-of-sample accuracy and AUC (chronological split) and writes an ONNX model that the `model`
//       strategy template serves (features, feature spec and horizon in its metadata).
//   model inspect FILE [--json]   an ONNX or XGBoost JSON model: inputs, outputs, operators, and whether
//       the pure-TypeScript fast path runs it (else: the onnxruntime worker).
//   model bench   [--json]        inference and feature-update latency (src/model/bench.ts).
// With --json the last line of stdout is the JSON object.

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { benchInferenceDetailed } from '../../model/bench.js';
import { DEFAULT_FEATURES, REPLAY_FORMATS, parseDurationNs, parseTimeOfDayNs, type ReplayFormat } from '../../model/dataset.js';
import { KERNEL_FEATURE_SPEC } from '../../model/serving.js';
import { compileOnnx, UnsupportedOnnxError } from '../../model/onnx-compile.js';
import { decodeOnnxModel } from '../../model/onnx-proto.js';
import { trainModel } from '../../model/train.js';
import { XgbModel } from '../../model/xgboost.js';
import { featureNames } from '../../signal/spec.js';
import { DEFAULT_TRAIN_SPEC } from '../../model/dataset.js';

function posInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${v}"`);
  return n;
}

export interface InspectJson {
  kind: 'onnx' | 'xgboost';
  inputs: number;
  outputs: number;
  operators: string[];
  fastPath: boolean;
  reason: string | null;
  metadata: Record<string, string>;
}

export function inspectModel(path: string): InspectJson {
  const bytes = readFileSync(path);
  if (bytes[0] === 0x7b) {
    const m = XgbModel.fromJson(bytes.toString('utf8'));
    return { kind: 'xgboost', inputs: m.numFeatures, outputs: m.numGroups, operators: [m.objective], fastPath: true, reason: null, metadata: {} };
  }
  const m = decodeOnnxModel(bytes);
  const inits = new Set(m.graph.initializers.map((t) => t.name));
  const input = m.graph.inputs.find((v) => !inits.has(v.name));
  let fast = true;
  let reason: string | null = null;
  let outputs = m.graph.outputs[0]?.shape.at(-1) ?? -1;
  try {
    outputs = compileOnnx(bytes).outputSize;
  } catch (e) {
    if (!(e instanceof UnsupportedOnnxError)) throw e;
    fast = false;
    reason = e.message;
  }
  return { kind: 'onnx', inputs: input?.shape.at(-1) ?? -1, outputs, operators: [...new Set(m.graph.nodes.map((n) => n.opType))], fastPath: fast, reason, metadata: m.metadata };
}

export function registerModel(program: Command): void {
  const model = program.command('model').description('signal models: train, inspect, bench');

  model
    .command('train')
    .description('label future mid moves in historical data, fit a classifier, report out-of-sample accuracy/AUC, export ONNX')
    .requiredOption('--data <file>', 'replay file: ITCH BinaryFILE, LOBSTER message file (*_message_*.csv), Databento MBO CSV or DBN')
    .option('--format <f>', `replay format (${REPLAY_FORMATS.join(', ')}; default: from the file name)`)
    .option('--from <t>', 'first row time (HH:MM[:SS[.fff]] or ns since midnight)')
    .option('--to <t>', 'rows whose label horizon ends before this time')
    .option('--feature-spec <s>', 'feature windows: train (5 levels, 10ms/100ms/1s returns) or kernel (what the kernel computes live)', 'train')
    .option('--features <list>', `comma-separated feature names (known: ${featureNames({ instrument: 0, ...DEFAULT_TRAIN_SPEC }).join(', ')}; default ${DEFAULT_FEATURES.join(',')}, without those the feature spec lacks)`)
    .option('--horizon <duration>', 'label horizon (e.g. 100ms, 1s)', '100ms')
    .option('--model <kind>', 'logistic or mlp', 'logistic')
    .option('--out <file>', 'ONNX file to write')
    .option('--train-frac <f>', 'share of the (earliest) rows used for training', '0.7')
    .option('--hidden <n>', 'hidden units (mlp)', '16')
    .option('--epochs <n>', 'full-batch Adam epochs')
    .option('--seed <n>', 'weight initialisation seed', '1')
    .option('--symbol <s>', 'instrument (MBO files with several)')
    .option('--json', 'print the report as JSON on the last line')
    .action(async (o: { data: string; format?: string; from?: string; to?: string; featureSpec: string; features?: string; horizon: string; model: string; out?: string; trainFrac: string; hidden: string; epochs?: string; seed: string; symbol?: string; json?: boolean }) => {
      if (o.model !== 'logistic' && o.model !== 'mlp') throw new Error(`--model must be logistic or mlp, got "${o.model}"`);
      if (o.format !== undefined && !REPLAY_FORMATS.includes(o.format as ReplayFormat)) throw new Error(`--format must be one of ${REPLAY_FORMATS.join(', ')}, got "${o.format}"`);
      if (o.featureSpec !== 'train' && o.featureSpec !== 'kernel') throw new Error(`--feature-spec must be train or kernel, got "${o.featureSpec}"`);
      const frac = Number(o.trainFrac);
      if (!(frac > 0 && frac < 1)) throw new Error(`--train-frac must be in (0, 1), got "${o.trainFrac}"`);
      const { report } = await trainModel({
        path: o.data,
        features: o.features !== undefined ? o.features.split(',').map((s) => s.trim()).filter((s) => s !== '')
          : DEFAULT_FEATURES.filter((f) => featureNames({ instrument: 0, ...(o.featureSpec === 'kernel' ? KERNEL_FEATURE_SPEC : DEFAULT_TRAIN_SPEC) }).includes(f)),
        horizonNs: parseDurationNs(o.horizon),
        model: o.model,
        hidden: posInt('--hidden', o.hidden),
        epochs: posInt('--epochs', o.epochs),
        seed: posInt('--seed', o.seed),
        trainFraction: frac,
        ...(o.out !== undefined ? { out: o.out } : {}),
        ...(o.symbol !== undefined ? { symbol: o.symbol } : {}),
        ...(o.format !== undefined ? { format: o.format as ReplayFormat } : {}),
        ...(o.from !== undefined ? { fromNs: parseTimeOfDayNs(o.from) } : {}),
        ...(o.to !== undefined ? { toNs: parseTimeOfDayNs(o.to) } : {}),
        ...(o.featureSpec === 'kernel' ? { spec: KERNEL_FEATURE_SPEC } : {}),
      });
      if (o.json) console.log(JSON.stringify(report));
      else {
        console.log(`model ${report.model} on ${report.features.join(', ')} (horizon ${report.horizonNs} ns)`);
        console.log(`rows ${report.rows} (train ${report.trainRows}, test ${report.testRows}); dropped ${report.droppedTies} ties, ${report.droppedUnknown} unknown, ${report.droppedOutOfRange} out of range`);
        console.log(`train accuracy ${report.trainAccuracy.toFixed(4)}  test accuracy ${report.testAccuracy.toFixed(4)}  test AUC ${report.testAuc.toFixed(4)}  test up-rate ${report.testUpRate.toFixed(4)}`);
        if (report.out !== null) console.log(`wrote ${report.out} (${report.onnxBytes} bytes)`);
      }
    });

  model
    .command('inspect')
    .description('describe an ONNX or XGBoost JSON model and whether the fast path runs it')
    .argument('<file>')
    .option('--json', 'print as JSON on the last line')
    .action((file: string, o: { json?: boolean }) => {
      const r = inspectModel(file);
      if (o.json) console.log(JSON.stringify(r));
      else {
        console.log(`${r.kind}: ${r.inputs} inputs -> ${r.outputs} outputs; operators: ${r.operators.join(', ')}`);
        console.log(r.fastPath ? 'fast path: yes (pure TypeScript)' : `fast path: no (${r.reason}); use the onnxruntime worker`);
      }
    });

  model
    .command('bench')
    .description('64-feature 2x32 MLP inference and feature-update latency')
    .option('--samples <n>', 'timed calls of each kind', '200000')
    .option('--json', 'print as JSON on the last line')
    .action((o: { samples: string; json?: boolean }) => {
      const r = benchInferenceDetailed(posInt('--samples', o.samples));
      if (o.json) console.log(JSON.stringify(r));
      else console.log(`mlp p50 ${r.mlpP50Ns} ns p99 ${r.mlpP99Ns} ns, ${r.mlpPerSecond}/s; feature update p50 ${r.featureP50Ns} ns p99 ${r.featureP99Ns} ns`);
    });
}
