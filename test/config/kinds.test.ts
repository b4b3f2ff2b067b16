// Normalisation details of the alerts, run and template kinds.
import { describe, expect, it } from 'vitest';
import { formatError, parseSpec, RISK_PRESETS, type LoadResult } from '../../src/config/index.js';

const errors = (r: LoadResult): string[] => (r.ok ? [] : r.errors.map(formatError));
function ok<K extends string>(r: LoadResult, kind: K) {
  if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
  if (r.kind !== kind) throw new Error(`kind ${r.kind}`);
  return r as Extract<LoadResult, { ok: true; kind: K }>;
}

describe('alerts', () => {
  it('normalises thresholds by the metric unit and fills defaults', () => {
    const r = ok(parseSpec('Alerts:\n  - Metric: rejects\n    Above: 120/min\n    Notify: Slack\n  - Metric: pnl\n    Above: $2,500\n    Severity: page\n    Notify: [PagerDuty]\n  - Metric: tick-to-trade\n    Below: 2us\n    Quantile: p50\n    Notify: [Slack, Slack]\n', 'a.yaml'), 'alerts');
    const s = r.spec;
    expect(s.rules.map((x) => [x.name, x.metric, x.op, x.threshold, x.severity, x.forNs, x.quantile, x.notify])).toEqual([
      ['RejectRateHigh', 'reject-rate', 'above', 2, 'warning', 30_000_000_000, 0.99, ['slack']],
      ['LossHigh', 'loss', 'above', 250_000, 'critical', 30_000_000_000, 0.99, ['pagerduty']],
      ['TickToTradeLow', 'tick-to-trade', 'below', 2_000, 'warning', 30_000_000_000, 0.5, ['slack']],
    ]);
  });

  it('wants exactly one of Above and Below, unique names, and a configured Email channel', () => {
    expect(errors(parseSpec('Alerts:\n  - Metric: fills\n    Above: 1/s\n    Below: 5/s\n    Notify: [Slack]\n', 'a.yaml'))).toEqual(['a.yaml:4:12: Alerts[0].Below: give exactly one of Above or Below']);
    expect(errors(parseSpec('Alerts:\n  - Metric: fills\n    Above: 1/s\n    Notify: [Slack]\n  - Metric: fill rate\n    Above: 9/s\n    Notify: [Email]\n', 'a.yaml'))).toEqual([
      'a.yaml:5:13: Alerts[1].Metric: alert name FillRateHigh is used twice',
      'a.yaml:7:13: Alerts[1].Notify: Email needs Channels: { Email: { To: ... } }',
    ]);
    expect(errors(parseSpec('Alerts:\n  - Metric: fills\n    Abov: 1/s\n    Notify: [Slack]\n', 'a.yaml'))).toEqual([
      'a.yaml:3:5: Alerts[0]: unknown key "Abov" (did you mean "Above"?)',
    ]);
  });
});

describe('templates', () => {
  it('market making takes its inventory limit from the preset', () => {
    const r = ok(parseSpec('Strategy: Market Making\nAsset: SPY\nRiskTolerance: Medium\n', '/x/m.yaml'), 'strategy');
    if (r.spec.template !== 'market-making') throw new Error('template');
    expect(r.spec.params.maxInventory).toBe(RISK_PRESETS.medium.maxPositionQty);
    expect(r.spec.params.quoteQty).toBe(RISK_PRESETS.medium.maxOrderQty / 5);
    expect(r.spec.params.horizonNs).toBe(60_000_000_000);
  });

  it('a model path resolves against the spec file and names its format', () => {
    const r = ok(parseSpec('Strategy: model\nAssets: AAPL\nModelPath: m/a.onnx\nEntryThreshold: 0.6\n', '/x/y/s.yaml'), 'strategy');
    if (r.spec.template !== 'model') throw new Error('template');
    expect([r.spec.params.modelPath, r.spec.params.format, r.spec.instruments]).toEqual(['/x/y/m/a.onnx', 'onnx', ['AAPL']]);
  });

  it('pairs needs two different assets', () => {
    expect(errors(parseSpec('Strategy: pairs\nAssets: [A]\nEntryThreshold: 2\n', 'p.yaml'))).toEqual(['p.yaml:2:9: Assets: needs exactly two assets, e.g. [AssetA, AssetB]']);
    expect(errors(parseSpec('Strategy: pairs\nAssets: [A, A]\nEntryThreshold: 2\n', 'p.yaml'))).toEqual(['p.yaml:2:9: Assets: the two assets must differ']);
  });
});

describe('run', () => {
  it('points into an inline Spec', () => {
    const r = parseSpec('Strategies:\n  - Name: s1\n    Spec:\n      Strategy: Momentum\n      Asset: AAPL\n      LookbackWindow: 100\n      EntryThreshold: 1\n', '/tmp/r.yaml');
    expect(errors(r)).toEqual(['/tmp/r.yaml:6:23: Strategies[0].Spec.LookbackWindow: a duration needs a unit, e.g. "100ms" (ns, us, ms, s, m, h)']);
  });

  it('fills the demo defaults and applies Name and Stage over the spec', () => {
    const r = ok(parseSpec('Strategies:\n  - Name: s1\n    Stage: live\n    Spec: { Strategy: Momentum, Asset: SPY, LookbackWindow: 1s, EntryThreshold: 1 }\n', '/tmp/r.yaml'), 'run');
    expect(r.spec.strategies.map((s) => [s.name, s.stage, s.spec.name, s.spec.stage])).toEqual([['s1', 'live', 's1', 'live']]);
    expect(r.spec.market.instruments).toEqual(['AAPL', 'MSFT', 'SPY', 'AssetA', 'AssetB']);
    expect([r.spec.venue.kind, r.spec.server.port, r.spec.journal.dir]).toEqual(['simulator', 8080, '/tmp/journal']);
  });

  it('a FIX venue needs its settings file', () => {
    expect(errors(parseSpec('Venue: { Kind: FIX }\n', 'r.yaml'))).toEqual(['r.yaml:1:16: Venue.Kind: a FIX venue needs Settings: (a FIX session settings file)']);
  });
});
