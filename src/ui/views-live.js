// The live views, redrawn from each stream snapshot (a few per second): overview, market (book ladder and
// trades of one instrument), blotter, latency histograms and the audit log. Each view is
// { mount(el, ctx), update(snapshot) }; update() only rewrites the panels that show live data.
import uPlot from '/ui/vendor/uPlot.esm.js';
import { api } from './api.js';
import { bar, dur, esc, int, money, pill, px, signClass, table, time } from './dom.js';

const pnlCell = (v) => `<span class="${signClass(v)} num">${money(v)}</span>`;

export const overview = {
  mount(el) {
    el.innerHTML = `
      <div class="cards">
        <div class="card"><div class="label">Total PnL</div><div class="value" data-testid="total-pnl" id="ov-pnl">–</div></div>
        <div class="card"><div class="label">Health</div><div class="value" data-testid="health" id="ov-health">–</div></div>
        <div class="card"><div class="label">Engine events/s</div><div class="value" id="ov-rate">–</div></div>
        <div class="card"><div class="label">Kill switch</div><div class="value" id="ov-kill" data-testid="kill-state">–</div></div>
      </div>
      <div class="grid">
        <div class="panel"><h2>PnL (this session, live)</h2><div id="ov-chart" data-testid="pnl-chart"></div></div>
        <div class="panel"><h2>PnL by strategy</h2><div id="ov-strats"></div></div>
        <div class="panel"><h2>Positions</h2><div id="ov-pos"></div></div>
        <div class="panel"><h2>Risk utilisation</h2><div id="ov-risk"></div></div>
        <div class="panel"><h2>Alerts</h2><div id="ov-alerts" data-testid="alerts"></div></div>
        <div class="panel"><h2>Components</h2><div id="ov-comp"></div></div>
      </div>`;
  },
  update(s, el) {
    const q = (id) => el.querySelector(`#${id}`);
    pnlChart(q('ov-chart'));
    q('ov-pnl').innerHTML = pnlCell(s.pnl.total);
    q('ov-health').innerHTML = `<span class="${s.health.status === 'ok' ? 'up' : s.health.status === 'down' ? 'down' : 'warn'}">${esc(s.health.status)}</span>`;
    q('ov-rate').textContent = int(s.health.eventsPerSec);
    q('ov-kill').innerHTML = s.risk.killSwitch ? '<span class="down">ENGAGED</span>' : '<span class="dim">off</span>';
    q('ov-strats').innerHTML = table([
      { h: 'Strategy', f: (r) => esc(r.name) },
      { h: 'Stage', f: (r) => pill(r.stage) },
      { h: 'State', f: (r) => pill(r.state) },
      { h: 'PnL', num: true, f: (r) => pnlCell(r.pnl) },
      { h: 'Drawdown', num: true, f: (r) => money(-r.drawdown) },
      { h: 'Trades', num: true, f: (r) => int(r.trades) },
    ], s.strategies, 'no strategies', (r) => `data-strategy="${esc(r.name)}"`);
    q('ov-pos').innerHTML = table([
      { h: 'Strategy', f: (r) => esc(r.strategy) },
      { h: 'Instrument', f: (r) => esc(r.instrument) },
      { h: 'Qty', num: true, f: (r) => `<span class="${signClass(r.qty)}">${int(r.qty)}</span>` },
      { h: 'Avg px', num: true, f: (r) => (r.qty === 0 ? '–' : px(r.avgPx)) },
    ], s.positions, 'flat');
    q('ov-risk').innerHTML = table([
      { h: 'Strategy', f: (r) => esc(r.strategy) },
      ...['position', 'loss', 'drawdown', 'openOrders'].map((k) => ({ h: k, f: (r) => bar(r.utilisation[k]) })),
      { h: 'Breaches', num: true, f: (r) => int(r.breaches) },
    ], s.risk.strategies, 'no limits');
    q('ov-alerts').innerHTML = table([
      { h: 'Alert', f: (a) => esc(a.name) },
      { h: 'Severity', f: (a) => `<span class="${a.severity === 'critical' ? 'down' : 'warn'}">${esc(a.severity)}</span>` },
      { h: 'State', f: (a) => esc(a.state) },
      { h: 'Since', f: (a) => time(a.sinceMs) },
      { h: 'Summary', f: (a) => esc(a.summary) },
    ], s.alerts, 'no alerts');
    q('ov-comp').innerHTML = table([
      { h: 'Component', f: (c) => esc(c.name) },
      { h: 'OK', f: (c) => (c.ok ? '<span class="up">ok</span>' : '<span class="down">down</span>') },
      { h: 'Detail', f: (c) => esc(c.detail) },
    ], s.health.components);
  },
};

