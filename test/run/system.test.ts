// Acceptance (issue 7): a strategy walks shadow -> paper -> live through its promotion gates in a running
// system (shadow fills on the book, paper orders to the simulator, live orders as FIX over loopback to the
// simulator's gateway), and goes back to shadow on a real risk breach (the operator lowers its drawdown
// limit to 0 on the running kernel; its next order fails that hard limit). Every change is in the stage
// log and on /metrics.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLiveTimeout, wallMs } from '../../src/clock/live.js';
import { validateRun } from '../../src/config/run.js';
import { CTRL_LIMITS, CTRL_RELEASE } from '../../src/kernel/control.js';
import { SCOPE_STRATEGY } from '../../src/risk/index.js';
import { startSystem, type RunningSystem } from '../../src/run/system.js';
import { createLogger } from '../../src/run/log.js';
import type { StageChange } from '../../src/run/stages.js';

const sleep = (ms: number) => new Promise<void>((r) => setLiveTimeout(r, ms));
async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = wallMs() + ms;
  while (!cond() && wallMs() < end) await sleep(100);
  return cond();
}

describe('a running system: stages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hftbot-stages-sys-'));
  let sys: RunningSystem;
  const name = 'walker';
  beforeAll(async () => {
    const r = validateRun({
      Market: { Instruments: ['AAPL', 'MSFT'], Seed: 3 },
      Strategies: [{
        Name: name, Stage: 'shadow',
        Spec: { Strategy: 'Momentum', Asset: 'AAPL', LookbackWindow: '100ms', EntryThreshold: 0.7, RiskTolerance: 'Low', Promotion: { MinShadowTime: '2s', MinTrades: 1, MinSharpe: -1e9, MaxDrawdown: 1000 } },
      }],
      CancelOnExit: true,
    }, dir, () => ({ ok: false, message: 'none' }));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    sys = await startSystem(r.value, { port: 0, journalDir: dir, logger: createLogger({ level: 'silent' }), api: false, processMetrics: false });
  });
  afterAll(async () => {
    await sys?.stop('test');
    rmSync(dir, { recursive: true, force: true });
  });

  const fills = () => sys.counters.fills[0];
  const shadowFills = () => sys.counters.shadowFills[0];

  it('shadow -> paper -> live through the gates, back to shadow on a breach', async () => {
    expect(sys.live).not.toBeNull();
    expect(sys.stages.get(name)!.stage).toBe('shadow');
    // shadow: fills are modelled, nothing reaches the venue; too early for the gates
    expect(sys.promote(name, undefined, 'test').ok).toBe(false);
    expect(await until(() => sys.stages.checkGates(name).ok, 12_000)).toBe(true);
    expect(shadowFills()).toBeGreaterThan(0);
    expect(fills()).toBe(0);
    expect(sys.promote(name, 'live', 'test').ok).toBe(false); // one stage at a time
    const toPaper = sys.promote(name, undefined, 'test');
    expect(toPaper.ok).toBe(true);
    expect(sys.stages.get(name)!.stage).toBe('paper');
    // paper: orders trade on the simulator
    const shadowAtPaper = shadowFills();
    expect(await until(() => fills() > 0 && sys.stages.checkGates(name).ok, 12_000)).toBe(true);
    expect(sys.counters.orderAck[1].count).toBeGreaterThan(0);
    const toLive = sys.promote(name, undefined, 'test');
    expect(toLive.ok).toBe(true);
    expect(sys.stages.get(name)!.stage).toBe('live');
    // live: orders go out as FIX to the simulator's gateway and come back as ExecutionReports
    const paperFills = fills();
    expect(await until(() => sys.counters.orderAck[2].count > 0 && fills() > paperFills, 12_000)).toBe(true);
    expect(sys.live!.session.loggedOn).toBe(true);
    expect(shadowFills()).toBe(shadowAtPaper);
    // a real breach: the operator sets the strategy's drawdown limit to 0 (a journaled control), so its next
    // order fails the drawdown check, a hard limit: the risk engine kills the strategy, the stage book
    // demotes it to shadow
    const limits = { ...sys.limits[0] };
    expect(sys.kernel.control(CTRL_LIMITS, SCOPE_STRATEGY, 0, JSON.stringify({ ...limits, maxDrawdown: 0 }))).toBe(0);
    expect(await until(() => sys.stages.get(name)!.stage === 'shadow', 15_000)).toBe(true);
    expect(sys.router.stage[0]).toBe(0);
    expect(sys.kernel.risk.isKilled(SCOPE_STRATEGY, 0)).toBe(true);
    const text = await sys.metrics.scrape();
    expect(text).toMatch(new RegExp(`hftbot_risk_breaches_total\\{strategy="${name}",check="drawdown"\\} [1-9]`));
    expect(text).toContain(`hftbot_strategy_stage{strategy="${name}",stage="shadow"} 1`);
    expect(text).toMatch(/hftbot_order_ack_seconds_count\{venue="fix"\} [1-9]/);
    // the operator restores the limit and releases the strategy's kill switch: back in shadow, new orders
    // are modelled again
    expect(sys.kernel.control(CTRL_LIMITS, SCOPE_STRATEGY, 0, JSON.stringify(limits))).toBe(0);
    expect(sys.kernel.control(CTRL_RELEASE, SCOPE_STRATEGY, 0)).toBe(0);
    const s0 = shadowFills();
    expect(await until(() => shadowFills() > s0, 10_000)).toBe(true);
    const log = readFileSync(join(dir, 'stages.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as StageChange);
    expect(log.map((c) => `${c.from}->${c.to}:${c.reason}`)).toEqual(['null->shadow:config', 'shadow->paper:promote', 'paper->live:promote', 'live->shadow:breach']);
    expect(log[1].gates!.checks.every((c) => c.ok)).toBe(true);
    expect(log[3].detail).toBe('risk breach: drawdown');
  }, 40_000);
});
