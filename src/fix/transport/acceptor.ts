// TCP (or TLS) acceptor for FIX sessions (the I/O edge: sockets and timers live here, the sessions stay
// I/O-free). A connection is bound to a session by its first message: BeginString and the
// reversed CompIDs; an unknown session, a garbled first message, or a session that already has a
// connection closes the connection, as QuickFIX's SocketConnection does. Sessions get onTimer from
// one live-clock interval. Outbound bytes are copied before socket.write because the session's
// encoder reuses its buffer (one copy per message; a pooled writer could remove it).

import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';
import { setLiveInterval, clearLiveTimer } from '../../clock/live.js';
import { FixFramer } from '../codec/framer.js';
import { FixMessageView, DecodeStatus } from '../codec/decoder.js';
import type { FixSession } from '../session/session.js';
import type { SessionTransport } from '../session/types.js';

export interface AcceptorOptions {
  port: number; // 0: any free port
  host?: string;
  sessions: FixSession[];
  /** Timer period for heartbeat duties (ms). */
  tickMs?: number;
  /** Called on each tick after the sessions (e.g. FileStore.sync for fsync policy batch). */
  onTick?: () => void;
  /** TLS server options (key, cert...); absent = plain TCP. */
  tls?: TlsOptions;
}

export interface FixAcceptor {
  readonly port: number;
  readonly sessions: FixSession[];
  /** True when no session holds a connection. */
  idle(): boolean;
  close(): Promise<void>;
}

/**
 * Wires one socket to the session its first message names (or to `fixed` for initiators). Returns
 * the inbound-bytes handler; with `externalReads` the caller feeds it (a socket created with
 * `onread`, which skips the stream machinery and a buffer allocation per read) instead of 'data'.
 */
export function bindSocket(sock: Socket, lookup: (v: FixMessageView) => FixSession | undefined, fixed: FixSession | null, externalReads = false): (chunk: Uint8Array) => void {
  sock.setNoDelay(true);
  const framer = new FixFramer();
  const probe = new FixMessageView();
  let session: FixSession | null = null;
  let closed = false;
  const io: SessionTransport = {
    send: (b) => {
      if (!closed) sock.write(Buffer.from(b));
    },
    disconnect: () => {
      if (closed) return;
      closed = true;
      sock.end();
    },
  };
  if (fixed !== null) {
    session = fixed;
    session.attach(io);
  }
  const onData = (chunk: Uint8Array): void => {
    if (closed) return;
    framer.push(chunk);
    for (;;) {
      const r = framer.next();
      if (r === -1) break;
      if (r !== 1) continue;
      if (session === null) {
        const found = probe.decode(framer.buf, framer.frameStart, framer.frameEnd) === DecodeStatus.Ok ? lookup(probe) : undefined;
        if (!found || found.connected) {
          io.disconnect();
          return;
        }
        session = found;
        session.attach(io);
      }
      session.onFrame(framer.buf, framer.frameStart, framer.frameEnd);
      if (closed) return;
    }
  };
  if (!externalReads) sock.on('data', onData);
  const gone = () => {
    if (session !== null && session.connected) session.onTransportClosed();
    session = null;
    if (!closed) {
      closed = true;
      sock.end();
    }
  };
  sock.on('end', gone);
  sock.on('close', gone);
  sock.on('error', () => sock.destroy());
  return onData;
}

export async function startAcceptor(opts: AcceptorOptions): Promise<FixAcceptor> {
  const sessions = opts.sessions;
  const sockets = new Set<Socket>();
  const lookup = (v: FixMessageView) =>
    sessions.find((s) => !s.config.initiator && s.config.beginString === v.get(8) && s.config.senderCompId === v.get(56) && s.config.targetCompId === v.get(49));
  const onSocket = (sock: Socket) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    bindSocket(sock, lookup, null);
  };
  const server: Server = opts.tls ? createTlsServer(opts.tls, onSocket) : createServer(onSocket);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : opts.port;
  const timer = setLiveInterval(() => {
    for (const s of sessions) s.onTimer();
    opts.onTick?.();
  }, opts.tickMs ?? 100);
  return {
    port,
    sessions,
    idle: () => sessions.every((s) => !s.connected),
    close: async () => {
      clearLiveTimer(timer);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
