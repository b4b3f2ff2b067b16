// `hftbot fix test-server --port P [--store DIR] [--spec-dir DIR]`: QuickFIX's acceptance-test acceptor.
// `hftbot fix serve --config FILE [--app echo|fill]`: the sessions of a YAML settings file.
// `hftbot fix interop`: against real QuickFIX (Debian libquickfix-doc/-dev), both directions.
// `hftbot fix acceptance [--port P] [--jobs N] [--spec-dir DIR] PATH...`: runs QuickFIX .def
// scripts (files or folders) against test servers it starts; prints `PASS name` or
// `FAIL name: reason` per script and a last line `N passed, M failed`; exit code 0 only when all pass.
// The dictionaries are QuickFIX's FIX42.xml / FIX44.xml: pass --spec-dir, or keep a checkout of
// the shared data next to the repository (../shared/data/quickfix/spec), the default when present.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { startTestServer, type TestServer } from '../../fix/acceptance/server.js';
import { expandScripts, runScripts, type RunOptions } from '../../fix/acceptance/runner.js';
import { liveSettle, pause } from '../../fix/acceptance/settle.js';
import { runExecutorInterop } from '../../fix/interop/executor.js';
import { runQuickfixClientInterop } from '../../fix/interop/client.js';
import { FillApplication } from '../../fix/interop/fill-app.js';
import { FixDictionary } from '../../fix/dictionary/dictionary.js';
import { FixSession } from '../../fix/session/session.js';
import { FileStore } from '../../fix/session/file-store.js';
import { MemoryStore } from '../../fix/session/store.js';
import { defaultSessionConfig } from '../../fix/session/types.js';
import { startAcceptor } from '../../fix/transport/acceptor.js';
import { LiveClock, wallMs } from '../../clock/live.js';
import { readFileSync } from 'node:fs';
import { parseFixSettings } from '../../fix/config.js';
import { startFixEngine } from '../../fix/engine.js';
import { EchoApplication } from '../../fix/acceptance/echo-app.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function defaultSpecDir(): string | undefined {
  const candidates = [
    resolve(process.cwd(), '../shared/data/quickfix/spec'),
    fileURLToPath(new URL('../../../../shared/data/quickfix/spec', import.meta.url)), // dist/cli/commands -> repo/..
    fileURLToPath(new URL('../../../shared/data/quickfix/spec', import.meta.url)),
  ];
  return candidates.find((p) => existsSync(resolve(p, 'FIX44.xml')));
}

function specDirOrExit(o: { specDir?: string }): string {
  const dir = o.specDir ?? defaultSpecDir();
  if (!dir || !existsSync(resolve(dir, 'FIX42.xml')) || !existsSync(resolve(dir, 'FIX44.xml'))) {
    throw new Error('need QuickFIX dictionaries FIX42.xml and FIX44.xml: pass --spec-dir DIR');
  }
  return dir;
}

