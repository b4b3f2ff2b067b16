// The `model` strategy template (src/strategy/model.ts):
// - decisions on a scripted score with a stub context: entry at +-EntryThreshold, hold above ExitThreshold,
//   exit under it, exit at the Horizon timer, nothing on a NaN score, one working order at a time;
// - acceptance (issue 9): a model trained on the first half of the LOBSTER AAPL sample and used by a YAML
//   `model` strategy in a backtest of the second half runs end to end: orders and fills, with the training
//   rows (and their label horizons) all before the backtest's start; once through the strategy's own
//   feature engine, once on the kernel's features (a model trained on the kernel's feature spec).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/backtest/run.js';
import { loadSpec } from '../../src/config/load.js';
import type { ModelParams, StrategySpec } from '../../src/config/strategy.js';
import { OrderEvent } from '../../src/core/events.js';
import { SIDE_ASK, SIDE_BID } from '../../src/core/units.js';
import { buildDataset } from '../../src/model/dataset.js';
import { KERNEL_FEATURE_SPEC, type ServingModel } from '../../src/model/serving.js';
import { trainModel } from '../../src/model/train.js';
import { limitsFromSpec, strategyFromSpec } from '../../src/strategy/factory.js';
import { ModelStrategy } from '../../src/strategy/model.js';
import type { OrderEventView, StrategyContext } from '../../src/strategy/types.js';

