// The dashboard's shell: sign-in with an API token, navigation (#overview, #market, ...), the stream
// feeding the current view a few snapshots per second, the kill switch (admin) and the event banner.
/* global window, document, location, confirm */
import { api, openStream, setToken, token } from './api.js';
import { $, esc } from './dom.js';
import { strategies } from './strategies.js';
import { audit, blotter, latency, market, overview, recordPnl } from './views-live.js';

const VIEWS = { overview, market, blotter, strategies, latency, audit };
const TITLES = { overview: 'Overview', market: 'Market', blotter: 'Blotter', strategies: 'Strategies', latency: 'Latency', audit: 'Audit' };

const ctx = {
  role: 'viewer',
  name: '',
  instruments: [],
  snapshot: null,
  timers: [],
  every(ms, fn) {
    const t = window.setInterval(fn, ms);
    ctx.timers.push(t);
    return t;
  },
  /** Fetches a snapshot at once (after a command) instead of waiting for the stream's next one. */
  async refresh() {
    const r = await api('GET', '/api/snapshot');
    if (r.status === 200) onSnapshot(r.body);
  },
};
let current = null;
/** What the last engage from this page reported (kept while the switch stays engaged). */
let killMsg = null;
let closeStream = null;

function onSnapshot(s) {
  ctx.snapshot = s;
  recordPnl(s);
  const kill = $('#kill');
  kill.classList.toggle('active', s.risk.killSwitch);
  kill.textContent = s.risk.killSwitch ? 'RELEASE KILL SWITCH' : 'KILL SWITCH';
  const banner = $('#banner');
  banner.hidden = !s.risk.killSwitch;
  if (s.risk.killSwitch) banner.textContent = killMsg ?? 'Kill switch engaged: no new orders; working orders cancelled.';
  else killMsg = null;
  if (current !== null) VIEWS[current].update(s, $('#main'), ctx);
}

function show(view) {
  if (!(view in VIEWS)) view = 'overview';
  for (const t of ctx.timers) window.clearInterval(t);
  ctx.timers = [];
  current = view;
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', a.dataset.view === view));
  const main = $('#main');
  main.innerHTML = '';
  main.dataset.view = view;
  VIEWS[view].mount(main, ctx);
  if (ctx.snapshot !== null) VIEWS[view].update(ctx.snapshot, main, ctx);
}

async function start() {
  const who = await api('GET', '/api/whoami');
  if (who.status !== 200) {
    setToken(null);
    $('#app').hidden = true;
    $('#login').hidden = false;
    return false;
  }
  ctx.role = who.body.role;
  ctx.name = who.body.name;
  ctx.instruments = (await api('GET', '/api/instruments')).body.instruments;
  $('#login').hidden = true;
  $('#app').hidden = false;
  $('#who').textContent = `${ctx.name} (${ctx.role})`;
  $('#kill').hidden = ctx.role !== 'admin';
  $('#nav').innerHTML = Object.entries(TITLES).filter(([v]) => v !== 'audit' || ctx.role !== 'viewer').map(([v, t]) => `<a href="#${v}" data-view="${v}" data-testid="nav-${v}">${esc(t)}</a>`).join('');
  closeStream = openStream((m) => {
    if (m.type === 'snapshot') onSnapshot(m.data);
    else if (m.type === 'event' && m.event.type === 'kill') void ctx.refresh();
  }, (state) => {
    const c = $('#conn');
    c.textContent = state;
    c.classList.toggle('live', state === 'live');
  });
  show(location.hash.slice(1));
  return true;
}

window.addEventListener('hashchange', () => show(location.hash.slice(1)));

$('#login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  setToken($('#token').value.trim());
  if (!(await start())) $('#login-error').textContent = 'That token was refused.';
});

$('#logout').addEventListener('click', () => {
  closeStream?.();
  setToken(null);
  location.hash = '';
  location.reload();
});

$('#kill').addEventListener('click', async () => {
  const engage = !(ctx.snapshot?.risk.killSwitch ?? false);
  if (engage && !confirm('Engage the kill switch? Every working order is cancelled and no new order goes out.')) return;
  const r = await api('POST', '/api/kill-switch', { engage });
  if (r.status === 200 && engage) killMsg = `Kill switch engaged: ${r.body.cancelled} working orders cancelled; no new orders.`;
  else if (r.status !== 200) window.alert(`Kill switch: ${r.body?.error ?? r.status}`);
  await ctx.refresh();
});

if (token() !== null) void start();
else $('#login').hidden = false;
