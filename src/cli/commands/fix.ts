// `hftbot fix test-server --port P [--store DIR] [--spec-dir DIR]`: QuickFIX's acceptance-test acceptor.
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
    .command('interop')
    .description('our initiator against QuickFIX\'s example executor (Debian libquickfix-doc), with a SIGKILL and restart of the executor mid-session')
    .option('--executor <path>', 'executor binary (default: unpacked from /usr/share/doc/libquickfix-doc)')
    .option('--orders <n>', 'orders to send', '1000')
    .option('--in-flight <n>', 'orders unanswered when the executor is killed', '150')
    .option('--spec-dir <dir>', 'folder with FIX44.xml')
    .option('--json', 'print the result as JSON (last stdout line)')
    .action(async (o: { executor?: string; orders: string; inFlight: string; specDir?: string; json?: boolean }) => {
      const r = await runExecutorInterop({
        executorBin: o.executor,
        specDir: specDirOrExit(o),
        workDir: mkdtempSync(join(tmpdir(), 'hftbot-fix-interop-')),
        orders: Number(o.orders),
        inFlight: Number(o.inFlight),
        log: (l) => process.stdout.write(`${l}\n`),
      });
      process.stdout.write(o.json ? `${JSON.stringify(r)}\n` : `${r.ok ? 'PASS' : 'FAIL'} ${r.filled}/${r.orders} filled, ${r.unansweredAtKill} in flight at the kill, ${r.messagesResent} resent${r.problems.length ? `: ${r.problems.join('; ')}` : ''}\n`);
      process.exitCode = r.ok ? 0 : 1;
    });
}
