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
//   eventsPerSecond    kernel events (market data + reports) per wall second, untimed pass
//   tickToOrderP99Us   per market-data event that produced an order: from the event entering the kernel
//                      (feedItch) to the order's bytes complete in the encoder buffer, p99 over all such
//                      events of a timed pass (monoNs around each event costs ~50 ns, included)
//   withoutFeatures    the same with buildKernel's per-event feature vectors off (features: false): the
//                      signal step's share of the latency
// Time: the kernel runs on a SimClock set to each message's exchange time; wall time is read only here.

import { SimClock } from '../clock/clock.js';
import { monoNs } from '../clock/live.js';
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
  const kernel = buildKernel({ instruments: ['AAPL'], strategies: [{ strategy, limits }], ringCapacity: 4096, features }, { clock, venue: port });
  return { kernel, clock, out, strategy };
}

/** The encoder output, stamping when each message's bytes are complete. */
class TimedOutput extends EncoderOutput {
  doneNs = 0;
  override sendApp(msgType: string, body: Buffer, len: number): boolean {
    super.sendApp(msgType, body, len);
    this.doneNs = monoNs();
    return true;
  }
}

export interface KernelBenchOptions {
  /** Market-data messages replayed per pass (default 200,000). */
  messages?: number;
  seed?: number;
  /** Compute the src/signal features in the kernel (default true, as buildKernel does). */
  features?: boolean;
}

export function benchKernel(opts: KernelBenchOptions = {}): KernelBenchResult {
  const rec = recordItch(opts.messages ?? 200_000, opts.seed ?? 42);
  const run = (timed: boolean, features: boolean): { ns: number; events: number; orders: number; lat: Float64Array; samples: number } => {
    const { kernel, clock, out, strategy } = makeKernel(features);
    const lat = new Float64Array(rec.n);
    let samples = 0;
    let execId = 0;
    const t0 = monoNs();
    for (let i = 0; i < rec.n; i++) {
      clock.set(rec.ts[i]);
      const before = out.messages;
      const s = timed ? monoNs() : 0;
      kernel.feedItch(rec.buf, rec.offsets[i], rec.offsets[i + 1] - rec.offsets[i], rec.ts[i]);
      kernel.poll();
      if (out.messages !== before) {
        if (timed) lat[samples++] = out.doneNs - s;
        // the venue answers the order (one per event: the strategy sends at most one): accepted, then the
        // IOC remainder cancelled
        const cl = strategy.lastCl;
        kernel.sink.execReport(OrderEvent.OrderAccepted, ++execId, cl, 0, cl, 0, 0, 0, 0, rec.ts[i]);
        kernel.sink.execReport(OrderEvent.OrderCancelled, ++execId, cl, 0, cl, 0, 0, 0, 0, rec.ts[i]);
        kernel.poll();
      }
    }
    const ns = monoNs() - t0;
    return { ns, events: kernel.feedEvents + kernel.execEvents, orders: out.messages, lat, samples };
  };
  const measure = (features: boolean) => {
    run(false, features); // warm-up
    const thr = run(false, features);
    const timed = run(true, features);
    const lat = timed.lat.subarray(0, timed.samples).sort();
    const pct = (p: number): number => (lat.length === 0 ? NaN : lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]);
    return {
      eventsPerSecond: Math.round((thr.events / thr.ns) * 1e9),
      tickToOrderP99Us: Math.round(pct(0.99) / 10) / 100,
      tickToOrderP50Us: Math.round(pct(0.5) / 10) / 100,
      orders: thr.orders,
      samples: timed.samples,
    };
  };
  const on = measure(opts.features ?? true);
  const off = measure(false);
  return {
    eventsPerSecond: on.eventsPerSecond,
    tickToOrderP99Us: on.tickToOrderP99Us,
    tickToOrderP50Us: on.tickToOrderP50Us,
    marketEvents: rec.n,
    orders: on.orders,
    samples: on.samples,
    withoutFeatures: { eventsPerSecond: off.eventsPerSecond, tickToOrderP99Us: off.tickToOrderP99Us, tickToOrderP50Us: off.tickToOrderP50Us },
  };
}
