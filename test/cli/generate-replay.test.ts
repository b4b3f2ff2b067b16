import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hftbot, lastJson } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'hftbot-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ReplayJson {
  messages: number;
  byType: Record<string, number>;
  instruments: number;
  seconds: number;
  messagesPerSecond: number;
  bookHash: string;
}

describe('hftbot generate itch + replay', () => {
  it('generates a deterministic day with the real message mix', async () => {
    const a = join(dir, 'a.itch');
    const b = join(dir, 'b.itch');
    const c = join(dir, 'c.itch');
    for (const [f, seed] of [[a, '7'], [b, '7'], [c, '8']] as const) {
      const r = await hftbot(['generate', 'itch', '--messages', '200000', '--symbols', '5', '--seed', seed, '--out', f]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);

    const r = await hftbot(['replay', a, '--format', 'itch', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = lastJson<ReplayJson>(r.stdout);
    expect(j.messages).toBe(200_000);
    expect(j.instruments).toBe(5);
    const share = (t: string) => (j.byType[t] ?? 0) / j.messages;
    expect(share('A') + share('F')).toBeGreaterThan(0.4);
    expect(share('A') + share('F')).toBeLessThan(0.48);
    expect(share('D')).toBeGreaterThan(0.39);
    expect(share('D')).toBeLessThan(0.46);
    expect(share('U')).toBeGreaterThan(0.07);
    expect(share('U')).toBeLessThan(0.09);
    expect(share('E') + share('C')).toBeGreaterThan(0.015);
    expect(share('X')).toBeGreaterThan(0.005);
    expect(j.byType.R).toBe(5);
    expect(j.seconds).toBeGreaterThan(0);
    expect(j.bookHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('--live-orders thins the book: the touch moves over a wider range than with the default 2,000', async () => {
    const range = async (extra: string[], name: string): Promise<number> => {
      const f = join(dir, `${name}.itch`);
      expect((await hftbot(['generate', 'itch', '--messages', '60000', '--symbols', '1', '--seed', '5', ...extra, '--out', f])).code).toBe(0);
      const out = join(dir, `${name}.csv`);
      expect((await hftbot(['replay', f, '--format', 'itch', '--symbol', 'AAPL', '--levels', '1', '--book-out', out])).code).toBe(0);
      let lo = Infinity, hi = -Infinity;
      for (const l of readFileSync(out, 'utf8').trim().split('\n').slice(1)) {
        const c = l.split(',');
        const bid = Number(c[3]), ask = Number(c[6]);
        if (!(bid > 0 && ask > 0)) continue;
        const mid = (bid + ask) / 2;
        if (mid < lo) lo = mid;
        if (mid > hi) hi = mid;
      }
      return hi - lo;
    };
    const thick = await range([], 'thick');
    const thin = await range(['--live-orders', '100'], 'thin');
    expect(thin).toBeGreaterThan(2 * thick);
    expect((await hftbot(['generate', 'itch', '--messages', '10', '--live-orders', '2', '--out', join(dir, 'x.itch')])).code).not.toBe(0);
  });

  it('gives the same book hash with and without --book-out, and from a gzip file', async () => {
    const f = join(dir, 'd.itch');
    const gz = join(dir, 'd.itch.gz');
    expect((await hftbot(['generate', 'itch', '--messages', '50000', '--symbols', '3', '--seed', '3', '--out', f])).code).toBe(0);
    expect((await hftbot(['generate', 'itch', '--messages', '50000', '--symbols', '3', '--seed', '3', '--out', gz])).code).toBe(0);
    const plain = lastJson<ReplayJson>((await hftbot(['replay', f, '--format', 'itch', '--json'])).stdout);
    const out = join(dir, 'book.csv');
    const withOut = lastJson<ReplayJson>((await hftbot(['replay', f, '--format', 'itch', '--json', '--symbol', 'MSFT', '--levels', '3', '--book-out', out])).stdout);
    const fromGz = lastJson<ReplayJson>((await hftbot(['replay', gz, '--format', 'itch', '--json'])).stdout);
    expect(withOut.bookHash).toBe(plain.bookHash);
    expect(fromGz.bookHash).toBe(plain.bookHash);
    expect(fromGz.messages).toBe(50_000);

    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'event,ts_ns,symbol,bid_px_1,bid_sz_1,bid_ct_1,ask_px_1,ask_sz_1,ask_ct_1,bid_px_2,bid_sz_2,bid_ct_2,ask_px_2,ask_sz_2,ask_ct_2,bid_px_3,bid_sz_3,bid_ct_3,ask_px_3,ask_sz_3,ask_ct_3',
    );
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(5000);
    let prevEvent = 0;
    for (const r of rows) {
      expect(r.length).toBe(3 + 3 * 6);
      expect(r[2]).toBe('MSFT');
      const ev = Number(r[0]);
      expect(ev).toBeGreaterThan(prevEvent);
      prevEvent = ev;
      // bids strictly descending, asks ascending, never crossed
      const bids = [3, 9, 15].map((k) => r[k]).filter((x) => x !== '').map(Number);
      const asks = [6, 12, 18].map((k) => r[k]).filter((x) => x !== '').map(Number);
      for (let i = 1; i < bids.length; i++) expect(bids[i]).toBeLessThan(bids[i - 1]);
      for (let i = 1; i < asks.length; i++) expect(asks[i]).toBeGreaterThan(asks[i - 1]);
      if (bids.length && asks.length) expect(bids[0]).toBeLessThan(asks[0]);
    }
  });

  it('rejects bad arguments with a clear message', async () => {
    const r = await hftbot(['replay', join(dir, 'missing.itch'), '--format', 'itch', '--levels', '0']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--levels/);
    const r2 = await hftbot(['replay', join(dir, 'missing.itch'), '--format', 'nope']);
    expect(r2.code).not.toBe(0);
    expect(r2.stderr).toMatch(/format/);
  });
});
