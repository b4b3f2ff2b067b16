// StageRouter: orders go to the port of their strategy's stage at submit; cancels and replaces follow the
// order's port even after a stage change; execution ids are renumbered per port (no collisions between
// ports that count independently); fills are counted as shadow or real by the port that reported them.
import { describe, expect, it } from 'vitest';
import { OrderEvent } from '../../src/core/events.js';
import { OrdStatus } from '../../src/oms/table.js';
import { SystemCounters } from '../../src/metrics/counters.js';
import { StageRouter, STAGE_LIVE, STAGE_PAPER, STAGE_SHADOW } from '../../src/run/router.js';
import type { VenueEventSink, VenuePort } from '../../src/venue/types.js';

class FakePort implements VenuePort {
  readonly kind = 'null';
  sink: VenueEventSink | null = null;
  readonly calls: string[] = [];
  attach(s: VenueEventSink): void { this.sink = s; }
  submit(cl: number): void { this.calls.push(`submit ${cl}`); }
  cancel(cl: number, orig: number): void { this.calls.push(`cancel ${cl} ${orig}`); }
  replace(cl: number, orig: number): void { this.calls.push(`replace ${cl} ${orig}`); }
  onMarket(): void { this.calls.push('market'); }
}

function setup() {
  const c = new SystemCounters({ strategies: ['a', 'b'], instruments: ['X', 'Y'], traded: [[0], [1]], feeds: ['itch'], venues: ['shadow', 'simulator', 'fix'] });
  const ports = [new FakePort(), new FakePort(), new FakePort()] as const;
  const r = new StageRouter(ports, c, 2);
  const owner = new Map<number, number>();
  r.lookup = (cl) => owner.get(cl) ?? -1;
  const got: Array<{ event: number; execId: number; cl: number }> = [];
  r.attach({ execReport: (event, execId, cl) => { got.push({ event, execId, cl }); } });
  return { c, ports, r, owner, got };
}

describe('StageRouter', () => {
  it('routes by stage at submit, keeps an order on its port after a stage change', () => {
    const { ports, r, owner } = setup();
    r.stage[0] = STAGE_SHADOW;
    r.stage[1] = STAGE_PAPER;
    owner.set(1, 0).set(2, 1);
    r.submit(1, 0, 0, 10, 100, 0, 0);
    r.submit(2, 1, 1, 10, 100, 0, 0);
    expect(ports[0].calls).toEqual(['submit 1']);
    expect(ports[1].calls).toEqual(['submit 2']);
    r.stage[0] = STAGE_LIVE; // promoted while order 1 rests in shadow
    owner.set(3, 0);
    r.replace(3, 1, 0, 0, 20, 101, 0);
    r.cancel(4, 3, 0, 0, 0);
    expect(ports[0].calls).toEqual(['submit 1', 'replace 3 1', 'cancel 4 3']);
    owner.set(5, 0);
    r.submit(5, 0, 0, 10, 100, 0, 0);
    expect(ports[2].calls).toEqual(['submit 5']);
    r.onMarket(0, NaN, 0, 0);
    expect(ports[0].calls.at(-1)).toBe('market');
    expect(r.open).toBe(4);
  });

  it('renumbers execution ids per port and counts fills by the reporting port', () => {
    const { c, ports, r, owner, got } = setup();
    r.stage[0] = STAGE_SHADOW;
    r.stage[1] = STAGE_PAPER;
    owner.set(1, 0).set(2, 1);
    r.submit(1, 0, 0, 10, 100, 0, 0);
    r.submit(2, 1, 1, 10, 100, 0, 0);
    ports[0].sink!.execReport(OrderEvent.OrderAccepted, 1, 1, 0, 9, 0, 0, 0, 0, 5);
    ports[1].sink!.execReport(OrderEvent.OrderAccepted, 1, 2, 0, 9, 0, 0, 0, 0, 5);
    ports[0].sink!.execReport(OrderEvent.OrderFilled, 2, 1, 0, 9, 10, 100, 0, 0, 6);
    ports[1].sink!.execReport(OrderEvent.OrderPartiallyFilled, 2, 2, 0, 9, 4, 100, 0, 0, 6);
    ports[1].sink!.execReport(OrderEvent.OrderCancelRejected, 0, 7, 2, 0, 0, 0, 0, 0, 6);
    expect(got.map((g) => g.execId)).toEqual([3, 4, 6, 7, 0]);
    expect(new Set(got.slice(0, 4).map((g) => g.execId)).size).toBe(4);
    expect(c.shadowFills[0 * 2 + 0]).toBe(1);
    expect(c.fills[1 * 2 + 1]).toBe(1);
    expect(c.fills[0]).toBe(0);
    expect(c.orders[0]).toBe(1);
    expect(c.orderAck[0].count + c.orderAck[1].count).toBe(2);
    expect(r.open).toBe(1); // order 1 filled and forgotten; order 2 partially filled
  });

  it('sends a live order to paper when there is no live venue (counted)', () => {
    const c = new SystemCounters({ strategies: ['a'], instruments: ['X'], traded: [[0]], feeds: ['itch'], venues: ['shadow', 'simulator', 'fix'] });
    const paper = new FakePort();
    const r = new StageRouter([new FakePort(), paper, null], c, 1);
    r.lookup = () => 0;
    r.stage[0] = STAGE_LIVE;
    r.submit(1, 0, 0, 1, 1, 0, 0);
    expect(paper.calls).toEqual(['submit 1']);
    expect(r.fallbacks).toBe(1);
  });

  it('sends status requests to the order\'s port; a port that cannot ask answers "unknown" at once', () => {
    const { ports, r, owner } = setup();
    const asked: number[] = [];
    (ports[1] as FakePort & { requestStatus?: VenuePort['requestStatus'] }).requestStatus = (cl) => { asked.push(cl); ports[1].sink!.orderStatus?.(cl, 9, OrdStatus.Cancelled, 0, 0, 0, 10, 0); };
    const answers: number[][] = [];
    r.attach({ execReport: () => {}, orderStatus: (cl, orderId, st) => { answers.push([cl, orderId, st]); } });
    r.stage[0] = STAGE_PAPER;
    r.stage[1] = STAGE_SHADOW;
    owner.set(1, 0).set(2, 1);
    r.submit(1, 0, 0, 10, 100, 0, 0);
    r.submit(2, 1, 1, 10, 100, 0, 0);
    r.stage[0] = STAGE_SHADOW; // the order stays where it was sent
    r.requestStatus(1, 0, 0, 0, 0);
    r.requestStatus(2, 0, 1, 0, 0);
    expect(asked).toEqual([1]);
    expect(answers).toEqual([[1, 9, OrdStatus.Cancelled], [2, 0, OrdStatus.Rejected]]);
    expect(r.open).toBe(0); // a final answer ends the order's route
  });
});
