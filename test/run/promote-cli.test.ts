// `hftbot promote` without a running system: the gates are checked against the journal's last saved
// record (records.json), the change is appended to stages.log, and the next start uses it. With a running
// system it goes over HTTP (covered with the API mounted: a refused promotion keeps the stage).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { promoteCommand } from '../../src/cli/commands/promote.js';
import { loadRunConfig } from '../../src/run/config.js';
import { StageBook } from '../../src/run/stages.js';
import { startSystem } from '../../src/run/system.js';
import { createLogger } from '../../src/run/log.js';

const dir = mkdtempSync(join(tmpdir(), 'hftbot-promote-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const yaml = `Market: { Instruments: [AAPL], Seed: 5 }
Server: { Host: 127.0.0.1, Port: 1 }
Journal: { Dir: journal }
Strategies:
  - Name: m
    Stage: shadow
    Spec: { Strategy: Momentum, Asset: AAPL, LookbackWindow: 100ms, EntryThreshold: 0.7, Promotion: { MinShadowTime: 5s, MinTrades: 2, MinSharpe: 0 } }
`;

describe('hftbot promote', () => {
  it('on the journal: refuses while the saved record misses a gate, promotes once it passes', async () => {
    const file = join(dir, 'system.yaml');
    writeFileSync(file, yaml);
    const cfg = loadRunConfig(file);
    if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
    const jdir = cfg.spec.journal.dir;
    expect(jdir).toBe(join(dir, 'journal'));
    // a "run" that saved a record: 3 s in shadow, 3 trades, rising PnL
    let t = 0;
    const run = new StageBook({ dir: jdir, wallMs: () => (t += 1000), strategies: [{ name: 'm', stage: 'shadow', gates: cfg.spec.strategies[0].spec.promotion }] });
    for (let k = 0; k < 3; k++) run.sample(0, k * 2 + (k % 2) * 0.5, k + 1, 1e9);
    run.save();
    const refused = await promoteCommand('m', { config: file });
    expect(refused.via).toBe('journal');
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/minShadowTime 3s \(needs >= 5s\)/);
    for (let k = 3; k < 8; k++) run.sample(0, k * 2 + (k % 2) * 0.5, k + 1, 1e9);
    run.save();
    const ok = await promoteCommand('m', { config: file });
    expect(ok.ok).toBe(true);
    expect(ok.message).toContain('shadow -> paper');
    const log = readFileSync(join(jdir, 'stages.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { to: string; actor: string });
    expect(log.at(-1)).toMatchObject({ to: 'paper', actor: 'cli' });
    // the next start runs it at paper
    const next = new StageBook({ dir: jdir, wallMs: () => (t += 1000), strategies: [{ name: 'm', stage: 'shadow', gates: cfg.spec.strategies[0].spec.promotion }] });
    expect(next.get('m')!.stage).toBe('paper');
    await expect(promoteCommand('nobody', { config: file })).rejects.toThrow(/no strategy named nobody/);
  });

  it('over HTTP when a system answers: the running system checks its live record', async () => {
    const cfg = loadRunConfig(join(dir, 'system.yaml'));
    if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
    const sys = await startSystem(cfg.spec, { port: 0, journalDir: join(dir, 'live'), logger: createLogger({ level: 'silent' }), processMetrics: false });
    try {
      const r = await promoteCommand('m', { url: sys.url });
      expect(r.via).toBe('http');
      expect(r.ok).toBe(false); // 5 s of shadow time not reached yet
      expect(r.message).toMatch(/minShadowTime/);
      expect(sys.stages.get('m')!.stage).toBe('shadow');
    } finally {
      await sys.stop('test');
    }
  });
});
