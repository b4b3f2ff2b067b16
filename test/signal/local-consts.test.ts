// FeatureEngine keeps module-local copies of the imported constants onBook uses (V8 folds a module's own
// unexported consts, not imported ones): each copy must equal the constant it copies.

import { describe, expect, it } from 'vitest';
import { SIDE_ASK, SIDE_BID } from '../../src/core/units.js';
import { FEATURE_CONSTS } from '../../src/signal/features.js';
import * as spec from '../../src/signal/spec.js';

describe('feature engine constant copies', () => {
  it('match the defining modules', () => {
    const { BID, ASK, ...fields } = FEATURE_CONSTS;
    expect([BID, ASK]).toEqual([SIDE_BID, SIDE_ASK]);
    const names = Object.keys(fields);
    expect(names.length).toBe(8);
    const defs = spec as unknown as Record<string, unknown>;
    for (const k of names) expect([k, (fields as Record<string, unknown>)[k]]).toEqual([k, defs[`F_${k}`]]);
  });
});
