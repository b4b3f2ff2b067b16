// The benchmark functions run and count every message (speed is measured by `npm run bench`, not here).
import { describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { benchDecode, benchHandler, benchStream, benchWalk, CountingBookSink } from '../../src/feed/itch/bench.js';
import { frame, msg } from './helpers.js';

describe('ITCH benchmarks', () => {
  const msgs = [
    msg('R', { stockLocate: 1, stock: 'AAPL' }),
    ...Array.from({ length: 200 }, (_, k) => msg('A', { stockLocate: 1, orderRef: k + 1, side: k % 2 ? 'S' : 'B', shares: 100, stock: 'AAPL', price: 1_000_000 + (k % 2) * 100 })),
    ...Array.from({ length: 200 }, (_, k) => msg('D', { stockLocate: 1, orderRef: k + 1 })),
  ];
  const buf = frame(msgs);

  it('walk, decode and handler passes see every message', () => {
    for (const r of [benchWalk(buf, 1), benchDecode(buf, 1), benchHandler(buf, undefined, 1), benchHandler(buf, () => new L3Books(), 2), benchStream(buf, undefined, 1, 1000)]) {
      expect(r.messages).toBe(401);
      expect(r.messagesPerSecond).toBeGreaterThan(0);
    }
    // The walk touches each type byte: 'R' + 200 * 'A' + 200 * 'D'.
    expect(benchWalk(buf, 1).checksum).toBe(0x52 + 200 * 0x41 + 200 * 0x44);
    expect(benchStream(buf, undefined, 1, 777).checksum).toBe(0); // no errors across odd chunk boundaries
  });

  it('the counting sink sees one call per book message', () => {
    const sink = new CountingBookSink();
    benchHandler(buf, () => sink, 1);
    expect(sink.calls).toBe(400);
  });
});
