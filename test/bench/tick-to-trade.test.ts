// Tick-to-trade wire to wire (a short run: the figures themselves come from `hftbot bench tick-to-trade`):
// every order the strategy sends crosses the real sockets and reaches the venue, one sample per order,
// the kernel part of each sample lies inside its wire-to-wire span, and nothing is refused on the way.
import { describe, expect, it } from 'vitest';
import { benchTickToTrade } from '../../src/bench/tick-to-trade.js';
import { recordMoldPackets } from '../../src/bench/tick-to-trade-rig.js';
import { parseMoldPacket, MoldHeader, MoldStatus } from '../../src/feed/moldudp64/index.js';
import { BENCHES } from '../../src/cli/commands/bench.js';

describe('tick-to-trade benchmark', () => {
  it('pre-framed MoldUDP64 packets: one ITCH message each, sequences 1..n, back to back', () => {
    const p = recordMoldPackets(500, 7);
    expect(p.n).toBe(500);
    const h = new MoldHeader();
    for (let i = 0; i < p.n; i++) {
      const pkt = p.buf.subarray(p.offsets[i], p.offsets[i + 1]);
      expect(parseMoldPacket(pkt, pkt.length, h)).toBe(MoldStatus.Ok);
      expect(h.sequence).toBe(i + 1);
      expect(h.count).toBe(1);
      expect(pkt.readUInt16BE(20) + 22).toBe(pkt.length);
    }
  });

  it('orders cross UDP -> kernel -> FIX/TCP to the venue; one sample per timed order; kernel inside wire', async () => {
    const r = await benchTickToTrade({ messages: 3_000, warmup: 1_000, orderEvery: 3 });
    expect(Object.keys(r).slice(0, 4)).toEqual(['p50Us', 'p99Us', 'p999Us', 'kernelP99Us']);
    expect(r.refused, `first refusal ${r.firstRefusal}`).toBe(0);
    expect(r.venueRejects).toBe(0);
    // every order sent (warm-up included) reached the venue
    expect(r.venueOrders).toBe(r.orders);
    expect(r.orders).toBeGreaterThan(800);
    // timed orders: those of the last 3,000 packets (about a third of them)
    expect(r.samples).toBeGreaterThan(600);
    expect(r.samples).toBeLessThan(r.orders);
    expect(r.p50Us).toBeGreaterThan(0);
    expect(r.p50Us).toBeLessThanOrEqual(r.p99Us);
    expect(r.p99Us).toBeLessThanOrEqual(r.p999Us);
    expect(r.p999Us).toBeLessThanOrEqual(r.maxUs * 1.001);
    // the kernel span lies inside the wire span of the same sample, so its quantiles are below
    expect(r.kernelP50Us).toBeLessThan(r.p50Us);
    expect(r.kernelP99Us).toBeLessThanOrEqual(r.p99Us);
    expect(r.layout).toMatch(/one thread/);
    expect(r.stallsPerSec).toBeGreaterThanOrEqual(0);
  }, 30_000);

  it('venue-thread layout: the venue in a worker thread reads every order; its stamps land on the engine clock', async () => {
    // needs dist/bench/tick-to-trade-venue.js (`npm run build`, npm test's pretest)
    const r = await benchTickToTrade({ messages: 1_500, warmup: 500, orderEvery: 3, layout: 'venue-thread' });
    expect(r.layout).toMatch(/worker thread/);
    expect(r.refused).toBe(0);
    expect(r.venueRejects).toBe(0);
    expect(r.venueOrders).toBe(r.orders);
    expect(r.samples).toBeGreaterThan(300);
    // the venue's read stamp, shifted from its thread's clock, comes after the engine's send stamp
    // and after the kernel part of the same sample
    expect(r.p50Us).toBeGreaterThan(0);
    expect(r.kernelP50Us).toBeLessThan(r.p50Us);
    expect(r.p50Us).toBeLessThanOrEqual(r.p99Us);
  }, 30_000);

  it('reports the machine floor (busy-loop gaps) beside the percentiles', async () => {
    const { probeStalls } = await import('../../src/bench/tick-to-trade-rig.js');
    const s = probeStalls(50);
    expect(s.perSec).toBeGreaterThanOrEqual(0);
    // a median is reported exactly when there were gaps, and only gaps above 20 µs count
    expect(s.perSec === 0).toBe(s.p50Us === 0);
    expect(s.p50Us === 0 || s.p50Us > 20).toBe(true);
  });

  it('the venue read stamp finds a NewOrderSingle only within the bytes of this read', async () => {
    const { holdsNewOrder } = await import('../../src/bench/tick-to-trade-rig.js');
    const buf = Buffer.from('8=FIX.4.4\x019=10\x0135=8\x0111=1\x01..8=FIX.4.4\x019=10\x0135=D\x01', 'latin1');
    const at = buf.indexOf('\x0135=D\x01');
    expect(holdsNewOrder(buf, buf.length)).toBe(true);
    expect(holdsNewOrder(buf, at + 5)).toBe(false); // stale bytes of an earlier read beyond n do not count
    expect(holdsNewOrder(buf, at)).toBe(false);
  });

  it('is in the bench table (hftbot bench tick-to-trade)', () => {
    const b = BENCHES['tick-to-trade'];
    expect(b).toBeDefined();
    expect(b.describe).toMatch(/wire to wire/);
  });
});
