// Kernel benchmark (`hftbot bench kernel --json` -> {eventsPerSecond, tickToOrderP99Us}).
//
// Input: ITCH 5.0 messages recorded once from the synthetic market (AAPL, seeded), replayed through the
// full kernel: ring -> ITCH handler -> L3 book -> features -> risk reference -> strategy -> risk check
// (the `high` preset: every configurable check on) -> OMS -> FIX venue port, whose output is the FIX
// encoder writing the complete NewOrderSingle (header, body, checksum) into its buffer: the bytes a socket
// would get, no socket. The strategy sends a marketable IOC buy whenever the best ask changes; the "venue"
// answers every order with an ack and a cancel (pushed into the kernel's ring, handled like real reports),
// so the OMS and risk state stay bounded.
// Figures:
//   eventsPerSecond    kernel events (market data + reports) per wall second, median of the untimed passes
//   tickToOrderP99Us   per market-data event that produced an order: from the event entering the kernel
//                      (feedItch) to the order's bytes complete in the encoder buffer, p99 over all such
//                      events of `passes` timed passes pooled (~5.5k samples a pass), minus the cost of
//                      one timer read (timerOverheadNs, measured; the sample's two reads add one). The
//                      timer is monoMs() (performance.now: ns resolution, ~40 ns, allocation-free):
//                      monoNs() allocates a bigint per read, and the scavenges that provokes would land
//                      in the samples.
//   Warm-up: `warmupPasses` untimed passes of both configurations run first (see benchKernel); on and
//   off passes then alternate so machine noise falls on both alike.
//   withoutFeatures    the same with buildKernel's per-event feature vectors off (features: false): the
//                      signal step's share of the latency
// Time: the kernel runs on a SimClock set to each message's exchange time; wall time is read only here.

import { SimClock } from '../clock/clock.js';
import { monoMs, monoNs } from '../clock/live.js';
import { OrderEvent } from '../core/events.js';
import type { StateHasher } from '../core/hash.js';
import { SIDE_BID } from '../core/units.js';
import { RISK_PRESETS } from '../config/presets.js';
import { limitsFromPreset } from '../risk/index.js';
import { createSyntheticMarket, defaultInstruments } from '../sim/agents.js';
import { ItchPublisher } from '../sim/itch-publisher.js';
import type { OrderEventView, Strategy, StrategyContext } from '../strategy/types.js';
import { EncoderOutput, FixVenuePort } from '../venue/fix.js';
import { TimeInForce } from '../venue/types.js';
import { buildKernel } from './build.js';
import type { Kernel } from './kernel.js';

export interface KernelBenchResult {
  eventsPerSecond: number;
  tickToOrderP99Us: number;
  tickToOrderP50Us: number;
  marketEvents: number;
  orders: number;
  samples: number;
  /** Cost of one timer read (ns), subtracted from every latency sample. */
  timerOverheadNs: number;
  /** The same two passes with the kernel's feature computation (src/signal) switched off. */
  withoutFeatures: { eventsPerSecond: number; tickToOrderP99Us: number; tickToOrderP50Us: number };
}

/** Buys at the ask whenever the ask moves (a strategy that trades on many events). */
class TouchTaker implements Strategy {
  readonly name = 'bench-touch-taker';
  readonly symbols = ['AAPL'];
  private ctx!: StrategyContext;
  private lastAsk = NaN;
  sent = 0;
  /** clOrdId of the last order sent. */
  lastCl = 0;
  init(ctx: StrategyContext): void {
    this.ctx = ctx;
  }
  onBook(inst: number): void {
    const ask = this.ctx.book.bestAsk(inst);
    if (ask === this.lastAsk || !(ask === ask)) return;
    this.lastAsk = ask;
    const cl = this.ctx.submit(inst, SIDE_BID, 100, ask, TimeInForce.Ioc);
    if (cl > 0) {
      this.sent++;
      this.lastCl = cl;
    }
  }
  onTrade(): void {}
  onTimer(): void {}
  onOrderEvent(_ev: OrderEventView): void {}
  hash(h: StateHasher): void {
    h.int(this.sent);
  }
}

/** Records the market's ITCH stream: length-prefixed messages in one buffer. Cold. */
function recordItch(messages: number, seed: number): { buf: Buffer; offsets: Int32Array; ts: Float64Array; n: number } {
  const market = createSyntheticMarket({ seed, instruments: defaultInstruments().filter((i) => i.symbol === 'AAPL') });
  const buf = Buffer.alloc(messages * 52);
  const offsets = new Int32Array(messages + 1);
  const ts = new Float64Array(messages);
  let n = 0;
  let pos = 0;
  new ItchPublisher(market.venue, {
    taps: [(b, off, len) => {
      if (n >= messages) return;
      b.copy(buf, pos, off, off + len);
      offsets[n] = pos;
      ts[n] = b.readUInt16BE(off + 5) * 4294967296 + b.readUInt32BE(off + 7);
      pos += len;
      n++;
      offsets[n] = pos;
    }],
  });
  let t = market.clock.now();
  while (n < messages) market.step((t += 10_000_000));
  return { buf, offsets, ts, n };
}

