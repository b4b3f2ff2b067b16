import { describe, expect, it } from 'vitest';
import { MedianPruner, PruneGate, median } from '../../src/optimize/pruner.js';
import type { FinishedTrial } from '../../src/optimize/samplers.js';
import { RandomSampler } from '../../src/optimize/samplers.js';
import { floatParam } from '../../src/optimize/space.js';
import { inProcessExecutor, runStudy } from '../../src/optimize/study.js';

const done = (number: number, curve: number[]): FinishedTrial => ({
  number, params: {}, state: 'complete', loss: curve[curve.length - 1], intermediate: new Map(curve.map((v, i) => [i, v])),
});

describe('median pruner', () => {
  it('median interpolates like numpy', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('prunes a trial whose best so far is worse than the median at the same step', () => {
    // completed curves (losses): medians per step are 5, 4, 3
    const hist = [done(0, [4, 3, 2]), done(1, [5, 4, 3]), done(2, [6, 5, 4])];
    const ref = new MedianPruner({ nStartupTrials: 3 }).reference(hist);
    expect(ref?.medians).toEqual([[0, 5], [1, 4], [2, 3]]);
    const good = new PruneGate(ref);
    expect([good.shouldPrune(0, 4.5), good.shouldPrune(1, 3.9), good.shouldPrune(2, 2.9)]).toEqual([false, false, false]);
    const bad = new PruneGate(ref);
    expect(bad.shouldPrune(0, 5)).toBe(false); // equal to the median: kept
    expect(bad.shouldPrune(1, 4.5)).toBe(true); // best so far 4.5 > 4
    // the best value over steps counts, not the last one
    const dip = new PruneGate(ref);
    expect(dip.shouldPrune(0, 1)).toBe(false);
    expect(dip.shouldPrune(1, 100)).toBe(false);
    expect(dip.shouldPrune(2, 100)).toBe(false);
  });
  it('a running total (latest = true) is judged by its latest value, not its best so far', () => {
    // PnL-like curves: every trial starts at 0, so the best-so-far rule would never prune a loser
    const hist = [done(0, [0, 3, 2]), done(1, [0, 4, 3]), done(2, [0, 5, 4])];
    const ref = new MedianPruner({ nStartupTrials: 3 }).reference(hist);
    const best = new PruneGate(ref);
    expect([best.shouldPrune(0, 0), best.shouldPrune(1, 100), best.shouldPrune(2, 100)]).toEqual([false, false, false]);
    const latest = new PruneGate(ref);
    expect(latest.shouldPrune(0, 0, true)).toBe(false);
    expect(latest.shouldPrune(1, 4, true)).toBe(false); // equal to the median: kept
    expect(latest.shouldPrune(2, 3.5, true)).toBe(true); // 3.5 > median 3
    expect(new PruneGate(ref).shouldPrune(0, NaN, true)).toBe(true);
  });
  it('waits for n_startup_trials completed trials and n_warmup_steps', () => {
    const hist = [done(0, [1, 1, 1]), done(1, [1, 1, 1])];
    expect(new MedianPruner({ nStartupTrials: 3 }).reference(hist)).toBeUndefined();
    const ref = new MedianPruner({ nStartupTrials: 2, nWarmupSteps: 2 }).reference(hist);
    const g = new PruneGate(ref);
    expect(g.shouldPrune(0, 9)).toBe(false);
    expect(g.shouldPrune(1, 9)).toBe(false);
    expect(g.shouldPrune(2, 9)).toBe(true);
  });
  it('checks every interval_steps only, and a NaN report prunes', () => {
    const hist = [done(0, [1, 0.1, 1, 1, 1])];
    const every2 = new PruneGate(new MedianPruner({ nStartupTrials: 1, intervalSteps: 2 }).reference(hist));
    expect([every2.shouldPrune(0, 0.5), every2.shouldPrune(1, 0.5), every2.shouldPrune(2, 0.5)]).toEqual([false, false, false]);
    const every1 = new PruneGate(new MedianPruner({ nStartupTrials: 1, intervalSteps: 1 }).reference(hist));
    expect([every1.shouldPrune(0, 0.5), every1.shouldPrune(1, 0.5)]).toEqual([false, true]);
    expect(new PruneGate(new MedianPruner({ nStartupTrials: 1 }).reference(hist)).shouldPrune(0, NaN)).toBe(true);
  });
  it('in a study: the objective stops at the pruning step and the trial is recorded as pruned', async () => {
    // value(step) = x * (step + 1): trials with larger x are worse at every step
    const steps: number[] = [];
    const res = await runStudy({
      space: [floatParam('x', 0, 1)],
      sampler: new RandomSampler(2),
      nTrials: 30,
      pruner: new MedianPruner({ nStartupTrials: 5 }),
      executor: inProcessExecutor((p, rep) => {
        let s = 0;
        for (; s < 10; s++) if (rep!.report(s, p.x * (s + 1))) break;
        steps.push(s);
        return p.x * 10;
      }),
    });
    const pruned = res.trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(5);
    expect(res.trials.slice(0, 5).every((t) => t.state === 'complete')).toBe(true);
    for (const t of pruned) expect(t.intermediate.size).toBeLessThan(10);
    const completeX = res.trials.filter((t) => t.state === 'complete').map((t) => t.params.x);
    const prunedX = pruned.map((t) => t.params.x);
    expect(Math.min(...prunedX)).toBeGreaterThan(Math.min(...completeX));
    expect(steps.some((s) => s < 10)).toBe(true);
  });
});
