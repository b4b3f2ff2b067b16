// Issue 5, item 6 in the running system: the live FIX session drops, the venue changes an order while no
// report can reach us (the simulator cancels one of our resting quotes: its ExecutionReport dies with the
// connection, and the next logon resets sequence numbers, so nothing is resent), and at the reconnect's
// logon the kernel reconciles: it asks the venue for every open order's status, books the cancel the
// report would have carried, reports the difference, and takes new orders again once every answer is in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLiveTimeout, wallMs } from '../../src/clock/live.js';
import { validateRun } from '../../src/config/run.js';
import { GATEWAY_ID_BASE } from '../../src/exchange/gateway.js';
import { OrdStatus } from '../../src/oms/table.js';
import { createLogger } from '../../src/run/log.js';
import { STAGE_LIVE } from '../../src/run/router.js';
import { startSystem, type RunningSystem } from '../../src/run/system.js';

const sleep = (ms: number) => new Promise<void>((r) => setLiveTimeout(r, ms));
async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = wallMs() + ms;
  while (!cond() && wallMs() < end) await sleep(20);
  return cond();
}

describe('a running system: reconciliation after a FIX reconnect', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hftbot-reconnect-'));
  let sys: RunningSystem;
  const logs: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    const r = validateRun({
      Market: { Instruments: ['AAPL', 'MSFT'], Seed: 5 },
      Strategies: [{ Name: 'mm-live', Stage: 'live', Spec: { Strategy: 'Market Making', Asset: 'MSFT', RiskTolerance: 'Low' } }],
      CancelOnExit: true,
    }, dir, () => ({ ok: false, message: 'none' }));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const destination = new Writable({
      write(chunk: Buffer, _enc, cb) {
        for (const line of chunk.toString('utf8').split('\n')) if (line !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
        cb();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    sys = await startSystem(r.value, { port: 0, journalDir: dir, logger, api: false, processMetrics: false });
  });
  afterAll(async () => {
    await sys?.stop('test');
    rmSync(dir, { recursive: true, force: true });
  });

  /** A live order the venue acknowledged and that rests there now: its OMS slot, or -1. */
  const restingLive = (): number => {
    const o = sys.kernel.oms.orders;
    for (let s = 0; s < o.capacity; s++) {
      if (o.status[s] !== OrdStatus.New || o.pendClOrdId[s] !== 0 || o.orderId[s] === 0) continue;
      if (sys.router.stage[o.strategy[s]] !== STAGE_LIVE) continue;
      if (sys.venue!.engine(sys.venue!.indexOf(sys.instruments[o.instrument[s]])).orderQty(GATEWAY_ID_BASE + o.orderId[s]) > 0) return s;
    }
    return -1;
  };

  it('books what the venue did while the session was down, reports it, and trades on', async () => {
    const live = sys.live!;
    expect(live).not.toBeNull();
    expect(await until(() => live.session.loggedOn && restingLive() >= 0, 15_000)).toBe(true);
    const logons0 = live.port.logons, rounds0 = sys.kernel.recon.rounds;
    expect(logons0).toBeGreaterThan(0); // the port hears the session's logons (onLogon is wired)

    // the connection drops; in the same turn of the event loop the venue cancels one of our quotes
    live.session.disconnect();
    const s = restingLive();
    expect(s).toBeGreaterThanOrEqual(0);
    const o = sys.kernel.oms.orders;
    const cl = o.clOrdId[s];
    const inst = sys.venue!.indexOf(sys.instruments[o.instrument[s]]);
    expect(sys.venue!.cancel(inst, GATEWAY_ID_BASE + o.orderId[s], sys.kernel.now)).toBe(0);
    expect(sys.kernel.oms.orders.status[sys.kernel.oms.slotOf(cl)]).toBe(OrdStatus.New); // we do not know yet

    // the initiator reconnects; the logon starts a reconciliation round, every answer comes back
    expect(await until(() => live.port.logons > logons0 && sys.kernel.recon.rounds > rounds0 && sys.kernel.recon.pending.size === 0, 15_000)).toBe(true);
    expect(sys.kernel.recon.holding).toBe(false);
    const slot = sys.kernel.oms.slotOf(cl);
    expect(slot < 0 || sys.kernel.oms.orders.status[slot] === OrdStatus.Cancelled).toBe(true);
    expect(sys.kernel.risk.orders.slotOf(cl)).toBe(-1); // no longer counted as open exposure
    const d = sys.kernel.discrepancies.find((x) => x.clOrdId === cl);
    expect(d?.kind).toBe('StatusMismatch');
    expect(d?.venue?.ordStatus).toBe(OrdStatus.Cancelled);
    expect(logs.some((l) => l.event === 'reconcile' && (l.asked as number) > 0)).toBe(true);
    expect(logs.some((l) => l.event === 'discrepancy' && l.clOrdId === cl)).toBe(true);

    // and it trades on: new live orders are acknowledged over the new connection
    const acks = sys.counters.orderAck[STAGE_LIVE].count;
    expect(await until(() => sys.counters.orderAck[STAGE_LIVE].count > acks, 10_000)).toBe(true);
  }, 45_000);
});