// Total PnL over the snapshots seen since the page loaded (the last 10 minutes at 5 Hz).
const hist = { t: [], v: [] };
let chart = null;

/** Called with every snapshot, whatever the view (the chart has no gap after a visit elsewhere). */
export function recordPnl(s) {
  if (hist.t.length === 0 || s.tsMs > hist.t[hist.t.length - 1] * 1000) {
    hist.t.push(s.tsMs / 1000);
    hist.v.push(s.pnl.total);
    if (hist.t.length > 3000) { hist.t.shift(); hist.v.shift(); }
  }
}

function pnlChart(el) {
  if (chart === null || chart.root.parentElement !== el) {
    chart?.destroy();
    chart = new uPlot({
      width: Math.max(280, el.clientWidth || 400), height: 160, legend: { show: false },
      series: [{}, { label: 'PnL', stroke: '#58a6ff', width: 1.5, fill: 'rgba(88,166,255,0.08)' }],
      axes: [{ stroke: '#8a96a3', grid: { stroke: '#2a3542' } }, { stroke: '#8a96a3', grid: { stroke: '#2a3542' }, size: 60 }],
    }, [hist.t, hist.v], el);
  } else chart.setData([hist.t, hist.v]);
}

let marketInst = null;

export const market = {
  mount(el, ctx) {
    el.innerHTML = `<div class="row" id="mk-inst" data-testid="instruments"></div>
      <div class="grid"><div class="panel"><h2>Book <span id="mk-name"></span></h2><div id="mk-book" class="ladder" data-testid="book"></div></div>
      <div class="panel"><h2>Trades</h2><div id="mk-trades" data-testid="trades"></div></div></div>`;
    const insts = ctx.instruments;
    marketInst = marketInst ?? insts[0] ?? null;
    const row = el.querySelector('#mk-inst');
    row.innerHTML = insts.map((i) => `<button data-inst="${esc(i)}">${esc(i)}</button>`).join('');
    row.addEventListener('click', (e) => {
      const i = e.target.closest('button')?.dataset.inst;
      if (i === undefined) return;
      marketInst = i;
      if (ctx.snapshot !== null) market.update(ctx.snapshot, el);
    });
  },
  update(s, el) {
    el.querySelectorAll('#mk-inst button').forEach((b) => b.classList.toggle('primary', b.dataset.inst === marketInst));
    el.querySelector('#mk-name').textContent = marketInst ?? '';
    const b = s.books.find((x) => x.instrument === marketInst);
    if (b === undefined) return;
    const max = Math.max(1, ...b.bids.map((l) => l.qty), ...b.asks.map((l) => l.qty));
    const bar = (l) => `<span class="depth" style="width:${((l.qty / max) * 100).toFixed(1)}%"></span>`;
    const row = (l, side) => (side === 'bid'
      ? `<tr class="bid"><td class="num">${int(l.orders)}</td><td class="num">${bar(l)}${int(l.qty)}</td><td class="num up" data-testid="bid-px">${px(l.px)}</td><td></td><td></td></tr>`
      : `<tr class="ask"><td></td><td></td><td class="num down" data-testid="ask-px">${px(l.px)}</td><td class="num">${bar(l)}${int(l.qty)}</td><td class="num">${int(l.orders)}</td></tr>`);
    const spread = b.asks.length > 0 && b.bids.length > 0 ? (b.asks[0].px - b.bids[0].px).toFixed(2) : '–';
    el.querySelector('#mk-book').innerHTML = `<table><thead><tr><th class="num">Orders</th><th class="num">Bid qty</th><th class="num">Price</th><th class="num">Ask qty</th><th class="num">Orders</th></tr></thead><tbody>
      ${b.asks.slice().reverse().map((l) => row(l, 'ask')).join('')}<tr class="spread"><td colspan="5">spread ${spread} · ${time(b.tsMs)}</td></tr>${b.bids.map((l) => row(l, 'bid')).join('')}</tbody></table>`;
    el.querySelector('#mk-trades').innerHTML = table([
      { h: 'Time', f: (t) => time(t.tsMs) },
      { h: 'Price', num: true, f: (t) => `<span class="${t.side === 'buy' ? 'up' : 'down'}">${px(t.px)}</span>` },
      { h: 'Qty', num: true, f: (t) => int(t.qty) },
      { h: 'Aggressor', f: (t) => esc(t.side) },
    ], s.trades.filter((t) => t.instrument === marketInst), 'no trades yet');
  },
};

