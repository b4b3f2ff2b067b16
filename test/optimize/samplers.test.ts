import { describe, expect, it } from 'vitest';
import { GridSampler, RandomSampler, TpeSampler, splitBelowAbove, type FinishedTrial } from '../../src/optimize/samplers.js';
import { floatParam, intParam, parseParam, gridValues, toExternal } from '../../src/optimize/space.js';
import { inProcessExecutor, runStudy } from '../../src/optimize/study.js';
import { TEST_FUNCTIONS } from '../../src/optimize/functions.js';

const branin = TEST_FUNCTIONS.branin;

async function study(sampler: ConstructorParameters<typeof TpeSampler>[0] | 'random', trials = 30) {
  const s = sampler === 'random' ? new RandomSampler(7) : new TpeSampler(sampler);
  return runStudy({ space: branin.space, sampler: s, nTrials: trials, executor: inProcessExecutor((p) => branin.fn(p)) });
}

describe('parameters', () => {
  it('parses name=lo:hi[:step] into float / int / log parameters', () => {
    expect(parseParam('x=0.5:2')).toMatchObject({ name: 'x', low: 0.5, high: 2, int: false, log: false, step: undefined });
    expect(parseParam('n=1:10')).toMatchObject({ name: 'n', low: 1, high: 10, int: true, step: 1 });
    expect(parseParam('n=0:100:5')).toMatchObject({ int: true, step: 5 });
    expect(parseParam('z=0:1:0.25')).toMatchObject({ int: false, step: 0.25 });
    expect(parseParam('lr=log:1e-4:1')).toMatchObject({ log: true, low: 1e-4, high: 1 });
    expect(() => parseParam('x=3:1')).toThrow(/lo <= hi/);
    expect(() => parseParam('x=a:1')).toThrow(/numbers/);
    expect(() => parseParam('x')).toThrow(/name=lo:hi/);
  });
  it('rounds to the step and clips', () => {
    const p = floatParam('z', 0, 1, { step: 0.1 });
    expect(toExternal(p, 0.349)).toBe(0.3);
    expect(toExternal(p, 1.04)).toBe(1);
    expect(gridValues(p)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });
});

describe('samplers', () => {
  it('TPE is deterministic for a seed and differs across seeds', async () => {
    const a = await study({ seed: 3 });
    const b = await study({ seed: 3 });
    const c = await study({ seed: 4 });
    expect(a.trials.map((t) => t.params)).toEqual(b.trials.map((t) => t.params));
    expect(a.trials.map((t) => t.params)).not.toEqual(c.trials.map((t) => t.params));
    expect(a.best!.value).toBe(b.best!.value);
  });
  it('random is deterministic and stays in bounds', async () => {
    const a = await study('random', 50);
    const b = await study('random', 50);
    expect(a.trials.map((t) => t.params)).toEqual(b.trials.map((t) => t.params));
    for (const t of a.trials) {
      expect(t.params.x1).toBeGreaterThanOrEqual(-5);
      expect(t.params.x1).toBeLessThanOrEqual(10);
      expect(t.params.x2).toBeGreaterThanOrEqual(0);
      expect(t.params.x2).toBeLessThanOrEqual(15);
    }
  });
  it('TPE after its startup trials concentrates near good values (beats random on Branin)', async () => {
    const tpe = await study({ seed: 1 }, 60);
    const rnd = await study('random', 60);
    const late = (r: typeof tpe) => r.trials.slice(30).map((t) => t.value!).sort((x, y) => x - y)[15];
    expect(late(tpe)).toBeLessThan(late(rnd));
  });
  it('grid covers every grid point exactly once, in a seeded order', async () => {
    const space = [intParam('a', 1, 4), floatParam('b', 0, 1, { step: 0.5 }), intParam('c', 10, 20, { step: 5 })];
    const g = new GridSampler(9);
    expect(g.size(space)).toBe(4 * 3 * 3);
    const res = await runStudy({ space, sampler: g, nTrials: 1000, executor: inProcessExecutor((p) => p.a + p.b + p.c) });
    expect(res.trials.length).toBe(36);
    const keys = new Set(res.trials.map((t) => `${t.params.a}/${t.params.b}/${t.params.c}`));
    expect(keys.size).toBe(36);
    for (const a of [1, 2, 3, 4]) for (const b of [0, 0.5, 1]) for (const c of [10, 15, 20]) expect(keys.has(`${a}/${b}/${c}`)).toBe(true);
    const again = await runStudy({ space, sampler: new GridSampler(9), nTrials: 36, executor: inProcessExecutor(() => 0) });
    expect(again.trials.map((t) => t.params)).toEqual(res.trials.map((t) => t.params));
    const other = await runStudy({ space, sampler: new GridSampler(10), nTrials: 36, executor: inProcessExecutor(() => 0) });
    expect(other.trials.map((t) => t.params)).not.toEqual(res.trials.map((t) => t.params));
    expect(res.best!.params).toEqual({ a: 1, b: 0, c: 10 });
  });
  it('ranks complete trials before pruned ones, deeper pruned first (Optuna observation pairs)', () => {
    const t = (number: number, state: FinishedTrial['state'], loss: number | undefined, steps: Array<[number, number]> = []): FinishedTrial => ({
      number, params: {}, state, loss, intermediate: new Map(steps),
    });
    const trials = [t(0, 'pruned', undefined, [[0, -100], [1, -50]]), t(1, 'complete', 5), t(2, 'complete', 3), t(3, 'pruned', undefined, [[0, -200]]), t(4, 'complete', 9)];
    const [below, above] = splitBelowAbove(trials, 3);
    expect(below.map((x) => x.number)).toEqual([1, 2, 4]);
    expect(above.map((x) => x.number)).toEqual([0, 3]);
    const [b2] = splitBelowAbove(trials, 4);
    expect(b2.map((x) => x.number)).toEqual([0, 1, 2, 4]);
  });

  it('an aborted study stops proposing and returns the finished trials only', async () => {
    const stop = new AbortController();
    const r = await runStudy({
      space: branin.space, sampler: new TpeSampler({ seed: 1 }), nTrials: 50, signal: stop.signal,
      executor: inProcessExecutor((p) => branin.fn(p)),
      onTrial: (_t, done) => (done === 12 ? stop.abort() : undefined),
    });
    expect(r.trials.length).toBe(12);
    expect(r.trials.map((t) => t.number)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(r.best).toBeDefined();
  });

  it('TPE keeps a single-valued parameter constant', async () => {
    const space = [floatParam('x', -2, 2), floatParam('c', 1.5, 1.5), intParam('k', 3, 3)];
    const r = await runStudy({ space, sampler: new TpeSampler({ seed: 4 }), nTrials: 20, executor: inProcessExecutor((p) => p.x * p.x + p.c + p.k) });
    for (const t of r.trials) {
      expect(t.params.c).toBe(1.5);
      expect(t.params.k).toBe(3);
      expect(t.state).toBe('complete');
    }
  });
});
