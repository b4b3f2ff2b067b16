// Settings file -> running sessions: an acceptor and an initiator from one YAML, talking over
// loopback TCP, the acceptor on a durable store.
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFixSettings } from '../../src/fix/config.js';
import { startFixEngine } from '../../src/fix/engine.js';
import { EchoApplication } from '../../src/fix/acceptance/echo-app.js';
import type { FixApplication } from '../../src/fix/session/types.js';
import { specDir } from './harness.js';
import { writeFileSync } from 'node:fs';
import { TEST_CERT, TEST_KEY } from './tls-fixture.js';

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const a = s.address();
    s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
  });
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('startFixEngine', () => {
  it('runs the acceptor and initiator sessions of a settings file', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'fix-engine-'));
    const yaml = `
default:
  BeginString: FIX.4.4
  DataDictionary: ${new URL('FIX44.xml', specDir).pathname}
  HeartBtInt: 30
sessions:
  - { ConnectionType: acceptor, SenderCompID: EXEC, TargetCompID: BANZAI, SocketAcceptHost: 127.0.0.1, SocketAcceptPort: ${port}, FileStorePath: ${dir}/store }
  - { ConnectionType: initiator, SenderCompID: BANZAI, TargetCompID: EXEC, SocketConnectHost: 127.0.0.1, SocketConnectPort: ${port}, ReconnectInterval: 1 }
`;
    const settings = parseFixSettings(yaml, join(dir, 'fix.yaml'));
    const echo = new EchoApplication();
    const got: string[] = [];
    const app: FixApplication = {
      fromApp: (v, s, session) => {
        if (session.config.initiator) {
          got.push(v.get(11) ?? '');
          return -1;
        }
        return echo.fromApp(v, s, session);
      },
    };
    const engine = await startFixEngine(settings, app);
    try {
      const [acc, ini] = engine.sessions;
      for (let t = 0; t < 5000 && !(ini.loggedOn && acc.loggedOn); t += 10) await sleep(10);
      expect(ini.loggedOn && acc.loggedOn).toBe(true);
      ini.sendApp('D', [], Buffer.from('11=E1\x0121=1\x0138=5\x0140=1\x0154=2\x0155=MSFT\x0160=20260105-00:00:00\x01', 'latin1'));
      for (let t = 0; t < 5000 && got.length === 0; t += 10) await sleep(10);
      expect(got).toEqual(['E1']);
      expect(existsSync(join(dir, 'store', 'FIX.4.4-EXEC-BANZAI.store'))).toBe(true);
    } finally {
      await engine.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);

  it('runs sessions over TLS, verifying the acceptor, with Username/Password checked at logon', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'fix-engine-tls-'));
    writeFileSync(join(dir, 'cert.pem'), TEST_CERT);
    writeFileSync(join(dir, 'key.pem'), TEST_KEY);
    const yaml = `
default:
  BeginString: FIX.4.4
  DataDictionary: ${new URL('FIX44.xml', specDir).pathname}
  SocketUseSSL: Y
sessions:
  - { ConnectionType: acceptor, SenderCompID: EXEC, TargetCompID: BANZAI, SocketAcceptHost: 127.0.0.1, SocketAcceptPort: ${port}, SocketCertificateFile: cert.pem, SocketPrivateKeyFile: key.pem }
  - { ConnectionType: initiator, SenderCompID: BANZAI, TargetCompID: EXEC, SocketConnectHost: 127.0.0.1, SocketConnectPort: ${port}, SocketCAFile: cert.pem, Username: trader, Password: s3cret, ReconnectInterval: 1 }
`;
    const logons: string[] = [];
    const app: FixApplication = {
      onLogonRequest: (v) => {
        logons.push(`${v.get(553)}/${v.get(554)}`);
        return v.get(554) === 's3cret' ? null : 'Invalid password';
      },
      fromApp: () => -1,
    };
    const engine = await startFixEngine(parseFixSettings(yaml, join(dir, 'fix.yaml')), app);
    try {
      const [acc, ini] = engine.sessions;
      for (let t = 0; t < 5000 && !(ini.loggedOn && acc.loggedOn); t += 10) await sleep(10);
      expect(ini.loggedOn && acc.loggedOn).toBe(true);
      expect(logons).toEqual(['trader/s3cret']);
    } finally {
      await engine.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
