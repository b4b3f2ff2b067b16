// The run config (`hftbot run [SYSTEM.yaml]`, issue 7): which market, which venue, which strategies at
// which deployment stage, where the HTTP server listens. Every key is optional; the defaults are the
// embedded demo (a synthetic market, the simulator as venue, 127.0.0.1:8080).
//
//   Market:     { Source: synthetic, Instruments: [AAPL, MSFT, SPY, AssetA, AssetB], Seed: 42, Profile: demo }
//               # or { Source: MoldUDP64, Host: 127.0.0.1, Port: 9900, RequestPort: 9901, Instruments: [...] }
//   Venue:      { Kind: simulator }              # or { Kind: fix, Settings: fix.yaml }
//   Strategies:
//     - { Name: seed-momentum, File: strategies/seed-momentum.yaml, Stage: paper }
//     - { Name: seed-pairs, Spec: { Strategy: pairs, Assets: [AssetA, AssetB], EntryThreshold: 2 std } }
//   Server:     { Host: 127.0.0.1, Port: 8080 }
//   Alerts:     alerts.yaml
//   Journal:    { Dir: journal, Fsync: batch, Keep: 20 }   # Keep: the newest kernel journals kept at start (0: all)
//
// `File:` paths resolve against the config file's folder and are validated as strategy files (their
// errors carry their own file:line:col); `Spec:` is a strategy written inline.

import { resolve } from 'node:path';
import { z } from 'zod';
import { choice, duration, text } from './fields.js';
import { obj } from './keys.js';
import { fromZod, type Issue, type Validated } from './issues.js';
import { validateStrategy, type Stage, type StrategySpec } from './strategy.js';

const stage = choice<Stage>('stage', { Shadow: 'shadow', Paper: 'paper', Live: 'live' });
const port = z.number().int().min(1).max(65535);

const market = obj({
  source: choice<'synthetic' | 'moldudp64'>('market source', { Synthetic: 'synthetic', MoldUDP64: 'moldudp64', ITCH: 'moldudp64' }).default('synthetic'),
  instruments: z.array(text()).min(1).default(['AAPL', 'MSFT', 'SPY', 'AssetA', 'AssetB']),
  seed: z.number().int().default(42),
  profile: choice<'demo' | 'realistic'>('market profile', { Demo: 'demo', Realistic: 'realistic' }).default('demo'),
  host: text().optional(),
  port: port.optional(),
  requestHost: text().optional(),
  requestPort: port.optional(),
});

const venue = obj({
  kind: choice<'simulator' | 'fix'>('venue', { Simulator: 'simulator', Sim: 'simulator', FIX: 'fix' }).default('simulator'),
  settings: text().optional(),
});

const strategyEntry = obj({
  name: text().optional(),
  file: text().optional(),
  spec: z.unknown().optional(),
  stage: stage.optional(),
});

const runFile = obj({
  run: text().optional(),
  market: market.optional(),
  venue: venue.optional(),
  strategies: z.array(strategyEntry).default([]),
  server: obj({ host: text().default('127.0.0.1'), port: port.default(8080) }).optional(),
  alerts: text().optional(),
  journal: obj({
    dir: text().default('journal'),
    fsync: choice<'none' | 'batch' | 'every'>('fsync policy', { None: 'none', Batch: 'batch', Every: 'every' }).default('batch'),
    keep: z.number().int().min(0).default(20),
  }).optional(),
  cancelOnExit: z.boolean().default(true),
  duration: duration().optional(),
});

export interface RunStrategy { name: string; stage: Stage; file: string | null; spec: StrategySpec }

export interface RunSpec {
  name: string;
  /**
   * `profile` (synthetic market only): 'demo' (default) is a fast market made for the first minute: AssetA
   * moves ~8x as much as the realistic default and AssetB's spread reverts in ~0.2 s, so the seed's pairs
   * strategy finds the cointegration on a 4-second estimation window (instead of 300 s) and trades within
   * seconds; 'realistic' is src/sim's calibrated defaults (docs: src/run/defaults.ts).
   */
  market: {
    source: 'synthetic' | 'moldudp64'; instruments: string[]; seed: number; profile: 'demo' | 'realistic';
    /** MoldUDP64: the address the feed is sent to (a local unicast address or a multicast group) and port. */
    host: string | null; port: number | null;
    /** MoldUDP64 re-request server (default: Host, Port + 1). */
    requestHost: string | null; requestPort: number | null;
  };
  venue: { kind: 'simulator' | 'fix'; settings: string | null };
  strategies: RunStrategy[];
  server: { host: string; port: number };
  alerts: string | null;
  /** keep: kernel journals of earlier runs kept at start, newest first, the new one included (0: keep all).
   *  temporary: the folder is the run's own (the embedded default's temp folder): removed at a clean stop. */
  journal: { dir: string; fsync: 'none' | 'batch' | 'every'; keep: number; temporary?: boolean };
  cancelOnExit: boolean;
  /** Run length; null runs until stopped. */
  durationNs: number | null;
}

