import { describe, expect, it } from 'vitest';
import { ITCH_LAYOUTS, ITCH_LAYOUT_BY_TYPE, ITCH_LENGTH, ITCH_MAX_LENGTH } from '../../src/feed/itch/layouts.js';
import { ItchMessage } from '../../src/feed/itch/message.js';

// Message lengths as printed in the TotalView-ITCH 5.0 specification, section 4 (typed here a second
// time on purpose: the table in src computes offsets from field sizes and must land on these).
const SPEC_LENGTHS: Record<string, number> = {
  S: 12, R: 39, H: 25, Y: 20, L: 26, V: 35, W: 12, K: 28, J: 35, h: 21,
  A: 36, F: 40, E: 31, C: 36, X: 23, D: 19, U: 35, P: 44, Q: 40, B: 19, I: 50, N: 20, O: 48,
};

// Selected field offsets from the spec tables (offset, length).
const SPEC_OFFSETS: [string, string, number, number][] = [
  ['A', 'orderRef', 11, 8], ['A', 'side', 19, 1], ['A', 'shares', 20, 4], ['A', 'stock', 24, 8], ['A', 'price', 32, 4],
  ['F', 'attribution', 36, 4],
  ['E', 'executedShares', 19, 4], ['E', 'matchNumber', 23, 8],
  ['C', 'printable', 31, 1], ['C', 'executionPrice', 32, 4],
  ['X', 'cancelledShares', 19, 4],
  ['U', 'originalOrderRef', 11, 8], ['U', 'newOrderRef', 19, 8], ['U', 'shares', 27, 4], ['U', 'price', 31, 4],
  ['P', 'matchNumber', 36, 8],
  ['Q', 'crossShares', 11, 8], ['Q', 'stock', 19, 8], ['Q', 'crossPrice', 27, 4], ['Q', 'matchNumber', 31, 8], ['Q', 'crossType', 39, 1],
  ['R', 'roundLotSize', 21, 4], ['R', 'issueSubType', 27, 2], ['R', 'etpLeverageFactor', 34, 4], ['R', 'inverseIndicator', 38, 1],
  ['H', 'tradingState', 19, 1], ['H', 'reason', 21, 4],
  ['L', 'mpid', 11, 4], ['L', 'stock', 15, 8],
  ['V', 'level3Price', 27, 8],
  ['I', 'stock', 28, 8], ['I', 'priceVariationIndicator', 49, 1],
  ['O', 'nearExecutionTime', 32, 8], ['O', 'upperPriceRangeCollar', 44, 4],
];

describe('ITCH 5.0 layout table', () => {
  it('has exactly the 23 spec message types with the spec lengths', () => {
    expect(ITCH_LAYOUTS.map((l) => l.type).sort()).toEqual(Object.keys(SPEC_LENGTHS).sort());
    for (const l of ITCH_LAYOUTS) expect([l.type, l.length]).toEqual([l.type, SPEC_LENGTHS[l.type]]);
    expect(ITCH_MAX_LENGTH).toBe(50);
  });

  it('lays fields out contiguously from offset 0 to the message length', () => {
    for (const l of ITCH_LAYOUTS) {
      let off = 0;
      for (const f of l.fields) {
        expect([l.type, f.name, f.offset]).toEqual([l.type, f.name, off]);
        expect(f.length).toBeGreaterThan(0);
        off += f.length;
      }
      expect([l.type, off]).toEqual([l.type, SPEC_LENGTHS[l.type]]);
      expect(new Set(l.fields.map((f) => f.name)).size).toBe(l.fields.length);
    }
  });

  it('starts every message with the common 11-byte header', () => {
    for (const l of ITCH_LAYOUTS) {
      expect(l.fields.slice(0, 4).map((f) => [f.name, f.offset, f.length, f.kind])).toEqual([
        ['type', 0, 1, 'char'], ['stockLocate', 1, 2, 'u16'], ['trackingNumber', 3, 2, 'u16'], ['timestamp', 5, 6, 'u48'],
      ]);
    }
  });

  it('puts selected fields at the spec offsets', () => {
    for (const [type, name, offset, length] of SPEC_OFFSETS) {
      const f = ITCH_LAYOUT_BY_TYPE.get(type)!.fields.find((x) => x.name === name);
      expect([type, name, f?.offset, f?.length]).toEqual([type, name, offset, length]);
    }
  });

  it('uses price8 only for MWCB levels and u64 for order refs, match numbers and 8-byte share counts', () => {
    const byKind = (k: string) => ITCH_LAYOUTS.flatMap((l) => l.fields.filter((f) => f.kind === k).map((f) => `${l.type}.${f.name}`));
    expect(byKind('price8')).toEqual(['V.level1Price', 'V.level2Price', 'V.level3Price']);
    expect(byKind('u64').every((n) => /orderRef|OrderRef|matchNumber|Shares|nearExecutionTime/.test(n))).toBe(true);
    expect(byKind('alpha').every((n) => /stock|issueSubType|reason|mpid|attribution/.test(n))).toBe(true);
  });

  it('has a length table entry for each type and 0 elsewhere', () => {
    let known = 0;
    for (let c = 0; c < 256; c++) if (ITCH_LENGTH[c] !== 0) known++;
    expect(known).toBe(23);
    expect(ITCH_LENGTH['h'.charCodeAt(0)]).toBe(21);
    expect(ITCH_LENGTH['H'.charCodeAt(0)]).toBe(25);
  });

  it('matches the ItchMessage class: every field exists with the JS type of its kind', () => {
    const m = new ItchMessage() as unknown as Record<string, unknown>;
    for (const l of ITCH_LAYOUTS) {
      for (const f of l.fields) {
        const want = f.kind === 'char' || f.kind === 'alpha' ? 'string' : 'number';
        expect([l.type, f.name, typeof m[f.name]]).toEqual([l.type, f.name, want]);
      }
    }
  });
});
