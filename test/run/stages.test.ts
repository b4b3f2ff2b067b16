// The stage library: gates checked against the record (shadow time, trades, Sharpe, drawdown, breaches),
// one stage at a time, automatic demotion on a breach or a drawdown over the gate, every change in the
// append-only stage log, and the journal's stage winning over the config at the next start.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PromotionGates } from '../../src/config/strategy.js';
import { StageBook, type StageChange } from '../../src/run/stages.js';

const gates: PromotionGates = { minShadowTimeNs: 10e9, minTrades: 5, minSharpe: 1, maxDrawdownCents: 5_000, maxRiskBreaches: 0 };
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'hftbot-stages-'));
  dirs.push(d);
  return d;
}

/** Feeds `secs` one-second samples of a PnL path rising by `step` (+ a small wiggle) and `fillsPerSec`. */
function run(b: StageBook, id: number, from: { pnl: number; fills: number }, secs: number, step: number, fillsPerSec: number): { pnl: number; fills: number } {
  let { pnl, fills } = from;
  for (let k = 0; k < secs; k++) {
    pnl += step + (k % 2 === 0 ? 0.1 : -0.1);
    fills += fillsPerSec;
    b.sample(id, pnl, fills, 1e9);
  }
  return { pnl, fills };
}

describe('StageBook', () => {
  it('walks shadow -> paper -> live through the gates and back to shadow on a breach, journaling every step', () => {
    const dir = tmp();
    let t = 1_800_000_000_000;
    const changes: StageChange[] = [];
    const b = new StageBook({ dir, wallMs: () => (t += 1000), strategies: [{ name: 'mom', stage: 'shadow', gates }], onChange: (c) => changes.push(c) });
    let s = run(b, 0, { pnl: 0, fills: 0 }, 5, 1, 1);
    // too early: shadow time 5 s, trades 4 (the first sample anchors the fill count)
    const early = b.promote('mom', undefined, 'test');
    expect(early.ok).toBe(false);
    expect(early.to).toBe('paper');
    expect(early.checks.find((c) => c.gate === 'minShadowTime')!.ok).toBe(false);
    expect(early.checks.find((c) => c.gate === 'minTrades')!.ok).toBe(false);
    expect(early.message).toMatch(/minShadowTime 5s \(needs >= 10s\)/);
    expect(b.get('mom')!.stage).toBe('shadow');
    // skipping a stage is refused whatever the record
    s = run(b, 0, s, 10, 1, 1);
    expect(b.checkGates('mom', 'live').ok).toBe(false);
    const toPaper = b.promote('mom', undefined, 'test');
    expect(toPaper.message).toContain('every gate passed');
    expect(toPaper.ok).toBe(true);
    expect(b.get('mom')!.stage).toBe('paper');
    // the in-stage record restarts: paper -> live needs its own trades and Sharpe
    expect(b.promote('mom', 'live', 'test').ok).toBe(false);
    s = run(b, 0, s, 6, 2, 1);
    const rec = b.get('mom')!;
    expect(rec.trades).toBe(6);
    expect(rec.sharpe).toBeGreaterThan(1);
    expect(b.promote('mom', 'live', 'test').ok).toBe(true);
    expect(b.get('mom')!.stage).toBe('live');
    // a hard-limit breach sends it back to shadow at once
    b.breach(0, 'max_loss');
    expect(b.get('mom')!.stage).toBe('shadow');
    expect(changes.map((c) => `${c.from}->${c.to}:${c.reason}`)).toEqual(['shadow->paper:promote', 'paper->live:promote', 'live->shadow:breach']);
    const log = readFileSync(join(dir, 'stages.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as StageChange);
    expect(log.map((c) => c.to)).toEqual(['shadow', 'paper', 'live', 'shadow']);
    expect(log[0].reason).toBe('config');
    expect(log[1].gates!.ok).toBe(true);
    expect(log[3].detail).toBe('risk breach: max_loss');
    void s;
  });

  it('demotes a paper strategy whose in-stage drawdown passes the gate; breaches block promotion', () => {
    let t = 0;
    const b = new StageBook({ dir: null, wallMs: () => (t += 1000), strategies: [{ name: 'p', stage: 'paper', gates }] });
    let s = run(b, 0, { pnl: 100, fills: 0 }, 3, 1, 1);
    b.sample(0, s.pnl - 49, s.fills, 1e9); // $49 under the peak: within the $50 gate
    expect(b.get('p')!.stage).toBe('paper');
    b.sample(0, s.pnl - 51, s.fills, 1e9);
    expect(b.get('p')!.stage).toBe('shadow');
    expect(b.history().at(-1)!.reason).toBe('drawdown');
    // in shadow, a breach is counted and blocks the gate (maxRiskBreaches 0)
    s = run(b, 0, { pnl: s.pnl - 51, fills: s.fills }, 12, 1, 1);
    b.breach(0, 'drawdown');
    const rep = b.checkGates('p');
    expect(rep.checks.find((c) => c.gate === 'maxRiskBreaches')!.ok).toBe(false);
    expect(rep.ok).toBe(false);
    // demotions need no gates
    expect(b.promote('p', 'shadow').ok).toBe(false); // already there
  });

  it('the stage log wins over the config at the next start; shadow time carries over', () => {
    const dir = tmp();
    let t = 0;
    const first = new StageBook({ dir, wallMs: () => (t += 1000), strategies: [{ name: 'm', stage: 'shadow', gates: { ...gates, minTrades: 0, minSharpe: -1e9 } }] });
    run(first, 0, { pnl: 0, fills: 0 }, 12, 1, 0);
    expect(first.promote('m').ok).toBe(true);
    first.save();
    const second = new StageBook({ dir, wallMs: () => (t += 1000), strategies: [{ name: 'm', stage: 'shadow', gates }] });
    expect(second.get('m')!.stage).toBe('paper');
    expect(second.get('m')!.shadowTimeNs).toBe(12e9);
    expect(second.history().at(-1)!.reason).toBe('journal');
  });
});
