// A QuickFIX program (qf-trader.cpp, compiled here on Debian's libquickfix-dev) trades over FIX 4.4
// against the gateway of `hftbot exchange` (startExchange, synthetic flow on): its ExecutionReports
// reconcile with the engine's fills, fill by fill (LastQty, LastPx) and in the running totals (CumQty,
// LeavesQty, AvgPx), and every engine fill of its orders was reported.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExchangeConfig } from '../../src/exchange/config.js';
import { GATEWAY_ID_BASE } from '../../src/exchange/gateway.js';
import { buildQfTrader, writeQfTraderSettings } from '../../src/exchange/qf-trader.js';
import { startExchange, type ExchangeRunner } from '../../src/exchange/runner.js';
import { NoopVenueListener } from '../../src/sim/venue.js';
import { FIX44 } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'hftbot-exchange-qf-'));
let ex: ExchangeRunner | null = null;
afterAll(async () => {
  await ex?.stop();
  rmSync(dir, { recursive: true, force: true });
});

class Fills extends NoopVenueListener {
  readonly byId = new Map<number, Array<[number, number]>>();
  override onFill(_i: number, makerId: number, _mo: number, takerId: number, _to: number, _s: number, px: number, qty: number): void {
    for (const id of [makerId, takerId]) {
      if (id < GATEWAY_ID_BASE) continue;
      if (!this.byId.has(id)) this.byId.set(id, []);
      this.byId.get(id)!.push([px, qty]);
    }
  }
}

interface Er { comp: string; cl: string; orig: string; execType: string; status: string; lastQty: number; lastPx: number; cum: number; leaves: number; avg: number; orderId: string; orderQty: number }

describe('QuickFIX against hftbot exchange', () => {
  it('trades over FIX 4.4; every execution report reconciles with the engine fills', async () => {
    const bin = buildQfTrader(dir);
    const cfg = parseExchangeConfig([
      'fix: { port: 0 }',
      'marketData: { port: 9, requestPort: 0, record: false }',
      'synthetic: { enabled: true, seed: 5, stepMs: 5 }',
      'instruments:',
      '  - { symbol: AAPL, startPrice: 190 }',
      '  - { symbol: QFX, startPrice: 100, marketMakers: 0, noiseTraders: 0, momentumTraders: 0, meanReverters: 0 }',
      'sessions: { defaults: { cancelOnDisconnect: false } }',
    ].join('\n'), join(dir, 'exchange.yaml'));
    ex = await startExchange(cfg);
    const fills = new Fills();
    ex.venue.addListener(fills);
    const settings = join(dir, 'qf.cfg');
    writeQfTraderSettings(settings, { host: '127.0.0.1', port: ex.acceptor.port, target: 'EXCH', dictionary: FIX44, maker: 'QFA', taker: 'QFB' });
    const child = spawn(bin, [settings], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(lines).toContain('DONE');
    expect(lines.filter((l) => l.startsWith('TIMEOUT') || l.startsWith('SESSIONREJECT'))).toEqual([]);
    const ers: Er[] = lines.filter((l) => l.startsWith('ER ')).map((l) => {
      const [, comp, cl, orig, execType, status, lq, lp, cum, leaves, avg, orderId, oq] = l.split(' ');
      return {
        comp, cl, orig, execType, status, lastQty: lq === '-' ? 0 : Number(lq), lastPx: lp === '-' ? 0 : Number(lp), cum: Number(cum),
        leaves: Number(leaves), avg: Number(avg), orderId, orderQty: Number(oq),
      };
    });
    // reconcile: per engine order, the reports' fills in order equal the engine's fills in order
    const seen = new Map<number, Array<[number, number]>>();
    let trades = 0;
    for (const e of ers) {
      const rec = ex.gateway.order(e.comp, e.cl);
      expect(rec, `${e.comp} ${e.cl}`).toBeDefined();
      expect(e.orderId).toBe(rec!.orderId);
      const got = seen.get(rec!.id) ?? [];
      seen.set(rec!.id, got);
      if (e.execType === 'F') {
        trades++;
        got.push([Math.round(e.lastPx * 10_000), e.lastQty]);
        const engine = fills.byId.get(rec!.id) ?? [];
        expect(got[got.length - 1]).toEqual(engine[got.length - 1]);
      }
      const cum = got.reduce((s, [, q]) => s + q, 0);
      expect(e.cum).toBe(cum);
      const avg = cum === 0 ? 0 : got.reduce((s, [p, q]) => s + p * q, 0) / cum / 10_000;
      expect(e.avg).toBeCloseTo(avg, 6);
      // open: LeavesQty = OrderQty - CumQty; done (filled, cancelled): 0
      expect(e.leaves).toBe(e.status === '0' || e.status === '1' ? e.orderQty - e.cum : 0);
      expect(e.status).toBe(e.cum === e.orderQty ? '2' : e.status === '4' ? '4' : e.cum > 0 ? '1' : '0');
    }
    // every engine fill of a gateway order was reported, and nothing else was
    const engineFills = [...fills.byId.values()].reduce((s, l) => s + l.length, 0);
    expect(trades).toBe(engineFills);
    for (const [id, list] of fills.byId) expect(seen.get(id)).toEqual(list);
    // the scripted outcome on QFX (no agents there): exact
    const qfx = (cl: string) => ers.filter((e) => e.cl === cl);
    const sweep = qfx('QF6').filter((e) => e.execType === 'F');
    expect(sweep.map((e) => [e.lastPx, e.lastQty])).toEqual([[100, 100], [100.01, 200], [100.02, 300], [100.03, 400], [100.04, 200]]);
    expect(sweep.map((e) => e.leaves)).toEqual([1100, 900, 600, 200, 0]);
    expect(qfx('QF7').map((e) => `${e.execType}${e.status}:${e.cum}/${e.leaves}`)).toEqual(['00:0/500', 'F1:300/200', '44:300/0']);
    expect(qfx('QFR1').map((e) => `${e.execType}${e.status}:${e.cum}/${e.leaves}:${e.orig}`)).toEqual(['50:0/400:QF8', 'F1:150/250:QF8', 'F2:400/0:QF8']);
    expect(qfx('QFC1').map((e) => `${e.execType}${e.status}`)).toEqual(['44']);
    expect(lines).toContain('CXLREJ QFA QFC2 1');
    // AAPL traded against the synthetic market's agents
    const aapl = ers.filter((e) => (e.cl === 'QF12' || e.cl === 'QF13') && e.execType === 'F');
    expect(new Set(aapl.map((e) => e.cl))).toEqual(new Set(['QF12', 'QF13']));
    expect(trades).toBeGreaterThanOrEqual(10 + aapl.length);
  }, 60_000);
});
