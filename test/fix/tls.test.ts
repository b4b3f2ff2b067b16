// TLS for the initiator (issue 3, item 3, "optional TLS"): a self-signed certificate made at test
// time with openssl (Debian's; node:crypto cannot issue certificates) for 127.0.0.1 / localhost.
// Our initiator connects with TLS, verifying the acceptor against that certificate, logs on, sends
// orders and gets every fill; a relay on the path records the bytes to show the wire is encrypted.
// It refuses acceptors it cannot verify (no CA, another CA) and a plain TCP client cannot log on
// to the TLS acceptor; after the acceptor restarts on its durable store, the initiator
// re-handshakes and the sequence numbers continue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveClock, wallMs } from '../../src/clock/live.js';
import { FixSession, MemoryStore, FileStore, defaultSessionConfig, type FixApplication } from '../../src/fix/session/index.js';
import { startAcceptor, FixInitiator, type FixAcceptor } from '../../src/fix/transport/index.js';
import { FillApplication } from '../../src/fix/interop/fill-app.js';
import type { FixMessageView } from '../../src/fix/codec/decoder.js';
import { dict44 } from './harness.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms = 8000): Promise<boolean> {
  const end = wallMs() + ms;
  while (!cond() && wallMs() < end) await sleep(5);
  return cond();
}

interface Pem {
  cert: Buffer;
  key: Buffer;
}

/** A fresh self-signed EC P-256 certificate for 127.0.0.1 and localhost, valid one day. */
function selfSigned(dir: string, name: string): Pem {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert,
  ], { stdio: 'pipe' });
  return { cert: readFileSync(cert), key: readFileSync(key) };
}

const time = (() => {
  const ms = wallMs();
  return { clock: new LiveClock(), epochMs: ms - (ms % 86_400_000) };
})();
const cfg = { ...defaultSessionConfig, beginString: 'FIX.4.4', dictionary: dict44, heartBtInt: 30 };

class Client implements FixApplication {
  readonly fills = new Map<string, { px: number; qty: number }>();
  fromApp(v: FixMessageView): number {
    if (v.get(35) === '8' && v.char(39) === 0x32) this.fills.set(v.get(11) ?? '', { px: v.price(31, 100), qty: v.int(32, -1) });
    return -1;
  }
}

const initiatorSession = (app: FixApplication) =>
  new FixSession({ ...cfg, senderCompId: 'CLIENT1', targetCompId: 'EXECUTOR', initiator: true }, new MemoryStore(), app, time);
const acceptorSession = (store = new MemoryStore() as MemoryStore | FileStore) =>
  new FixSession({ ...cfg, senderCompId: 'EXECUTOR', targetCompId: 'CLIENT1' }, store, new FillApplication(), time);

function order(s: FixSession, i: number): boolean {
  const px = (100 + i / 100).toFixed(2);
  return s.sendApp('D', [], Buffer.from(`11=T${i}\x0121=1\x0138=${100 + i}\x0140=2\x0144=${px}\x0154=1\x0155=IBM\x0160=20260105-00:00:00\x01`, 'latin1'));
}

/** A TCP relay that records the bytes going each way. */
async function recordingRelay(target: number): Promise<{ port: number; seen: Buffer[]; server: Server }> {
  const seen: Buffer[] = [];
  const server = createServer((c) => {
    const up = connect({ host: '127.0.0.1', port: target });
    c.on('data', (d) => (seen.push(Buffer.from(d)), up.write(d)));
    up.on('data', (d) => (seen.push(Buffer.from(d)), c.write(d)));
    c.on('close', () => up.destroy());
    up.on('close', () => c.destroy());
    c.on('error', () => c.destroy());
    up.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as { port: number }).port, seen, server };
}

