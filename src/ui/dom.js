// Small DOM and formatting helpers: escaped HTML, numbers as traders read them.
/* global document */

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
}

export function $(sel, root = document) {
  return root.querySelector(sel);
}

export function money(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const s = Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${v < 0 ? '-' : v > 0 ? '+' : ''}$${s}`;
}

export function signClass(v) {
  return v > 0 ? 'up' : v < 0 ? 'down' : '';
}

export function px(v) {
  return v === null || v === undefined ? '–' : v.toFixed(2);
}

export function int(v) {
  return v === null || v === undefined ? '–' : Math.round(v).toLocaleString('en-US');
}

export function time(ms) {
  const d = new Date(ms);
  return `${d.toLocaleTimeString('en-GB', { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** Seconds as a human latency: ns / µs / ms. */
export function dur(s) {
  if (s === null || s === undefined || s >= 1e6) return '∞';
  if (!(s > 0)) return '0';
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s < 1e-6) return `${(s * 1e9).toFixed(0)} ns`;
  if (s < 1e-3) return `${(s * 1e6).toFixed(1)} µs`;
  return `${(s * 1e3).toFixed(2)} ms`;
}

export function pill(text, cls = text) {
  return `<span class="pill ${esc(cls)}">${esc(text)}</span>`;
}

/** A table: columns [{ h, f(row) -> html, num? }], rows; `attrs(row)` adds attributes to each <tr>. */
export function table(columns, rows, empty = 'none', attrs = () => '') {
  const head = columns.map((c) => `<th class="${c.num ? 'num' : ''}">${esc(c.h)}</th>`).join('');
  const body = rows.length === 0
    ? `<tr><td colspan="${columns.length}" class="dim">${esc(empty)}</td></tr>`
    : rows.map((r) => `<tr ${attrs(r)}>${columns.map((c) => `<td class="${c.num ? 'num' : ''}">${c.f(r)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function bar(frac) {
  const p = Math.max(0, Math.min(1, frac ?? 0));
  return `<div class="bar ${p >= 0.8 ? 'hot' : ''}" title="${(p * 100).toFixed(0)}%"><span style="width:${(p * 100).toFixed(1)}%"></span></div>`;
}
