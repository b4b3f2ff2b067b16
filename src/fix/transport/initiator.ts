// TCP initiator for one FIX session: connects, lets the session send its Logon, reconnects with
// exponential back-off (min..max, reset after a successful logon) until stop(); outside the
// session's schedule it only waits. Optional TLS.
// I/O edge: sockets and live-clock timers here, the session stays I/O-free.

import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { setLiveInterval, setLiveTimeout, clearLiveTimer } from '../../clock/live.js';
import type { FixSession } from '../session/session.js';
import { bindSocket, type InboundHandler } from './acceptor.js';

export interface InitiatorOptions {
  host: string;
  port: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  tickMs?: number;
  /** TLS options; absent = plain TCP. */
  tls?: ConnectionOptions;
  onTick?: () => void;
}

export class FixInitiator {
  private sock: Socket | null = null;
  private stopped = false;
  private delay: number;
  private retry: NodeJS.Timeout | null = null;
  private readonly timer: NodeJS.Timeout;
  /** Connection attempts so far (tests, metrics). */
  attempts = 0;

  constructor(readonly session: FixSession, private readonly opts: InitiatorOptions) {
    this.delay = opts.reconnectMinMs ?? 500;
    this.timer = setLiveInterval(() => {
      session.onTimer();
      if (session.loggedOn) this.delay = this.opts.reconnectMinMs ?? 500;
      opts.onTick?.();
    }, opts.tickMs ?? 100);
  }

  start(): void {
    if (this.stopped || this.sock !== null) return;
    if (!this.session.inSessionTime()) {
      this.scheduleReconnect(); // outside the session window: look again later
      return;
    }
    this.attempts++;
    const o = this.opts;
    // plain TCP reads into one buffer per connection (onread): no stream machinery or chunk
    // allocation per read on the round trip; the framer copies what it keeps
    let onData: InboundHandler | null = null;
    const sock = o.tls
      ? tlsConnect({ ...o.tls, host: o.host, port: o.port })
      : tcpConnect({ host: o.host, port: o.port, onread: { buffer: Buffer.allocUnsafe(65536), callback: (n, buf) => (onData?.(buf, n), true) } });
    this.sock = sock;
    let bound = false;
    sock.once(o.tls ? 'secureConnect' : 'connect', () => {
      bound = true;
      onData = bindSocket(sock, () => undefined, this.session, !o.tls, o.tls !== undefined);
    });
    sock.on('close', () => {
      if (!bound) sock.destroy();
      this.sock = null;
      if (!this.stopped) this.scheduleReconnect();
    });
    sock.on('error', () => sock.destroy());
  }

  private scheduleReconnect(): void {
    if (this.retry !== null) return;
    const d = this.delay;
    this.delay = Math.min(this.delay * 2, this.opts.reconnectMaxMs ?? 30_000);
    this.retry = setLiveTimeout(() => {
      this.retry = null;
      this.start();
    }, d);
  }

  /** Logs out (when logged on), then closes; no reconnect afterwards. */
  async stop(graceMs = 1000): Promise<void> {
    this.stopped = true;
    if (this.retry !== null) clearLiveTimer(this.retry);
    if (this.session.loggedOn) {
      this.session.logout();
      for (let waited = 0; waited < graceMs && this.session.connected; waited += 10) await new Promise<void>((r) => setLiveTimeout(r, 10));
    }
    this.session.disconnect();
    this.sock?.destroy();
    clearLiveTimer(this.timer);
  }
}
