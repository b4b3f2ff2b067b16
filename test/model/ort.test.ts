// The fast path against onnxruntime-node (run through OrtRunner's worker) on the fixture models.
// onnxruntime-node is resolved from the repo (node_modules) or from ORT_NODE_MODULE (an absolute path to
// an installed copy). When neither resolves, the runner must refuse with OrtUnavailableError; otherwise
// every fixture row must agree within 1e-6 relative (float64 exports) and batching must group rows.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileOnnx, OrtRunner, OrtUnavailableError } from '../../src/model/index.js';

const dir = new URL('../fixtures/model/', import.meta.url);
const ortModule = process.env.ORT_NODE_MODULE ?? 'onnxruntime-node';

function resolvable(spec: string): boolean {
  try {
    createRequire(import.meta.url).resolve(spec);
    return true;
  } catch {
    return false;
  }
}

const available = resolvable(ortModule);

describe('fast path vs onnxruntime-node', () => {
  if (!available) {
    it('without onnxruntime-node, start() refuses with OrtUnavailableError', async () => {
      await expect(OrtRunner.start({ modelPath: fileURLToPath(new URL('linear10.onnx', dir)), ortModule })).rejects.toThrow(OrtUnavailableError);
    });
    return;
  }

  for (const name of ['mlp64_relu_sigmoid', 'mlp16_tanh', 'linear10', 'logistic10', 'two_output12', 'matmul_add8']) {
    it(`${name}: float64 export within 1e-6, float32 export within float32 accuracy`, async () => {
      const fx = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as { inputs: number[][] };
      // onnxruntime's CPU provider has no float64 LeakyRelu kernel: that model is compared in float32 only.
      for (const suffix of name === 'matmul_add8' ? ['.onnx'] : ['.f64.onnx', '.onnx']) {
        const path = fileURLToPath(new URL(name + suffix, dir));
        const prog = compileOnnx(readFileSync(path));
        const runner = await OrtRunner.start({ modelPath: path, ortModule });
        try {
          const before = runner.batches;
          const outs = await Promise.all(fx.inputs.map((row) => runner.infer(Float64Array.from(row))));
          expect(runner.batches - before).toBe(1); // all rows of this tick went as one batch
          const mine = new Float64Array(prog.outputSize);
          const tol = suffix === '.f64.onnx' ? 1e-6 : 1e-5;
          for (let r = 0; r < fx.inputs.length; r++) {
            prog.predict(fx.inputs[r], mine);
            expect(outs[r].length).toBe(prog.outputSize);
            for (let j = 0; j < mine.length; j++) {
              expect(Math.abs(outs[r][j] - mine[j])).toBeLessThanOrEqual(tol * Math.max(Math.abs(mine[j]), suffix === '.onnx' ? 1 : 1e-12));
            }
          }
          const batch = await runner.inferBatch(Float64Array.from(fx.inputs.flat()), fx.inputs.length);
          expect(batch.length).toBe(fx.inputs.length * prog.outputSize);
          expect(Array.from(batch.subarray(0, prog.outputSize))).toEqual(Array.from(outs[0]));
        } finally {
          runner.close();
        }
      }
    });
  }
});
