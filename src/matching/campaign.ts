// Differential campaign: the seeded CommandGenerator (./generator.ts) drives the fast MatchingEngine and
// the plain RefMatchingEngine side by side. After every command the two sinks' event logs are compared
// field by field (so every fill, fee, cancel and reject is checked one by one), the result codes too, and
// the canonical state hashes every `hashEvery` commands and at the end. The first disagreement stops the
// run and is described in `mismatch`. The acceptance run is differentialCampaign(1_000_000); the
// test suite runs a shorter one (test/matching/differential.test.ts). Cold path; timing via monoNs().

import { monoNs } from '../clock/live.js';
import type { EngineConfig } from './config.js';
import { MatchingEngine } from './engine.js';
import type { GeneratorProfile, MatchCommand } from './generator.js';
import { CmdKind, CommandGenerator, applyCommand, newCommand, profileConfig } from './generator.js';
import { RefMatchingEngine } from './reference.js';
import { RecordingSink, firstLogDifference } from './sinks.js';

export interface CampaignOptions {
  seed?: number;
  /** Alternate profiles by chunk when 'both' (default): each chunk gets fresh engines and a new seed. */
  profile?: GeneratorProfile | 'both';
  /** Commands per chunk (fresh engines per chunk); default 250_000. */
  chunk?: number;
  /** Compare state hashes every this many commands; default 1000. */
  hashEvery?: number;
  /** Tests only: config changes applied to the reference engine alone, to prove a divergence is caught. */
  refOverrides?: Partial<EngineConfig>;
}

export interface CampaignResult {
  ok: boolean;
  commands: number;
  events: number;
  fills: number;
  rejects: number;
  hashChecks: number;
  /** Final state hash of the last chunk (the same options always give the same value). */
  stateHash: string;
  elapsedMs: number;
  mismatch: string | null;
}

function describe(cmd: MatchCommand, i: number): string {
  return `command #${i} ${JSON.stringify(cmd)}`;
}

export function differentialCampaign(n: number, opts: CampaignOptions = {}): CampaignResult {
  const seed = opts.seed ?? 1;
  const chunk = opts.chunk ?? 250_000;
  const hashEvery = opts.hashEvery ?? 1000;
  const t0 = monoNs();
  const res: CampaignResult = { ok: true, commands: 0, events: 0, fills: 0, rejects: 0, hashChecks: 0, stateHash: '', elapsedMs: 0, mismatch: null };
  const cmd = newCommand();
  for (let start = 0, k = 0; start < n && res.ok; start += chunk, k++) {
    const profile: GeneratorProfile = opts.profile === 'straddle' || opts.profile === 'dollar50' ? opts.profile : k % 2 === 0 ? 'straddle' : 'dollar50';
    const cfg = profileConfig(profile);
    const fastSink = new RecordingSink();
    const refSink = new RecordingSink();
    const fast = new MatchingEngine(cfg, fastSink, { initialOrders: 1024, initialLevels: 8 });
    const ref = new RefMatchingEngine({ ...cfg, ...opts.refOverrides }, refSink);
    const gen = new CommandGenerator(seed + k * 7919, profile);
    const end = Math.min(n, start + chunk);
    for (let i = start; i < end; i++) {
      gen.next(cmd, ref);
      const a = applyCommand(fast, cmd);
      const b = applyCommand(ref, cmd);
      res.commands++;
      if (a !== 0 && cmd.kind !== CmdKind.EndSession) res.rejects++;
      const d = firstLogDifference(fastSink.log, refSink.log);
      if (a !== b || d >= 0) {
        res.ok = false;
        res.mismatch = `${describe(cmd, i)}: codes ${a}/${b}; events differ at ${d}: fast [${fastSink.log.join(',')}] ref [${refSink.log.join(',')}]`;
        break;
      }
      fastSink.clear();
      refSink.clear();
      if ((i + 1) % hashEvery === 0 || i + 1 === end) {
        res.hashChecks++;
        const ha = fast.stateHash();
        const hb = ref.stateHash();
        if (ha !== hb || fast.orderCount() !== ref.orderCount()) {
          res.ok = false;
          res.mismatch = `${describe(cmd, i)}: state hash ${ha} vs ${hb}, orders ${fast.orderCount()} vs ${ref.orderCount()}`;
          break;
        }
        res.stateHash = ha;
      }
    }
    res.fills += fast.fillCount();
    res.events += fastSink.events;
  }
  res.elapsedMs = (monoNs() - t0) / 1e6;
  return res;
}
