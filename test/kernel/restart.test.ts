// Crash and restart against the simulator: the kernel journals to a file; it "dies" (its port goes
// deaf, the journal is closed with a torn record at its end, as kill -9 mid-write would leave it); a new
// kernel resumes from the journal (replay with sends suppressed, then live on the same venue); state
// hashes match at the crash, positions match the venue's own record, no order went out twice, and the
// whole journal (before and after the restart) replays to the final state.
import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimClock } from '../../src/clock/clock.js';
import { validateStrategy } from '../../src/config/index.js';
import type { StrategySpec } from '../../src/config/index.js';
import { Reject } from '../../src/core/rejects.js';
import { FileJournal } from '../../src/journal/index.js';
import { buildKernel, replayKernel, resumeKernel, type Kernel, type KernelConfig } from '../../src/kernel/index.js';
import { createSyntheticMarket, defaultInstruments, ItchPublisher, NoopVenueListener } from '../../src/sim/index.js';
import { limitsFromSpec, strategyFromSpec } from '../../src/strategy/index.js';
import { SimVenuePort } from '../../src/venue/index.js';

const OWNER = 1_000_000;

function spec(raw: Record<string, unknown>): StrategySpec {
  const r = validateStrategy(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
const specs = [
  spec({ Strategy: 'Momentum', Asset: 'AAPL', LookbackWindow: '100ms', EntryThreshold: 0.7, RiskTolerance: 'Low' }),
  spec({ Strategy: 'Market Making', Asset: 'AAPL', Gamma: 0.1, Kappa: 150, Horizon: '10s', VolWindow: '1s', QuoteQty: 100, MaxInventory: 300, RefreshInterval: '50ms', RiskTolerance: 'Medium' }),
];
const config = (): KernelConfig => ({ instruments: ['AAPL'], strategies: specs.map((s) => ({ strategy: strategyFromSpec(s), limits: limitsFromSpec(s) })) });

/** The venue's own record of our trading: net position, orders seen, duplicate-id rejects. */
class VenueRecord extends NoopVenueListener {
  net = 0;
  accepted = new Set<number>();
  duplicates = 0;
  dupIds = 0;
  override onAccepted(_i: number, id: number, owner: number): void {
    if (owner !== OWNER) return;
    if (this.accepted.has(id)) this.dupIds++;
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

/** The simulator port, counting what the kernel sent through it. */
class CountingPort extends SimVenuePort {
  sent = 0;
  override submit(...a: Parameters<SimVenuePort['submit']>): void { this.sent++; super.submit(...a); }
  override cancel(...a: Parameters<SimVenuePort['cancel']>): void { this.sent++; super.cancel(...a); }
  override replace(...a: Parameters<SimVenuePort['replace']>): void { this.sent++; super.replace(...a); }
}

describe('crash and restart from the journal', () => {
  it('resumes to the same state, continues trading, and the journal replays to the final state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hftbot-restart-'));
    try {
      const path = join(dir, 'kernel.journal');
      const market = createSyntheticMarket({ seed: 21, instruments: defaultInstruments().filter((i) => i.symbol === 'AAPL') });
      const record = new VenueRecord();
      market.venue.addListener(record);
      let target: Kernel | null = null;
      new ItchPublisher(market.venue, { taps: [(b, off, len) => target!.feedItch(b, off, len, 0)] });
      const clock = new SimClock(market.clock.now());
      const run = (k: Kernel, seconds: number): void => {
        const until = clock.now() + seconds * 1e9;
        for (let t = clock.now() + 1e6; t <= until; t += 1e6) {
          market.step(t);
          clock.set(t);
          k.poll();
        }
      };

      const j1 = new FileJournal(path, { fsync: 'batch' });
      const port1 = new CountingPort(market.venue, ['AAPL']);
      const k1 = buildKernel(config(), { clock, venue: port1, journal: j1 });
      target = k1;
      run(k1, 15);
      expect(k1.commands).toBeGreaterThan(100);
      const atCrash = k1.stateHash();
      // kill -9: the process is gone (its port hears nothing more), a record was half written
      port1.attach({ execReport() {} });
      j1.close();
      appendFileSync(path, Buffer.from([0x48, 0x4a, 0x01, 0x09, 0x40, 0, 0, 0, 7, 7]));

      const j2 = new FileJournal(path, { fsync: 'batch' });
      expect(j2.truncatedBytes).toBe(10);
      const port2 = new SimVenuePort(market.venue, ['AAPL']);
      const r = resumeKernel(j2, { clock, port: port2 }, (c, p) => buildKernel(config(), { clock: c, venue: p }));
      const k2 = r.kernel;
      expect(k2.replayMismatches).toBe(0);
      expect(k2.stateHash()).toBe(atCrash);
      expect(r.port.commands).toBe(port1.sent); // every regenerated command was held back
      expect(k2.position(0, 0) + k2.position(1, 0)).toBe(record.net);
      target = k2;
      const before = k2.commands;
      run(k2, 15);
      expect(k2.commands).toBeGreaterThan(before);
      expect(k2.oms.duplicates).toBe(k1.oms.duplicates); // the new port's execIds are new
      expect(k2.position(0, 0) + k2.position(1, 0)).toBe(record.net);
      expect(record.duplicates).toBe(0);
      expect(record.dupIds).toBe(0);
      const final = k2.stateHash();
      j2.sync();

      const all = replayKernel(j2, (c, p) => buildKernel(config(), { clock: c, venue: p }));
      expect(all.kernel.replayMismatches).toBe(0);
      expect(all.kernel.stateHash()).toBe(final);
      j2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
