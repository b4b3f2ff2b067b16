// Serving models to strategies (src/model/serving.ts) and training data from every replay format:
// - a trained model carries its features, feature spec, horizon and "probability" in its metadata;
// - XGBoost JSON serves with its feature_names / attributes; a model naming nothing must take the kernel's vector;
// - KERNEL_FEATURE_SPEC is the spec the kernel really computes: a FeatureEngine with it, fed the kernel's events
//   from a strategy (what the model template does when it keeps its own engine), equals ctx.features() at every
//   book event of a backtest on LOBSTER data;
// - buildDataset takes ITCH, LOBSTER, Databento MBO CSV and DBN, and a time range whose labels stay inside it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadData } from '../../src/backtest/load.js';
import { runBacktest } from '../../src/backtest/run.js';
import { SIDE_BID } from '../../src/core/units.js';
import { buildDataset, inferReplayFormat, parseTimeOfDayNs } from '../../src/model/dataset.js';
import { KERNEL_FEATURE_SPEC, featureSlots, loadServingModel, sameSpec } from '../../src/model/serving.js';
import { trainModel } from '../../src/model/train.js';
import { XgbModel } from '../../src/model/xgboost.js';
import { FeatureEngine } from '../../src/signal/features.js';
import { RISK_PRESETS } from '../../src/config/presets.js';
import { limitsFromPreset } from '../../src/risk/index.js';
import type { Strategy, StrategyContext } from '../../src/strategy/types.js';

const shared = (p: string) => fileURLToPath(new URL(`../../../shared/data/${p}`, import.meta.url));
const LOB = shared('lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv');
const MBO = shared('databento/mbo.csv');
const DBN = shared('databento/dbn/test_data.mbo.dbn');
const FIX = new URL('../fixtures/model/', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'h7-serving-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadServingModel', () => {
  it('reads features, feature spec, horizon and the probability output from a trained model', async () => {
    const out = join(dir, 'k.onnx');
    const features = ['imbalance1', 'imbalance3', 'ofi', 'spread'];
    await trainModel({ path: LOB, features, horizonNs: 100_000_000, model: 'logistic', spec: KERNEL_FEATURE_SPEC, out });
    const m = loadServingModel(out);
    expect(m.kind).toBe('onnx');
    expect(m.features).toEqual(features);
    expect(sameSpec(m.spec, KERNEL_FEATURE_SPEC)).toBe(true);
    expect(m.probability).toBe(true);
    expect(m.horizonNs).toBe(100_000_000);
    expect(Array.from(featureSlots(m.spec, m.features))).toEqual([7, 9, 3, 1]);
    const y = new Float64Array(1);
    m.predictor.predict([0.5, 0.2, 100, 100], y);
    expect(y[0]).toBeGreaterThan(0);
    expect(y[0]).toBeLessThan(1);
  });

  it('serves XGBoost JSON by its feature_names, and refuses a model that names nothing and does not fit the kernel vector', () => {
    const json = JSON.parse(readFileSync(new URL('xgb_binary.xgb.json', FIX), 'utf8')) as { learner: { feature_names: string[]; attributes: Record<string, string> } };
    const bare = join(dir, 'bare.json');
    writeFileSync(bare, JSON.stringify(json));
    expect(() => loadServingModel(bare)).toThrow(/names no features/);
    json.learner.feature_names = ['imbalance1', 'imbalance2', 'imbalance3', 'ofi', 'ofiWindow', 'spread'];
    json.learner.attributes['hftbot.featureSpec'] = JSON.stringify(KERNEL_FEATURE_SPEC);
    const named = join(dir, 'named.json');
    writeFileSync(named, JSON.stringify(json));
    const m = loadServingModel(named);
    expect(m.kind).toBe('xgboost');
    expect(m.probability).toBe(true);
    expect(m.features).toEqual(json.learner.feature_names);
    const x = [0.3, -0.1, 0.2, 500, -1200, 100];
    const a = new Float64Array(1);
    const b = new Float64Array(1);
    m.predictor.predict(x, a);
    new XgbModel(json).predict(x, b);
    expect(a[0]).toBe(b[0]);
  });

  it('serves our own dense JSON format (features, spec, output kind)', () => {
    const file = join(dir, 'dense.json');
    writeFileSync(file, JSON.stringify({
      format: 'hftbot-dense', inputs: 2, features: ['imbalance1', 'ofi'], featureSpec: KERNEL_FEATURE_SPEC, horizonNs: 250_000_000,
      layers: [{ weight: [2, 0.001], bias: [0.5], outputs: 1, activation: 'sigmoid' }],
    }));
    const m = loadServingModel(file);
    expect(m.kind).toBe('dense');
    expect(m.probability).toBe(true);
    expect(m.horizonNs).toBe(250_000_000);
    expect(Array.from(featureSlots(m.spec, m.features))).toEqual([7, 3]);
    const y = new Float64Array(1);
    m.predictor.predict([0.25, 1000], y);
    expect(y[0]).toBeCloseTo(1 / (1 + Math.exp(-(2 * 0.25 + 0.001 * 1000 + 0.5))), 14);
    writeFileSync(file, JSON.stringify({ format: 'hftbot-dense', inputs: 3, layers: [{ weight: [1, 2, 3], outputs: 1, activation: 'none' }] }));
    expect(() => loadServingModel(file)).toThrow(/names no features/);
  });

  it('takes an unnamed ONNX model whose input is the kernel vector, and refuses one that is not', () => {
    // logistic10 takes 10 inputs: neither names nor the 12 slots of the kernel vector
    expect(() => loadServingModel(fileURLToPath(new URL('logistic10.onnx', FIX)))).toThrow(/names no features/);
  });
});

