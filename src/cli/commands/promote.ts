// `hftbot promote NAME [--to STAGE] [--config SYSTEM.yaml]`: checks a strategy's promotion gates (minimum
// shadow time and trades, minimum Sharpe, maximum drawdown, risk breaches; src/run/stages.ts) and moves it
// to the next stage (or to --to; going down needs no gate).
// Where: if a system answers on the configuration's server (GET /health), over HTTP: POST
// /api/strategies/NAME/promote (a lower --to: PUT /api/strategies/NAME/stage) with a trader token (--token,
// else HFTBOT_TOKEN, else the demo trader token); the running system checks the gates against its live
// record. Otherwise, offline on the journal (Journal.Dir of --config, or --journal): the gates are checked
// against records.json (the last saved record), and the change is appended to stages.log, which the next
// `hftbot run` starts the strategy in. Exit code 1 when the gates refuse.

import type { Command } from 'commander';
import type { Stage } from '../../config/strategy.js';
import { loadRunConfig } from '../../run/config.js';
import { STAGE_ORDER, StageBook, type GateReport } from '../../run/stages.js';
import { wallMs } from '../../clock/live.js';

interface Opts { to?: string; config?: string; journal?: string; url?: string; token?: string; json?: boolean; offline?: boolean }

async function up(url: string): Promise<boolean> {
  try {
    const r = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return r.ok;
  } catch {
    return false;
  }
}

export async function promoteCommand(name: string, o: Opts): Promise<{ ok: boolean; via: 'http' | 'journal'; report: unknown; message: string }> {
  const to = o.to as Stage | undefined;
  if (to !== undefined && !STAGE_ORDER.includes(to)) throw new Error(`--to: shadow, paper or live, got ${o.to}`);
  const cfg = o.config !== undefined ? loadRunConfig(o.config) : null;
  if (cfg !== null && !cfg.ok) throw new Error(cfg.errors.join('\n'));
  const spec = cfg?.ok ? cfg.spec : null;
  const url = o.url ?? (spec !== null ? `http://${spec.server.host}:${spec.server.port}` : 'http://127.0.0.1:8080');
  if (o.offline !== true && await up(url)) {
    const token = o.token ?? process.env.HFTBOT_TOKEN ?? 'trader-demo-token';
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const list = (await (await fetch(`${url}/api/strategies`, { headers })).json()) as { strategies?: Array<{ name: string; stage: Stage }> };
    const cur = list.strategies?.find((s) => s.name === name)?.stage;
    const down = to !== undefined && cur !== undefined && STAGE_ORDER.indexOf(to) < STAGE_ORDER.indexOf(cur);
    const r = down
      ? await fetch(`${url}/api/strategies/${encodeURIComponent(name)}/stage`, { method: 'PUT', headers, body: JSON.stringify({ stage: to }) })
      : await fetch(`${url}/api/strategies/${encodeURIComponent(name)}/promote`, { method: 'POST', headers, body: '{}' });
    const body = (await r.json()) as { promoted?: boolean; error?: string; from?: string; to?: string; gates?: Array<{ gate: string; required: string; actual: string; ok: boolean }> };
    const ok = r.ok && (down || body.promoted === true);
    const failed = (body.gates ?? []).filter((g) => !g.ok).map((g) => `${g.gate} ${g.actual} (needs ${g.required})`);
    const message = body.error ?? (ok ? `${name}: ${body.from ?? cur} -> ${body.to ?? to}` : `${name}: refused: ${failed.join('; ')}`);
    return { ok, via: 'http', report: body, message };
  }
  const dir = o.journal ?? spec?.journal.dir;
  if (dir === undefined) throw new Error(`no system answers at ${url}; give --config SYSTEM.yaml (its Journal.Dir) or --journal DIR to promote on the journal`);
  const strategies = spec?.strategies.map((s) => ({ name: s.name, stage: s.stage, gates: s.spec.promotion })) ?? [];
  if (!strategies.some((s) => s.name === name)) throw new Error(`no strategy named ${name} in ${o.config ?? 'the configuration'}`);
  const book = new StageBook({ dir, wallMs, strategies, announce: false });
  const report: GateReport = book.promote(name, to, 'cli');
  return { ok: report.ok, via: 'journal', report, message: `${report.message}${report.ok ? ` (journaled in ${dir}/stages.log; takes effect at the next start)` : ''}` };
}

export function registerPromote(program: Command): void {
  program
    .command('promote')
    .description('check a strategy\'s promotion gates and move it to the next stage (shadow -> paper -> live)')
    .argument('<name>', 'strategy name')
    .option('--to <stage>', 'target stage (default: the next one; a lower stage demotes without gates)')
    .option('--config <file>', 'the run configuration (server address, Journal.Dir, gates)')
    .option('--journal <dir>', 'journal folder (overrides Journal.Dir)')
    .option('--url <url>', 'a running system\'s URL (default: from the configuration, else http://127.0.0.1:8080)')
    .option('--token <token>', 'API token with the trader role (default: HFTBOT_TOKEN, else the demo token)')
    .option('--offline', 'work on the journal even if a system answers')
    .option('--json', 'print the result as JSON (last line)')
    .action(async (name: string, o: Opts) => {
      const r = await promoteCommand(name, o);
      process.stdout.write(o.json === true ? `${JSON.stringify(r)}\n` : `${r.message} [${r.via}]\n`);
      if (!r.ok) process.exitCode = 1;
    });
}
