// The dashboard's WebSocket stream (/api/stream). One hub per server: while at least one client is
// connected, a live timer takes ONE backend snapshot per tick (snapshotHz, at most 10/s: human speed),
// serialises it once and sends the same string to every client. Backend events (stage changes, kill
// switch, alerts, audit entries) are forwarded as they come (low rate).
// Never slows the engine: the engine's cost is one snapshot per tick whatever the number of clients, and
// a slow client is skipped (not queued) while its socket holds more than `maxBufferedBytes`: it gets the
// next snapshot once it has drained (coalescing; snapshots are states, not deltas, so none is owed).
// Messages: {"type":"snapshot","data":DashboardSnapshot} | {"type":"event","event":BackendEvent} |
// {"type":"hello","caller":{name,role}}.

import type { FastifyInstance } from 'fastify';
import { clearLiveTimer, monoNs, setLiveInterval } from '../clock/live.js';
import type { ApiBackend, BackendEvent } from './backend.js';
import { authHook, callerOf } from './http.js';
import type { ApiToken } from './tokens.js';

/** What the hub needs of a socket (a `ws` WebSocket; a test's fake). */
export interface WebSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'close' | 'error', listener: () => void): unknown;
}

export interface HubOptions {
  snapshotHz: number;
  depth: number;
  /** A client whose socket buffers more than this is skipped for that tick (default 1 MiB). */
  maxBufferedBytes?: number;
}

export class SnapshotHub {
  private readonly clients = new Set<WebSocket>();
  private timer: NodeJS.Timeout | null = null;
  private offEvents: (() => void) | null = null;
  /** Snapshots taken, sends done, sends skipped for slow clients (for tests and the benchmark). */
  ticks = 0;
  sent = 0;
  skipped = 0;
  /** Thread time spent taking, serialising and sending snapshots, ns (what the stream costs the engine). */
  busyNs = 0;
  private readonly intervalMs: number;
  private readonly maxBuffered: number;

  constructor(private readonly backend: ApiBackend, private readonly opts: HubOptions) {
    this.intervalMs = Math.round(1000 / Math.min(10, Math.max(0.2, opts.snapshotHz)));
    this.maxBuffered = opts.maxBufferedBytes ?? 1 << 20;
  }

  get size(): number {
    return this.clients.size;
  }

  add(ws: WebSocket): void {
    this.clients.add(ws);
    ws.on('close', () => this.remove(ws));
    ws.on('error', () => this.remove(ws));
    if (this.timer === null) {
      this.timer = setLiveInterval(() => this.tick(), this.intervalMs);
      this.offEvents = this.backend.onEvent((e) => this.event(e));
    }
    // The first snapshot at once (a dashboard should not wait a tick to show anything), the last tick's
    // when it is fresh: however many clients connect, the engine pays for snapshotHz snapshots a second.
    this.sendTo(ws, this.lastText !== null && monoNs() - this.lastAt < this.intervalMs * 1e6 ? this.lastText : this.snapshotText());
  }

  remove(ws: WebSocket): void {
    if (!this.clients.delete(ws)) return;
    if (this.clients.size === 0) this.stop();
  }

  stop(): void {
    this.lastText = null;
    if (this.timer !== null) clearLiveTimer(this.timer);
    this.timer = null;
    this.offEvents?.();
    this.offEvents = null;
  }

  close(): void {
    for (const ws of this.clients) ws.close(1001, 'server closing');
    this.clients.clear();
    this.stop();
  }

  private lastText: string | null = null;
  private lastAt = 0;

  private snapshotText(): string {
    this.ticks++;
    this.lastText = JSON.stringify({ type: 'snapshot', data: this.backend.snapshot(this.opts.depth) });
    this.lastAt = monoNs();
    return this.lastText;
  }

  tick(): void {
    if (this.clients.size === 0) return;
    const t0 = monoNs();
    const text = this.snapshotText();
    for (const ws of this.clients) this.sendTo(ws, text);
    this.busyNs += monoNs() - t0;
  }

  private event(e: BackendEvent): void {
    const text = JSON.stringify({ type: 'event', event: e });
    for (const ws of this.clients) this.sendTo(ws, text);
  }

  private sendTo(ws: WebSocket, text: string): void {
    if (ws.readyState !== 1) return;
    if (ws.bufferedAmount > this.maxBuffered) {
      this.skipped++;
      return;
    }
    this.sent++;
    ws.send(text);
  }
}

/** Mounts GET /api/stream (WebSocket; @fastify/websocket must be registered in `app`'s context). */
export function mountStream(app: FastifyInstance, hub: SnapshotHub, tokens: readonly ApiToken[]): void {
  app.get('/api/stream', { websocket: true, onRequest: authHook(tokens, 'viewer', true) }, (socket, req) => {
    socket.send(JSON.stringify({ type: 'hello', caller: callerOf(req) }));
    hub.add(socket);
    // Clients only listen; anything they send is ignored.
  });
}