// Blotter filters: none -> the snapshot's latest orders and fills; a strategy or "working only" -> the
// API's filtered lists, fetched every second (the snapshot carries the latest few dozen only).
const filter = { strategy: '', open: false };

function renderBlotter(el, orders, fills) {
  el.querySelector('#bl-orders').innerHTML = table([
    { h: 'Time', f: (o) => time(o.tsMs) },
    { h: 'ClOrdID', num: true, f: (o) => esc(o.clOrdId) },
    { h: 'Strategy', f: (o) => esc(o.strategy) },
    { h: 'Stage', f: (o) => pill(o.stage) },
    { h: 'Instrument', f: (o) => esc(o.instrument) },
    { h: 'Side', f: (o) => `<span class="${o.side === 'buy' ? 'up' : 'down'}">${esc(o.side)}</span>` },
    { h: 'Qty', num: true, f: (o) => int(o.qty) },
    { h: 'Price', num: true, f: (o) => px(o.px) },
    { h: 'Filled', num: true, f: (o) => int(o.cumQty) },
    { h: 'Leaves', num: true, f: (o) => int(o.leavesQty) },
    { h: 'Status', f: (o) => esc(o.status) },
  ], orders, 'no orders', (o) => `data-status="${esc(o.status)}" data-strategy="${esc(o.strategy)}"`);
  el.querySelector('#bl-fills').innerHTML = table([
    { h: 'Time', f: (f) => time(f.tsMs) },
    { h: 'ClOrdID', num: true, f: (f) => esc(f.clOrdId) },
    { h: 'Strategy', f: (f) => esc(f.strategy) },
    { h: 'Instrument', f: (f) => esc(f.instrument) },
    { h: 'Side', f: (f) => `<span class="${f.side === 'buy' ? 'up' : 'down'}">${esc(f.side)}</span>` },
    { h: 'Qty', num: true, f: (f) => int(f.qty) },
    { h: 'Price', num: true, f: (f) => px(f.px) },
    { h: 'Fee', num: true, f: (f) => money(-f.fee) },
    { h: '', f: (f) => (f.shadow ? pill('shadow') : '') },
  ], fills, 'no fills');
}

export const blotter = {
  mount(el, ctx) {
    el.innerHTML = `<div class="row"><label style="width:220px">Strategy<select id="bl-strategy" data-testid="bl-strategy"><option value="">all</option></select></label>
        <label class="row" style="width:auto"><input type="checkbox" id="bl-open" data-testid="bl-open" style="width:auto;display:inline;margin:0"> working orders only</label></div>
      <div class="panel"><h2>Orders</h2><div id="bl-orders" data-testid="orders"></div></div>
      <div class="panel"><h2>Fills</h2><div id="bl-fills" data-testid="fills"></div></div>`;
    const sel = el.querySelector('#bl-strategy');
    const box = el.querySelector('#bl-open');
    box.checked = filter.open;
    // Each fetch carries the filter generation it was made for; an answer that arrives after the
    // filter changed again is dropped, so the table never shows rows of an older filter.
    let gen = 0;
    const load = async () => {
      if (filter.strategy === '' && !filter.open) return;
      const mine = gen;
      const q = `${filter.strategy === '' ? '' : `strategy=${encodeURIComponent(filter.strategy)}&`}limit=200`;
      const [o, f] = await Promise.all([api('GET', `/api/orders?${q}${filter.open ? '&open=true' : ''}`), api('GET', `/api/fills?${q}`)]);
      if (mine === gen && o.status === 200 && f.status === 200) renderBlotter(el, o.body.orders, f.body.fills);
    };
    const changed = () => {
      gen++;
      filter.strategy = sel.value;
      filter.open = box.checked;
      if (filter.strategy === '' && !filter.open && ctx.snapshot !== null) { blotter.update(ctx.snapshot, el); return; }
      // Until the filtered answer comes, show nothing rather than the previous filter's rows.
      for (const id of ['#bl-orders', '#bl-fills']) el.querySelector(id).innerHTML = '<span class="dim">loading…</span>';
      void load();
    };
    sel.addEventListener('change', changed);
    box.addEventListener('change', changed);
    ctx.every(1000, load);
  },
  update(s, el) {
    const sel = el.querySelector('#bl-strategy');
    const names = ['', ...s.strategies.map((x) => x.name)];
    if (sel.options.length !== names.length) {
      sel.innerHTML = names.map((n) => `<option value="${esc(n)}">${n === '' ? 'all' : esc(n)}</option>`).join('');
      sel.value = names.includes(filter.strategy) ? filter.strategy : '';
    }
    if (filter.strategy === '' && !filter.open) renderBlotter(el, s.orders, s.fills);
  },
};

