// Strategies: the list with stage and controls (start/stop, stage, promote with its gates), the editor
// (the seeds' minimal form, or raw YAML with inline validation errors from src/config), and the
// backtest runner (report metrics and the equity chart, uPlot).
/* global window */
import uPlot from '/ui/vendor/uPlot.esm.js';
import { api } from './api.js';
import { esc, int, money, pill, signClass, table } from './dom.js';

// The seeds' minimal form fits the templates with a lookback window and an entry threshold; the others
// (pairs, market making, models) are written in YAML.
const TEMPLATES = ['Momentum', 'Mean Reversion'];
let mode = 'form';
let lastYaml = '';
let chart = null;

function setMsg(el, html) {
  el.querySelector('#st-msg').innerHTML = html;
}

function errText(r) {
  return esc(r.body?.message ?? r.body?.error ?? `HTTP ${r.status}`);
}

export const strategies = {
  mount(el, ctx) {
    el.innerHTML = `
      <div class="panel"><h2>Strategies</h2><div id="st-list" data-testid="strategies"></div><div id="st-msg" data-testid="strategy-msg"></div></div>
      <div class="grid">
        <div class="panel" data-testid="editor"><h2>New strategy</h2>
          <div class="tabs"><button data-mode="form" data-testid="tab-form">Minimal form</button><button data-mode="yaml" data-testid="tab-yaml">YAML</button></div>
          <div id="ed-form" class="form-grid">
            <label>Strategy<select name="strategy" data-testid="f-strategy">${TEMPLATES.map((t) => `<option>${t}</option>`).join('')}</select></label>
            <label>Asset<select name="asset" data-testid="f-asset">${ctx.instruments.map((i) => `<option>${esc(i)}</option>`).join('')}</select></label>
            <label>Lookback window<input name="lookbackWindow" value="100ms" data-testid="f-lookback"></label>
            <label>Entry threshold<input name="entryThreshold" value="0.7" data-testid="f-entry"></label>
            <label>Risk tolerance<select name="riskTolerance" data-testid="f-risk"><option>Low</option><option>Medium</option><option>High</option></select></label>
            <label>Name (optional)<input name="name" placeholder="momentum-AAPL" data-testid="f-name"></label>
          </div>
          <div id="ed-yaml" hidden><div class="editor"><pre id="ed-gutter">1</pre><textarea id="ed-text" spellcheck="false" data-testid="yaml"></textarea></div></div>
          <ul class="issues" id="ed-issues" data-testid="issues"></ul><div id="ed-ok" class="ok-msg" data-testid="valid"></div>
          <div class="row" style="margin-top:8px">
            <label style="margin:0;width:140px">Stage<select id="ed-stage" data-testid="create-stage"><option>shadow</option><option>paper</option><option>live</option></select></label>
            <button id="ed-validate" data-testid="validate">Validate</button>
            <button id="ed-create" class="primary" data-testid="create">Create</button>
          </div>
        </div>
        <div class="panel" data-testid="backtest"><h2>Backtest</h2>
          <div class="row"><label style="flex:1">Strategy<select id="bt-which" data-testid="bt-strategy"></select></label>
            <label style="width:120px">Seconds<input id="bt-secs" type="number" value="30" min="1" max="3600" data-testid="bt-seconds"></label>
            <button id="bt-run" class="primary" data-testid="bt-run">Run backtest</button></div>
          <div id="bt-metrics" data-testid="bt-metrics"></div><div id="bt-chart" class="chart" data-testid="equity-chart"></div>
        </div>
      </div>`;
    const q = (s) => el.querySelector(s);
    const input = () => {
      if (mode === 'yaml') return { yaml: q('#ed-text').value };
      const f = {};
      for (const e of q('#ed-form').querySelectorAll('[name]')) if (e.value.trim() !== '') f[e.name] = e.value.trim();
      return { form: f };
    };
    const gutter = (issues) => {
      const n = q('#ed-text').value.split('\n').length;
      const bad = new Set(issues.map((i) => i.line));
      q('#ed-gutter').innerHTML = Array.from({ length: n }, (_, i) => (bad.has(i + 1) ? `<span class="err">${i + 1}</span>` : String(i + 1))).join('\n');
    };
    const showIssues = (issues, yaml) => {
      q('#ed-issues').innerHTML = issues.map((i) => `<li data-line="${i.line}">line ${i.line}, col ${i.col}: ${esc(i.message)}</li>`).join('');
      if (yaml !== undefined && mode === 'form') lastYaml = yaml;
      gutter(issues);
    };
    const validate = async () => {
      const r = await api('POST', '/api/strategies/validate', input());
      if (r.status !== 200) { showIssues([{ line: 1, col: 1, message: r.body?.message ?? r.body?.error ?? 'invalid' }]); q('#ed-ok').textContent = ''; return null; }
      showIssues(r.body.issues, r.body.yaml);
      q('#ed-ok').textContent = r.body.ok ? `valid: ${r.body.template} on ${r.body.instruments.join(', ')} (${r.body.name})` : '';
      return r.body;
    };
    let debounce = null;
    const soon = () => { window.clearTimeout(debounce); debounce = window.setTimeout(validate, 300); };
    q('#ed-form').addEventListener('input', soon);
    q('#ed-text').addEventListener('input', () => { gutter([]); soon(); });
    q('#ed-text').addEventListener('scroll', () => { q('#ed-gutter').scrollTop = q('#ed-text').scrollTop; });
    const setMode = async (m) => {
      if (m === 'yaml' && mode === 'form') {
        const v = await validate();
        q('#ed-text').value = v?.yaml ?? lastYaml;
      }
      mode = m;
      q('#ed-form').hidden = m !== 'form';
      q('#ed-yaml').hidden = m !== 'yaml';
      el.querySelectorAll('.tabs button').forEach((b) => b.classList.toggle('on', b.dataset.mode === m));
      void validate();
    };
    el.querySelector('.tabs').addEventListener('click', (e) => { const m = e.target.dataset.mode; if (m) void setMode(m); });
    void setMode(mode);
    q('#ed-validate').addEventListener('click', validate);
    q('#ed-create').addEventListener('click', async () => {
      const r = await api('POST', '/api/strategies', { ...input(), stage: q('#ed-stage').value });
      if (r.status === 200) { q('#ed-ok').textContent = `created ${r.body.strategy.name} (${r.body.strategy.stage}, stopped)`; q('#ed-issues').innerHTML = ''; ctx.refresh(); }
      else if (r.body?.issues) { showIssues(r.body.issues); q('#ed-ok').textContent = ''; }
      else { q('#ed-ok').textContent = ''; showIssues([{ line: 1, col: 1, message: r.body?.message ?? r.body?.error }]); }
    });
    q('#bt-run').addEventListener('click', async () => {
      const which = q('#bt-which').value;
      const body = { durationS: Number(q('#bt-secs').value) || 30, ...(which === '' ? input() : { strategy: which }) };
      q('#bt-metrics').innerHTML = '<span class="dim">running…</span>';
      const r = await api('POST', '/api/backtest', body);
      if (r.status !== 200) { q('#bt-metrics').innerHTML = `<span class="down">${errText(r)}</span>`; return; }
      const m = r.body.report.metrics;
      q('#bt-metrics').innerHTML = `<div class="row" data-testid="bt-done">${Object.entries(m).map(([k, v]) => `<span>${esc(k)} <b class="${k === 'pnl' ? signClass(v) : ''}">${typeof v === 'number' ? esc(Number.isInteger(v) ? v : v.toFixed(k === 'pnl' || k === 'maxDrawdown' ? 2 : 3)) : esc(v ?? '–')}</b></span>`).join('')}</div>`;
      drawEquity(q('#bt-chart'), r.body.report);
    });
    strategies.bind(el, ctx);
  },
  bind(el, ctx) {
    el.querySelector('#st-list').addEventListener('click', async (e) => {
      const b = e.target.closest('button[data-act]');
      if (b === null) return;
      const name = b.closest('tr').dataset.strategy;
      const act = b.dataset.act;
      const enc = encodeURIComponent(name);
      let r;
      if (act === 'stage') r = await api('PUT', `/api/strategies/${enc}/stage`, { stage: b.closest('tr').querySelector('select').value });
      else r = await api('POST', `/api/strategies/${enc}/${act}`, {});
      if (r.status !== 200) setMsg(el, `<span class="down" data-testid="action-error">${esc(name)}: ${errText(r)}</span>`);
      else if (act === 'promote') {
        const o = r.body;
        setMsg(el, `<div data-testid="promote-result">${o.promoted ? `<span class="up">${esc(name)} promoted ${esc(o.from)} → ${esc(o.to)}</span>` : `<span class="warn">${esc(name)} stays in ${esc(o.from)}: gates not met</span>`}
          ${table([{ h: 'Gate', f: (g) => esc(g.gate) }, { h: 'Required', f: (g) => esc(g.required) }, { h: 'Actual', f: (g) => esc(g.actual) }, { h: '', f: (g) => (g.ok ? '<span class="up">pass</span>' : '<span class="down">fail</span>') }], o.gates)}</div>`);
      } else setMsg(el, `<span class="up">${esc(name)}: ${esc(act)} ok</span>`);
      ctx.refresh();
    });
  },
  update(s, el, ctx) {
    const canTrade = ctx.role !== 'viewer';
    const focused = el.querySelector('#st-list select:focus');
    if (focused === null) {
      el.querySelector('#st-list').innerHTML = table([
        { h: 'Name', f: (r) => esc(r.name) },
        { h: 'Template', f: (r) => esc(r.template) },
        { h: 'Instruments', f: (r) => esc(r.instruments.join(', ')) },
        { h: 'Stage', f: (r) => `<span data-testid="stage">${pill(r.stage)}</span>` },
        { h: 'State', f: (r) => `<span data-testid="state">${pill(r.state)}</span>` },
        { h: 'PnL', num: true, f: (r) => `<span class="${signClass(r.pnl)}">${money(r.pnl)}</span>` },
        { h: 'Trades', num: true, f: (r) => int(r.trades) },
        { h: 'Open', num: true, f: (r) => int(r.openOrders) },
        { h: 'Controls', f: (r) => (canTrade ? `<div class="row">${r.state === 'running' ? '<button data-act="stop">Stop</button>' : '<button data-act="start">Start</button>'}
            <button data-act="promote">Promote</button><select style="width:auto;display:inline-block;margin:0">${['shadow', 'paper', 'live'].map((x) => `<option ${x === r.stage ? 'selected' : ''}>${x}</option>`).join('')}</select><button data-act="stage">Set stage</button></div>` : '<span class="dim">viewer</span>') },
      ], s.strategies, 'no strategies yet', (r) => `data-strategy="${esc(r.name)}"`);
    }
    const sel = el.querySelector('#bt-which');
    const want = ['', ...s.strategies.map((x) => x.name)];
    if (sel.options.length !== want.length || want.some((w, i) => sel.options[i].value !== w)) {
      const cur = sel.value;
      sel.innerHTML = want.map((w) => `<option value="${esc(w)}">${w === '' ? '(the editor\'s spec)' : esc(w)}</option>`).join('');
      sel.value = want.includes(cur) ? cur : '';
    }
  },
};

function drawEquity(el, report) {
  const eq = report.series.find((s) => s.name === 'equity');
  const dd = report.series.find((s) => s.name === 'drawdown');
  chart?.destroy();
  el.innerHTML = '';
  // Drawdown first (a shaded band below zero), the equity line drawn over it.
  const series = [{}];
  const data = [eq.t];
  if (dd !== undefined) { series.push({ label: `drawdown (${dd.unit})`, stroke: 'rgba(248,81,73,0.6)', fill: 'rgba(248,81,73,0.12)', width: 1 }); data.push(dd.v.map((v) => -v)); }
  series.push({ label: `equity (${eq.unit})`, stroke: '#58a6ff', width: 2 });
  data.push(eq.v);
  chart = new uPlot({
    width: Math.max(300, el.clientWidth || 600), height: 240, series, scales: { x: { time: false } },
    axes: [{ stroke: '#8a96a3', grid: { stroke: '#2a3542' }, label: 'seconds' }, { stroke: '#8a96a3', grid: { stroke: '#2a3542' } }],
  }, data, el);
}
