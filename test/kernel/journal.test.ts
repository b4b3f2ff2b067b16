// Item 6: every input and command goes to the journal before it takes effect; replaying the journal into
// a fresh kernel (null venue port, SimClock) regenerates the same commands and reaches the same state hash.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateStrategy } from '../../src/config/index.js';
import type { StrategySpec } from '../../src/config/index.js';
import { FileJournal, MemoryJournal } from '../../src/journal/index.js';
import type { Journal } from '../../src/journal/index.js';
import { buildKernel, replayKernel, simSession, forEachCommand, K_START, K_FEED, K_EXEC, K_SUBMIT, K_TIMERS } from '../../src/kernel/index.js';
import type { KernelConfig } from '../../src/kernel/index.js';
import { defaultInstruments } from '../../src/sim/index.js';
import { limitsFromSpec, strategyFromSpec } from '../../src/strategy/index.js';

const OPEN = 34_200e9;
const S = 1e9;

function spec(raw: Record<string, unknown>): StrategySpec {
  const r = validateStrategy(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const momentum = spec({ Strategy: 'Momentum', Asset: 'AAPL', LookbackWindow: '100ms', EntryThreshold: 0.7, RiskTolerance: 'Low' });
const maker = spec({ Strategy: 'Market Making', Asset: 'AAPL', Gamma: 0.1, Kappa: 150, Horizon: '10s', VolWindow: '1s', QuoteQty: 100, MaxInventory: 300, RefreshInterval: '50ms', RiskTolerance: 'Medium' });

/** A fresh configuration (new strategy objects) of the same kernel. */
const config = (): KernelConfig => ({
  instruments: ['AAPL'],
  strategies: [momentum, maker].map((s) => ({ strategy: strategyFromSpec(s), limits: limitsFromSpec(s) })),
});

function runAndReplay(journal: Journal, reopen: () => Journal): void {
  const session = simSession({
    market: { seed: 11, instruments: defaultInstruments().filter((i) => i.symbol === 'AAPL') },
    kernel: config(),
    journal,
  });
  session.run(OPEN + 20 * S);
  const k = session.kernel;
  expect(k.commands).toBeGreaterThan(50);
  expect(k.execEvents).toBeGreaterThan(50);
  const before = k.stateHash();
  journal.sync();

  const replay = replayKernel(reopen(), (clock, port) => buildKernel(config(), { clock, venue: port }));
  expect(replay.scan.status).toBe('ok');
  expect(replay.feeds).toBe(k.feedEvents);
  expect(replay.execs).toBe(k.execEvents);
  expect(replay.commands).toBe(k.commands);
  expect(replay.kernel.replayMismatches).toBe(0);
  expect(replay.kernel.unmatchedCommands).toBe(0);
  expect(replay.port.commands).toBeGreaterThan(0);
  expect(replay.kernel.stateHash()).toBe(before);
  expect(replay.kernel.pnl(0)).toBe(k.pnl(0));
  expect(replay.kernel.position(1, 0)).toBe(k.position(1, 0));
}

describe('kernel journal', () => {
  it('one record per event: the input and the commands it caused; a report comes after the record of its order', () => {
    const journal = new MemoryJournal({ fsync: 'none' });
    const session = simSession({ market: { seed: 2, instruments: defaultInstruments().filter((i) => i.symbol === 'AAPL') }, kernel: config(), journal });
    session.run(OPEN + 3 * S);
    const types: number[] = [];
    const withSubmit: number[] = [];
    journal.replay((type, _seq, buf, off, len) => {
      const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
      let submits = 0;
      forEachCommand(type, view, off, len, (code) => { if (code === K_SUBMIT) submits++; });
      if (submits > 0) withSubmit.push(types.length);
      types.push(type);
    });
    expect(types[0]).toBe(K_START);
    expect(types[1]).toBe(K_FEED);
    const timerRecords = types.filter((t) => t === K_TIMERS).length;
    expect(timerRecords).toBeGreaterThan(0);
    expect(timerRecords).toBeLessThanOrEqual(session.kernel.timerFires);
    expect(types.length).toBe(1 + session.kernel.feedEvents + session.kernel.execEvents + timerRecords);
    expect(withSubmit.length).toBeGreaterThan(0);
    // the first report comes after the event record holding the command that caused it
    expect(types.indexOf(K_EXEC)).toBeGreaterThan(withSubmit[0]);
  });

  it('a memory journal replays to the same state hash (momentum + market making)', () => {
    const j = new MemoryJournal({ fsync: 'none' });
    runAndReplay(j, () => j);
  });

  it('a file journal, reopened as after a restart, replays to the same state hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hftbot-kernel-'));
    try {
      const path = join(dir, 'kernel.journal');
      const j = new FileJournal(path, { fsync: 'batch' });
      runAndReplay(j, () => {
        j.close();
        return new FileJournal(path, { fsync: 'none' });
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a replay that diverges is detected (a different strategy configuration)', () => {
    const j = new MemoryJournal({ fsync: 'none' });
    const session = simSession({ market: { seed: 5, instruments: defaultInstruments().filter((i) => i.symbol === 'AAPL') }, kernel: config(), journal: j });
    session.run(OPEN + 10 * S);
    const other = spec({ Strategy: 'Momentum', Asset: 'AAPL', LookbackWindow: '50ms', EntryThreshold: 0.3, RiskTolerance: 'Low' });
    const replay = replayKernel(j, (clock, port) => buildKernel({
      instruments: ['AAPL'],
      strategies: [other, maker].map((s) => ({ strategy: strategyFromSpec(s), limits: limitsFromSpec(s) })),
    }, { clock, venue: port }));
    expect(replay.kernel.replayMismatches + replay.kernel.unmatchedCommands).toBeGreaterThan(0);
    expect(replay.kernel.stateHash()).not.toBe(session.kernel.stateHash());
  });

  it('the same seed and configuration give a byte-identical journal', () => {
    const once = (): Buffer => {
      const j = new MemoryJournal({ fsync: 'none' });
      simSession({ market: { seed: 8, instruments: defaultInstruments().filter((i) => i.symbol === 'AAPL') }, kernel: config(), journal: j }).run(OPEN + 5 * S);
      return Buffer.from(j.bytes());
    };
    const a = once();
    const b = once();
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.equals(b)).toBe(true);
  });
});