/** Latency: fetched every 2 s (histograms are not in the snapshot). */
export const latency = {
  timer: null,
  mount(el, ctx) {
    el.innerHTML = '<div class="grid" id="lat" data-testid="latency"></div>';
    const load = async () => {
      const r = await api('GET', '/api/latency');
      if (r.status !== 200) return;
      el.querySelector('#lat').innerHTML = r.body.histograms.map((h) => {
        // Empty buckets at either end are cut (one kept each side) so the shape is readable.
        const first = h.buckets.findIndex((b) => b.count > 0);
        const last = h.buckets.length - 1 - [...h.buckets].reverse().findIndex((b) => b.count > 0);
        const buckets = first < 0 ? h.buckets : h.buckets.slice(Math.max(0, first - 1), Math.min(h.buckets.length, last + 2));
        const max = Math.max(1, ...buckets.map((b) => b.count));
        const labels = Object.entries(h.labels).map(([k, v]) => `${k}="${v}"`).join(', ');
        return `<div class="panel" data-metric="${esc(h.metric)}"><h3>${esc(h.metric)} <span class="dim">${esc(labels)}</span></h3>
          <div class="row"><span>n ${int(h.count)}</span><span>p50 <b>${dur(h.p50)}</b></span><span>p99 <b>${dur(h.p99)}</b></span><span>p99.9 <b>${dur(h.p999)}</b></span><span>max ${dur(h.max)}</span></div>
          <div class="hist">${buckets.map((b) => `<span title="≤ ${dur(b.le)}: ${b.count}" style="height:${((b.count / max) * 100).toFixed(1)}%"></span>`).join('')}</div>
          <div class="hist-labels"><span>≤ ${dur(buckets[0]?.le)}</span><span>≤ ${dur(buckets[buckets.length - 1]?.le)}</span></div></div>`;
      }).join('') || '<div class="panel dim">no histograms yet</div>';
    };
    void load();
    latency.timer = ctx.every(2000, load);
  },
  update() {},
};

export const audit = {
  mount(el, ctx) {
    el.innerHTML = '<div class="panel"><h2>Audit log</h2><div id="au" data-testid="audit"></div></div>';
    const load = async () => {
      const r = await api('GET', '/api/audit?limit=200');
      if (r.status !== 200) { el.querySelector('#au').innerHTML = `<span class="dim">${esc(r.body?.error ?? 'unavailable')}</span>`; return; }
      el.querySelector('#au').innerHTML = table([
        { h: 'Time', f: (e) => time(e.tsMs) },
        { h: 'Actor', f: (e) => `${esc(e.actor)} <span class="dim">${esc(e.role)}</span>` },
        { h: 'Action', f: (e) => esc(e.action) },
        { h: 'Target', f: (e) => esc(e.target) },
        { h: 'Params', f: (e) => `<code>${esc(JSON.stringify(e.params))}</code>` },
        { h: 'Outcome', f: (e) => (e.ok ? '<span class="up">ok</span>' : `<span class="down">${esc(e.detail)}</span>`) },
      ], r.body.entries, 'nothing yet');
    };
    void load();
    ctx.every(2000, load);
  },
  update() {},
};
