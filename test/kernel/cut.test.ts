// A crash can stop the kernel at any byte of its journal. A short seeded session against the simulator is
// journaled; then (1) the journal is cut at EVERY byte offset and recovered: the torn event is cut whole
// (one record per event), the replay regenerates exactly the surviving records' commands and reaches the
// state the live kernel had right after the last surviving event; (2) at sampled events the session is
// really crashed (the kernel dies after writing the event's record, before or after its commands left)
// and resumed on the same venue with reconciliation: no order reaches the venue twice, none the kernel
// holds is unknown to the venue or missing from the kernel, positions equal the venue's record, and the
// whole journal replays to the final state.
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/clock/clock.js';
import { validateStrategy } from '../../src/config/index.js';
import type { StrategySpec } from '../../src/config/index.js';
import { Reject } from '../../src/core/rejects.js';
import { MemoryJournal } from '../../src/journal/index.js';
import { OVERHEAD, recordLen, scanJournal } from '../../src/journal/format.js';
import { buildKernel, replayKernel, resumeKernel, forEachCommand, K_SUBMIT, type Kernel, type KernelConfig } from '../../src/kernel/index.js';
import { isLive } from '../../src/oms/table.js';
import { createSyntheticMarket, defaultInstruments, ItchPublisher, NoopVenueListener, type SyntheticMarket } from '../../src/sim/index.js';
import { limitsFromSpec, strategyFromSpec } from '../../src/strategy/index.js';
import { SIM_ID_BASE, SimVenuePort } from '../../src/venue/index.js';

const OWNER = 1_000_000;
const STEP = 1e6;

