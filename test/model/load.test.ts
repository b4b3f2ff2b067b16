// loadModel picks the runtime: XGBoost JSON and fast-path ONNX load as synchronous predictors that agree
// with the fixtures; an ONNX graph with an operator the fast path lacks goes to onnxruntime (or, without
// onnxruntime-node installed, fails with OrtUnavailableError rather than silently).

import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeOnnxModel, encodeOnnxModel, loadModel, OrtUnavailableError } from '../../src/model/index.js';

const dir = new URL('../fixtures/model/', import.meta.url);
const ortModule = process.env.ORT_NODE_MODULE ?? 'onnxruntime-node';
let ortAvailable = true;
try {
  createRequire(import.meta.url).resolve(ortModule);
} catch {
  ortAvailable = false;
}

describe('loadModel', () => {
  it('XGBoost JSON and fast-path ONNX load as synchronous predictors', async () => {
    const x = await loadModel(fileURLToPath(new URL('xgb_binary.xgb.json', dir)));
    expect(x.kind).toBe('xgboost');
    const fx = JSON.parse(readFileSync(new URL('xgb_binary.json', dir), 'utf8')) as { inputs: (number | null)[][]; outputs: number[] };
    const out = new Float64Array(1);
    if (x.kind !== 'xgboost') throw new Error('unreachable');
    x.predictor.predict(fx.inputs[0].map((v) => v ?? NaN), out);
    expect(out[0]).toBeCloseTo(fx.outputs[0], 6);
    const o = await loadModel(fileURLToPath(new URL('mlp16_tanh.onnx', dir)));
    expect(o.kind).toBe('fast');
    if (o.kind === 'fast') expect([o.predictor.inputSize, o.predictor.outputSize]).toEqual([16, 3]);
  });

  it('an unsupported operator goes to onnxruntime', async () => {
    const m = decodeOnnxModel(readFileSync(new URL('mlp16_tanh.onnx', dir)));
    m.graph.nodes[1].opType = 'Softsign'; // onnxruntime has it, the fast path does not
    const tmp = mkdtempSync(join(tmpdir(), 'hftbot-load-'));
    try {
      const path = join(tmp, 'softsign.onnx');
      writeFileSync(path, encodeOnnxModel(m));
      if (!ortAvailable) {
        await expect(loadModel(path, { ortModule })).rejects.toThrow(OrtUnavailableError);
        return;
      }
      const r = await loadModel(path, { ortModule });
      expect(r.kind).toBe('ort');
      if (r.kind !== 'ort') return;
      expect(r.reason).toMatch(/Softsign/);
      const y = await r.runner.infer(new Float64Array(16).fill(0.5));
      expect(y.length).toBe(3);
      expect(y.every((v) => Number.isFinite(v))).toBe(true);
      r.runner.close();
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
