// Venue: { Kind: fix, Settings: fix.yaml }: live strategies send their orders over FIX to the venue the
// settings name (here a FIX 4.4 gateway in front of a separate simulator Venue, standing in for an outside
// exchange), while the market data stays the in-process synthetic market.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveClock, setLiveTimeout, wallMs } from '../../src/clock/live.js';
import { validateRun } from '../../src/config/run.js';
import { Gateway, startGatewayAcceptor } from '../../src/exchange/index.js';
import { FixDictionary } from '../../src/fix/index.js';
import { createLogger } from '../../src/run/log.js';
import { startSystem } from '../../src/run/system.js';
import { Venue } from '../../src/sim/index.js';

const dictPath = fileURLToPath(new URL('../../../shared/data/quickfix/spec/FIX44.xml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hftbot-outside-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise<void>((r) => setLiveTimeout(r, ms));

describe('live stage against a configured FIX venue', () => {
  it('logs on with the settings\' session and gets its orders acknowledged by that venue', async () => {
    const venue = new Venue({ instruments: [{ symbol: 'AAPL', referencePx: 1_900_000, bandBps: 2000 }] });
    const clock = new LiveClock();
    const epochMs = Math.round((wallMs() - clock.now() / 1e6) / 86_400_000) * 86_400_000;
    const gateway = new Gateway({ venue, clock, epochMs });
    const acceptor = await startGatewayAcceptor({ host: '127.0.0.1', port: 0, compId: 'OUTX', allowed: new Set(['HFTBOT']), dictionary: FixDictionary.fromFile(dictPath), app: gateway, time: { clock, epochMs } });
    writeFileSync(join(dir, 'fix.yaml'), [
      'default:', '  ConnectionType: initiator', '  SenderCompID: HFTBOT', '  TargetCompID: OUTX', '  SocketConnectHost: 127.0.0.1',
      `  SocketConnectPort: ${acceptor.port}`, '  ResetOnLogon: Y', '  HeartBtInt: 5', `  DataDictionary: ${dictPath}`, 'sessions:', '  - { BeginString: FIX.4.4 }', '',
    ].join('\n'));
    const r = validateRun({
      Market: { Instruments: ['AAPL'], Seed: 9 },
      Venue: { Kind: 'fix', Settings: 'fix.yaml' },
      Strategies: [{ Name: 'm', Stage: 'live', Spec: { Strategy: 'Momentum', Asset: 'AAPL', LookbackWindow: '100ms', EntryThreshold: 0.5 } }],
    }, dir, () => ({ ok: false, message: 'none' }));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const sys = await startSystem(r.value, { port: 0, journalDir: join(dir, 'j'), logger: createLogger({ level: 'silent' }), api: false, processMetrics: false });
    try {
      expect(sys.liveError).toBeNull();
      expect(sys.live!.sessionName).toBe('HFTBOT-OUTX');
      const end = wallMs() + 15_000;
      while (sys.counters.orderAck[2].count === 0 && wallMs() < end) await sleep(100);
      expect(sys.live!.session.loggedOn).toBe(true);
      expect(acceptor.sessions.has('HFTBOT')).toBe(true);
      expect(sys.counters.orderAck[2].count).toBeGreaterThan(0);
      expect(sys.counters.orderAck[1].count).toBe(0); // nothing went to the local simulator
      expect(await sys.metrics.scrape()).toContain('hftbot_fix_session_up{session="HFTBOT-OUTX"} 1');
    } finally {
      await sys.stop('test');
      await acceptor.close();
    }
  }, 30_000);
});
