// `model train` end to end on the LOBSTER AAPL sample: labelled rows, a chronological fit, metrics, and an
// ONNX export that our reader compiles back to the same scores (float32 weights: within 1e-5) and, when
// onnxruntime-node resolves (node_modules or ORT_NODE_MODULE), that onnxruntime runs to the same scores.

import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildDataset, parseDurationNs } from '../../src/model/dataset.js';
import { accuracy, auc } from '../../src/model/fit.js';
import { trainModel } from '../../src/model/train.js';
import { compileOnnx, decodeOnnxModel, OrtRunner } from '../../src/model/index.js';
import { registerModel } from '../../src/cli/commands/model.js';

const LOB = fileURLToPath(new URL('../../../shared/data/lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv', import.meta.url));
const FEATURES = ['imbalance1', 'imbalance3', 'imbalance5', 'ofi', 'ofiWindow', 'tradeFlow', 'spread'];
const ortModule = process.env.ORT_NODE_MODULE ?? 'onnxruntime-node';
let ortAvailable = true;
try {
  createRequire(import.meta.url).resolve(ortModule);
} catch {
  ortAvailable = false;
}

describe('metrics', () => {
  it('AUC and accuracy on hand-checked cases', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(auc([0.5, 0.5, 0.5], [0, 1, 1])).toBeCloseTo(0.5, 12); // all tied
    expect(auc([1, 2], [1, 1])).toBeNaN();
    expect(accuracy([0.2, 0.7, 0.5, 0.4], [0, 1, 0, 1])).toBe(0.5);
    expect(parseDurationNs('100ms')).toBe(100_000_000);
    expect(parseDurationNs('1.5s')).toBe(1_500_000_000);
    expect(() => parseDurationNs('soon')).toThrow(/bad duration/);
  });
});

describe('model train on LOBSTER', () => {
  it('labels are future mid moves', async () => {
    const ds = await buildDataset({ path: LOB, features: FEATURES, horizonNs: 100_000_000 });
    expect(ds.events).toBe(999);
    expect(ds.rows + ds.droppedTies + ds.droppedUnknown).toBe(ds.events);
    expect(ds.rows).toBeGreaterThan(100);
    const ups = ds.y.reduce((a, b) => a + b, 0);
    expect(ups).toBeGreaterThan(0);
    expect(ups).toBeLessThan(ds.rows);
  });

  for (const kind of ['logistic', 'mlp'] as const) {
    it(`${kind}: fit, report, export, reload`, async () => {
      const { report, onnx, testScores } = await trainModel({ path: LOB, features: FEATURES, horizonNs: 100_000_000, model: kind, epochs: kind === 'mlp' ? 150 : 200, hidden: 8 });
      expect(report.trainRows + report.testRows).toBe(report.rows);
      expect(report.testAccuracy).toBeGreaterThan(0);
      expect(report.testAuc).toBeGreaterThan(0);
      expect(report.testAuc).toBeLessThan(1);
      // The export loads back through our reader with its metadata, and scores the test rows alike.
      const m = decodeOnnxModel(onnx);
      expect(m.metadata['hftbot.features']).toBe(FEATURES.join(','));
      expect(m.graph.nodes.map((n) => n.opType)).toEqual(kind === 'mlp' ? ['Gemm', 'Tanh', 'Gemm', 'Sigmoid'] : ['Gemm', 'Sigmoid']);
      const prog = compileOnnx(onnx);
      const ds = await buildDataset({ path: LOB, features: FEATURES, horizonNs: 100_000_000 });
      const out = new Float64Array(1);
      const x0 = report.trainRows;
      for (let r = 0; r < report.testRows; r++) {
        prog.predict(ds.x, out, (x0 + r) * ds.cols);
        expect(Math.abs(out[0] - testScores[r])).toBeLessThan(1e-5);
      }
      if (ortAvailable) {
        const dir = mkdtempSync(join(tmpdir(), 'hftbot-model-'));
        try {
          const path = join(dir, 'm.onnx');
          const { writeFileSync } = await import('node:fs');
          writeFileSync(path, onnx);
          const runner = await OrtRunner.start({ modelPath: path, ortModule });
          const res = await runner.inferBatch(ds.x.slice(x0 * ds.cols), report.testRows);
          runner.close();
          for (let r = 0; r < report.testRows; r++) expect(Math.abs(res[r] - testScores[r])).toBeLessThan(1e-5);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    });
  }

  it('the CLI writes the model and prints the JSON report last', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hftbot-model-'));
    const lines: string[] = [];
    const orig = console.log;
    console.log = (s: string) => lines.push(String(s));
    try {
      const program = new Command().exitOverride();
      registerModel(program);
      const out = join(dir, 'm.onnx');
      await program.parseAsync(['node', 'hftbot', 'model', 'train', '--data', LOB, '--horizon', '100ms', '--model', 'logistic', '--epochs', '50', '--out', out, '--json']);
      const report = JSON.parse(lines[lines.length - 1]) as { out: string; testRows: number; testAuc: number };
      expect(report.out).toBe(out);
      expect(report.testRows).toBeGreaterThan(10);
      expect(compileOnnx(readFileSync(out)).inputSize).toBe(FEATURES.length);
      lines.length = 0;
      await program.parseAsync(['node', 'hftbot', 'model', 'inspect', out, '--json']);
      expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ kind: 'onnx', inputs: FEATURES.length, outputs: 1, fastPath: true });
    } finally {
      console.log = orig;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
