// prefault (src/core/prefault.ts): every ArrayBuffer reachable from the root is touched once per page,
// shared buffers once, values unchanged; cycles and Maps are followed, depth is bounded.
import { describe, expect, it } from 'vitest';
import { prefault } from '../../src/core/prefault.js';

describe('prefault', () => {
  it('touches each page of each reachable buffer once and changes no value', () => {
    const big = new Float64Array(3000).map((_, i) => i * 1.5); // 24,000 bytes: 6 pages
    const shared = new ArrayBuffer(10_000); // 3 pages, seen through two views
    const a = new Int32Array(shared), b = new Uint8Array(shared, 100);
    a[7] = -5;
    const inner = { b, m: new Map([['k', { small: new Uint16Array(3) }]]) }; // 1 page
    const root: Record<string, unknown> = { big, a, inner, n: 1, s: 'x', nothing: null, list: [new Int8Array(5000)] }; // + 2 pages
    root.self = root;
    expect(prefault(root)).toBe(6 + 3 + 1 + 2);
    expect(big[2999]).toBe(2999 * 1.5);
    expect(a[7]).toBe(-5);
  });

  it('stops at the depth limit', () => {
    const deep = { x: { y: { z: new Uint8Array(10) } } };
    expect(prefault(deep, 2)).toBe(0);
    expect(prefault(deep, 3)).toBe(1);
  });
});
