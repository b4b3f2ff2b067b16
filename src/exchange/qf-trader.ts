// Builds the QuickFIX trading program (qf-trader.cpp, next to this module) with g++ against Debian's
// libquickfix-dev, the way src/fix/interop builds its client, and writes its two-session settings
// file. Cold path (tests and tools).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Compiles qf-trader into workDir; throws with the compiler's message when g++ or QuickFIX is missing. */
export function buildQfTrader(workDir: string): string {
  const candidates = [new URL('./qf-trader.cpp', import.meta.url), new URL('../../src/exchange/qf-trader.cpp', import.meta.url)].map((u) => fileURLToPath(u));
  const src = candidates.find((p) => existsSync(p));
  if (src === undefined) throw new Error('qf-trader.cpp not found');
  mkdirSync(workDir, { recursive: true });
  const out = join(workDir, 'qf-trader');
  const r = spawnSync('g++', ['-std=gnu++14', '-O1', '-o', out, src, '-lquickfix', '-lpthread'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building qf-trader failed (needs g++ and libquickfix-dev): ${r.stderr ?? String(r.error)}`);
  return out;
}

/** QuickFIX settings: the maker session, then the taker, both to `target` on host:port, validating with FIX44.xml. */
export function writeQfTraderSettings(path: string, o: { host: string; port: number; target: string; dictionary: string; maker: string; taker: string }): void {
  writeFileSync(path, [
    '[DEFAULT]', 'ConnectionType=initiator', 'ReconnectInterval=1', 'StartTime=00:00:00', 'EndTime=00:00:00', 'HeartBtInt=30',
    'UseDataDictionary=Y', `DataDictionary=${o.dictionary}`, `SocketConnectHost=${o.host}`, `SocketConnectPort=${o.port}`,
    'ResetOnLogon=Y', `TargetCompID=${o.target}`,
    '[SESSION]', 'BeginString=FIX.4.4', `SenderCompID=${o.maker}`,
    '[SESSION]', 'BeginString=FIX.4.4', `SenderCompID=${o.taker}`, '',
  ].join('\n'));
}
