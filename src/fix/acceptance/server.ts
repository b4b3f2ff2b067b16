// `hftbot fix test-server`: a TCP acceptor configured as QuickFIX's acceptance-test server
// (test/setup.sh in QuickFIX): SenderCompID ISLD; FIX.4.2 with TargetCompID TW42 and FIX.4.4 with
// TW44; ResetOnLogon=Y; always in session; validation against the FIX42.xml / FIX44.xml
// dictionaries; the echo application. Connections are bound to a session by their first message
// (BeginString and reversed CompIDs); an unknown session, a garbled first message, or a session
// that already has a connection drops the connection, as QuickFIX's SocketConnection does.
// Timers: the live-clock interval from src/clock/live.ts drives the sessions' heartbeat duties.

import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Clock } from '../../clock/clock.js';
import { LiveClock, setLiveInterval, clearLiveTimer, wallMs } from '../../clock/live.js';
import { FixFramer } from '../codec/framer.js';
import { FixMessageView, DecodeStatus } from '../codec/decoder.js';
import { FixDictionary } from '../dictionary/dictionary.js';
import { FixSession } from '../session/session.js';
import { MemoryStore } from '../session/store.js';
import { defaultSessionConfig, type SessionConfig, type SessionTransport } from '../session/types.js';
import { EchoApplication } from './echo-app.js';

export interface TestServerOptions {
  port: number; // 0: any free port
  host?: string;
  /** Folder holding FIX42.xml and FIX44.xml (QuickFIX dictionaries). */
  specDir: string;
  /** Injected time (tests); defaults to the live clock. */
  clock?: Clock;
  epochMs?: number;
  tickMs?: number;
}

export interface TestServer {
  readonly port: number;
  readonly sessions: FixSession[];
  /** True when no session holds a connection. */
  idle(): boolean;
  close(): Promise<void>;
}

const dictionaryCache = new Map<string, FixDictionary>();
function loadDictionary(path: string): FixDictionary {
  let d = dictionaryCache.get(path);
  if (!d) dictionaryCache.set(path, (d = FixDictionary.fromFile(path)));
  return d;
}

export async function startTestServer(opts: TestServerOptions): Promise<TestServer> {
  let clock = opts.clock;
  let epochMs = opts.epochMs;
  if (!clock) {
    clock = new LiveClock();
    const ms = wallMs();
    epochMs = ms - (ms % 86_400_000);
  }
  const time = { clock, epochMs: epochMs ?? 0 };
  const app = new EchoApplication();
  const mk = (beginString: string, target: string, file: string): FixSession => {
    const cfg: SessionConfig = {
      ...defaultSessionConfig,
      beginString,
      senderCompId: 'ISLD',
      targetCompId: target,
      resetOnLogon: true,
      dictionary: loadDictionary(join(opts.specDir, file)),
    };
    return new FixSession(cfg, new MemoryStore(), app, time);
  };
  const sessions = [mk('FIX.4.2', 'TW42', 'FIX42.xml'), mk('FIX.4.4', 'TW44', 'FIX44.xml')];
  const sockets = new Set<Socket>();
  const probe = new FixMessageView();

  const onConnection = (sock: Socket) => {
    sockets.add(sock);
    sock.setNoDelay(true);
    const framer = new FixFramer();
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
    sock.on('data', (chunk: Buffer) => {
      if (closed) return;
      framer.push(chunk);
      for (;;) {
        const r = framer.next();
        if (r === -1) break;
        if (r !== 1) continue;
        if (session === null) {
          const st = probe.decode(framer.buf, framer.frameStart, framer.frameEnd);
          const found = st === DecodeStatus.Ok
            ? sessions.find((s) => s.config.beginString === probe.get(8) && s.config.senderCompId === probe.get(56) && s.config.targetCompId === probe.get(49))
            : undefined;
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
    });
    const gone = () => {
      sockets.delete(sock);
      closed = true;
      if (session !== null && session.connected) session.onTransportClosed();
      session = null;
    };
    sock.on('close', gone);
    sock.on('end', () => {
      // the peer closed: close our side too (QuickFIX sees a read of 0 bytes and disconnects)
      if (session !== null && session.connected) session.onTransportClosed();
      if (!closed) {
        closed = true;
        sock.end();
      }
    });
    sock.on('error', () => sock.destroy());
  };

  const server: Server = createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : opts.port;
  const timer = setLiveInterval(() => {
    for (const s of sessions) s.onTimer();
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
