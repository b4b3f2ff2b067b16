// Operator controls are kernel events (src/kernel/control.ts): a manual kill switch cancels the working
// orders inside its CTRL event and refuses new orders until released; new limits apply from the next
// check (invalid ones change nothing); the journal holds the CTRL records
// and replays to the same state hash with the same commands (an unjournaled kill would make the replay
// send orders the live kernel refused).
import { describe, expect, it } from 'vitest';
import { validateStrategy, type StrategySpec } from '../../src/config/index.js';
import { MemoryJournal } from '../../src/journal/index.js';
import { buildKernel, CTRL_KILL, CTRL_LIMITS, CTRL_RELEASE, K_CTRL, replayKernel, simSession, type KernelConfig } from '../../src/kernel/index.js';
import { SCOPE_GLOBAL, SCOPE_STRATEGY } from '../../src/risk/index.js';
import { defaultInstruments } from '../../src/sim/index.js';
import { limitsFromSpec, strategyFromSpec } from '../../src/strategy/index.js';

const S = 1e9;
function spec(raw: Record<string, unknown>): StrategySpec {
  const r = validateStrategy(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
const maker = spec({ Strategy: 'Market Making', Asset: 'AAPL', QuoteQty: 50, MaxInventory: 200, RefreshInterval: '50ms', RiskTolerance: 'Medium' });
const momentum = spec({ Strategy: 'Momentum', Asset: 'AAPL', LookbackWindow: '100ms', EntryThreshold: 0.7, RiskTolerance: 'Low' });
const config = (): KernelConfig => ({
  instruments: ['AAPL'],
  strategies: [maker, momentum].map((s) => ({ strategy: strategyFromSpec(s), limits: limitsFromSpec(s) })),
});

describe('kernel controls', () => {
  it('a manual kill cancels inside its event, blocks until released, and replays to the same state', () => {
    const journal = new MemoryJournal({ fsync: 'none' });
    const session = simSession({ market: { seed: 4, instruments: defaultInstruments().filter((i) => i.symbol === 'AAPL') }, kernel: config(), journal });
    const k = session.kernel;
    const t0 = session.clock.now();
    session.run(t0 + 5 * S);
    const open = () => { let n = 0; for (let s = 0; s < k.oms.orders.capacity; s++) { const st = k.oms.orders.status[s]; if (st === 2 || st === 3) n++; } return n; };
    expect(open()).toBeGreaterThan(0); // the market maker's quotes rest
    const cancelled = k.control(CTRL_KILL, SCOPE_STRATEGY, 0);
    expect(cancelled).toBeGreaterThan(0);
    expect(k.risk.isKilled(SCOPE_STRATEGY, 0)).toBe(true);
    const rejectsAt = k.riskRejects;
    session.run(t0 + 8 * S);
    expect(k.risk.openOrdersOf(SCOPE_STRATEGY, 0, new Float64Array(64))).toBe(0);
    expect(k.riskRejects).toBeGreaterThan(rejectsAt); // the maker kept trying and was refused
    expect(k.control(CTRL_RELEASE, SCOPE_STRATEGY, 0)).toBe(0);
    k.control(CTRL_KILL, SCOPE_GLOBAL, 0);
    k.control(CTRL_RELEASE, SCOPE_GLOBAL, 0);
    session.run(t0 + 12 * S);
    expect(k.risk.openOrdersOf(SCOPE_STRATEGY, 0, new Float64Array(64))).toBeGreaterThan(0); // quoting again
    expect(k.control(CTRL_KILL, SCOPE_STRATEGY, 7)).toBe(-1); // no such strategy: refused, nothing changes
    // new limits for the market maker: quotes of 50 are now too big, so it stops quoting
    const tight = { ...limitsFromSpec(maker), maxOrderQty: 10 };
    expect(k.control(CTRL_LIMITS, SCOPE_STRATEGY, 0, JSON.stringify(tight))).toBe(0);
    expect(k.control(CTRL_LIMITS, SCOPE_STRATEGY, 0, JSON.stringify({ ...tight, maxOrderQty: 2.5 }))).toBe(-1);
    const rejects = k.riskRejects;
    session.run(t0 + 15 * S);
    expect(k.riskRejects).toBeGreaterThan(rejects);

    let ctrl = 0;
    journal.replay((type) => { if (type === K_CTRL) ctrl++; });
    expect(ctrl).toBe(7);
    const replay = replayKernel(journal, (clock, port) => buildKernel(config(), { clock, venue: port }));
    expect(replay.scan.status).toBe('ok');
    expect(replay.kernel.replayMismatches).toBe(0);
    expect(replay.kernel.unmatchedCommands).toBe(0);
    expect(replay.commands).toBe(k.commands);
    expect(replay.kernel.stateHash()).toBe(k.stateHash());
  });
});
