// `hftbot run [SYSTEM.yaml]`: the whole system in one process (src/run/system.ts): the synthetic market,
// the kernel with the configured strategies at their stages, and the HTTP server (/metrics, /health, the
// web API and dashboard). Without a file: the embedded default (src/run/defaults.ts), what `npm start` runs.
// API tokens: HFTBOT_API_TOKENS (name:role:token,...), else src/api's demo tokens (logged at start).
// Logs: pino JSON lines on stdout (the `start` line carries the URL). SIGINT / SIGTERM: graceful stop
// (open orders cancelled when CancelOnExit, journal synced), exit 0.

import type { Command } from 'commander';
import { parseDuration } from '../../config/index.js';
import { setLiveTimeout } from '../../clock/live.js';
import { parseTokens } from '../../api/tokens.js';
import { loadRunConfig } from '../../run/config.js';
import { createLogger } from '../../run/log.js';
import { startSystem } from '../../run/system.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run the whole system: synthetic market, strategies (shadow/paper/live), HTTP server with /metrics (default: the embedded demo)')
    .argument('[system]', 'a run configuration (SYSTEM.yaml); default: the embedded demo')
    .option('--port <n>', 'HTTP port (overrides Server.Port; 0: any free port)')
    .option('--host <h>', 'HTTP host (overrides Server.Host)')
    .option('--journal <dir>', 'journal folder (overrides Journal.Dir)')
    .option('--duration <d>', 'stop after this long (e.g. 30s); default: until SIGINT/SIGTERM')
    .option('--log-level <level>', 'pino level: info, warn, error, silent', 'info')
    .action(async (file: string | undefined, o: { port?: string; host?: string; journal?: string; duration?: string; logLevel: string }) => {
      const cfg = loadRunConfig(file ?? null);
      if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
      const log = createLogger({ level: o.logLevel });
      const port = o.port === undefined ? undefined : Number(o.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new Error(`--port: 0-65535, got ${o.port}`);
      // API tokens: HFTBOT_API_TOKENS=name:role:token,... (read here, at the edge); none: the demo tokens
      const envTokens = process.env.HFTBOT_API_TOKENS;
      let apiTokens;
      if (envTokens !== undefined && envTokens.trim() !== '') {
        const t = parseTokens(envTokens);
        if (!t.ok) throw new Error(`HFTBOT_API_TOKENS: ${t.error}`);
        apiTokens = t.tokens;
      }
      const sys = await startSystem(cfg.spec, { port, host: o.host, journalDir: o.journal, logger: log, apiTokens });
      await new Promise<void>((resolve) => {
        const stop = (reason: string): void => {
          void sys.stop(reason).then(resolve, (err: Error) => {
            log.error({ event: 'stop', error: err.message }, `stop failed: ${err.message}`);
            process.exitCode = 1;
            resolve();
          });
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
        const d = o.duration ?? (cfg.spec.durationNs !== null ? `${cfg.spec.durationNs / 1e6}ms` : undefined);
        if (d !== undefined) {
          const p = parseDuration(d);
          if (!p.ok) throw new Error(`--duration: ${p.error}`);
          setLiveTimeout(() => stop('duration'), p.value / 1e6);
        }
      });
      log.flush?.();
      // Sockets and timers of libraries may linger: the system is stopped, exit now.
      process.exit(process.exitCode ?? 0);
    });
}
