// The engine keeps local copies of the layout constants its hot paths use (V8 folds a module's own
// consts, not imported ones): each copy must equal the constant of the same name where it is defined.

import { describe, expect, it } from 'vitest';
import { ENGINE_LAYOUT } from '../../src/risk/engine.js';
import * as limits from '../../src/risk/limits.js';
import * as orders from '../../src/risk/orders.js';
import * as positions from '../../src/risk/positions.js';
import * as types from '../../src/risk/types.js';
import * as window from '../../src/risk/window.js';

describe('engine layout copies', () => {
  it('match the defining modules', () => {
    const defs: Record<string, unknown> = { ...limits, ...orders, ...positions, ...types, ...window };
    const names = Object.keys(ENGINE_LAYOUT);
    expect(names.length).toBeGreaterThan(50);
    for (const k of names) expect([k, defs[k]]).toEqual([k, ENGINE_LAYOUT[k]]);
  });
});
