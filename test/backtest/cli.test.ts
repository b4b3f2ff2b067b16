// `hftbot backtest STRATEGY.yaml --data FILE ... --json`: the report as the last stdout line, the output
// folder, --param overrides, several data files, --from/--to; errors for bad input.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { parseParams } from '../../src/cli/commands/backtest.js';
import { parseTimeOfDay, resolveStrategy, withParams } from '../../src/backtest/index.js';
import { writeSyntheticItchFile } from '../../src/feed/synthetic/index.js';
import { parseSpec, type StrategySpec } from '../../src/config/index.js';

const dir = mkdtempSync(join(tmpdir(), 'bt-cli-'));
const data = join(dir, 'day.itch');
const yaml = join(dir, 'momentum.yaml');
const lobster = fileURLToPath(new URL('../../../shared/data/lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv', import.meta.url));

beforeAll(() => {
  writeSyntheticItchFile(data, { messages: 100_000, symbols: 1, seed: 7, liveTarget: 200 });
  writeFileSync(yaml, 'Strategy: Momentum\nAsset: AAPL\nLookbackWindow: 1s\nEntryThreshold: 1.0\nOrderQty: 100\nRiskTolerance: Medium\n');
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function cli(args: string[]): Promise<string[]> {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  await buildProgram().exitOverride().parseAsync(['node', 'hftbot', ...args]);
  vi.restoreAllMocks();
  return out.join('').trim().split('\n');
}

describe('hftbot backtest', () => {
  it('--json: the report is the last stdout line; --out writes the folder', async () => {
    const out = join(dir, 'out');
    const lines = await cli(['backtest', yaml, '--data', data, '--out', out, '--json', '--no-parquet']);
    const rep = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
    expect(typeof rep.pnl).toBe('number');
    expect(rep).toHaveProperty('sharpe');
    expect(rep).toHaveProperty('maxDrawdown');
    expect(rep.feedMessages).toBe(100_000);
    for (const f of ['report.json', 'run.json', 'trades.csv', 'orders.csv', 'fills.csv', 'report.html']) expect(existsSync(join(out, f))).toBe(true);
    expect(existsSync(join(out, 'trades.parquet'))).toBe(false);
  }, 20_000);

  it('--param, --from/--to and several data files', async () => {
    const base = JSON.parse((await cli(['backtest', yaml, '--data', data, '--json', '--no-html', '--no-parquet'])).pop()!) as { commands: number; feedMessages: number };
    const strict = JSON.parse((await cli(['backtest', yaml, '--data', data, '--param', 'entryZ=3', '--json'])).pop()!) as { commands: number };
    // a stricter entry threshold cannot trade more often
    expect(strict.commands).toBeLessThanOrEqual(base.commands);
    const window = JSON.parse((await cli(['backtest', yaml, '--data', data, '--from', '10:00', '--to', '11:00', '--json'])).pop()!) as { feedMessages: number; startNs: number; endNs: number };
    expect(window.feedMessages).toBeGreaterThan(0);
    expect(window.feedMessages).toBeLessThan(base.feedMessages);
    expect(window.startNs).toBe(36_000e9);
    expect(window.endNs).toBeLessThanOrEqual(39_600e9);
    const both = JSON.parse((await cli(['backtest', yaml, '--data', data, '--data', lobster, '--json'])).pop()!) as { feedMessages: number };
    expect(both.feedMessages).toBeGreaterThan(base.feedMessages);
  }, 20_000);

  it('bad input is an error', async () => {
    await expect(cli(['backtest', yaml, '--data', join(dir, 'missing.itch')])).rejects.toThrow(/does not exist/);
    await expect(cli(['backtest', yaml, '--data', data, '--param', 'nope=1'])).rejects.toThrow(/no numeric parameter nope/);
    await expect(cli(['backtest', yaml, '--data', data, '--format', 'csv'])).rejects.toThrow(/--format/);
    expect(() => parseParams(['x'])).toThrow(/name=number/);
  });
});

describe('helpers', () => {
  it('parseTimeOfDay', () => {
    expect(parseTimeOfDay('09:30')).toBe(34_200e9);
    expect(parseTimeOfDay('09:30:01.5')).toBe(34_201.5e9);
    expect(parseTimeOfDay('34200s')).toBe(34_200e9);
    expect(parseTimeOfDay('9h')).toBe(32_400e9);
    expect(parseTimeOfDay('123')).toBe(123);
    expect(parseTimeOfDay(5)).toBe(5);
    expect(() => parseTimeOfDay('soon')).toThrow(/HH:MM/);
  });
  it('withParams overrides spec params by name and refuses unknown ones', () => {
    const r = parseSpec('Strategy: Momentum\nAsset: AAPL\nLookbackWindow: 1s\nEntryThreshold: 1.0\n', 'm.yaml');
    if (!r.ok) throw new Error('spec');
    const s = r.spec as StrategySpec & { params: { entryZ: number; lookbackNs: number } };
    const o = withParams(s, { entryZ: 2.5, lookbackNs: 2e8 }) as typeof s;
    expect(o.params.entryZ).toBe(2.5);
    expect(o.params.lookbackNs).toBe(2e8);
    expect(s.params.entryZ).toBe(1); // the original is not changed
    expect(() => withParams(s, { side: 1 })).toThrow(/no numeric parameter side/);
  });
  it('params on a strategy object are refused (they would change nothing)', () => {
    const idle = { name: 'idle', symbols: ['AAPL'], init() {}, onBook() {}, onTrade() {}, onTimer() {}, onOrderEvent() {}, hash() {} };
    expect(resolveStrategy(idle).strategy).toBe(idle);
    expect(() => resolveStrategy(idle, { entryZ: 1 })).toThrow(/strategy specs/);
  });
});
