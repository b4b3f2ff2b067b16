// End-to-end in Debian's Chromium (playwright-core, /usr/bin/chromium): the dashboard served by
// `hftbot run`'s own server (startSystem on the embedded default: the synthetic market, seed-momentum at
// paper, seed-pairs in shadow; a free port; a fresh journal folder). Log in; live PnL and the book update; create the seeds' momentum
// strategy from the minimal form; backtest it and see the equity chart; start it in shadow; promote it;
// press the kill switch and see the working orders cancelled. Screenshots go to test-artifacts/ui/.

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadRunConfig } from '../../src/run/config.js';
import { createLogger } from '../../src/run/log.js';
import { startSystem, type RunningSystem } from '../../src/run/system.js';
import { TOKEN } from '../api/helpers/fixtures.js';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/ui/', import.meta.url));
let sys: RunningSystem;
let browser: Browser;
let page: Page;
let base = '';
/** Script errors and console errors (a refused login's 401 aside): none expected. */
const errors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const cfg = loadRunConfig();
  if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
  sys = await startSystem(cfg.spec, { port: 0, logger: createLogger({ level: 'silent' }) });
  base = sys.url;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless=new'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('dialog', (d) => void d.accept());
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !/401|Unauthorized/.test(m.text())) errors.push(`console: ${m.text()}`); });
});

afterAll(async () => {
  await browser?.close();
  await sys?.stop('test done');
});

