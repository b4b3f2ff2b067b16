// Interop, the other direction (issue 3, item 8): a QuickFIX program (qf-client.cpp, built here
// with g++ against Debian's libquickfix-dev) sends orders to OUR acceptor, which runs as a separate
// `hftbot fix fill-server` process on a durable file store. With at least `inFlight` orders
// unanswered, our process is killed with SIGKILL and started again on the same store; the QuickFIX
// client reconnects on its own and resend / gap fill recover: every order ends with a fill on the
// QuickFIX side and was received by one of our two processes. Cold path; I/O edge.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { wallMs, setLiveTimeout } from '../../clock/live.js';

export interface ClientInteropOptions {
  /** argv prefix that runs the hftbot CLI, e.g. [process.execPath, 'bin/hftbot.js']. */
  hftbot: string[];
  specDir: string;
  workDir: string;
  orders?: number;
  inFlight?: number;
  log?: (line: string) => void;
}

export interface ClientInteropResult {
  ok: boolean;
  orders: number;
  filledAtClient: number;
  receivedByUs: number;
  possDupOrders: number;
  inFlightAtKill: number;
  seconds: number;
  problems: string[];
}

const sleep = (ms: number) => new Promise<void>((r) => setLiveTimeout(r, ms));

/** Builds qf-client from its source next to this module (src/ or, from dist/, the repo's src/). */
export function buildQuickfixClient(workDir: string): string {
  const candidates = [new URL('./qf-client.cpp', import.meta.url), new URL('../../../src/fix/interop/qf-client.cpp', import.meta.url)].map((u) => fileURLToPath(u));
  const src = candidates.find((p) => existsSync(p));
  if (!src) throw new Error('qf-client.cpp not found');
  mkdirSync(workDir, { recursive: true });
  const out = join(workDir, 'qf-client');
  const r = spawnSync('g++', ['-std=gnu++14', '-O1', '-o', out, src, '-lquickfix', '-lpthread'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building qf-client failed (needs g++ and libquickfix-dev): ${r.stderr ?? r.error}`);
  return out;
}

function lines(p: ChildProcess, on: (l: string) => void): void {
  if (p.stdout) createInterface({ input: p.stdout }).on('line', on);
}

export async function runQuickfixClientInterop(opts: ClientInteropOptions): Promise<ClientInteropResult> {
  const t0 = wallMs();
  const log = opts.log ?? (() => undefined);
  const orders = opts.orders ?? 1000;
  const inFlight = opts.inFlight ?? 100;
  const problems: string[] = [];
  const client = buildQuickfixClient(opts.workDir);
  const storeDir = join(opts.workDir, 'our-store');
  const received = new Set<string>();
  let possDup = 0;
  let port = 0;
  const startServer = async (): Promise<ChildProcess> => {
    const args = [...opts.hftbot.slice(1), 'fix', 'fill-server', '--port', String(port), '--store', storeDir, '--spec-dir', opts.specDir];
    const p = spawn(opts.hftbot[0], args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let ready = false;
    lines(p, (l) => {
      const m = /^listening on \S+:(\d+)/.exec(l);
      if (m) {
        port = Number(m[1]);
        ready = true;
      }
      const o = /^ORDER (\S+) (\d)/.exec(l);
      if (o) {
        received.add(o[1]);
        if (o[2] === '1') possDup++;
      }
    });
    for (let w = 0; w < 15_000 && !ready && p.exitCode === null; w += 10) await sleep(10);
    if (!ready) throw new Error('fill-server did not start');
    return p;
  };
  let server: ChildProcess | null = null;
  let qf: ChildProcess | null = null;
  let sent = 0;
  const fills = new Set<string>();
  let inFlightAtKill = 0;
  let done = false;
  try {
    server = await startServer();
    const cfg = join(opts.workDir, 'qf-client.cfg');
    writeFileSync(cfg, [
      '[DEFAULT]', 'ConnectionType=initiator', 'ReconnectInterval=1', `FileStorePath=${join(opts.workDir, 'qf-store')}`,
      'StartTime=00:00:00', 'EndTime=00:00:00', 'UseDataDictionary=Y', `DataDictionary=${join(opts.specDir, 'FIX44.xml')}`,
      'SocketConnectHost=127.0.0.1', `SocketConnectPort=${port}`, 'HeartBtInt=30',
      '[SESSION]', 'BeginString=FIX.4.4', 'SenderCompID=CLIENT1', 'TargetCompID=EXECUTOR', '',
    ].join('\n'));
    qf = spawn(client, [cfg, String(orders)], { stdio: ['ignore', 'pipe', 'inherit'], cwd: opts.workDir });
    lines(qf, (l) => {
      if (l.startsWith('SENT ')) sent++;
      else if (l.startsWith('FILL ')) fills.add(l.split(' ')[1]);
      else if (l.startsWith('DONE')) done = true;
    });
    // wait for enough orders in flight, then kill our server
    const deadline = wallMs() + 30_000;
    while (wallMs() < deadline && !(sent - fills.size >= inFlight && fills.size > 0) && sent < orders) await sleep(1);
    inFlightAtKill = sent - fills.size;
    server.kill('SIGKILL');
    log(`killed our fill-server with ${inFlightAtKill} orders unanswered (${sent} sent, ${fills.size} filled)`);
    await new Promise<void>((r) => (server!.exitCode !== null || server!.signalCode !== null ? r() : server!.once('exit', () => r())));
    server = await startServer();
    log(`restarted our fill-server on port ${port}`);
    for (let w = 0; w < 60_000 && !done && qf.exitCode === null; w += 20) await sleep(20);
    if (!done) problems.push('the QuickFIX client did not finish');
  } catch (err) {
    problems.push((err as Error).message);
  } finally {
    if (qf !== null && qf.exitCode === null) qf.kill('SIGKILL');
    const s = server as ChildProcess | null;
    if (s !== null && s.exitCode === null) s.kill('SIGTERM');
  }
  const missing = orders - [...Array(orders).keys()].filter((i) => fills.has(`Q${i}`)).length;
  const notReceived = orders - [...Array(orders).keys()].filter((i) => received.has(`Q${i}`)).length;
  if (missing > 0) problems.push(`${missing} orders without a fill at the QuickFIX client`);
  if (notReceived > 0) problems.push(`${notReceived} orders never reached our acceptor`);
  if (inFlightAtKill < inFlight) problems.push(`only ${inFlightAtKill} orders in flight at the kill`);
  return {
    ok: problems.length === 0,
    orders,
    filledAtClient: fills.size,
    receivedByUs: received.size,
    possDupOrders: possDup,
    inFlightAtKill,
    seconds: Math.round((wallMs() - t0) / 100) / 10,
    problems,
  };
}
