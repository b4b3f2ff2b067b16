import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/fix/session/store.js';

const msg = (seq: number, len: number) => Buffer.alloc(len, 0x41 + (seq % 26));

describe('MemoryStore (arena)', () => {
  it('keeps copies: the caller may reuse its buffer, and views survive arena growth', () => {
    const st = new MemoryStore();
    const scratch = Buffer.alloc(3000);
    const lens: number[] = [];
    for (let seq = 1; seq <= 200; seq++) {
      const m = msg(seq, 1 + ((seq * 37) % 2999));
      lens.push(m.length);
      m.copy(scratch);
      st.set(seq, scratch.subarray(0, m.length));
      scratch.fill(0); // the store must not have kept a reference to scratch
    }
    const early = st.get(1, 3);
    for (let seq = 201; seq <= 400; seq++) st.set(seq, msg(seq, 2000)); // forces new arenas
    expect(early.map(([s, b]) => [s, b.equals(msg(s, lens[s - 1]))])).toEqual([[1, true], [2, true], [3, true]]);
    const all = st.get(1, 400);
    expect(all.length).toBe(400);
    expect(all.every(([s, b], k) => s === k + 1 && b.equals(msg(s, s <= 200 ? lens[s - 1] : 2000)))).toBe(true);
    // sparse range walk (range wider than the store) gives the same, sorted
    expect(st.get(-1000, 1_000_000).map(([s]) => s)).toEqual(all.map(([s]) => s));
    expect(st.get(150, 152).map(([s, b]) => [s, b.length])).toEqual([150, 151, 152].map((s) => [s, lens[s - 1]]));
  });

  it('reset drops messages without overwriting bytes already handed out', () => {
    const st = new MemoryStore();
    st.set(1, Buffer.from('first', 'latin1'));
    st.setNextSenderSeq(2);
    const [[, before]] = st.get(1, 1);
    st.reset();
    expect(st.nextSenderSeq()).toBe(1);
    expect(st.get(1, 10)).toEqual([]);
    st.set(1, Buffer.from('XXXXX', 'latin1'));
    expect(before.toString('latin1')).toBe('first');
    expect(st.get(1, 1)[0][1].toString('latin1')).toBe('XXXXX');
  });
});

describe('MemoryStore index', () => {
  it('serves dense, overwritten and out-of-range sequence numbers in order', () => {
    const st = new MemoryStore();
    const big = 5_000_000; // beyond the dense index: kept in the sparse map
    for (const s of [3, 1, 2000, big, 7]) st.set(s, Buffer.from(`m${s}`, 'latin1'));
    st.set(7, Buffer.from('m7b', 'latin1'));
    const text = (r: Array<[number, Buffer]>) => r.map(([s, b]) => `${s}:${b.toString('latin1')}`);
    expect(text(st.get(1, big))).toEqual(['1:m1', '3:m3', '7:m7b', '2000:m2000', `${big}:m${big}`]);
    expect(text(st.get(2, 7))).toEqual(['3:m3', '7:m7b']);
    expect(text(st.get(big, big + 5))).toEqual([`${big}:m${big}`]);
    expect(st.get(8, 1999)).toEqual([]);
  });
});
