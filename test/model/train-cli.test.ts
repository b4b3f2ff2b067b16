// `hftbot model train` on every replay format and on a time range (the CLI layer: --format, --from, --to,
// --feature-spec), against the Databento MBO CSV (a Databento file) and the LOBSTER sample.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerModel } from '../../src/cli/commands/model.js';
import { loadServingModel, KERNEL_FEATURE_SPEC, sameSpec } from '../../src/model/serving.js';

const shared = (p: string) => fileURLToPath(new URL(`../../../shared/data/${p}`, import.meta.url));
const LOB = shared('lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv');
const MBO = shared('databento/mbo.csv');
const dir = mkdtempSync(join(tmpdir(), 'h7-train-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function train(args: string[]): Promise<Record<string, unknown>> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (s: string) => lines.push(String(s));
  try {
    const program = new Command().exitOverride();
    registerModel(program);
    await program.parseAsync(['node', 'hftbot', 'model', 'train', ...args, '--json']);
    return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
  } finally {
    console.log = orig;
  }
}

describe('hftbot model train', () => {
  it('trains on a Databento MBO file inside a time range, with the kernel feature spec', async () => {
    const out = join(dir, 'arl.onnx');
    const r = await train(['--data', MBO, '--format', 'mbo', '--from', '09:30', '--to', '16:00', '--horizon', '1s', '--feature-spec', 'kernel', '--epochs', '50', '--out', out]);
    const [t0] = r.trainTsRange as number[];
    const [, t1] = r.testTsRange as number[];
    expect(r.rows as number).toBeGreaterThan(20);
    expect(t0).toBeGreaterThanOrEqual(34_200e9);
    expect(t1 + 1e9).toBeLessThan(57_600e9);
    expect(r.droppedOutOfRange as number).toBeGreaterThan(0);
    const m = loadServingModel(out);
    expect(sameSpec(m.spec, KERNEL_FEATURE_SPEC)).toBe(true);
    expect(m.features).not.toContain('imbalance5'); // default features the kernel spec lacks are left out
    expect(m.features).toContain('imbalance3');
  });

  it('refuses an unknown format and a bad feature spec', async () => {
    await expect(train(['--data', LOB, '--format', 'csv'])).rejects.toThrow(/--format must be one of itch, lobster, mbo, dbn/);
    await expect(train(['--data', LOB, '--feature-spec', 'wide'])).rejects.toThrow(/--feature-spec must be train or kernel/);
  });
});
