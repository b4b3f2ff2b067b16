// Broken spec files each give an exact `file:line:col: message` (design principle 8).
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { formatError, loadSpec, parseSpec } from '../../src/config/index.js';

const dir = relative(process.cwd(), fileURLToPath(new URL('./broken/', import.meta.url)));
const errorsOf = (name: string): string[] => {
  const r = loadSpec(`${dir}/${name}`);
  if (r.ok) throw new Error(`${name} validated as ${r.kind}`);
  return r.errors.map(formatError);
};

const CASES: Array<[string, string[]]> = [
  ['bad-unit.yaml', ['3:17: LookbackWindow: unknown duration unit "parsecs" in "100 parsecs" (use ns, us, ms, s, m, h)']],
  ['wrong-type.yaml', ['4:17: EntryThreshold: expected standard deviations like "2.5 std", got a list [0.7]']],
  ['unknown-strategy.yaml', ['1:11: Strategy: unknown strategy "Momentom" (did you mean "Momentum"?); known: momentum, pairs, market-making, mean-reversion, model']],
  ['missing-key.yaml', ['2:1: Inputs.EntryThreshold: missing required key']],
  ['yaml-syntax.yaml', ['3:17: YAML: Nested mappings are not allowed in compact mappings']],
  ['unknown-key.yaml', ['3:1: unknown key "LookbackWindw" (did you mean "LookbackWindow"?)']],
  ['nested-risk.yaml', [
    '6:5: Inputs.RiskLimits: unknown key "MaxPositonUSD" (did you mean "MaxPositionUSD"?)',
    '7:22: Inputs.RiskLimits.StopLossPercent: expected a percentage like "0.5%", got "0.5 percent"',
  ]],
  ['bad-preset.yaml', ['5:16: RiskTolerance: unknown risk tolerance "Reckless"; known: low, medium, high']],
  ['exit-above-entry.yaml', ['4:16: ExitThreshold: must be below entryThreshold (1), got 1.5']],
  ['alerts-unknown-metric.yaml', [
    '2:13: Alerts[0].Metric: unknown metric "order latncy" (did you mean "order latency"?); known: order-latency, tick-to-trade, risk-check-latency, feed-latency, order-rate, reject-rate, fill-rate, feed-gaps, loss, drawdown, risk-utilisation, fix-session-down',
  ]],
  ['alerts-no-unit.yaml', ['3:12: Alerts[0].Above: a duration needs a unit, e.g. "300ms" (ns, us, ms, s, m, h)']],
  ['unknown-kind.yaml', ['1:1: cannot tell the kind of this file: unknown key "Stratgy" (did you mean "Strategy"?)']],
  ['action-missing-server.yaml', ['1:1: Server: missing required key']],
  ['task-bad-latency.yaml', ['3:19: TargetLatency_ns: expected a duration like "100ms", got "fast"']],
  ['run-broken-file.yaml', [
    '2:27: Strategies[0].File: bad-unit.yaml is not a valid strategy file (1 error listed with its own positions)',
    `${dir}/bad-unit.yaml:3:17: LookbackWindow: unknown duration unit "parsecs" in "100 parsecs" (use ns, us, ms, s, m, h)`,
  ]],
];

describe('broken files', () => {
  for (const [name, expected] of CASES) {
    it(name, () => {
      const want = expected.map((e) => (e.startsWith(dir) ? e : `${dir}/${name}:${e}`));
      expect(errorsOf(name)).toEqual(want);
    });
  }
});