function makeKernel(features: boolean): { kernel: Kernel; clock: SimClock; out: TimedOutput; strategy: TouchTaker } {
  const clock = new SimClock(0);
  const out = new TimedOutput();
  const port = new FixVenuePort(out, { symbols: ['AAPL'], epochMs: 1_767_571_200_000 });
  const limits = limitsFromPreset(RISK_PRESETS.high, { priceScale: 10_000 });
  const strategy = new TouchTaker();
  // 'always': the touch taker reads no features, and by default the kernel computes them only for readers
  const kernel = buildKernel({ instruments: ['AAPL'], strategies: [{ strategy, limits }], ringCapacity: 4096, features: features ? 'always' : false }, { clock, venue: port });
  return { kernel, clock, out, strategy };
}

/** The encoder output, stamping when each message's bytes are complete. */
class TimedOutput extends EncoderOutput {
  doneMs = 0;
  override sendApp(msgType: string, body: Buffer, len: number): boolean {
    super.sendApp(msgType, body, len);
    this.doneMs = monoMs();
    return true;
  }
}

export interface KernelBenchOptions {
  /** Market-data messages replayed per pass (default 200,000). */
  messages?: number;
  seed?: number;
  /** Compute the src/signal features in the kernel (default true, as buildKernel does). */
  features?: boolean;
  /** Timed (and untimed) passes per configuration; latencies are pooled over the timed ones (default 3). */
  passes?: number;
  /** Untimed warm-up passes per configuration before anything is measured (default 2). */
  warmupPasses?: number;
}

/** Cost of one monoMs() read, ns: median gap between back-to-back reads (what a sample's two reads add). */
function timerOverheadNs(): number {
  const n = 20_001;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = monoMs();
    d[i] = (monoMs() - a) * 1e6;
  }
  d.sort();
  return d[n >> 1];
}

export function benchKernel(opts: KernelBenchOptions = {}): KernelBenchResult {
  const rec = recordItch(opts.messages ?? 200_000, opts.seed ?? 42);
  const passes = Math.max(1, opts.passes ?? 3);
  const warmups = Math.max(0, opts.warmupPasses ?? 2);
  const featuresOn = opts.features ?? true;
  // Latency samples of all timed passes of one configuration, pooled (enough samples for a stable p99).
  const lat = { on: new Float64Array(rec.n * passes), off: new Float64Array(rec.n * passes) };
  const count = { on: 0, off: 0 };
  const tput = { on: [] as number[], off: [] as number[] };
  const orders = { on: 0, off: 0 };
  let overhead = 0;
  const run = (timed: boolean, key: 'on' | 'off'): void => {
    const { kernel, clock, out, strategy } = makeKernel(key === 'on' ? featuresOn : false);
    const sink = lat[key];
    let samples = count[key];
    let execId = 0;
    const t0 = monoNs();
    for (let i = 0; i < rec.n; i++) {
      clock.set(rec.ts[i]);
      const before = out.messages;
      const s = timed ? monoMs() : 0;
      kernel.feedItch(rec.buf, rec.offsets[i], rec.offsets[i + 1] - rec.offsets[i], rec.ts[i]);
      kernel.poll();
      if (out.messages !== before) {
        if (timed) sink[samples++] = (out.doneMs - s) * 1e6 - overhead;
        // the venue answers the order (one per event: the strategy sends at most one): accepted, then the
        // IOC remainder cancelled
        const cl = strategy.lastCl;
        kernel.sink.execReport(OrderEvent.OrderAccepted, ++execId, cl, 0, cl, 0, 0, 0, 0, rec.ts[i]);
        kernel.sink.execReport(OrderEvent.OrderCancelled, ++execId, cl, 0, cl, 0, 0, 0, 0, rec.ts[i]);
        kernel.poll();
      }
    }
    const ns = monoNs() - t0;
    if (timed) count[key] = samples;
    else {
      tput[key].push(((kernel.feedEvents + kernel.execEvents) / ns) * 1e9);
      orders[key] = out.messages;
    }
  };
  // Warm-up: a live engine replays recorded traffic through a throwaway kernel before trading, so every
  // hot function is optimized for the shapes it will see (first mid changes, first window evictions,
  // order acks/cancels) before the first real event. Both configurations warm up before anything is
  // measured, and their passes alternate, so neither profits from running second.
  for (let w = 0; w < warmups; w++) {
    run(false, 'on');
    run(false, 'off');
  }
  overhead = Math.round(timerOverheadNs());
  for (let r = 0; r < passes; r++) {
    run(false, 'on');
    run(false, 'off');
    run(true, 'on');
    run(true, 'off');
  }
  const summary = (key: 'on' | 'off') => {
    const l = lat[key].subarray(0, count[key]).sort();
    const pct = (p: number): number => (l.length === 0 ? NaN : l[Math.min(l.length - 1, Math.floor(p * l.length))]);
    const t = tput[key].sort((a, b) => a - b);
    return {
      eventsPerSecond: Math.round(t[t.length >> 1]),
      tickToOrderP99Us: Math.round(pct(0.99) / 10) / 100,
      tickToOrderP50Us: Math.round(pct(0.5) / 10) / 100,
      samples: l.length,
    };
  };
  const on = summary('on');
  const off = summary('off');
  return {
    eventsPerSecond: on.eventsPerSecond,
    tickToOrderP99Us: on.tickToOrderP99Us,
    tickToOrderP50Us: on.tickToOrderP50Us,
    marketEvents: rec.n,
    orders: orders.on,
    samples: on.samples,
    timerOverheadNs: overhead,
    withoutFeatures: { eventsPerSecond: off.eventsPerSecond, tickToOrderP99Us: off.tickToOrderP99Us, tickToOrderP50Us: off.tickToOrderP50Us },
  };
}