const shot = (name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

test('the dashboard end to end', async () => {
  // Log in (a wrong token first).
  await page.goto(base);
  await page.fill('[data-testid=token]', 'wrong-token');
  await page.click('[data-testid=login]');
  await expect.poll(() => page.textContent('[data-testid=login-error]')).toContain('refused');
  await page.fill('[data-testid=token]', TOKEN.admin);
  await page.click('[data-testid=login]');
  await page.waitForSelector('[data-testid=conn].live');
  expect(await page.textContent('[data-testid=who]')).toContain('admin');

  // Live PnL: the overview's total follows the system (it changes as the strategies trade).
  const pnl = page.locator('[data-testid=total-pnl]');
  await expect.poll(() => pnl.textContent(), { timeout: 10_000 }).toMatch(/\$/);
  const seen = new Set<string>();
  await expect.poll(async () => { seen.add((await pnl.textContent()) ?? ''); return seen.size; }, { timeout: 15_000, interval: 200 }).toBeGreaterThan(1);
  await page.waitForSelector('[data-testid=pnl-chart] .uplot canvas');
  await shot('1-overview');

  // The book ladder updates.
  await page.click('[data-testid=nav-market]');
  await page.click('[data-testid=instruments] button:has-text("AAPL")');
  await page.waitForSelector('[data-testid=book] [data-testid=bid-px]');
  const book0 = await page.innerHTML('[data-testid=book] tbody');
  await expect.poll(() => page.innerHTML('[data-testid=book] tbody'), { timeout: 10_000 }).not.toBe(book0);
  await page.waitForSelector('[data-testid=trades] td.num');
  await shot('2-market');

  // Create the seeds' momentum strategy from the minimal form. The YAML tab shows what the form amounts
  // to; short promotion gates are added there (the defaults want 30 min in shadow and a Sharpe of 1,
  // annualised from 1-second PnL changes, which a test cannot wait for). A mistake in the YAML shows
  // inline, at its line.
  await page.click('[data-testid=nav-strategies]');
  await page.selectOption('[data-testid=f-strategy]', 'Momentum');
  await page.selectOption('[data-testid=f-asset]', 'AAPL');
  await page.fill('[data-testid=f-lookback]', '100ms');
  await page.fill('[data-testid=f-entry]', '0.7');
  await page.selectOption('[data-testid=f-risk]', 'Low');
  await page.fill('[data-testid=f-name]', 'momentum-ui');
  await expect.poll(() => page.textContent('[data-testid=valid]')).toContain('valid: momentum on AAPL');
  await page.click('[data-testid=tab-yaml]');
  await expect.poll(() => page.inputValue('[data-testid=yaml]')).toContain('LookbackWindow: 100ms');
  const yaml = await page.inputValue('[data-testid=yaml]');
  expect(yaml).toContain('Strategy: Momentum');
  expect(yaml).toContain('EntryThreshold: 0.7');
  await page.fill('[data-testid=yaml]', `${yaml}Promotion:\n  MinShadowTime: 1s\n  MinTrades: 0\n  MinSharpe: -1e9\n  MinShadowTme: 1s\n`);
  await expect.poll(() => page.textContent('[data-testid=issues]')).toMatch(/line 11, col 3: .*MinShadowTme/);
  expect(await page.textContent('#ed-gutter .err')).toBe('11');
  await shot('3-editor-error');
  await page.fill('[data-testid=yaml]', `${yaml}Promotion:\n  MinShadowTime: 1s\n  MinTrades: 0\n  MinSharpe: -1e9\n`);
  await expect.poll(() => page.textContent('[data-testid=valid]')).toContain('valid');
  expect(await page.textContent('[data-testid=issues]')).toBe('');
  await page.selectOption('[data-testid=create-stage]', 'shadow');
  await page.click('[data-testid=create]');
  await expect.poll(() => page.textContent('[data-testid=valid]')).toContain('created momentum-ui (shadow, stopped)');
  const row = page.locator('[data-testid=strategies] tr[data-strategy="momentum-ui"]');
  await expect.poll(() => row.count()).toBe(1);

  // Backtest it: the report's metrics and the equity chart.
  await expect.poll(() => page.locator('[data-testid=bt-strategy] option[value="momentum-ui"]').count()).toBe(1);
  await page.selectOption('[data-testid=bt-strategy]', 'momentum-ui');
  await page.fill('[data-testid=bt-seconds]', '5');
  await page.click('[data-testid=bt-run]');
  await page.waitForSelector('[data-testid=bt-done]', { timeout: 30_000 });
  expect(await page.textContent('[data-testid=bt-metrics]')).toMatch(/pnl .*trades \d+/);
  await page.waitForSelector('[data-testid=equity-chart] .uplot canvas');
  expect(await page.textContent('[data-testid=equity-chart] .u-legend')).toContain('equity');
  await shot('4-backtest');

  // Start it in shadow.
  await row.locator('button[data-act=start]').click();
  await expect.poll(() => row.locator('[data-testid=state]').textContent()).toBe('running');
  expect(await row.locator('[data-testid=stage]').textContent()).toBe('shadow');

  // Promote it: at first the gates are not met (too little time in shadow, no Sharpe yet) and the page
  // says which; pressed again once they are, it moves to paper.
  await row.locator('button[data-act=promote]').click();
  await expect.poll(() => page.textContent('[data-testid=promote-result]')).toContain('momentum-ui stays in shadow: gates not met');
  expect(await page.textContent('[data-testid=promote-result]')).toContain('minShadowTime');
  await shot('5-gates-not-met');
  await expect.poll(async () => {
    await row.locator('button[data-act=promote]').click();
    await page.waitForTimeout(1000);
    return page.textContent('[data-testid=promote-result]');
  }, { timeout: 40_000, interval: 0 }).toContain('momentum-ui promoted shadow → paper');
  await expect.poll(() => row.locator('[data-testid=stage]').textContent()).toBe('paper');
  await shot('6-promoted');

  // A market maker from raw YAML, started in paper: its quotes rest at the venue.
  await page.fill('[data-testid=yaml]', 'Name: mm-ui\nStrategy: Market Making\nAsset: MSFT\nRiskTolerance: Low\n');
  await expect.poll(() => page.textContent('[data-testid=valid]')).toContain('valid: market-making on MSFT');
  await page.selectOption('[data-testid=create-stage]', 'paper');
  await page.click('[data-testid=create]');
  const mm = page.locator('[data-testid=strategies] tr[data-strategy="mm-ui"]');
  await expect.poll(() => mm.count()).toBe(1);
  await mm.locator('button[data-act=start]').click();
  await expect.poll(() => mm.locator('[data-testid=state]').textContent()).toBe('running');

  // The kill switch: working orders (the market makers' quotes) are cancelled.
  const open = async (): Promise<number> => {
    const r = await fetch(`${base}/api/orders?open=true&limit=1000`, { headers: { authorization: `Bearer ${TOKEN.admin}` } });
    return ((await r.json()) as { orders: unknown[] }).orders.length;
  };
  await expect.poll(open, { timeout: 10_000 }).toBeGreaterThan(0);
  await page.click('[data-testid=kill]');
  await expect.poll(() => page.textContent('[data-testid=banner]')).toMatch(/Kill switch engaged: [1-9]\d* working orders cancelled/);
  await expect.poll(open, { timeout: 5_000 }).toBe(0);
  await page.click('[data-testid=nav-blotter]');
  await page.selectOption('[data-testid=bl-strategy]', 'mm-ui');
  await expect.poll(() => page.locator('[data-testid=orders] tr[data-strategy="mm-ui"][data-status=cancelled]').count(), { timeout: 5_000 }).toBeGreaterThan(0);
  expect(await page.locator('[data-testid=orders] tr[data-strategy]:not([data-strategy="mm-ui"])').count()).toBe(0);
  await page.check('[data-testid=bl-open]');
  await expect.poll(() => page.textContent('[data-testid=orders]')).toContain('no orders');
  await page.uncheck('[data-testid=bl-open]');
  await page.selectOption('[data-testid=bl-strategy]', '');
  await page.click('[data-testid=nav-overview]');
  await expect.poll(() => page.textContent('[data-testid=kill-state]')).toBe('ENGAGED');
  await shot('7-kill-switch');
  await page.click('[data-testid=nav-blotter]');
  await shot('8-blotter');

  // The audit log shows what was done, by whom.
  await page.click('[data-testid=nav-audit]');
  await expect.poll(() => page.textContent('[data-testid=audit]')).toContain('kill-switch');
  const auditText = await page.textContent('[data-testid=audit]');
  for (const a of ['strategy.create', 'strategy.start', 'strategy.promote']) expect(auditText).toContain(a);
  await page.click('[data-testid=nav-latency]');
  await page.waitForSelector('[data-testid=latency] [data-metric]');
  await shot('9-latency');

  // A viewer sees no kill switch and no controls.
  const viewer = await browser.newPage();
  await viewer.goto(base);
  await viewer.fill('[data-testid=token]', TOKEN.viewer);
  await viewer.click('[data-testid=login]');
  await viewer.waitForSelector('[data-testid=conn].live');
  expect(await viewer.isVisible('[data-testid=kill]')).toBe(false);
  await viewer.close();
  expect(errors).toEqual([]);
});
