// A kernel connected to the in-process synthetic market (src/sim): the market's ITCH publisher taps into
// the kernel's inbound ring (the same bytes a MoldUDP64 receiver would deliver), and orders go through a
// venue port: the simulator port (orders reach the synthetic venue and trade with its agents) or the
// shadow port (fills modelled on the kernel's book; the venue never sees them).
// Driving: run(untilNs, stepNs) alternates market.step(t) (agents act up to t) and kernel.poll() at t on
// the kernel's SimClock, so the kernel sees each step's market data and reports one step late at most
// (stepNs, default 1 ms: the kernel's reaction latency in this simulation).
// For tests, the backtester and `hftbot bench`. Cold wiring; the loop itself allocates nothing.

import { SimClock } from '../clock/clock.js';
import type { Journal } from '../journal/journal.js';
import { createSyntheticMarket, type SyntheticMarket, type SyntheticMarketOptions } from '../sim/agents.js';
import { ItchPublisher } from '../sim/itch-publisher.js';
import { ShadowVenuePort } from '../venue/shadow.js';
import { SimVenuePort } from '../venue/sim.js';
import type { VenuePort } from '../venue/types.js';
import { buildKernel, type KernelConfig } from './build.js';
import type { Kernel } from './kernel.js';

export interface SimSessionOptions {
  market?: SyntheticMarketOptions;
  kernel: KernelConfig;
  /** 'sim' (default): orders trade on the synthetic venue; 'shadow': fills modelled on the book. */
  venue?: 'sim' | 'shadow';
  journal?: Journal | null;
}

export interface SimSession {
  readonly market: SyntheticMarket;
  readonly kernel: Kernel;
  readonly clock: SimClock;
  readonly port: VenuePort;
  readonly publisher: ItchPublisher;
  /** Advances market and kernel together to untilNs in steps of stepNs. */
  run(untilNs: number, stepNs?: number): void;
}

export function simSession(opts: SimSessionOptions): SimSession {
  const market = createSyntheticMarket(opts.market ?? {});
  const clock = new SimClock(market.clock.now());
  let kernel: Kernel | null = null;
  const publisher = new ItchPublisher(market.venue, {
    taps: [(buf, off, len) => kernel!.feedItch(buf, off, len, 0)],
  });
  const symbols = opts.kernel.instruments.map((x) => (typeof x === 'string' ? x : x.symbol));
  const port: VenuePort = opts.venue === 'shadow' ? new ShadowVenuePort() : new SimVenuePort(market.venue, symbols);
  kernel = buildKernel(opts.kernel, { clock, venue: port, journal: opts.journal ?? null });
  const k = kernel;
  return {
    market, kernel: k, clock, port, publisher,
    run(untilNs: number, stepNs = 1_000_000): void {
      for (let t = clock.now() + stepNs; t <= untilNs; t += stepNs) {
        market.step(t);
        clock.set(t);
        k.poll();
      }
    },
  };
}