describe('TLS initiator', () => {
  let dir = '';
  let pem: Pem;
  let other: Pem;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fix-tls-'));
    pem = selfSigned(dir, 'acceptor');
    other = selfSigned(dir, 'stranger');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('logs on over TLS, verifying the acceptor, sends 200 orders and gets every fill; the wire is ciphertext', async () => {
    const acc = await startAcceptor({ port: 0, sessions: [acceptorSession()], tls: { cert: pem.cert, key: pem.key } });
    const relay = await recordingRelay(acc.port);
    const app = new Client();
    const ini = initiatorSession(app);
    const conn = new FixInitiator(ini, { host: '127.0.0.1', port: relay.port, tls: { ca: pem.cert }, reconnectMinMs: 50, reconnectMaxMs: 200 });
    try {
      conn.start();
      expect(await until(() => ini.loggedOn)).toBe(true);
      expect(acc.sessions[0].loggedOn).toBe(true);
      for (let i = 0; i < 200; i++) expect(order(ini, i)).toBe(true);
      expect(await until(() => app.fills.size === 200)).toBe(true);
      for (let i = 0; i < 200; i++) expect(app.fills.get(`T${i}`)).toEqual({ px: 10_000 + i, qty: 100 + i });
      expect(ini.expectedSenderNum).toBe(202); // Logon + 200 orders
      expect(ini.expectedTargetNum).toBe(202); // Logon + 200 fills
      expect(conn.attempts).toBe(1);
      await conn.stop();
      expect(ini.connected).toBe(false);
      const wire = Buffer.concat(relay.seen);
      expect(wire.length).toBeGreaterThan(200 * 100); // everything went through the relay...
      expect(wire[0]).toBe(0x16); // ...starting with a TLS handshake record
      for (const plain of ['8=FIX.4.4', '35=D', '11=T1', 'EXECUTOR']) expect(wire.includes(plain, 0, 'latin1')).toBe(false);
    } finally {
      await conn.stop(0);
      relay.server.close();
      await acc.close();
    }
  });

  it('does not log on to an acceptor it cannot verify, and a plain TCP client cannot log on to a TLS acceptor', async () => {
    const acc = await startAcceptor({ port: 0, sessions: [acceptorSession()], tls: { cert: pem.cert, key: pem.key } });
    const tries: Array<[string, ConstructorParameters<typeof FixInitiator>[1]['tls']]> = [
      ['no CA (system roots)', {}],
      ['another CA', { ca: other.cert }],
      ['plain TCP', undefined],
    ];
    try {
      for (const [name, tls] of tries) {
        const ini = initiatorSession(new Client());
        const conn = new FixInitiator(ini, { host: '127.0.0.1', port: acc.port, tls, reconnectMinMs: 20, reconnectMaxMs: 40 });
        conn.start();
        expect(await until(() => conn.attempts >= 3, 5000), name).toBe(true); // refused, retried
        expect(ini.loggedOn, name).toBe(false);
        expect(acc.sessions[0].loggedOn, name).toBe(false);
        expect(order(ini, 0), name).toBe(true); // kept in the store for later, never sent
        await conn.stop(0);
      }
      // the same acceptor accepts a client that trusts its certificate
      const ini = initiatorSession(new Client());
      const conn = new FixInitiator(ini, { host: 'localhost', port: acc.port, tls: { ca: pem.cert } });
      conn.start();
      expect(await until(() => ini.loggedOn)).toBe(true);
      await conn.stop();
    } finally {
      await acc.close();
    }
  });

  it('re-handshakes after the TLS acceptor restarts on its file store; sequence numbers continue', async () => {
    const storeDir = join(dir, 'store');
    const store1 = new FileStore({ dir: storeDir, name: 'tls-acceptor', fsync: 'batch' });
    const acc1: FixAcceptor = await startAcceptor({ port: 0, sessions: [acceptorSession(store1)], tls: { cert: pem.cert, key: pem.key }, onTick: () => store1.sync() });
    const port = acc1.port;
    const app = new Client();
    const ini = initiatorSession(app);
    const conn = new FixInitiator(ini, { host: '127.0.0.1', port, tls: { ca: pem.cert }, reconnectMinMs: 30, reconnectMaxMs: 200 });
    let acc2: FixAcceptor | null = null;
    try {
      conn.start();
      expect(await until(() => ini.loggedOn)).toBe(true);
      for (let i = 0; i < 50; i++) order(ini, i);
      expect(await until(() => app.fills.size === 50)).toBe(true);
      await acc1.close(); // dies without logout; store1 never closed
      expect(await until(() => !ini.connected)).toBe(true);
      for (let i = 50; i < 60; i++) order(ini, i); // sent while down: resent after the logon
      const store2 = new FileStore({ dir: storeDir, name: 'tls-acceptor', fsync: 'batch' });
      expect(store2.nextTargetSeq()).toBe(52); // Logon + 50 orders
      acc2 = await startAcceptor({ port, sessions: [acceptorSession(store2)], tls: { cert: pem.cert, key: pem.key } });
      expect(await until(() => ini.loggedOn && app.fills.size === 60)).toBe(true);
      expect(conn.attempts).toBeGreaterThan(1);
      expect(ini.counters.resent).toBe(10); // the ten orders sent while down, as PossDup resends
      expect(acc2.sessions[0].expectedTargetNum).toBe(ini.expectedSenderNum);
      expect(ini.expectedTargetNum).toBe(acc2.sessions[0].expectedSenderNum);
      await conn.stop();
      store2.close();
    } finally {
      await conn.stop(0);
      await acc2?.close();
    }
  });
});