describe('KERNEL_FEATURE_SPEC', () => {
  it('equals what the kernel computes: an engine with it, fed the same events, matches ctx.features at every book event', async () => {
    let ctx!: StrategyContext;
    let inst = -1;
    let engine!: FeatureEngine;
    let checked = 0;
    let mismatches = 0;
    const probe: Strategy = {
      name: 'probe',
      symbols: ['AAPL'],
      init(c) {
        ctx = c;
        inst = c.instrument('AAPL');
        engine = new FeatureEngine({ instrument: inst, ...KERNEL_FEATURE_SPEC });
        expect(c.features(inst)).not.toBeNull(); // the kernel updates an instrument's features from a strategy's first read on
      },
      onTrade(i, px, qty, aggressor) {
        if (i === inst) engine.onTrade(ctx.now(), px, qty, aggressor === SIDE_BID ? 1 : -1);
      },
      onBook(i) {
        if (i !== inst) return;
        engine.onBook(ctx.book, ctx.now());
        const k = ctx.features(i)!;
        if (k.length !== engine.out.length) mismatches++;
        for (let j = 0; j < k.length; j++) if (!Object.is(k[j], engine.out[j])) mismatches++;
        checked++;
      },
      onTimer() {},
      onOrderEvent() {},
      hash() {},
    };
    await runBacktest({ strategy: { strategy: probe, limits: limitsFromPreset(RISK_PRESETS.low, { priceScale: 10_000 }) }, data: [{ path: LOB }], features: true, html: false, parquet: false });
    expect(checked).toBeGreaterThan(900);
    expect(mismatches).toBe(0);
  });
});

describe('buildDataset formats and time range', () => {
  const features = ['imbalance1', 'imbalance3', 'ofi', 'spread'];
  it('infers the format from the file name', () => {
    expect(inferReplayFormat(LOB)).toBe('lobster');
    expect(inferReplayFormat(MBO)).toBe('mbo');
    expect(inferReplayFormat(DBN)).toBe('dbn');
    expect(inferReplayFormat('/x/day.dbn.zst')).toBe('dbn');
    expect(inferReplayFormat('/x/01302019.NASDAQ_ITCH50')).toBe('itch');
    expect(parseTimeOfDayNs('09:30:12.5')).toBe(34_212_500_000_000);
    expect(parseTimeOfDayNs('34212500000000')).toBe(34_212_500_000_000);
  });

  it('labels rows from ITCH (the LOBSTER day converted), LOBSTER, Databento MBO CSV and DBN', async () => {
    // an ITCH BinaryFILE of the LOBSTER day, through the backtester's converter (2-byte length prefix per message)
    const log = (await loadData([{ path: LOB }])).feed;
    const parts: Buffer[] = [];
    for (let i = 0; i < log.n; i++) {
      const h = Buffer.alloc(2);
      h.writeUInt16BE(log.len[i]);
      parts.push(h, Buffer.from(log.bytes.subarray(log.off[i], log.off[i] + log.len[i])));
    }
    const itch = join(dir, 'aapl.itch');
    writeFileSync(itch, Buffer.concat(parts));
    const lob = await buildDataset({ path: LOB, features, horizonNs: 100_000_000 });
    const it5 = await buildDataset({ path: itch, features, horizonNs: 100_000_000, symbol: 'AAPL' });
    const mbo = await buildDataset({ path: MBO, features, horizonNs: 100_000_000 });
    const dbn = await buildDataset({ path: DBN, features, horizonNs: 1000 });
    expect(lob.events).toBe(999);
    expect(lob.rows).toBeGreaterThan(300);
    // the conversion keeps every book change of the day (hidden executions carry none)
    expect(it5.events).toBeGreaterThan(900);
    expect(Math.abs(it5.rows - lob.rows) / lob.rows).toBeLessThan(0.1);
    expect(it5.firstTs).toBe(lob.firstTs);
    expect(mbo.rows).toBeGreaterThan(500);
    expect(dbn.events).toBe(2);
    await expect(buildDataset({ path: join(dir, 'none.itch'), features, horizonNs: 1 })).rejects.toThrow(/does not exist/);
  });

  it('keeps only rows whose time and label horizon lie inside [from, to)', async () => {
    const all = await buildDataset({ path: LOB, features, horizonNs: 100_000_000 });
    const split = Math.round((all.firstTs + all.lastTs) / 2);
    const h = 100_000_000;
    const first = await buildDataset({ path: LOB, features, horizonNs: h, toNs: split });
    const second = await buildDataset({ path: LOB, features, horizonNs: h, fromNs: split });
    expect(first.rows).toBeGreaterThan(50);
    expect(second.rows).toBeGreaterThan(50);
    expect(first.ts[first.rows - 1] + h).toBeLessThan(split);
    expect(second.ts[0]).toBeGreaterThanOrEqual(split);
    expect(first.rows + second.rows).toBeLessThanOrEqual(all.rows);
    expect(first.droppedOutOfRange).toBeGreaterThan(0);
  });
});