export function registerFix(program: Command): void {
  const fix = program.command('fix').description('FIX engine tools: QuickFIX acceptance-test server and runner');

  fix
    .command('test-server')
    .description('acceptor set up as QuickFIX\'s acceptance-test server (ISLD<->TW42 FIX.4.2, ISLD<->TW44 FIX.4.4)')
    .option('--port <p>', 'TCP port', '5001')
    .option('--host <h>', 'listen address', '127.0.0.1')
    .option('--spec-dir <dir>', 'folder with FIX42.xml and FIX44.xml')
    .option('--store <dir>', 'durable message stores in this folder (append-only, fsync batch)')
    .action(async (o: { port: string; host: string; specDir?: string; store?: string }) => {
      const s = await startTestServer({ port: Number(o.port), host: o.host, specDir: specDirOrExit(o), storeDir: o.store });
      process.stdout.write(`fix test-server listening on ${o.host}:${s.port}\n`);
      await new Promise<void>((done) => {
        const stop = () => void s.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  fix
    .command('acceptance')
    .description('run QuickFIX .def scripts (files or folders) against test servers started here')
    .argument('<paths...>', '.def files or folders of them')
    .option('--port <p>', 'first TCP port (default: any free port)')
    .option('--jobs <n>', 'test servers run in parallel (scripts of one folder are sharded over them)', '4')
    .option('--spec-dir <dir>', 'folder with FIX42.xml and FIX44.xml')
    .action(async (paths: string[], o: { port?: string; jobs: string; specDir?: string }) => {
      const specDir = specDirOrExit(o);
      const files = expandScripts(paths);
      const jobs = Math.max(1, Number(o.jobs) || 1);
      const servers: TestServer[] = [];
      try {
        for (let k = 0; k < jobs; k++) {
          servers.push(await startTestServer({ port: o.port !== undefined ? Number(o.port) + k : 0, specDir }));
        }
        const targets: RunOptions[] = servers.map((s) => ({ host: '127.0.0.1', port: s.port, settle: () => liveSettle(s) }));
        const results = await runScripts(files, targets, (r) => {
          process.stdout.write(r.pass ? `PASS ${r.name}\n` : `FAIL ${r.name}: ${r.reason}\n`);
        });
        const passed = results.filter((r) => r.pass).length;
        process.stdout.write(`${passed} passed, ${results.length - passed} failed\n`);
        process.exitCode = passed === results.length ? 0 : 1;
      } finally {
        await Promise.all(servers.map((s) => s.close()));
        await pause(0);
      }
    });

  fix
    .command('serve')
    .description('runs the sessions of a YAML settings file (QuickFIX key names) with a test application')
    .requiredOption('--config <file>', 'settings file')
    .option('--app <name>', 'echo (echo orders back) | fill (fill every order)', 'fill')
    .action(async (o: { config: string; app: string }) => {
      const settings = parseFixSettings(readFileSync(o.config, 'utf8'), o.config);
      const app = o.app === 'echo' ? new EchoApplication() : new FillApplication();
      const engine = await startFixEngine(settings, app);
      for (const a of engine.acceptors) process.stdout.write(`acceptor listening on port ${a.port}: ${a.sessions.map((x) => `${x.config.beginString}:${x.config.senderCompId}->${x.config.targetCompId}`).join(', ')}\n`);
      for (const i of engine.initiators) process.stdout.write(`initiator ${i.session.config.senderCompId}->${i.session.config.targetCompId}\n`);
      await new Promise<void>((done) => {
        const stop = () => void engine.stop().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  fix
    .command('fill-server')
    .description('acceptor EXECUTOR<-CLIENT1 (FIX.4.4) that fills every order; prints "ORDER <ClOrdID> <PossDup>" lines')
    .option('--port <p>', 'TCP port (0: any)', '0')
    .option('--store <dir>', 'durable message store folder (fsync batch)')
    .option('--spec-dir <dir>', 'folder with FIX44.xml')
    .action(async (o: { port: string; store?: string; specDir?: string }) => {
      const dict = FixDictionary.fromFile(join(specDirOrExit(o), 'FIX44.xml'));
      const ms = wallMs();
      const time = { clock: new LiveClock(), epochMs: ms - (ms % 86_400_000) };
      const store = o.store !== undefined ? new FileStore({ dir: o.store, name: 'FIX.4.4-EXECUTOR-CLIENT1', fsync: 'batch' }) : new MemoryStore();
      const app = new FillApplication((id, pd) => process.stdout.write(`ORDER ${id} ${pd ? 1 : 0}\n`));
      const session = new FixSession({ ...defaultSessionConfig, beginString: 'FIX.4.4', senderCompId: 'EXECUTOR', targetCompId: 'CLIENT1', dictionary: dict }, store, app, time);
      const acc = await startAcceptor({ port: Number(o.port), sessions: [session], onTick: () => (store instanceof FileStore ? store.sync() : undefined) });
      process.stdout.write(`listening on 127.0.0.1:${acc.port}\n`);
      await new Promise<void>((done) => {
        const stop = () => void acc.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      if (store instanceof FileStore) store.close();
    });

  fix
    .command('interop')
    .description('interop with real QuickFIX (Debian libquickfix-doc/-dev): our initiator -> QuickFIX executor, and a QuickFIX client -> our acceptor, each with a SIGKILL and restart mid-session')
    .option('--direction <d>', 'executor | client | both', 'both')
    .option('--executor <path>', 'executor binary (default: unpacked from /usr/share/doc/libquickfix-doc)')
    .option('--orders <n>', 'orders each way', '1000')
    .option('--in-flight <n>', 'orders unanswered at the kill', '150')
    .option('--spec-dir <dir>', 'folder with FIX44.xml')
    .option('--json', 'print the results as JSON (last stdout line)')
    .action(async (o: { direction: string; executor?: string; orders: string; inFlight: string; specDir?: string; json?: boolean }) => {
      const specDir = specDirOrExit(o);
      const log = (l: string) => process.stdout.write(`${l}\n`);
      const out: Record<string, unknown> = {};
      let ok = true;
      if (o.direction === 'executor' || o.direction === 'both') {
        const r = await runExecutorInterop({ executorBin: o.executor, specDir, workDir: mkdtempSync(join(tmpdir(), 'hftbot-fix-exec-')), orders: Number(o.orders), inFlight: Number(o.inFlight), log });
        out.executor = r;
        ok &&= r.ok;
        log(`${r.ok ? 'PASS' : 'FAIL'} ours -> QuickFIX executor: ${r.filled}/${r.orders} filled, ${r.unansweredAtKill} in flight at the kill, ${r.messagesResent} resent${r.problems.length ? `: ${r.problems.join('; ')}` : ''}`);
      }
      if (o.direction === 'client' || o.direction === 'both') {
        const r = await runQuickfixClientInterop({ hftbot: [process.execPath, process.argv[1]], specDir, workDir: mkdtempSync(join(tmpdir(), 'hftbot-fix-client-')), orders: Number(o.orders), inFlight: Number(o.inFlight), log });
        out.client = r;
        ok &&= r.ok;
        log(`${r.ok ? 'PASS' : 'FAIL'} QuickFIX client -> ours: ${r.filledAtClient}/${r.orders} filled, ${r.receivedByUs} received, ${r.inFlightAtKill} in flight at the kill${r.problems.length ? `: ${r.problems.join('; ')}` : ''}`);
      }
      if (o.json) process.stdout.write(`${JSON.stringify({ ok, ...out })}\n`);
      process.exitCode = ok ? 0 : 1;
    });
}
