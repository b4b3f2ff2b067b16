// XGBoost trees against xgboost 1.7's own predictions (fixtures from scripts/model/make_fixtures.py):
// regression with a fitted base_score, binary:logistic, binary:logitraw and 3-class multi:softprob,
// with missing values.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XgbModel, XgbModelError } from '../../src/model/index.js';

const dir = new URL('../fixtures/model/', import.meta.url);

interface XgbFixture {
  objective: string;
  inputs: (number | null)[][];
  outputs: (number | number[])[];
  margins: (number | number[])[];
}

describe('XgbModel vs xgboost predict()', () => {
  for (const name of ['xgb_reg', 'xgb_binary', 'xgb_logitraw', 'xgb_softprob']) {
    it(name, () => {
      const model = XgbModel.fromJson(readFileSync(new URL(`${name}.xgb.json`, dir), 'utf8'));
      const fx = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as XgbFixture;
      expect(model.objective).toBe(fx.objective);
      const G = model.numGroups;
      expect(G).toBe(name === 'xgb_softprob' ? 3 : 1);
      const out = new Float64Array(G);
      const marg = new Float64Array(G);
      const close = (got: number, want: number): void => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-6 * Math.max(Math.abs(want), 1e-30));
      let missing = 0;
      for (let r = 0; r < fx.inputs.length; r++) {
        const x = fx.inputs[r].map((v) => (v === null ? NaN : v));
        missing += x.filter((v) => Number.isNaN(v)).length;
        model.predict(x, out);
        model.predictMargin(x, marg);
        const want = ([] as number[]).concat(fx.outputs[r]);
        const wantMargin = ([] as number[]).concat(fx.margins[r]);
        for (let g = 0; g < G; g++) {
          close(out[g], want[g]);
          close(marg[g], wantMargin[g]);
        }
      }
      if (name !== 'xgb_logitraw') expect(missing).toBeGreaterThan(0);
      // The predictions are not constant (the trees route rows differently).
      expect(new Set(fx.outputs.map((o) => JSON.stringify(o))).size).toBeGreaterThan(5);
    });
  }

  it('refuses objectives and boosters it cannot evaluate', () => {
    const json = JSON.parse(readFileSync(new URL('xgb_reg.xgb.json', dir), 'utf8'));
    json.learner.objective.name = 'survival:cox';
    expect(() => new XgbModel(json)).toThrow(XgbModelError);
    expect(() => new XgbModel({})).toThrow(/no "learner"/);
  });
});
