// TCP (or TLS) acceptor for FIX sessions (the I/O edge: sockets and timers live here, the sessions stay
// I/O-free). A connection is bound to a session by its first message: BeginString and the
// reversed CompIDs; an unknown session, a garbled first message, or a session that already has a
// connection closes the connection, as QuickFIX's SocketConnection does. Sessions get onTimer from
// one live-clock interval.
// Round-trip path (plain TCP): reads land in one buffer per connection (onread; accepted sockets
// are re-wrapped around their handle for it), and a message is written straight from the
// session encoder's buffer when the socket has nothing queued; a write the kernel did not take at
// once makes the session switch its encoder to a fresh buffer (SessionTransport.send returns true).
// A socket with queued bytes, and TLS, get a copy.

import { createServer, Socket, type Server } from 'node:net';
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

/** Inbound bytes: chunk[0, n) (n defaults to the whole chunk). */
export type InboundHandler = (chunk: Uint8Array, n?: number) => void;

/**
 * Wires one socket to the session its first message names (or to `fixed` for initiators). Returns
 * the inbound-bytes handler; with `externalReads` the caller feeds it (a socket created with
 * `onread`, which skips the stream machinery and a buffer allocation per read) instead of 'data'.
 * `copyWrites` (TLS) copies every outbound message instead of writing the encoder's bytes.
 */
export function bindSocket(sock: Socket, lookup: (v: FixMessageView) => FixSession | undefined, fixed: FixSession | null, externalReads = false, copyWrites = false): InboundHandler {
  sock.setNoDelay(true);
  const framer = new FixFramer();
  const probe = new FixMessageView();
  let session: FixSession | null = null;
  let closed = false;
  const io: SessionTransport = {
    send: (b) => {
      if (closed) return false;
      if (copyWrites || sock.writableLength !== 0) {
        sock.write(Buffer.from(b)); // queued behind other bytes: the queue keeps what it is given
        return false;
      }
      sock.write(b); // an idle socket writes at once (the kernel copies), unless its buffer is full
      return sock.writableLength !== 0;
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
  const onData = (chunk: Uint8Array, n?: number): void => {
    if (closed) return;
    framer.push(chunk, n);
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
  const onSocket = (accepted: Socket) => {
    let onData: InboundHandler | null = null;
    const own = opts.tls ? null : readIntoOneBuffer(accepted, (buf, n) => onData?.(buf, n));
    const sock = own ?? accepted;
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    if (own !== null) onData = bindSocket(own, lookup, null, true);
    else {
      bindSocket(accepted, lookup, null, false, opts.tls !== undefined);
      accepted.resume(); // plain TCP sockets are accepted paused (pauseOnConnect)
    }
  };
  const server: Server = opts.tls ? createTlsServer(opts.tls, onSocket) : createServer({ pauseOnConnect: true }, onSocket);
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

/**
 * An accepted plain-TCP socket (created paused) as a socket that reads into one buffer (`onread`,
 * which Node offers only to sockets it creates from options): the handle moves to a new Socket; the
 * accepted one, now handle-less, is destroyed when the new one closes, which keeps the server's
 * connection count right. Null when there is no handle to move (the caller keeps the accepted one).
 */
function readIntoOneBuffer(accepted: Socket, onRead: (buf: Buffer, n: number) => void): Socket | null {
  const a = accepted as unknown as { _handle?: object | null };
  const handle = a._handle;
  if (handle === undefined || handle === null) return null;
  a._handle = null;
  const buffer = Buffer.allocUnsafe(65536);
  const opts = { handle, readable: true, writable: true, onread: { buffer, callback: (n: number, buf: Buffer) => (onRead(buf, n), true) } };
  const sock = new Socket(opts as ConstructorParameters<typeof Socket>[0]);
  sock.on('close', () => accepted.destroy());
  sock.resume();
  return sock;
}
