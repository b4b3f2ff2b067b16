// Smoke test of the inference benchmark's plumbing (tiny sample counts; the real run is `npm run bench`):
// the figures are finite and positive, and the benchmark MLP has the advertised 64 -> 32 -> 32 -> 1 shape.

import { describe, expect, it } from 'vitest';
import { benchInference, benchMlp } from '../../src/model/bench.js';
import { Rng } from '../../src/core/rng.js';

describe('benchInference', () => {
  it('returns finite figures from a short run', () => {
    const r = benchInference(2_000, 5_000);
    expect(Object.keys(r).sort()).toEqual(['featureP99Ns', 'mlpP99Ns', 'mlpPerSecond']);
    expect(r.mlpPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(r.mlpP99Ns) && r.mlpP99Ns >= 0).toBe(true);
    expect(Number.isFinite(r.featureP99Ns) && r.featureP99Ns >= 0).toBe(true);
  });

  it('benchmarks a 64-feature 2x32 MLP', () => {
    const p = benchMlp(new Rng(1), 64);
    expect(p.inputSize).toBe(64);
    expect(p.outputSize).toBe(1);
    expect(p.ops.filter((o) => o.kind === 1).map((o) => [o.k, o.n])).toEqual([[64, 32], [32, 32], [32, 1]]);
  });
});
