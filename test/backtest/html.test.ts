// report.html opens offline in a real browser (Debian's chromium through playwright-core, every network
// request refused): no script error, and every chart is drawn (uPlot canvases: equity, drawdown, position,
// trades over price, latency).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderHtml, histogram } from '../../src/backtest/html.js';
import { runBacktest } from '../../src/backtest/index.js';
import { parseSpec, type StrategySpec } from '../../src/config/index.js';
import { writeSyntheticItchFile } from '../../src/feed/synthetic/index.js';
import { constantLatency } from '../../src/backtest/venue/index.js';

describe('report.html', () => {
  it('renders every chart offline without errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-html-'));
    const data = join(dir, 'day.itch');
    writeSyntheticItchFile(data, { messages: 100_000, symbols: 1, seed: 7, liveTarget: 200 });
    const r0 = parseSpec('Strategy: Market Making\nAsset: AAPL\nQuoteQty: 100\nMaxInventory: 400\nKappa: 100\nRefreshInterval: 100ms\nRiskTolerance: Medium\n', 'mm.yaml');
    if (!r0.ok) throw new Error('spec');
    const r = await runBacktest({ strategy: r0.spec as StrategySpec, data: [{ path: data }], venue: { orderLatency: constantLatency(30_000), reportLatency: constantLatency(20_000) } });
    expect(r.fills.length).toBeGreaterThan(0);
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(r));
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless=new'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      await page.goto(`file://${file}`);
      await page.waitForSelector('#latency canvas', { timeout: 10_000 });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      // equity, drawdown, position, one price chart per instrument, latency
      expect(await page.locator('canvas').count()).toBe(4 + r.instruments.length);
      expect(await page.locator('h1').textContent()).toContain('market-making-AAPL');
    } finally {
      await browser.close();
    }
  }, 20_000);

  it('histogram: equal-width bins over [min, max]', () => {
    expect(histogram([0, 1, 2, 3, 4, 10], 5)).toEqual({ edges: [0, 2, 4, 6, 8], counts: [2, 2, 1, 0, 1] });
    expect(histogram([7, 7], 4)).toEqual({ edges: [7], counts: [2] });
    expect(histogram([])).toEqual({ edges: [], counts: [] });
  });
});
