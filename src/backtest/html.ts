// report.html: one self-contained page (opens offline, no network): the metrics table and five charts
// (equity, drawdown, position, trades over price per instrument, order-ack latency histogram), drawn by
// uPlot, whose IIFE build and stylesheet are read from node_modules at run time and inlined. The data is
// embedded as one JSON object. Cold path.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BacktestResult } from './types.js';

let uplotCache: { js: string; css: string } | null = null;

function uplotAssets(): { js: string; css: string } {
  if (uplotCache !== null) return uplotCache;
  const req = createRequire(import.meta.url);
  const dist = dirname(req.resolve('uplot'));
  uplotCache = {
    js: readFileSync(join(dist, 'uPlot.iife.min.js'), 'utf8'),
    css: readFileSync(join(dist, 'uPlot.min.css'), 'utf8'),
  };
  return uplotCache;
}

/** Histogram of values into `bins` equal-width bins: [left edges, counts]. */
export function histogram(values: readonly number[], bins = 20): { edges: number[]; counts: number[] } {
  if (values.length === 0) return { edges: [], counts: [] };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const w = hi > lo ? (hi - lo) / bins : 1;
  const n = hi > lo ? bins : 1;
  const counts = new Array<number>(n).fill(0);
  for (const v of values) counts[Math.min(n - 1, Math.floor((v - lo) / w))]++;
  return { edges: counts.map((_, k) => lo + k * w), counts };
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function chartData(r: BacktestResult): unknown {
  const sec = (ns: number): number => ns / 1e9;
  const x = r.equity.map((e) => sec(e.ns));
  const eq = r.equity.map((e) => e.equity);
  let peak = -Infinity;
  const dd = eq.map((v) => {
    peak = Math.max(peak, v);
    return v - peak;
  });
  const pos = r.instruments.map((_, k) => r.equity.map((e) => e.position[k]));
  const prices = r.instruments.map((sym, k) => {
    const pts = new Map<number, [number | null, number | null, number | null]>();
    for (const e of r.equity) pts.set(sec(e.ns), [Number.isFinite(e.mid[k]) ? e.mid[k] : null, null, null]);
    for (const f of r.fills) {
      if (f.instrument !== sym) continue;
      const t = sec(f.ns);
      const p = pts.get(t) ?? [null, null, null];
      p[f.side === 'buy' ? 1 : 2] = f.px;
      pts.set(t, p);
    }
    const xs = [...pts.keys()].sort((a, b) => a - b);
    return { sym, x: xs, mid: xs.map((t) => pts.get(t)![0]), buy: xs.map((t) => pts.get(t)![1]), sell: xs.map((t) => pts.get(t)![2]) };
  });
  const ack = r.orders.filter((o) => o.kind === 'submit' && o.ackNs !== null).map((o) => (o.ackNs! - o.sentNs) / 1e3);
  return { x, eq, dd, pos, instruments: r.instruments, prices, latency: histogram(ack) };
}

function fmt(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 4 });
  if (v === null) return 'n/a';
  return esc(JSON.stringify(v));
}

const SCRIPT = `
const D = JSON.parse(document.getElementById('data').textContent);
const hms = (s) => { if (s == null) return ''; const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, x = s % 60; return String(h).padStart(2,'0') + ':' + String(m).padStart(2,'0') + ':' + x.toFixed(x % 1 ? 3 : 0).padStart(2,'0'); };
const W = Math.min(1100, window.innerWidth - 40);
const timeAxis = { values: (u, v) => v.map(hms) };
const colors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2'];
function plot(id, title, x, series, opts = {}) {
  new uPlot(Object.assign({ title, width: W, height: 260, scales: { x: { time: false } }, axes: [timeAxis, {}],
    series: [{ value: (u, v) => hms(v) }].concat(series) }, opts), [x].concat(series.map(s => s.data)), document.getElementById(id));
}
plot('equity', 'Equity (net PnL)', D.x, [{ label: 'equity', stroke: colors[0], data: D.eq }]);
plot('drawdown', 'Drawdown', D.x, [{ label: 'drawdown', stroke: colors[1], fill: 'rgba(214,39,40,0.15)', data: D.dd }]);
plot('position', 'Position (lots)', D.x, D.instruments.map((s, k) => ({ label: s, stroke: colors[k % colors.length], paths: uPlot.paths.stepped({ align: 1 }), data: D.pos[k] })));
const host = document.getElementById('prices');
D.prices.forEach((p, k) => {
  const div = document.createElement('div'); div.id = 'price' + k; host.appendChild(div);
  plot(div.id, 'Trades over price: ' + p.sym, p.x, [
    { label: 'mid', stroke: '#777', spanGaps: true, data: p.mid },
    { label: 'buy', stroke: '#2ca02c', paths: () => null, points: { show: true, size: 7, fill: '#2ca02c' }, data: p.buy },
    { label: 'sell', stroke: '#d62728', paths: () => null, points: { show: true, size: 7, fill: '#d62728' }, data: p.sell },
  ]);
});
if (D.latency.edges.length > 0) {
  new uPlot({ title: 'Order ack latency (us, simulated)', width: W, height: 220, scales: { x: { time: false } },
    series: [{}, { label: 'orders', stroke: colors[0], fill: 'rgba(31,119,180,0.4)', paths: uPlot.paths.bars({ size: [0.9, 60] }) }] },
    [D.latency.edges, D.latency.counts], document.getElementById('latency'));
} else document.getElementById('latency').textContent = 'No acknowledged orders.';
`;

export function renderHtml(r: BacktestResult): string {
  const { js, css } = uplotAssets();
  const m = r.metrics as unknown as Record<string, unknown>;
  const rows = Object.entries(m)
    .filter(([k]) => k !== 'latency')
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${fmt(v)}</td></tr>`)
    .join('');
  const lat = r.metrics.latency.orderAckNs;
  const data = JSON.stringify(chartData(r), (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hftbot backtest: ${esc(r.strategies.map((s) => s.name).join(', '))}</title>
<style>${css}
body { font: 14px system-ui, sans-serif; margin: 20px; color: #222; }
table { border-collapse: collapse; margin-bottom: 16px; } th, td { padding: 2px 10px; text-align: left; border-bottom: 1px solid #eee; }
h2 { margin-top: 28px; font-size: 16px; }
</style></head><body>
<h1>Backtest: ${esc(r.strategies.map((s) => s.name).join(', '))}</h1>
<p>${esc(r.instruments.join(', '))} &middot; ${fmt(r.events)} events &middot; order ack latency p50 ${fmt(lat.p50)} ns, p99 ${fmt(lat.p99)} ns</p>
<table>${rows}</table>
<h2>Equity</h2><div id="equity"></div>
<h2>Drawdown</h2><div id="drawdown"></div>
<h2>Position</h2><div id="position"></div>
<h2>Trades over price</h2><div id="prices"></div>
<h2>Latency</h2><div id="latency"></div>
<script id="data" type="application/json">${data}</script>
<script>${js}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
