// `hftbot exchange [--config FILE]`: runs the simulated exchange (src/exchange/runner.ts) until SIGINT or
// SIGTERM. Defaults: FIX 4.4 order entry on 127.0.0.1:9878 as EXCH, ITCH over MoldUDP64 to
// 127.0.0.1:9900 (re-requests on 9901), synthetic flow on, the session recorded under data/exchange.
// Prints one `exchange: ...` line per endpoint at start; at shutdown a `exchange: book SEQ JSON` line
// (the engines' books as price levels and the last ITCH sequence they reflect, before the session
// end), then `exchange: stopped`.

import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { parseExchangeConfig } from '../../exchange/config.js';
import { startExchange } from '../../exchange/runner.js';

export function registerExchange(program: Command): void {
  program
    .command('exchange')
    .description('run the simulated exchange: FIX 4.4 order entry, ITCH 5.0 over MoldUDP64, synthetic order flow')
    .option('--config <file>', 'YAML configuration (fix, marketData, dataDir, synthetic, instruments, sessions)')
    .action(async (o: { config?: string }) => {
      const cfg = o.config !== undefined ? parseExchangeConfig(readFileSync(o.config, 'utf8'), o.config) : parseExchangeConfig('');
      const ex = await startExchange(cfg);
      const out = (s: string) => process.stdout.write(`exchange: ${s}\n`);
      out(`FIX 4.4 listening on ${cfg.fix.host}:${ex.acceptor.port} as ${cfg.fix.compId}`);
      out(`MoldUDP64 session ${cfg.marketData.session} to ${cfg.marketData.host}:${cfg.marketData.port}, re-requests on port ${ex.requestPort}`);
      out(`instruments ${ex.venue.instruments.map((i) => i.symbol).join(' ')}; synthetic flow ${cfg.synthetic.enabled ? `on (seed ${cfg.synthetic.seed})` : 'off'}`);
      if (ex.recordPath !== null) out(`recording ITCH to ${ex.recordPath}`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void ex.stop((s) => out(`book ${s.sequence} ${JSON.stringify(s.levels)}`)).then(() => {
            out(`stopped (${ex.gateway.counters.orders} orders, ${ex.gateway.counters.fills} fills over FIX)`);
            done();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