const LOB = fileURLToPath(new URL('../../../shared/data/lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'h7-model-strategy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('model strategy decisions', () => {
  const params: ModelParams = { modelPath: '(stub)', format: 'onnx', entryThreshold: 0.3, exitThreshold: 0.1, horizonNs: 500_000_000, orderQty: 10 };
  const script = { score: NaN };
  const model: ServingModel = {
    kind: 'onnx',
    predictor: { inputSize: 1, outputSize: 1, predict: (_x, out) => void (out[0] = script.score) },
    features: ['imbalance1'],
    spec: KERNEL_FEATURE_SPEC,
    scoreIndex: 0,
    probability: false,
    horizonNs: null,
  };
  const sent: Array<{ side: number; qty: number; px: number; tif: number }> = [];
  const timers: Array<{ at: number; tag: number }> = [];
  let pos = 0;
  let now = 1_000;
  const ctx = {
    strategyId: 0,
    book: { bestBid: () => 1_000_000, bestAsk: () => 1_000_100 },
    now: () => now,
    instrument: () => 0,
    priceScale: () => 10_000,
    tickSize: () => 100,
    submit: (_i: number, side: number, qty: number, px: number, tif: number) => sent.push({ side, qty, px, tif }),
    cancel: () => 0,
    replace: () => 0,
    position: () => pos,
    avgCost: () => 1_000_050,
    pnl: () => 0,
    openOrders: () => 0,
    setTimer: (d: number, tag: number) => void timers.push({ at: now + d, tag }),
    features: () => new Float64Array(12),
  } as unknown as StrategyContext;
  const fill = (s: ModelStrategy, clOrdId: number, signed: number) => {
    pos += signed;
    const ev: OrderEventView = { event: OrderEvent.OrderFilled, clOrdId, origClOrdId: 0, instrument: 0, side: signed > 0 ? SIDE_BID : SIDE_ASK, lastQty: Math.abs(signed), lastPx: 1_000_000, leavesQty: 0, cumQty: Math.abs(signed), done: true, reason: 0 };
    s.onOrderEvent(ev);
  };

  it('enters, holds, exits under the exit threshold, goes short, and leaves at the horizon', () => {
    const s = new ModelStrategy('m', 'AAPL', params, 0, model);
    s.init(ctx);
    expect(s.kernelFeatures).toBe(true);
    s.onBook(0); // NaN score: nothing
    expect(sent.length).toBe(0);
    script.score = 0.2; // below entry
    s.onBook(0);
    expect(sent.length).toBe(0);
    script.score = 0.5; // long entry: IOC buy at the ask
    s.onBook(0);
    expect(sent).toEqual([{ side: SIDE_BID, qty: 10, px: 1_000_100, tif: 3 }]);
    s.onBook(0); // working order: no second one
    expect(sent.length).toBe(1);
    fill(s, 1, 10);
    expect(timers).toEqual([{ at: now + params.horizonNs, tag: 1 }]);
    script.score = 0.15; // above exit: hold
    now += 1_000;
    s.onBook(0);
    expect(sent.length).toBe(1);
    script.score = 0.05; // under exit: sell to flat at the bid
    s.onBook(0);
    expect(sent[1]).toEqual({ side: SIDE_ASK, qty: 10, px: 1_000_000, tif: 3 });
    fill(s, 2, -10);
    script.score = -0.6; // short entry
    s.onBook(0);
    expect(sent[2]).toEqual({ side: SIDE_ASK, qty: 10, px: 1_000_000, tif: 3 });
    fill(s, 3, -10);
    expect(timers.length).toBe(2);
    script.score = -0.5; // still short-conviction: hold
    s.onBook(0);
    expect(sent.length).toBe(3);
    s.onTimer(1); // before the horizon: nothing
    expect(sent.length).toBe(3);
    now = timers[1].at;
    s.onTimer(1); // horizon reached: buy back
    expect(sent[3]).toEqual({ side: SIDE_BID, qty: 10, px: 1_000_100, tif: 3 });
    expect(s.evaluations).toBe(8);
    expect(s.lastScore).toBe(-0.5);
  });

  it('trades several assets independently, each with its own slot and horizon timer', () => {
    const orders: Array<{ inst: number; side: number }> = [];
    const positions = [0, 0];
    const tm: number[] = [];
    const c2 = {
      ...ctx,
      instrument: (sym: string) => (sym === 'AAPL' ? 0 : 1),
      submit: (inst: number, side: number) => orders.push({ inst, side }),
      position: (inst: number) => positions[inst],
      setTimer: (_d: number, tag: number) => void tm.push(tag),
    } as unknown as StrategyContext;
    const s = new ModelStrategy('m2', ['AAPL', 'MSFT'], params, 0, model);
    s.init(c2);
    script.score = 0.5;
    s.onBook(1);
    expect(orders).toEqual([{ inst: 1, side: SIDE_BID }]);
    s.onBook(0); // slot 0 is free: its own order
    expect(orders[1]).toEqual({ inst: 0, side: SIDE_BID });
    positions[1] = 10;
    s.onOrderEvent({ event: OrderEvent.OrderFilled, clOrdId: 1, origClOrdId: 0, instrument: 1, side: SIDE_BID, lastQty: 10, lastPx: 1, leavesQty: 0, cumQty: 10, done: true, reason: 0 });
    expect(tm).toEqual([2]); // HORIZON + slot 1
    s.onBook(2); // not an asset of the strategy
    expect(orders.length).toBe(2);
  });
});

describe('model strategy in a backtest (issue 9 acceptance)', () => {
  const cases = [
    { name: 'own feature engine (training spec)', spec: undefined, features: ['imbalance1', 'imbalance3', 'imbalance5', 'ofi', 'ofiWindow', 'tradeFlow', 'spread'], kernel: false },
    { name: 'kernel features (kernel spec)', spec: KERNEL_FEATURE_SPEC, features: ['imbalance1', 'imbalance2', 'imbalance3', 'ofi', 'ofiWindow', 'spread'], kernel: true },
  ];
  for (const c of cases) {
    it(`trained on the first half, trades the second half: ${c.name}`, async () => {
      const horizonNs = 100_000_000;
      const all = await buildDataset({ path: LOB, features: ['imbalance1'], horizonNs });
      const split = Math.round((all.firstTs + all.lastTs) / 2);
      const sub = join(dir, c.kernel ? 'kernel' : 'own');
      const model = `${sub}.onnx`;
      const { report } = await trainModel({ path: LOB, features: c.features, horizonNs, model: 'logistic', toNs: split, out: model, ...(c.spec ? { spec: c.spec } : {}) });
      // training saw only rows whose label horizon ends before the split
      expect(report.trainRows).toBeGreaterThan(100);
      expect(report.testTsRange[1] + horizonNs).toBeLessThan(split);
      const yaml = `${sub}.yaml`;
      writeFileSync(yaml, `Strategy: Model\nAssets: [AAPL]\nModelPath: ${c.kernel ? 'kernel' : 'own'}.onnx\nEntryThreshold: 0.1\nExitThreshold: 0\nHorizon: 500ms\nOrderQty: 10\nRiskTolerance: Low\n`);
      const loaded = loadSpec(yaml);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
      const spec = loaded.spec as StrategySpec;
      expect(spec.template).toBe('model');
      const strategy = strategyFromSpec(spec) as ModelStrategy;
      const r = await runBacktest({ strategy: { strategy, limits: limitsFromSpec(spec) }, data: [{ path: LOB }], from: split, features: c.kernel, html: false, parquet: false });
      expect(strategy.kernelFeatures).toBe(c.kernel);
      expect(strategy.evaluations).toBeGreaterThan(100);
      expect(r.orders.length).toBeGreaterThan(0);
      expect(r.fills.length).toBeGreaterThan(0);
      for (const o of r.orders) expect(o.sentNs).toBeGreaterThanOrEqual(split);
      // the YAML path runs the same way (strategyFromSpec inside the backtester)
      const byPath = await runBacktest({ strategy: yaml, data: [{ path: LOB }], from: split, features: c.kernel, html: false, parquet: false });
      expect(byPath.orders.length).toBe(r.orders.length);
      expect(byPath.fills.length).toBe(r.fills.length);
      // shadow: the same strategy against the shadow fill model (what `hftbot run` in shadow stage uses)
      const shadow = await runBacktest({ strategy: yaml, data: [{ path: LOB }], from: split, features: c.kernel, venue: { kind: 'shadow' }, html: false, parquet: false });
      expect(shadow.orders.length).toBeGreaterThan(0);
    }, 30_000);
  }

  it('serves an XGBoost JSON model the same way (kernel features)', async () => {
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/model/xgb_binary.xgb.json', import.meta.url), 'utf8')) as { learner: { feature_names: string[]; attributes: Record<string, string> } };
    fixture.learner.feature_names = ['imbalance1', 'imbalance2', 'imbalance3', 'ofi', 'ofiWindow', 'spread'];
    fixture.learner.attributes['hftbot.featureSpec'] = JSON.stringify(KERNEL_FEATURE_SPEC);
    writeFileSync(join(dir, 'xgb.json'), JSON.stringify(fixture));
    const yaml = join(dir, 'xgb.yaml');
    writeFileSync(yaml, 'Strategy: Model\nAssets: [AAPL]\nModelPath: xgb.json\nEntryThreshold: 0.05\nExitThreshold: 0\nHorizon: 500ms\nOrderQty: 10\nRiskTolerance: Low\n');
    const loaded = loadSpec(yaml);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const spec = loaded.spec as StrategySpec;
    const strategy = strategyFromSpec(spec) as ModelStrategy;
    expect(strategy.model.kind).toBe('xgboost');
    const r = await runBacktest({ strategy: { strategy, limits: limitsFromSpec(spec) }, data: [{ path: LOB }], features: true, html: false, parquet: false });
    expect(strategy.kernelFeatures).toBe(true);
    expect(strategy.evaluations).toBeGreaterThan(900);
    expect(r.orders.length).toBeGreaterThan(0);
  }, 30_000);
});