function spec(raw: Record<string, unknown>): StrategySpec {
  const r = validateStrategy(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
const specs = [
  spec({ Strategy: 'Market Making', Asset: 'AAPL', Gamma: 0.1, Kappa: 150, Horizon: '10s', VolWindow: '1s', QuoteQty: 100, MaxInventory: 300, RefreshInterval: '5ms', RiskTolerance: 'Medium' }),
  spec({ Strategy: 'Momentum', Asset: 'AAPL', LookbackWindow: '20ms', EntryThreshold: 0.3, RiskTolerance: 'Low' }),
];
const config = (): KernelConfig => ({
  instruments: ['AAPL'], features: false, ringCapacity: 1024, maxOrders: 1024, auditCapacity: 1024, bookOrders: 4096,
  strategies: specs.map((s) => ({ strategy: strategyFromSpec(s), limits: limitsFromSpec(s) })),
});

/** The venue's record of our orders: ids accepted (twice = sent twice), duplicate-id rejects, net fills. */
class VenueRecord extends NoopVenueListener {
  net = 0;
  readonly accepted = new Set<number>();
  sentTwice = 0;
  duplicates = 0;
  override onAccepted(_i: number, id: number, owner: number): void {
    if (owner !== OWNER) return;
    if (this.accepted.has(id)) this.sentTwice++;
    this.accepted.add(id);
  }
  override onRejected(_i: number, _id: number, owner: number, code: number): void {
    if (owner === OWNER && code === Reject.MatchDuplicateOrderId) this.duplicates++;
  }
  override onFill(_i: number, _mi: number, mo: number, _ti: number, to: number, takerSide: number, _px: number, qty: number): void {
    const buy = takerSide === 0 ? 1 : -1;
    if (mo === OWNER) this.net -= buy * qty;
    if (to === OWNER) this.net += buy * qty;
  }
}

class Crash extends Error {}

interface Session { market: SyntheticMarket; record: VenueRecord; clock: SimClock; journal: MemoryJournal; kernel: Kernel; port: SimVenuePort; setTarget(k: Kernel): void; run(k: Kernel, untilNs: number): void }

function session(): Session {
  const market = createSyntheticMarket({ seed: 7, instruments: defaultInstruments().filter((i) => i.symbol === 'AAPL') });
  const record = new VenueRecord();
  market.venue.addListener(record);
  let target: Kernel | null = null;
  new ItchPublisher(market.venue, { taps: [(b, off, len) => target!.feedItch(b, off, len, 0)] });
  const clock = new SimClock(market.clock.now());
  const journal = new MemoryJournal({ fsync: 'none' });
  const port = new SimVenuePort(market.venue, ['AAPL']);
  const kernel = buildKernel(config(), { clock, venue: port, journal });
  target = kernel;
  return {
    market, record, clock, journal, kernel, port,
    setTarget: (k) => { target = k; },
    run(k, untilNs) {
      for (let t = clock.now() + STEP; t <= untilNs; t += STEP) {
        market.step(t);
        clock.set(t);
        k.poll();
      }
    },
  };
}

/** Byte offsets where records end: ends[k] = bytes of the first k records. */
function recordEnds(img: Buffer): number[] {
  const ends = [0];
  for (let p = 0; p < img.length; p += OVERHEAD + recordLen(img, p)) ends.push(p + OVERHEAD + recordLen(img, p));
  return ends;
}

const replayOf = (img: Buffer) => replayKernel(MemoryJournal.from(img), (c, p) => buildKernel(config(), { clock: c, venue: p }));

describe('the journal cut at every byte', () => {
  const s = session();
  const start = s.clock.now();
  const END = start + 500 * STEP;
  const hashes = [''];
  s.kernel.onRecorded = (seq) => { hashes[seq] = s.kernel.stateHash(); };
  hashes[1] = s.kernel.stateHash(); // START was written inside buildKernel, before the hook existed
  s.run(s.kernel, END);
  const img = s.journal.bytes();
  const ends = recordEnds(img);

  it('recovers the whole events before the cut and replays to the live state after the last of them', () => {
    expect(s.kernel.commands).toBeGreaterThan(20);
    expect(s.kernel.execEvents).toBeGreaterThan(10);
    expect(ends.length - 1).toBe(hashes.length - 1);
    const byRecords = new Map<number, ReturnType<typeof replayOf>>();
    let checked = 0;
    for (let cut = ends[1]; cut <= img.length; cut++) {
      // recovery's verification (what FileJournal / MemoryJournal.from run on open); cheap per byte
      const scan = scanJournal(img, cut);
      const k = ends.findLastIndex((e) => e <= cut);
      expect(scan.status).toBe(cut === ends[k] ? 'ok' : 'torn');
      expect(scan.validBytes).toBe(ends[k]);
      expect(scan.records).toBe(k);
      let r = byRecords.get(k);
      if (r === undefined) {
        r = replayOf(img.subarray(0, cut)); // the real recovery: MemoryJournal.from cuts the torn tail
        byRecords.set(k, r);
        expect(r.kernel.replayMismatches).toBe(0);
        expect(r.kernel.unmatchedCommands).toBe(0);
        expect(r.kernel.stateHash()).toBe(hashes[k]);
        checked++;
      }
    }
    expect(checked).toBe(ends.length - 1);
  });

  it('a real crash after any sampled event, commands sent or not: resume, reconcile, nothing twice, nothing lost', () => {
    // events whose record holds a new order: the interesting crash points, plus a few others
    const withOrders: number[] = [];
    s.journal.replay((type, seq, buf, off, len) => {
      let n = 0;
      forEachCommand(type, Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), off, len, (code) => { if (code === K_SUBMIT) n++; });
      if (n > 0) withOrders.push(seq);
    });
    expect(withOrders.length).toBeGreaterThan(3);
    const points = [withOrders[0], withOrders[2], withOrders[Math.floor(withOrders.length / 2)], withOrders.at(-1)!, Math.floor((ends.length - 1) / 3)];
    let missingAtVenue = 0;
    let recovered = 0;
    for (const k of points) {
      for (const sent of [false, true]) {
        const c = session();
        // dies right after record k is written (sent: after record k + 1 is written, cut back to k records
        // as a crash in the middle of writing k + 1 leaves it; k's commands went out)
        c.kernel.onRecorded = (seq) => { if (seq === (sent ? k + 1 : k)) throw new Crash(); };
        expect(() => c.run(c.kernel, END)).toThrow(Crash);
        c.port.attach({ execReport() {} }); // the dead process hears nothing more
        const whole = c.journal.bytes();
        const cutAt = sent ? ends[k] + Math.floor((ends[k + 1] - ends[k]) / 2) : ends[k];
        expect(whole.subarray(0, ends[k]).equals(img.subarray(0, ends[k]))).toBe(true); // same run up to k
        const j = MemoryJournal.from(whole.subarray(0, cutAt));
        const port = new SimVenuePort(c.market.venue, ['AAPL']);
        const r = resumeKernel(j, { clock: c.clock, port }, (cl, p) => buildKernel(config(), { clock: cl, venue: p }));
        const k2 = r.kernel;
        expect(k2.replayMismatches).toBe(0);
        expect(k2.stateHash()).toBe(hashes[k]);
        c.setTarget(k2);
        const asked = k2.reconcile();
        k2.poll(); // the simulator answers at once
        expect(k2.recon.holding).toBe(false);
        if (asked > 0) recovered++;
        missingAtVenue += k2.discrepancies.filter((d) => d.kind === 'MissingAtVenue').length;
        // after reconciliation: every order the kernel holds live is live at the venue with the same fills
        const o = k2.oms.orders;
        for (let sl = 0; sl < o.capacity; sl++) {
          if (!isLive(o.status[sl])) continue;
          const vid = o.orderId[sl] !== 0 ? o.orderId[sl] : SIM_ID_BASE + o.clOrdId[sl];
          expect(c.market.venue.engine(0).orderQty(vid)).toBe(o.leavesQty[sl]);
        }
        expect(k2.position(0, 0) + k2.position(1, 0)).toBe(c.record.net);
        c.run(k2, END + 200 * STEP);
        expect(c.record.sentTwice).toBe(0);
        expect(c.record.duplicates).toBe(0);
        expect(k2.position(0, 0) + k2.position(1, 0)).toBe(c.record.net);
        const all = replayKernel(j, (cl, p) => buildKernel(config(), { clock: cl, venue: p }));
        expect(all.kernel.replayMismatches).toBe(0);
        expect(all.kernel.stateHash()).toBe(k2.stateHash());
      }
    }
    expect(recovered).toBeGreaterThan(0);
    // the orders of a crash before their send were unknown at the venue, and reported so
    expect(missingAtVenue).toBeGreaterThan(0);
  });
});
