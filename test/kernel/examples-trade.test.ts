// The shipped example strategies (examples/strategies/) that need no trained model, each alone against the
// in-process simulator for a minute of market time: each sends orders, gets fills, and (a calibration
// check: an example whose orders break its own risk preset teaches nothing) has few risk rejects.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec, type StrategySpec } from '../../src/config/index.js';
import { OrderEvent } from '../../src/core/events.js';
import { simSession } from '../../src/kernel/index.js';
import { defaultInstruments } from '../../src/sim/index.js';
import { limitsFromSpec, strategyFromSpec } from '../../src/strategy/index.js';
import type { Strategy } from '../../src/strategy/types.js';

const OPEN = 34_200e9;

function load(name: string): StrategySpec {
  const r = loadSpec(fileURLToPath(new URL(`../../examples/strategies/${name}`, import.meta.url)));
  if (!r.ok || r.kind !== 'strategy') throw new Error(JSON.stringify(r));
  return r.spec;
}

describe('example strategies trade against the simulator', () => {
  for (const name of ['market-making.yaml', 'mean-reversion.yaml', 'momentum-full.yaml']) {
    it(name, () => {
      const spec = load(name);
      const inner = strategyFromSpec(spec);
      let accepted = 0, fills = 0;
      const counting: Strategy = {
        name: inner.name, symbols: inner.symbols,
        init: (ctx) => inner.init(ctx), onBook: (i) => inner.onBook(i), onTrade: (i, px, q, a) => inner.onTrade(i, px, q, a),
        onTimer: (tag) => inner.onTimer(tag), hash: (h) => inner.hash(h),
        onOrderEvent: (ev) => {
          if (ev.event === OrderEvent.OrderAccepted) accepted++;
          if (ev.event === OrderEvent.OrderFilled || ev.event === OrderEvent.OrderPartiallyFilled) fills++;
          inner.onOrderEvent(ev);
        },
      };
      const session = simSession({
        market: { seed: 11, instruments: defaultInstruments().filter((i) => inner.symbols.includes(i.symbol)) },
        kernel: { instruments: [...inner.symbols], strategies: [{ strategy: counting, limits: limitsFromSpec(spec) }] },
      });
      session.run(OPEN + 60e9);
      const risk = session.kernel.risk;
      expect(accepted, `${name}: orders the venue accepted`).toBeGreaterThan(5);
      expect(fills, `${name}: fills`).toBeGreaterThan(0);
      expect(risk.rejects, `${name}: risk rejects of ${risk.checks} checks`).toBeLessThanOrEqual(Math.max(2, 0.05 * risk.checks));
    });
  }
});
