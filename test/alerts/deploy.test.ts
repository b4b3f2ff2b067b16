// The shipped monitoring deployment (deploy/): the Grafana dashboard, the Prometheus configuration and
// the seed example's rules are what src/alerts generates (UPDATE_DEPLOY=1 rewrites them); the dashboard
// names only exported metric families, has a panel for each, and its queries parse (promtool); the
// Prometheus configuration passes `promtool check config`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { METRIC_FAMILIES, familyOf, grafanaDashboard, metricNamesIn, prometheusConfig, renderAlerts, targetLabelsFor, toYaml } from '../../src/alerts/index.js';
import { loadSpec } from '../../src/config/index.js';
import { PROMTOOL, repoRoot, tool } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'hftbot-deploy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expected(): Record<string, string> {
  const r = loadSpec(join(repoRoot, 'examples/seeds/alerts.yaml'));
  if (!r.ok || r.kind !== 'alerts') throw new Error('seed alerts spec');
  const g = renderAlerts(r.spec, 'examples/seeds/alerts.yaml');
  return {
    'deploy/grafana/hftbot.json': `${JSON.stringify(grafanaDashboard(), null, 2)}\n`,
    'deploy/prometheus/prometheus.yml': toYaml(
      prometheusConfig({ ruleFiles: ['../alerts/rules.yml'], alertmanager: '127.0.0.1:9093', targetLabels: targetLabelsFor(r.spec).labels }),
      'Prometheus configuration for hftbot (src/alerts/deploy.ts): `prometheus --config.file=deploy/prometheus/prometheus.yml`',
    ),
    'deploy/alerts/rules.yml': g.rules,
    'deploy/alerts/rules.test.yml': g.rulesTest,
    'deploy/alerts/alertmanager.yml': g.alertmanager,
  };
}

interface Panel { id: number; type: string; title: string; gridPos: { w: number; h: number; x: number; y: number }; targets?: Array<{ expr: string; refId: string }> }

describe('deploy/', () => {
  const files = expected();
  if (process.env.UPDATE_DEPLOY === '1') {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(repoRoot, rel)), { recursive: true });
      writeFileSync(join(repoRoot, rel), text);
    }
  }

  it('holds exactly what src/alerts generates', () => {
    for (const [rel, text] of Object.entries(files)) expect(readFileSync(join(repoRoot, rel), 'utf8'), `${rel} is stale: UPDATE_DEPLOY=1 npx vitest run test/alerts/deploy.test.ts`).toBe(text);
  });

  it('the dashboard: schema 39, a Prometheus datasource variable, only exported metric names, a panel per family', () => {
    const d = JSON.parse(readFileSync(join(repoRoot, 'deploy/grafana/hftbot.json'), 'utf8')) as { schemaVersion: number; templating: { list: Array<{ name: string; type: string; query: unknown }> }; panels: Panel[] };
    expect(d.schemaVersion).toBe(39);
    expect(d.templating.list.find((v) => v.type === 'datasource')).toMatchObject({ name: 'datasource', query: 'prometheus' });
    const ids = d.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const used = new Set<string>();
    for (const p of d.panels.filter((x) => x.type !== 'row')) {
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
      for (const t of p.targets!) {
        const names = metricNamesIn(t.expr);
        expect(names.length, t.expr).toBeGreaterThan(0);
        for (const n of names) {
          const f = familyOf(n);
          expect(f, `${p.title}: ${n} is not an exported metric`).toBeDefined();
          used.add(f!.name);
        }
      }
    }
    expect([...used].sort()).toEqual(METRIC_FAMILIES.map((f) => f.name).sort());
    // the latency panels show p50, p99 and p99.9
    const t2t = d.panels.find((p) => p.title.startsWith('Tick-to-trade'))!;
    expect(t2t.targets!.map((t) => /histogram_quantile\(([\d.]+),/.exec(t.expr)?.[1])).toEqual(['0.5', '0.99', '0.999']);
    // panels do not overlap
    const cells = new Set<string>();
    for (const p of d.panels) for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
      const k = `${x},${y}`;
      expect(cells.has(k), `${p.title} overlaps at ${k}`).toBe(false);
      cells.add(k);
    }
  });

  it('every dashboard query parses (promtool, as recording rules with the Grafana variables substituted)', async () => {
    const d = grafanaDashboard() as { panels: Panel[] };
    const rules = d.panels.flatMap((p) => (p.targets ?? []).map((t) => ({
      record: `dashboard:panel_${p.id}_${t.refId}`,
      expr: t.expr.replace(/\$__rate_interval/g, '1m').replace(/\$strategy/g, '.*'),
    })));
    const f = join(dir, 'dashboard-queries.yml');
    writeFileSync(f, toYaml({ groups: [{ name: 'dashboard', rules }] }, 'dashboard queries'));
    const r = await tool(PROMTOOL, ['check', 'rules', f]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`SUCCESS: ${rules.length} rules found`);
    // and promtool does reject a broken query (the check has teeth)
    writeFileSync(f, toYaml({ groups: [{ name: 'dashboard', rules: [{ record: 'x:y', expr: 'sum by (le (rate(hftbot_pnl[1m]))' }] }] }, 'broken'));
    expect((await tool(PROMTOOL, ['check', 'rules', f])).code).not.toBe(0);
  });

  it('promtool accepts the Prometheus configuration (with the seed rules) and passes the seed rules\' unit test', async () => {
    const c = await tool(PROMTOOL, ['check', 'config', join(repoRoot, 'deploy/prometheus/prometheus.yml')]);
    expect(c.code, c.out).toBe(0);
    expect(c.out).toContain('SUCCESS: 1 rules found');
    const cfg = readFileSync(join(repoRoot, 'deploy/prometheus/prometheus.yml'), 'utf8');
    expect(cfg).toContain('127.0.0.1:8080');
    // the seed's rule filters on server=NY4, which hftbot does not export: the target carries it
    expect(cfg).toMatch(/labels:\n\s+server: NY4/);
    const t = await tool(PROMTOOL, ['test', 'rules', 'rules.test.yml'], join(repoRoot, 'deploy/alerts'));
    expect(t.code, t.out).toBe(0);
  });
});
