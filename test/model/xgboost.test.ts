// XGBoost trees against xgboost 1.7's own predictions (fixtures from scripts/model/make_fixtures.py):
// regression with a fitted base_score, binary:logistic and binary:logitraw, with missing values.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XgbModel, XgbModelError } from '../../src/model/index.js';

const dir = new URL('../fixtures/model/', import.meta.url);

interface XgbFixture {
  objective: string;
  inputs: (number | null)[][];
  outputs: number[];
  margins: number[];
}

describe('XgbModel vs xgboost predict()', () => {
  for (const name of ['xgb_reg', 'xgb_binary', 'xgb_logitraw']) {
    it(name, () => {
      const model = XgbModel.fromJson(readFileSync(new URL(`${name}.xgb.json`, dir), 'utf8'));
      const fx = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as XgbFixture;
      expect(model.objective).toBe(fx.objective);
      const out = new Float64Array(1);
      const marg = new Float64Array(1);
      let missing = 0;
      for (let r = 0; r < fx.inputs.length; r++) {
        const x = fx.inputs[r].map((v) => (v === null ? NaN : v));
        missing += x.filter((v) => Number.isNaN(v)).length;
        model.predict(x, out);
        model.predictMargin(x, marg);
        expect(Math.abs(out[0] - fx.outputs[r])).toBeLessThanOrEqual(1e-6 * Math.max(Math.abs(fx.outputs[r]), 1e-30));
        expect(Math.abs(marg[0] - fx.margins[r])).toBeLessThanOrEqual(1e-6 * Math.max(Math.abs(fx.margins[r]), 1e-30));
      }
      if (name !== 'xgb_logitraw') expect(missing).toBeGreaterThan(0);
      // The predictions are not constant (the trees route rows differently).
      expect(new Set(fx.outputs).size).toBeGreaterThan(5);
    });
  }

  it('refuses objectives and boosters it cannot evaluate', () => {
    const json = JSON.parse(readFileSync(new URL('xgb_reg.xgb.json', dir), 'utf8'));
    json.learner.objective.name = 'survival:cox';
    expect(() => new XgbModel(json)).toThrow(XgbModelError);
    expect(() => new XgbModel({})).toThrow(/no "learner"/);
  });
});
