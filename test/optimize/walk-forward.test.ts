import { describe, expect, it } from 'vitest';
import { foldWindows, parseWalkForward } from '../../src/optimize/walk-forward.js';

const S = 1e9;

describe('walk-forward windows', () => {
  it('parses train:test[:folds]', () => {
    expect(parseWalkForward('30m:10m')).toEqual({ train: '30m', test: '10m', folds: undefined });
    expect(parseWalkForward('60%:20%:2')).toEqual({ train: '60%', test: '20%', folds: 2 });
    expect(() => parseWalkForward('30m')).toThrow(/train:test/);
    expect(() => parseWalkForward('30m:10m:0')).toThrow(/folds/);
  });
  it('rolls by the test length, test windows tile the data after the first train window', () => {
    const w = foldWindows(parseWalkForward('60s:20s'), 1000 * S, 1100 * S);
    expect(w).toEqual([
      { fold: 0, trainFrom: 1000 * S, trainTo: 1060 * S, testFrom: 1060 * S, testTo: 1080 * S },
      { fold: 1, trainFrom: 1020 * S, trainTo: 1080 * S, testFrom: 1080 * S, testTo: 1100 * S },
    ]);
    for (const f of w) expect(f.testFrom).toBe(f.trainTo);
  });
  it('percentages are of the span; folds caps the count; too many folds is an error', () => {
    const w = foldWindows(parseWalkForward('50%:10%:3'), 0, 100 * S);
    expect(w.map((f) => [f.trainFrom / S, f.trainTo / S, f.testTo / S])).toEqual([[0, 50, 60], [10, 60, 70], [20, 70, 80]]);
    expect(foldWindows(parseWalkForward('50%:10%'), 0, 100 * S).length).toBe(5);
    expect(() => foldWindows(parseWalkForward('50%:10%:6'), 0, 100 * S)).toThrow(/do not fit/);
    expect(() => foldWindows(parseWalkForward('2m:1m'), 0, 100 * S)).toThrow(/longer than the data/);
    for (const f of foldWindows(parseWalkForward('33%:17%'), 12345, 12345 + 1_000_000_007)) {
      expect(Object.values(f).every(Number.isSafeInteger)).toBe(true);
    }
  });
});
