// The same synthetic MBO stream encoded as DBN and as CSV must build identical books (stateHash), with the
// fast L3Books and the reference RefBooks alike; the benchmarks run on a tiny input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { RefBooks } from '../../src/book/reference.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { benchDbnMbo, benchMboCsv, encodeMboCsv, encodeMboDbn, syntheticMboEvents } from '../../src/feed/databento/bench.js';
import { replayDbn, replayMboCsv } from '../../src/feed/databento/index.js';

describe('Databento DBN vs CSV on one synthetic stream', () => {
  const events = syntheticMboEvents(20_000, 7);
  const dir = mkdtempSync(join(tmpdir(), 'dbbench-'));
  const dbnPath = join(dir, 's.dbn');
  const csvPath = join(dir, 's.csv');
  writeFileSync(dbnPath, encodeMboDbn(events));
  writeFileSync(csvPath, encodeMboCsv(events));

  it('builds the same book through both decoders and both book implementations', async () => {
    const hashes: string[] = [];
    for (const make of [() => new L3Books(), () => new RefBooks()]) {
      const a = make();
      const ra = new InstrumentRegistry();
      const sa = await replayDbn(dbnPath, { books: a, registry: ra });
      const b = make();
      const rb = new InstrumentRegistry();
      const sb = await replayMboCsv(csvPath, { books: b, registry: rb });
      expect(sa.errors).toBe(0);
      expect(sb.errors).toBe(0);
      expect(sa.messages).toBe(events.length);
      expect(sb.messages).toBe(events.length);
      expect(ra.get(0)!.symbol).toBe('SYN');
      expect(rb.get(0)!.symbol).toBe('SYN');
      expect(a.orderCount()).toBeGreaterThan(10);
      expect(a.stateHash()).toBe(b.stateHash());
      hashes.push(a.stateHash());
    }
    expect(hashes[0]).toBe(hashes[1]);
  });

  it('benchmarks run and agree on what they saw', () => {
    const small = syntheticMboEvents(2_000, 3);
    const d = benchDbnMbo(encodeMboDbn(small), () => new L3Books(), 1);
    const c = benchMboCsv(encodeMboCsv(small), () => new L3Books(), 1);
    expect(d.messages).toBe(2_000);
    expect(c.messages).toBe(2_000);
    expect(d.checksum).toBe(c.checksum);
    expect(d.messagesPerSecond).toBeGreaterThan(0);
  });
});
