// The UI's door to the API: the token (kept in sessionStorage: gone when the tab closes), JSON requests
// with `Authorization: Bearer`, and the dashboard stream (/api/stream) with reconnect.
/* global sessionStorage, fetch, WebSocket, location, window */

const KEY = 'hftbot.token';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(t) {
  if (t === null) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, t);
}

/** Calls the API; resolves { status, body } (never throws for an HTTP error status). */
export async function api(method, url, body) {
  const headers = { authorization: `Bearer ${token() ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  return { status: res.status, body: data };
}

/** Opens the stream; calls onMessage for each message and onState('live' | 'offline'). Reconnects. */
export function openStream(onMessage, onState) {
  let ws = null;
  let closed = false;
  const connect = () => {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    ws = new WebSocket(`${proto}://${location.host}/api/stream?token=${encodeURIComponent(token() ?? '')}`);
    ws.onopen = () => onState('live');
    ws.onmessage = (m) => onMessage(JSON.parse(m.data));
    ws.onclose = () => {
      onState('offline');
      if (!closed) window.setTimeout(connect, 1000);
    };
  };
  connect();
  return () => {
    closed = true;
    ws?.close();
  };
}
