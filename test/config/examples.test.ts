// Every shipped example validates; the seeds' examples are copied verbatim and normalise to the
// documented values; both spellings of a strategy give one object.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { validateFiles } from '../../src/cli/commands/validate.js';
import { loadSpec, parseSpec, RISK_PRESETS, formatError, type StrategySpec, type LoadResult } from '../../src/config/index.js';

const root = fileURLToPath(new URL('../../examples/', import.meta.url));
const seedText = readFileSync(fileURLToPath(new URL('../../../shared/seeds/000_2ea868c337f44538.txt', import.meta.url)), 'utf8');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []));
}

const must = (r: LoadResult) => {
  if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
  return r;
};
const strategy = (r: LoadResult): StrategySpec => {
  const ok = must(r);
  if (ok.kind !== 'strategy') throw new Error(`kind ${ok.kind}`);
  return ok.spec;
};

const EXPECTED_KIND: Record<string, string> = {
  'run.yaml': 'run',
  'seeds/alerts.yaml': 'alerts',
  'alerts/demo.yaml': 'alerts',
  'seeds/coding-bot-task.yaml': 'task',
  'seeds/deploy-action.yaml': 'action',
  'seeds/learning-prompt.yaml': 'prompt',
  'seeds/system-schema.yaml': 'system',
  'fix/simulator-acceptor.yaml': 'fix-settings',
};

describe('examples', () => {
  const files = yamlFiles(root);
  it('there are examples of every kind', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });
  for (const f of files) {
    const rel = f.slice(root.length);
    it(`${rel} validates as ${EXPECTED_KIND[rel] ?? 'strategy'}`, () => {
      const v = validateFiles([f]);
      expect(v.lines).toEqual([`${f}: ok (${EXPECTED_KIND[rel] ?? 'strategy'})`]);
    });
  }

  it('the seed copies are verbatim: their YAML body appears in the seed as is', () => {
    const seeds = files.filter((f) => /seed-|\/seeds\//.test(f) && !f.endsWith('alerts.yaml'));
    expect(seeds.length).toBe(6);
    for (const f of seeds) {
      const body = readFileSync(f, 'utf8').split('\n').filter((l) => !l.startsWith('#')).join('\n').trim();
      expect(seedText.includes(body), f).toBe(true);
    }
  });
});

describe('the seeds normalise to the documented values', () => {
  it('momentum: 100ms lookback, z-score 0.7, Low preset', () => {
    const s = strategy(loadSpec(join(root, 'strategies/seed-momentum.yaml')));
    expect(s.template).toBe('momentum');
    expect(s.instruments).toEqual(['AAPL']);
    expect(s.riskTolerance).toBe('low');
    expect(s.risk).toEqual(RISK_PRESETS.low);
    expect(s.stage).toBe('shadow');
    if (s.template !== 'momentum') throw new Error('template');
    expect(s.params.lookbackNs).toBe(100_000_000);
    expect(s.params.entryZ).toBe(0.7);
    expect(s.params.maxHoldingNs).toBe(1_000_000_000);
    expect(s.params.orderQty).toBe(RISK_PRESETS.low.maxOrderQty / 5);
  });

  it('pairs: Inputs lifted, 1 ms bars, Johansen, std thresholds, $10,000 and 0.5% over the Low preset', () => {
    const s = strategy(loadSpec(join(root, 'strategies/seed-pairs.yaml')));
    if (s.template !== 'pairs') throw new Error('template');
    expect(s.instruments).toEqual(['AssetA', 'AssetB']);
    expect(s.params.timeframeNs).toBe(1_000_000);
    expect(s.params.model).toBe('johansen');
    expect(s.params.entryStd).toBe(2.5);
    expect(s.params.exitStd).toBe(0.5);
    expect(s.risk.maxPositionCents).toBe(1_000_000);
    expect(s.risk.stopLoss).toBe(0.005);
    expect(s.risk.maxOrderQty).toBe(RISK_PRESETS.low.maxOrderQty);
  });

  it('the other seed kinds', () => {
    const sys = must(loadSpec(join(root, 'seeds/system-schema.yaml')));
    const act = must(loadSpec(join(root, 'seeds/deploy-action.yaml')));
    const task = must(loadSpec(join(root, 'seeds/coding-bot-task.yaml')));
    const alerts = must(loadSpec(join(root, 'seeds/alerts.yaml')));
    expect(sys.kind === 'system' && sys.spec.latencyBudgetNs).toBe(500);
    expect(act.kind === 'action' && [act.spec.action, act.spec.latencyToleranceNs, act.spec.servers]).toEqual(['deploy', 300, ['NY4-Colo-3']]);
    expect(task.kind === 'task' && [task.spec.currentLatencyNs, task.spec.targetLatencyNs]).toEqual([400, 300]);
    if (alerts.kind !== 'alerts') throw new Error('kind');
    expect(alerts.spec.rules).toEqual([{
      name: 'OrderLatencyHigh', metric: 'order-latency', unit: 'ns', op: 'above', threshold: 300, quantile: 0.99, forNs: 60_000_000_000,
      severity: 'critical', notify: ['slack', 'pagerduty'], where: { server: 'NY4' },
      summary: 'order acknowledgement round trip (order sent -> venue ack) above 300ns',
    }]);
  });

  it('the run config loads both seed strategies with their stages', () => {
    const r = must(loadSpec(join(root, 'run.yaml')));
    if (r.kind !== 'run') throw new Error('kind');
    expect(r.spec.strategies.map((s) => [s.name, s.stage, s.spec.template])).toEqual([['seed-momentum', 'paper', 'momentum'], ['seed-pairs', 'shadow', 'pairs']]);
    expect(r.spec.server).toEqual({ host: '127.0.0.1', port: 8080 });
  });
});