describe('positions', () => {
  it('points at a value even when comments and blank lines come first', () => {
    const r = parseSpec('# a comment\n\nStrategy: Momentum\nAsset: AAPL\nLookbackWindow:   5 lightyears\nEntryThreshold: 1\n', 'x.yaml');
    expect(r.ok ? [] : r.errors.map(formatError)).toEqual(['x.yaml:5:19: LookbackWindow: unknown duration unit "lightyears" in "5 lightyears" (use ns, us, ms, s, m, h)']);
  });

  it('points at the key when its value is empty', () => {
    const r = parseSpec('Strategy: Momentum\nAsset:\nLookbackWindow: 1s\nEntryThreshold: 1\n', 'x.yaml');
    expect(r.ok ? [] : r.errors.map(formatError)).toEqual(['x.yaml:2:1: Asset: expected a non-empty string, got nothing']);
  });

  it('reports a second spelling of the same key', () => {
    const r = parseSpec('Strategy: Momentum\nAsset: AAPL\nasset: MSFT\nLookbackWindow: 1s\nEntryThreshold: 1\n', 'x.yaml');
    expect(r.ok ? [] : r.errors.map(formatError)).toEqual(['x.yaml:3:1: asset is given twice (as "asset" and another spelling)']);
  });

  it('reports every error of a file, in order', () => {
    const r = parseSpec('Strategy: Momentum\nAsset: [1, 2]\nLookbackWindow: 1 s\nEntryThreshold: high\nSide: sideways\n', 'x.yaml');
    expect(r.ok ? [] : r.errors.map((e) => `${e.line}:${e.col}`)).toEqual(['2:8', '4:17', '5:7']);
  });

  it('says one thing per place, in words', () => {
    const r = parseSpec('Strategy: pairs\nAssets: AssetA\nEntryThreshold: 1\nZWindow: 2.5\nPromotion:\n  MinTrades: lots\n', 'x.yaml');
    expect(r.ok ? [] : r.errors.map(formatError)).toEqual([
      'x.yaml:2:9: Assets: expected a list, got "AssetA"',
      'x.yaml:4:1: unknown key "ZWindow" (did you mean "Window"?)',
      'x.yaml:6:14: Promotion.MinTrades: expected a number, got "lots"',
    ]);
    const m = parseSpec('Strategy: Momentum\nAsset: AAPL\nLookbackWindow: 1s\nEntryThreshold: 1\nZWindow: 2.5\n', 'm.yaml');
    expect(m.ok ? [] : m.errors.map(formatError)).toEqual(['m.yaml:5:10: ZWindow: expected a whole number']);
  });

  it('names an empty file and a document that is not a map', () => {
    const a = parseSpec('# nothing\n', 'e.yaml');
    const b = parseSpec('- a\n- b\n', 'l.yaml');
    expect(a.ok ? [] : a.errors.map(formatError)).toEqual(['e.yaml:1:1: the file is empty']);
    expect(b.ok ? [] : b.errors.map(formatError)).toEqual(['l.yaml:1:1: a spec file is a map of keys (e.g. Strategy: Momentum)']);
  });

  it('says when a file cannot be read', () => {
    const r = loadSpec(`${dir}/no-such-file.yaml`);
    expect(r.ok ? [] : r.errors.map(formatError)).toEqual([`${dir}/no-such-file.yaml:1:1: cannot read: ENOENT`]);
  });
});

describe('never throws on user input', () => {
  it('any text gives ok or positioned errors inside the text', async () => {
    const fc = (await import('fast-check')).default;
    const { stringify } = await import('yaml');
    const keys = fc.constantFrom('Strategy', 'Asset', 'Assets', 'LookbackWindow', 'EntryThreshold', 'RiskLimits', 'Inputs', 'Alerts', 'Metric', 'Above', 'Notify', 'Strategies', 'Spec', 'kind', 'Foo');
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('Momentum', 'pairs', '100ms', '2.5 std', '0.5%', '$10,000', 'order latency', 'Slack'));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(keys, tie('node'), { maxKeys: 5 })),
    })).node;
    const check = (text: string) => {
      const r = parseSpec(text, 'f.yaml');
      const lines = text.split('\n').length;
      return r.ok || (r.errors.length > 0 && r.errors.every((e) => e.line >= 1 && e.line <= lines + 1 && e.col >= 1 && e.message.length > 0));
    };
    fc.assert(fc.property(fc.string({ maxLength: 200 }), check), { numRuns: 300 });
    fc.assert(fc.property(fc.dictionary(keys, tree, { maxKeys: 6 }), (o) => check(stringify(o))), { numRuns: 300 });
  });
});
