// The gateway's FIX acceptor: one listening socket for any number of client sessions. A connection
// names its session in its first message (BeginString FIX.4.4, TargetCompID = the venue's CompID, its
// own SenderCompID); the session object is created on first sight (or found again: sequence numbers
// live in a MemoryStore per CompID for the life of the process) unless `allowed` lists the CompIDs that
// may connect. Anything else closes the connection (as QuickFIX does for an unknown session).
// I/O edge: sockets and the timer live here (src/fix/transport's bindSocket); sessions stay I/O-free.

import { createServer, type Server, type Socket } from 'node:net';
import { clearLiveTimer, setLiveInterval } from '../clock/live.js';
import type { FixMessageView } from '../fix/codec/decoder.js';
import type { FixDictionary } from '../fix/dictionary/dictionary.js';
import { FixSession } from '../fix/session/session.js';
import { MemoryStore } from '../fix/session/store.js';
import { defaultSessionConfig, type FixApplication, type SessionTime } from '../fix/session/types.js';
import { bindSocket } from '../fix/transport/acceptor.js';

export interface GatewayAcceptorOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** The venue's CompID (SenderCompID of everything it sends). */
  compId: string;
  /** Client CompIDs allowed to log on; null: any. */
  allowed: ReadonlySet<string> | null;
  dictionary: FixDictionary;
  app: FixApplication;
  time: SessionTime;
  /** SendingTime accuracy window (s); 0 disables the check. */
  maxLatencySec?: number;
  tickMs?: number;
}

export interface GatewayAcceptor {
  readonly port: number;
  /** Sessions by client CompID. */
  readonly sessions: ReadonlyMap<string, FixSession>;
  close(): Promise<void>;
}

export async function startGatewayAcceptor(o: GatewayAcceptorOptions): Promise<GatewayAcceptor> {
  const sessions = new Map<string, FixSession>();
  const sockets = new Set<Socket>();
  const lookup = (v: FixMessageView): FixSession | undefined => {
    const client = v.get(49);
    if (v.get(8) !== 'FIX.4.4' || v.get(56) !== o.compId || client === undefined || client === '') return undefined;
    if (o.allowed !== null && !o.allowed.has(client)) return undefined;
    let s = sessions.get(client);
    if (s === undefined) {
      s = new FixSession(
        { ...defaultSessionConfig, beginString: 'FIX.4.4', senderCompId: o.compId, targetCompId: client, dictionary: o.dictionary, maxLatencySec: o.maxLatencySec ?? 120 },
        new MemoryStore(), o.app, o.time,
      );
      sessions.set(client, s);
    }
    return s;
  };
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    bindSocket(sock, lookup, null);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : o.port;
  const timer = setLiveInterval(() => {
    for (const s of sessions.values()) s.onTimer();
  }, o.tickMs ?? 100);
  return {
    port,
    sessions,
    close: async () => {
      clearLiveTimer(timer);
      for (const s of sessions.values()) if (s.loggedOn) s.logout('venue shutting down');
      for (const s of sessions.values()) s.disconnect();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
