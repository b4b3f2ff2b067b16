// The optimisation summary page: one self-contained HTML file (inline SVG, no scripts, no external assets;
// opens offline). It shows the best trial, the objective against each parameter (one scatter per
// parameter: complete trials in blue, the best in red, pruned at their last reported value in grey), the
// optimisation history with its best-so-far line, the top trials, and the walk-forward folds with their
// in-sample and out-of-sample values. Cold path.

import type { StudyResult, TrialRecord } from './study.js';
import type { ParamSpec } from './space.js';
import type { FoldResult } from './walk-forward.js';

export interface SummaryInput {
  title: string;
  space: readonly ParamSpec[];
  studies: Array<{ fold: number; result: StudyResult }>;
  folds: FoldResult[];
  meta: Record<string, unknown>;
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const fmt = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(Number(v.toPrecision(6)));
/** ns since the session epoch (midnight) as HH:MM:SS.mmm. */
const clock = (ns: number): string => {
  const ms = Math.round(ns / 1e6);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3_600_000))}:${p(Math.floor(ms / 60_000) % 60)}:${p(Math.floor(ms / 1000) % 60)}.${p(ms % 1000, 3)}`;
};

interface Pt { x: number; y: number; kind: 'ok' | 'best' | 'pruned' }

/** One scatter plot as inline SVG; `logX` for log-scaled parameters; `line` draws a step line too. */
function scatter(title: string, xLabel: string, pts: Pt[], opts: { logX?: boolean; line?: Array<[number, number]> } = {}): string {
  const W = 370, H = 220, L = 66, R = 10, T = 22, B = 34;
  const fx = (x: number) => (opts.logX ? Math.log10(x) : x);
  const xs = pts.map((p) => fx(p.x)).concat((opts.line ?? []).map(([x]) => fx(x)));
  const ys = pts.map((p) => p.y).concat((opts.line ?? []).map(([, y]) => y)).filter(Number.isFinite);
  if (xs.length === 0 || ys.length === 0) return `<figure><figcaption>${esc(title)}: no data</figcaption></figure>`;
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const px = (x: number) => L + ((fx(x) - x0) / (x1 - x0)) * (W - L - R);
  const py = (y: number) => T + (1 - (y - y0) / (y1 - y0)) * (H - T - B);
  const color = { ok: '#2b6cb0', best: '#e53e3e', pruned: '#a0aec0' };
  const dots = pts
    .filter((p) => Number.isFinite(p.y))
    .sort((a, b) => (a.kind === 'best' ? 1 : 0) - (b.kind === 'best' ? 1 : 0))
    .map((p) => `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="${p.kind === 'best' ? 5 : 3}" fill="${color[p.kind]}" fill-opacity="0.8"/>`)
    .join('');
  const line = opts.line?.length ? `<polyline fill="none" stroke="#e53e3e" stroke-width="1.5" points="${opts.line.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"/>` : '';
  const tick = (v: number) => fmt(opts.logX ? 10 ** v : v);
  return `<figure><svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg">
<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="#f7fafc" stroke="#cbd5e0"/>
<text x="${W / 2}" y="14" text-anchor="middle" font-size="12">${esc(title)}</text>
<text x="${L}" y="${H - 18}" font-size="10">${tick(x0)}</text><text x="${W - R}" y="${H - 18}" font-size="10" text-anchor="end">${tick(x1)}</text>
<text x="${(L + W - R) / 2}" y="${H - 4}" font-size="11" text-anchor="middle">${esc(xLabel)}${opts.logX ? ' (log)' : ''}</text>
<text x="${L - 4}" y="${T + 10}" font-size="10" text-anchor="end">${fmt(y1)}</text><text x="${L - 4}" y="${H - B}" font-size="10" text-anchor="end">${fmt(y0)}</text>
${line}${dots}</svg></figure>`;
}

function trialPoints(trials: readonly TrialRecord[], best: TrialRecord | undefined, x: (t: TrialRecord) => number, sign: number): Pt[] {
  const out: Pt[] = [];
  for (const t of trials) {
    if (t.state === 'complete') out.push({ x: x(t), y: t.value!, kind: t === best ? 'best' : 'ok' });
    else if (t.state === 'pruned' && t.intermediate.size) out.push({ x: x(t), y: sign * [...t.intermediate.values()].pop()!, kind: 'pruned' });
  }
  return out;
}

function studySection(input: SummaryInput, fold: number, r: StudyResult): string {
  const sign = r.direction === 'minimize' ? 1 : -1;
  const plots = input.space.map((p) => scatter(`objective vs ${p.name}`, p.name, trialPoints(r.trials, r.best, (t) => t.params[p.name], sign), { logX: p.log }));
  const hist: Array<[number, number]> = [];
  let bestLoss = Infinity;
  for (const t of r.trials) if (t.state === 'complete' && t.loss! < bestLoss) hist.push([t.number, sign * (bestLoss = t.loss!)]);
  if (hist.length) hist.push([r.trials.length - 1, hist[hist.length - 1][1]]);
  plots.push(scatter('history (red: best so far)', 'trial', trialPoints(r.trials, r.best, (t) => t.number, sign), { line: hist }));
  const top = r.trials.filter((t) => t.state === 'complete').sort((a, b) => a.loss! - b.loss! || a.number - b.number).slice(0, 10);
  const head = `<tr><th>trial</th><th>value</th>${input.space.map((p) => `<th>${esc(p.name)}</th>`).join('')}<th>ms</th></tr>`;
  const rows = top.map((t) => `<tr><td>${t.number}</td><td>${fmt(t.value)}</td>${input.space.map((p) => `<td>${fmt(t.params[p.name])}</td>`).join('')}<td>${t.durationMs.toFixed(1)}</td></tr>`).join('');
  const counts = ['complete', 'pruned', 'failed'].map((s) => `${r.trials.filter((t) => t.state === s).length} ${s}`).join(', ');
  const title = fold < 0 ? 'Study' : `Fold ${fold} (train window)`;
  const best = r.best ? `best value <b>${fmt(r.best.value)}</b> at trial ${r.best.number}: ${esc(JSON.stringify(r.best.params))}` : 'no complete trial';
  return `<section><h2>${title}</h2><p>${r.trials.length} trials (${counts}); ${best}</p><div class="plots">${plots.join('')}</div>
<table><caption>top trials</caption>${head}${rows}</table></section>`;
}

function foldsTable(folds: FoldResult[]): string {
  if (folds.length === 0) return '';
  const s = clock;
  const rows = folds
    .map((f) => `<tr><td>${f.fold}</td><td>${s(f.window.trainFrom)}–${s(f.window.trainTo)}</td><td>${s(f.window.testFrom)}–${s(f.window.testTo)}</td><td>${esc(JSON.stringify(f.bestParams))}</td><td>${fmt(f.trainValue)}</td><td>${fmt(f.testValue)}</td></tr>`)
    .join('');
  return `<section><h2>Walk-forward</h2><table><tr><th>fold</th><th>train</th><th>test</th><th>best params (train)</th><th>in-sample</th><th>out-of-sample</th></tr>${rows}</table></section>`;
}

export function summaryHtml(input: SummaryInput): string {
  const meta = Object.entries(input.meta).map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(typeof v === 'string' ? v : JSON.stringify(v))}</td></tr>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(input.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#1a202c}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #e2e8f0;padding:3px 8px;text-align:right}th{background:#edf2f7}.plots{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0}</style>
</head><body><h1>${esc(input.title)}</h1><table>${meta}</table>
${foldsTable(input.folds)}
${input.studies.map((s) => studySection(input, s.fold, s.result)).join('\n')}
</body></html>
`;
}