describe('spellings', () => {
  const minimal = 'Strategy: Momentum\nAsset: AAPL\nLookbackWindow: 100ms\nEntryThreshold: 0.7\nRiskTolerance: Low\n';
  it('PascalCase, camelCase and snake_case give the same object', () => {
    const a = strategy(parseSpec(minimal, 'a.yaml'));
    const b = strategy(parseSpec('strategy: momentum\nasset: AAPL\nlookbackWindow: 0.1s\nentryThreshold: 0.7 std\nriskTolerance: low\n', 'b.yaml'));
    const c = strategy(parseSpec('strategy: MOMENTUM\nasset: AAPL\nlookback_window: 100000us\nentry_threshold: "0.7"\nrisk-tolerance: LOW\n', 'c.yaml'));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('template aliases', () => {
    const body = '\nAssets: [X, Y]\nEntryThreshold: 2 std\n';
    for (const name of ['Stat-Arb Pair-Trading', 'pairs', 'Pairs Trading', 'stat arb']) expect(strategy(parseSpec(`Strategy: ${name}${body}`, 'p.yaml')).template).toBe('pairs');
    const mm = '\nAsset: SPY\n';
    for (const name of ['Market Making', 'Avellaneda-Stoikov', 'market-maker']) expect(strategy(parseSpec(`Strategy: ${name}${mm}`, 'm.yaml')).template).toBe('market-making');
    expect(strategy(parseSpec('Strategy: Mean Reversion\nAsset: SPY\nWindow: 1s\n', 'r.yaml')).template).toBe('mean-reversion');
  });

  it('an explicit kind: key wins and is not a field', () => {
    const r = must(parseSpec(`kind: strategy\n${minimal}`, 'k.yaml'));
    expect(r.kind).toBe('strategy');
    const bad = parseSpec('kind: stratgey\nStrategy: Momentum\n', 'k.yaml');
    expect(bad.ok ? [] : bad.errors.map(formatError)).toEqual(['k.yaml:1:1: unknown kind "stratgey" (did you mean "strategy"?); known: strategy, alerts, system, action, task, prompt, run']);
  });

  it('RiskTolerance picks the preset, RiskLimits override single entries', () => {
    const hi = strategy(parseSpec(minimal.replace('Low', 'High') + 'RiskLimits:\n  MaxLoss: $2,000\n  MaxOrdersPerSecond: 600/min\n', 'h.yaml'));
    expect(hi.risk).toEqual({ ...RISK_PRESETS.high, maxLossCents: 200_000, maxOrdersPerSecond: 10 });
    expect(hi.promotion.maxDrawdownCents).toBe(RISK_PRESETS.high.maxDrawdownCents);
  });

  it('an order size above the preset is refused', () => {
    const r = parseSpec(`${minimal}OrderQty: 5000\n`, 'q.yaml');
    expect(r.ok ? [] : r.errors.map(formatError)).toEqual(['q.yaml:6:11: OrderQty: 5000 lots is above the risk limit maxOrderQty (100, low preset or RiskLimits)']);
  });
});
