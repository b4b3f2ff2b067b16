// The acceptance: the fast engine and its reference twin agree over 1M seeded random commands
// (every sink event field by field after each command, the state hash every 1000 commands).
import { describe, expect, test } from 'vitest';
import { differentialCampaign } from '../../src/matching/campaign.js';
import { MatchingEngine } from '../../src/matching/engine.js';
import { CommandGenerator, applyCommand, newCommand, profileConfig } from '../../src/matching/generator.js';
import { RefMatchingEngine } from '../../src/matching/reference.js';
import { NullSink } from '../../src/matching/sinks.js';

describe('differential: MatchingEngine vs RefMatchingEngine', () => {
  test('1M seeded commands, both profiles, agree event by event and by state hash', () => {
    const r = differentialCampaign(1_000_000, { seed: 2026 });
    expect(r.mismatch).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.commands).toBe(1_000_000);
    expect(r.hashChecks).toBe(1000);
    // The stream is not trivial: it trades, rejects and produces many events.
    expect(r.fills).toBeGreaterThan(100_000);
    expect(r.rejects).toBeGreaterThan(20_000);
    expect(r.events).toBeGreaterThan(1_000_000);
  });

  test('other seeds, one profile at a time, hash after every command', () => {
    for (const profile of ['straddle', 'dollar50'] as const) {
      const r = differentialCampaign(20_000, { seed: 77, profile, hashEvery: 1 });
      expect(r.mismatch).toBeNull();
      expect(r.hashChecks).toBe(20_000);
    }
  });

  test('the campaign catches a divergence (reference with another taker fee)', () => {
    const r = differentialCampaign(20_000, { seed: 5, profile: 'dollar50', refOverrides: { takerFeeRate: 301 } });
    expect(r.ok).toBe(false);
    expect(r.mismatch).toMatch(/events differ/);
  });

  test('the same seed gives the same final state; another seed does not', () => {
    const a = differentialCampaign(30_000, { seed: 9, profile: 'straddle' });
    const b = differentialCampaign(30_000, { seed: 9, profile: 'straddle' });
    const c = differentialCampaign(30_000, { seed: 10, profile: 'straddle' });
    expect(a.stateHash).toBe(b.stateHash);
    expect(a.fills).toBe(b.fills);
    expect(c.stateHash).not.toBe(a.stateHash);
  });

  test('the generated stream covers every command kind and keeps a book', () => {
    const cfg = profileConfig('dollar50');
    const fast = new MatchingEngine(cfg, new NullSink());
    const ref = new RefMatchingEngine(cfg, new NullSink());
    const gen = new CommandGenerator(3, 'dollar50');
    const c = newCommand();
    const kinds = new Set<number>();
    let maxOrders = 0;
    for (let i = 0; i < 20_000; i++) {
      gen.next(c, ref);
      kinds.add(c.kind);
      expect(applyCommand(fast, c)).toBe(applyCommand(ref, c));
      maxOrders = Math.max(maxOrders, fast.orderCount());
    }
    expect([...kinds].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(maxOrders).toBeGreaterThan(100);
    expect(fast.stateHash()).toBe(ref.stateHash());
  });
});
