// The engine keeps local copies of the layout constants its hot paths use (V8 folds a module's own
// consts, not imported ones): each copy must equal the constant of the same name where it is defined.

import { describe, expect, it } from 'vitest';
import { Arena } from '../../src/risk/arena.js';
import { AUDIT_LAYOUT } from '../../src/risk/audit.js';
import { DUP_LAYOUT, ENGINE_LAYOUT, RiskEngine, WASM_LAYOUT_NAMES, wasmLayout } from '../../src/risk/engine.js';
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

describe('wasm fast path layout copies (asm/risk-fast.ts)', () => {
  it('match the defining modules', () => {
    const defs: Record<string, unknown> = { ...limits, ...orders, ...positions, ...types, ...window, ...orders.ORDER_CELL_LAYOUT, ...AUDIT_LAYOUT, ...DUP_LAYOUT };
    const w = wasmLayout();
    expect(Object.keys(w).length).toBe(WASM_LAYOUT_NAMES.length);
    for (const k of WASM_LAYOUT_NAMES) expect([k, w[k]]).toEqual([k, defs[k]]);
  });

  it('the arena hands out aligned, disjoint, zeroed views of one memory and never grows it', () => {
    const A = new Arena(1000);
    const a = A.f64(3), b = A.u8(5), c = A.i32(7), d = A.u16(9);
    for (const v of [a, b, c, d]) {
      expect(v.buffer).toBe(A.buffer);
      expect(v.byteOffset % 64).toBe(0);
      expect(Array.from(v as ArrayLike<number>).every((x) => x === 0)).toBe(true);
    }
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + 24);
    expect(() => A.f64(1e6)).toThrow(RangeError);
    expect(A.buffer.byteLength).toBe(A.end);
    const m = A.mark();
    A.f64(4).fill(7);
    A.reset(m);
    expect(Array.from(A.f64(6))).toEqual([0, 0, 0, 0, 0, 0]); // handed back: zeroed again
  });

  it('the engine keeps every array the fast path uses in its arena', () => {
    const lim = types.noLimits();
    const e = new RiskEngine({ strategies: [lim], accounts: [lim], instruments: [{ notionalMultiplier: 1 }] });
    const x = e as unknown as Record<string, { buffer: ArrayBuffer }>;
    const buf = (e as unknown as { arena: Arena }).arena.buffer;
    for (const a of [x.LF, x.blocked, x.dup, x.dupLast, x.dupN, e.positions.S, e.positions.X, e.positions.I, e.orders.row, e.orders.free, e.orders.best,
      e.orders.pend, e.orders.idPend, e.orders.cells, e.audit.data, e.audit.cells]) expect(a.buffer).toBe(buf);
  });
});

describe('Positions buffers', () => {
  it('each public array is the field-major view of its buffer at the documented field', () => {
    const nS = 3, nI = 2, P = new positions.Positions(nS, [1, 10]);
    const views: [Float64Array, Float64Array, number, number][] = [
      [P.realizedTotal, P.S, positions.S_REALIZED, nS], [P.fees, P.S, positions.S_FEES, nS], [P.openN, P.S, positions.S_OPEN_N, nS],
      [P.openBuyNTotal, P.S, positions.S_OPEN_BUY_N, nS], [P.openSellNTotal, P.S, positions.S_OPEN_SELL_N, nS],
      [P.openCount, P.S, positions.S_OPEN_COUNT, nS], [P.peak, P.S, positions.S_PEAK, nS], [P.posValue, P.S, positions.S_POS_VALUE, nS],
      [P.grossValue, P.S, positions.S_GROSS, nS], [P.costValue, P.S, positions.S_COST_VALUE, nS], [P.costAbs, P.S, positions.S_COST_ABS, nS],
      [P.pos, P.X, positions.X_POS, nS * nI], [P.cost, P.X, positions.X_COST, nS * nI], [P.realized, P.X, positions.X_REALIZED, nS * nI],
      [P.openBuyQty, P.X, positions.X_OPEN_BUY_QTY, nS * nI], [P.openSellQty, P.X, positions.X_OPEN_SELL_QTY, nS * nI],
      [P.openBuyN, P.X, positions.X_OPEN_BUY_N, nS * nI], [P.openSellN, P.X, positions.X_OPEN_SELL_N, nS * nI],
      [P.mult, P.I, positions.I_MULT, nI], [P.refPx, P.I, positions.I_REF_PX, nI], [P.refTs, P.I, positions.I_REF_TS, nI], [P.lastFillPx, P.I, positions.I_LAST_FILL, nI],
    ];
    expect([P.mult[0], P.mult[1]]).toEqual([1, 10]);
    let v = 100;
    for (const [view, buf, f, n] of views) {
      expect(view.length).toBe(n);
      for (let k = 0; k < n; k++) {
        view[k] = ++v;
        expect(buf[f * n + k]).toBe(v);
      }
    }
    // no two views share an element
    const all = new Set<number>();
    for (const [, buf] of views) for (const x of buf) if (x > 100) all.add(x);
    expect(all.size).toBe(v - 100);
  });
});
