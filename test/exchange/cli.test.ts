// `hftbot exchange` as a process: it starts, accepts a FIX logon and an order, publishes ITCH over
// MoldUDP64 that our MoldItchFeed decodes into a book equal to the engine's (the levels it prints at
// shutdown, up to the sequence number it prints), records the session, and stops cleanly on SIGTERM.
// The child runs the TypeScript sources through ts-register.mjs (no build needed).
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { L3Books } from '../../src/book/l3.js';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { bookLevels, type Levels } from '../../src/exchange/digest.js';
import { MoldItchFeed } from '../../src/feed/moldudp64/itch-feed.js';
import { MoldReceiver } from '../../src/feed/moldudp64/receiver.js';
import { LiveClock, wallMs } from '../../src/clock/live.js';
import { Client, nos, until } from './helpers.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hftbot-exchange-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('hftbot exchange', () => {
  it('starts, takes a FIX order, publishes a MoldUDP64 feed that rebuilds the engine book, stops on SIGTERM', async () => {
    const requestPort = await freeUdpPort();
    const received: Array<[number, Buffer]> = [];
    const rx = await MoldReceiver.open({
      port: 0, bindAddress: '127.0.0.1', session: 'HFTBOT0001', requestServer: { address: '127.0.0.1', port: requestPort },
      onMessage: (buf, off, len, seq) => received.push([seq, Buffer.from(buf.subarray(off, off + len))]),
    });
    const cfg = join(dir, 'exchange.yaml');
    writeFileSync(cfg, [
      'fix: { port: 0 }',
      `marketData: { port: ${rx.port}, requestPort: ${requestPort} }`,
      'dataDir: data',
      'synthetic: { seed: 3, stepMs: 5 }',
      'sessions: { defaults: { cancelOnDisconnect: false } }',
    ].join('\n'));
    const child = spawn(process.execPath, ['--import', './test/exchange/ts-register.mjs', 'test/exchange/cli-entry.ts', 'exchange', '--config', cfg], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    try {
      // the four start lines (the last one names the recording)
      expect(await until(() => lines.some((l) => l.startsWith('exchange: recording ITCH')), 30_000), stderr).toBe(true);
      const port = Number(/:(\d+) as EXCH$/.exec(lines.find((l) => l.startsWith('exchange: FIX 4.4 listening'))!)![1]);
      expect(lines.find((l) => l.includes('re-requests on port'))).toContain(`port ${requestPort}`);
      expect(lines.some((l) => /^exchange: recording ITCH to .*itch-\d{8}T\d{6}\.bin$/.test(l))).toBe(true);
      // a FIX client logs on and rests a bid (it stays: cancel-on-disconnect is off)
      const clock = new LiveClock();
      const c = new Client('CLI', port, { clock, epochMs: Math.round((wallMs() - clock.now() / 1e6) / 86_400_000) * 86_400_000 });
      await c.logon(10_000);
      c.send('D', nos('CLI1', '1', 100, '180'));
      expect(await until(() => c.of('8').length === 1)).toBe(true);
      expect([c.of('8')[0].get(150), c.of('8')[0].get(39)]).toEqual(['0', '0']);
      // let the synthetic market run, then stop
      expect(await until(() => received.length > 2000, 15_000)).toBe(true);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(await until(() => !c.session.loggedOn)).toBe(true);
      expect(c.of('5').at(-1)?.get(58)).toBe('venue shutting down');
      await c.stop();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    expect(lines.at(-1)).toMatch(/^exchange: stopped \(1 orders, 0 fills over FIX\)$/);
    const bookLine = lines.find((l) => l.startsWith('exchange: book '))!;
    const m = /^exchange: book (\d+) (.*)$/.exec(bookLine)!;
    const seq = Number(m[1]);
    const engine = JSON.parse(m[2]) as Levels;
    // every message up to the snapshot's sequence arrives (re-requests fill any gap), and the end of session
    expect(await until(() => rx.sessionEnded, 10_000)).toBe(true);
    await rx.close();
    const seqs = received.map(([s]) => s);
    expect(seqs.slice(0, seq)).toEqual(Array.from({ length: seq }, (_x, k) => k + 1));
    // the feed-side book after message `seq` equals the engine's
    const books = new L3Books();
    const registry = new InstrumentRegistry();
    const feed = new MoldItchFeed({ books, registry });
    for (const [s, b] of received) if (s <= seq) feed.onMessage(b, 0, b.length, s);
    expect(feed.errors, feed.errorSamples.join('\n')).toBe(0);
    const ids = new Map(Object.keys(engine).map((sym) => [sym, registry.find(sym)!.id]));
    expect(bookLevels(books, ids)).toEqual(engine);
    expect(engine.AAPL.bids.length).toBeGreaterThan(3);
    expect(engine.AAPL.bids.find(([px]) => px === 1_800_000)?.[1]).toBe(100); // the FIX order is on the feed
    // the recording holds the whole session
    const rec = readdirSync(join(dir, 'data'));
    expect(rec.length).toBe(1);
    expect(statSync(join(dir, 'data', rec[0])).size).toBeGreaterThan(20 * seq);
  }, 60_000);

  it('refuses a bad configuration with file:line:col and exit code 1', async () => {
    const cfg = join(dir, 'bad.yaml');
    writeFileSync(cfg, 'fix:\n  port: 9878\nsynthetic:\n  seed: many\n');
    const child = spawn(process.execPath, ['--import', './test/exchange/ts-register.mjs', 'test/exchange/cli-entry.ts', 'exchange', '--config', cfg], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(stderr).toContain(`hftbot: ${cfg}:4:9: synthetic.seed: `);
  }, 30_000);
});
