// The live clock: integer nanoseconds, monotonic, anchored to the wall clock's UTC midnight, and
// read without a BigInt per call (allocation shows up as heap growth between scavenges).
import { describe, expect, it } from 'vitest';
import { LiveClock, monoNs, nsSinceUtcMidnight, wallMs } from '../../src/clock/live.js';

describe('LiveClock and monoNs', () => {
  it('return integers that never go backwards', () => {
    const c = new LiveClock();
    let prevC = c.now();
    let prevM = monoNs();
    for (let i = 0; i < 100_000; i++) {
      const t = c.now();
      const m = monoNs();
      if (!Number.isInteger(t) || t < prevC || !Number.isInteger(m) || m < prevM) throw new Error(`step ${i}: ${prevC} -> ${t}, ${prevM} -> ${m}`);
      prevC = t;
      prevM = m;
    }
    expect(prevC).toBeGreaterThan(0);
  });

  it('LiveClock.now() tracks the wall clock since UTC midnight and monoNs measures real intervals', async () => {
    const c = new LiveClock();
    const gap = Math.abs(c.now() - nsSinceUtcMidnight());
    expect(gap).toBeLessThan(50_000_000); // 50 ms: one anchor read apart, plus scheduling noise
    const m0 = monoNs();
    const w0 = wallMs();
    await new Promise((r) => setTimeout(r, 30));
    const dMono = (monoNs() - m0) / 1e6;
    const dWall = wallMs() - w0;
    expect(dMono).toBeGreaterThanOrEqual(29);
    expect(Math.abs(dMono - dWall)).toBeLessThan(15);
  });

  it('reads allocate far less than a BigInt per call', () => {
    const c = new LiveClock();
    let sink = 0;
    const run = (n: number) => {
      for (let i = 0; i < n; i++) sink += Math.round(c.now() / 1e6) & 1;
    };
    run(200_000); // optimise first
    const perCall: number[] = [];
    for (let round = 0; round < 5; round++) {
      const h0 = process.memoryUsage().heapUsed;
      run(100_000);
      const d = process.memoryUsage().heapUsed - h0;
      if (d >= 0) perCall.push(d / 100_000); // a scavenge inside the round makes the delta meaningless
    }
    expect(perCall.length).toBeGreaterThan(0);
    // hrtime.bigint() costs >= 40 bytes per read (two BigInts with the subtraction)
    expect(Math.min(...perCall)).toBeLessThan(24);
    expect(sink).toBeGreaterThanOrEqual(0);
  });
});
