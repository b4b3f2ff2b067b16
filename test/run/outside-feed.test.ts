// The wire path in `hftbot run`: an outside exchange (`hftbot exchange`'s runner: simulator, ITCH over
// MoldUDP64 on loopback, FIX 4.4 gateway) and a run config naming its feed and its FIX venue. The kernel
// joins the feed late (the MoldUDP64 re-request server replays the session from sequence 1), builds the
// books from the packets, runs a shadow strategy on them and sends a paper strategy's orders over FIX.
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { setLiveTimeout, wallMs } from '../../src/clock/live.js';
import { validateRun } from '../../src/config/run.js';
import { parseExchangeConfig, startExchange, type ExchangeRunner } from '../../src/exchange/index.js';
import { createLogger } from '../../src/run/log.js';
import { startSystem, type RunningSystem } from '../../src/run/system.js';

const dictPath = fileURLToPath(new URL('../../../shared/data/quickfix/spec/FIX44.xml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hftbot-outside-feed-'));
const sleep = (ms: number) => new Promise<void>((r) => setLiveTimeout(r, ms));
async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const p = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}

let exchange: ExchangeRunner | null = null;
let sys: RunningSystem | null = null;
afterAll(async () => {
  await sys?.stop('test');
  await exchange?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('hftbot run on an outside MoldUDP64 feed and FIX venue', () => {
  it('joins late, builds the books from the feed, fills in shadow and over FIX', async () => {
    const mdPort = await freeUdpPort();
    const reqPort = await freeUdpPort();
    exchange = await startExchange(parseExchangeConfig([
      `fix: { host: 127.0.0.1, port: 0, compId: EXCH, dictionary: ${dictPath} }`,
      `marketData: { host: 127.0.0.1, port: ${mdPort}, requestPort: ${reqPort}, session: HFTBOT0001, record: false }`,
      `dataDir: ${join(dir, 'data')}`,
      'synthetic: { enabled: true, seed: 4, activity: 1, stepMs: 2 }',
      '',
    ].join('\n'), join(dir, 'exchange.yaml')));
    await sleep(500); // the session is under way before we join
    writeFileSync(join(dir, 'fix.yaml'), [
      'default:', '  ConnectionType: initiator', '  SenderCompID: HFTBOT', '  TargetCompID: EXCH', '  SocketConnectHost: 127.0.0.1',
      `  SocketConnectPort: ${exchange.acceptor.port}`, '  ResetOnLogon: Y', `  DataDictionary: ${dictPath}`, 'sessions:', '  - { BeginString: FIX.4.4 }', '',
    ].join('\n'));
    const r = validateRun({
      Market: { Source: 'MoldUDP64', Host: '127.0.0.1', Port: mdPort, RequestPort: reqPort, Instruments: ['AAPL', 'MSFT'] },
      Venue: { Kind: 'fix', Settings: 'fix.yaml' },
      Strategies: [
        { Name: 'mom', Stage: 'paper', Spec: { Strategy: 'Momentum', Asset: 'AAPL', LookbackWindow: '100ms', EntryThreshold: 0.5 } },
        { Name: 'mom-shadow', Stage: 'shadow', Spec: { Strategy: 'Momentum', Asset: 'MSFT', LookbackWindow: '100ms', EntryThreshold: 0.5 } },
      ],
    }, dir, () => ({ ok: false, message: 'none' }));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    sys = await startSystem(r.value, { port: 0, journalDir: join(dir, 'j'), logger: createLogger({ level: 'silent' }), api: false, processMetrics: false });
    expect(sys.market).toBeNull();
    const end = wallMs() + 20_000;
    while ((sys.counters.fills[0] === 0 || sys.counters.shadowFills[1 * 2 + 1] === 0) && wallMs() < end) await sleep(200);
    expect(sys.counters.feedMessages[0]).toBeGreaterThan(1000);
    expect(sys.counters.feedGaps[0]).toBeGreaterThan(0); // the late join is one gap, repaired
    const k = sys.kernel;
    expect(k.books.bestBid(0)).toBeLessThan(k.books.bestAsk(0));
    expect(sys.counters.fills[0]).toBeGreaterThan(0); // paper -> the outside venue over FIX
    expect(sys.counters.orderAck[2].count).toBeGreaterThan(0);
    expect(sys.counters.shadowFills[1 * 2 + 1]).toBeGreaterThan(0);
  }, 35_000);
});