/** How the loader gives this validator strategy files: the path as resolved, or a one-line reason. */
export type StrategyFileLoader = (path: string) => { ok: true; path: string; spec: StrategySpec } | { ok: false; message: string };

/** `baseDir`: the config file's folder; Settings, Alerts and Journal.Dir resolve against it. */
export function validateRun(raw: unknown, baseDir: string, loadStrategy: StrategyFileLoader): Validated<RunSpec> {
  const r = fromZod(runFile.safeParse(raw ?? {}, { reportInput: true }));
  if (!r.ok) return r;
  const v = r.value;
  const issues: Issue[] = [];
  const strategies: RunStrategy[] = [];
  const names = new Set<string>();
  v.strategies.forEach((e, i) => {
    const at = (k: string): Array<string | number> => ['strategies', i, k];
    if ((e.file === undefined) === (e.spec === undefined)) { issues.push({ path: at(e.file === undefined ? 'name' : 'spec'), message: 'give exactly one of File or Spec' }); return; }
    let spec: StrategySpec;
    let file: string | null = null;
    if (e.file !== undefined) {
      const f = loadStrategy(e.file);
      if (!f.ok) { issues.push({ path: at('file'), message: f.message }); return; }
      spec = f.spec;
      file = f.path;
    } else {
      const s = validateStrategy(e.spec, baseDir);
      if (!s.ok) { for (const is of s.issues) issues.push({ ...is, path: [...at('spec'), ...is.path] }); return; }
      spec = s.value;
    }
    const name = e.name ?? spec.name;
    if (names.has(name)) issues.push({ path: at(e.name !== undefined ? 'name' : 'file'), message: `strategy name ${name} is used twice` });
    names.add(name);
    const st = e.stage ?? spec.stage;
    strategies.push({ name, stage: st, file, spec: { ...spec, name, stage: st } });
  });
  if (v.venue?.kind === 'fix' && v.venue.settings === undefined) issues.push({ path: ['venue', 'kind'], message: 'a FIX venue needs Settings: (a FIX session settings file)' });
  if (v.market?.source === 'moldudp64' && (v.market.host === undefined || v.market.port === undefined)) issues.push({ path: ['market', 'source'], message: 'a MoldUDP64 feed needs Host and Port' });
  const m = v.market;
  const listed = new Set(m?.instruments ?? ['AAPL', 'MSFT', 'SPY', 'AssetA', 'AssetB']);
  if ((m?.source ?? 'synthetic') === 'synthetic') {
    strategies.forEach((s) => {
      const missing = s.spec.instruments.filter((x) => !listed.has(x));
      const i = v.strategies.findIndex((e) => (e.name ?? s.name) === s.name);
      if (missing.length > 0) issues.push({ path: ['strategies', i], message: `${s.name} trades ${missing.join(', ')}, not in Market.Instruments` });
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  const rel = (p: string | undefined): string | null => (p === undefined ? null : resolve(baseDir, p));
  return {
    ok: true,
    value: {
      name: v.run ?? 'hftbot',
      market: { source: m?.source ?? 'synthetic', instruments: m?.instruments ?? ['AAPL', 'MSFT', 'SPY', 'AssetA', 'AssetB'], seed: m?.seed ?? 42, profile: m?.profile ?? 'demo', host: m?.host ?? null, port: m?.port ?? null, requestHost: m?.requestHost ?? null, requestPort: m?.requestPort ?? null },
      venue: { kind: v.venue?.kind ?? 'simulator', settings: rel(v.venue?.settings) },
      strategies,
      server: { host: v.server?.host ?? '127.0.0.1', port: v.server?.port ?? 8080 },
      alerts: rel(v.alerts),
      journal: { dir: resolve(baseDir, v.journal?.dir ?? 'journal'), fsync: v.journal?.fsync ?? 'batch', keep: v.journal?.keep ?? 20 },
      cancelOnExit: v.cancelOnExit,
      durationNs: v.duration ?? null,
    },
  };
}
