// `hftbot replay --format lobster --seed-book` as a user runs it. The full acceptance (every knowable
// level of every row) is test/lobster/replay.test.ts; here: the CLI wiring, the seed row, LOBSTER's empty
// count columns, and the top of book against the truth file while it is knowable from the messages.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hftbot, lastJson, sharedData } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'hftbot-lobster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = join(sharedData, 'lobster/AAPL_2012-06-21_34200000_57600000_');

describe('hftbot replay --format lobster', () => {
  it('seeds from the first orderbook row and tracks the top of book', async () => {
    const out = join(dir, 'book.csv');
    const r = await hftbot(['replay', `${base}message_10.csv`, '--format', 'lobster', '--seed-book', `${base}orderbook_10.csv`, '--levels', '10', '--book-out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = lastJson<{ messages: number; instruments: number; errors: number }>(r.stdout);
    expect(j.messages).toBe(999);
    expect(j.errors).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const truth = readFileSync(`${base}orderbook_10.csv`, 'utf8').trim().split('\n').map((l) => l.split(','));
    expect(rows.length).toBe(999);
    expect(rows.every((f) => f[2] === 'AAPL')).toBe(true);
    const units = (s: string) => Math.round(Number(s) * 10_000);
    // row 1 is the seed: all ten levels of both sides; counts are empty (LOBSTER is aggregated)
    for (let k = 0; k < 10; k++) {
      expect(units(rows[0][3 + 6 * k])).toBe(Number(truth[0][4 * k + 2]));
      expect(rows[0][4 + 6 * k]).toBe(truth[0][4 * k + 3]);
      expect(rows[0][5 + 6 * k]).toBe('');
      expect(units(rows[0][6 + 6 * k])).toBe(Number(truth[0][4 * k]));
      expect(rows[0][7 + 6 * k]).toBe(truth[0][4 * k + 1]);
    }
    // best bid and ask equal the truth for the first 400 rows (the top stays inside the known range there)
    for (let i = 0; i < 400; i++) {
      expect([units(rows[i][3]), Number(rows[i][4])], `row ${i + 1} bid`).toEqual([Number(truth[i][2]), Number(truth[i][3])]);
      expect([units(rows[i][6]), Number(rows[i][7])], `row ${i + 1} ask`).toEqual([Number(truth[i][0]), Number(truth[i][1])]);
    }
  });
});
