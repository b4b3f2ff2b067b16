// `hftbot trade` / `hftbot kernel replay` through their functions: YAML specs and a strategy module run
// against the synthetic market, journaled; the journal replays to the run's state hash.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { FileJournal } from '../../src/journal/index.js';
import { benchKernel, buildKernel, replayKernel } from '../../src/kernel/index.js';
import { loadStrategies, registerKernel, runTrade } from '../../src/cli/commands/kernel.js';

const ex = (f: string) => fileURLToPath(new URL(`../../examples/strategies/${f}`, import.meta.url));
const mod = fileURLToPath(new URL('./fixtures/touch-buyer.mjs', import.meta.url));

describe('hftbot trade', () => {
  it('registers trade and kernel bench/replay', () => {
    const p = new Command();
    registerKernel(p);
    expect(p.commands.map((c) => c.name())).toEqual(['trade', 'kernel']);
    expect(p.commands[1].commands.map((c) => c.name())).toEqual(['bench', 'replay']);
  });

  it('runs the seed momentum spec and a strategy module, journaled; the journal replays to the same hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hftbot-trade-'));
    try {
      const journal = join(dir, 'trade.journal');
      const specs = [ex('seed-momentum.yaml'), mod];
      const s = runTrade(await loadStrategies(specs), { seed: 4, durationNs: 20e9, journal });
      expect(s.venue).toBe('sim');
      expect(s.strategies.map((x) => x.name)).toEqual(['momentum-AAPL', 'touch-buyer']);
      for (const x of s.strategies) {
        expect(x.orders).toBeGreaterThan(3);
        expect(x.fills).toBeGreaterThan(0);
        expect(Number.isFinite(x.pnlUsd)).toBe(true);
      }
      const entries = await loadStrategies(specs);
      const r = replayKernel(new FileJournal(journal, { fsync: 'none' }), (clock, port) => buildKernel({ instruments: ['AAPL'], strategies: entries }, { clock, venue: port }));
      expect(r.kernel.replayMismatches).toBe(0);
      expect(r.kernel.stateHash()).toBe(s.stateHash);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shadow venue: the same spec trades on fills modelled on the kernel book', async () => {
    const s = runTrade(await loadStrategies([ex('seed-momentum.yaml')]), { seed: 4, durationNs: 20e9, venue: 'shadow' });
    expect(s.venue).toBe('shadow');
    expect(s.strategies[0].orders).toBeGreaterThan(3);
    expect(s.strategies[0].fills).toBeGreaterThan(0);
  });

  it('refuses an instrument the synthetic market does not have', async () => {
    const entries = await loadStrategies([ex('mean-reversion.yaml')]);
    entries[0].strategy = { ...entries[0].strategy, symbols: ['NOPE'] };
    expect(() => runTrade(entries)).toThrow(/no NOPE/);
  });

  it('kernel bench (smoke, small): every order event of every timed pass is timed, figures are positive', () => {
    const r = benchKernel({ messages: 3000, passes: 2, warmupPasses: 1 });
    expect(r.marketEvents).toBe(3000);
    expect(r.orders).toBeGreaterThan(10);
    expect(r.samples).toBe(2 * r.orders); // latencies pooled over both timed passes
    expect(r.timerOverheadNs).toBeGreaterThan(0);
    expect(r.eventsPerSecond).toBeGreaterThan(0);
    expect(r.tickToOrderP99Us).toBeGreaterThanOrEqual(r.tickToOrderP50Us);
    expect(r.withoutFeatures.tickToOrderP99Us).toBeGreaterThan(0);
  });
});
