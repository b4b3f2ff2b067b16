// Starts the sessions of a settings file (config.ts): acceptors grouped by SocketAcceptPort, one
// initiator per initiator session (with reconnect back-off bounded by ReconnectInterval), durable
// stores where FileStorePath is set (fsync on the transport's tick for policy batch), dictionaries
// loaded once per path. The application is the caller's: one instance serves every session.
// This is the wiring point for a live FIX gateway; the kernel hands its application in here.

import type { Clock } from '../clock/clock.js';
import { LiveClock, wallMs } from '../clock/live.js';
import { FixDictionary } from './dictionary/dictionary.js';
import { FixSession } from './session/session.js';
import { MemoryStore, type MessageStore } from './session/store.js';
import { FileStore } from './session/file-store.js';
import type { FixApplication } from './session/types.js';
import { startAcceptor, type FixAcceptor } from './transport/acceptor.js';
import { FixInitiator } from './transport/initiator.js';
import { toSessionConfig, storeOptions, type FixSessionSettings } from './config.js';
import { readFileSync } from 'node:fs';
import type { TlsOptions } from 'node:tls';

export interface FixEngine {
  readonly sessions: FixSession[];
  readonly acceptors: FixAcceptor[];
  readonly initiators: FixInitiator[];
  stop(): Promise<void>;
}

export async function startFixEngine(settings: FixSessionSettings[], app: FixApplication, clock?: { clock: Clock; epochMs: number }): Promise<FixEngine> {
  let time = clock;
  if (!time) {
    const ms = wallMs();
    time = { clock: new LiveClock(), epochMs: ms - (ms % 86_400_000) };
  }
  const dicts = new Map<string, FixDictionary>();
  const load = (p: string) => {
    let d = dicts.get(p);
    if (!d) dicts.set(p, (d = FixDictionary.fromFile(p)));
    return d;
  };
  const fileStores: FileStore[] = [];
  const sync = () => {
    for (const f of fileStores) f.sync();
  };
  const sessions: FixSession[] = [];
  const byPort = new Map<string, FixSession[]>();
  const tlsByPort = new Map<string, TlsOptions>();
  const initiators: FixInitiator[] = [];
  for (const s of settings) {
    const so = storeOptions(s);
    let store: MessageStore = new MemoryStore();
    if (so !== null) {
      const f = new FileStore(so);
      fileStores.push(f);
      store = f;
    }
    const session = new FixSession(toSessionConfig(s, load), store, app, time);
    sessions.push(session);
    if (s.ConnectionType === 'acceptor') {
      const key = `${s.SocketAcceptHost}:${s.SocketAcceptPort}`;
      if (!byPort.has(key)) byPort.set(key, []);
      byPort.get(key)!.push(session);
      if (s.SocketUseSSL) tlsByPort.set(key, { cert: readFileSync(s.SocketCertificateFile!), key: readFileSync(s.SocketPrivateKeyFile!) });
    } else {
      const ini = new FixInitiator(session, {
        host: s.SocketConnectHost!,
        port: s.SocketConnectPort!,
        reconnectMinMs: Math.min(500, s.ReconnectInterval * 1000),
        reconnectMaxMs: s.ReconnectInterval * 1000,
        tls: s.SocketUseSSL ? { rejectUnauthorized: s.SocketVerifyPeer, ca: s.SocketCAFile !== undefined ? readFileSync(s.SocketCAFile) : undefined } : undefined,
        onTick: sync,
      });
      initiators.push(ini);
    }
  }
  const acceptors: FixAcceptor[] = [];
  for (const [key, list] of byPort) {
    const cut = key.lastIndexOf(':');
    acceptors.push(await startAcceptor({ host: key.slice(0, cut), port: Number(key.slice(cut + 1)), sessions: list, onTick: sync, tls: tlsByPort.get(key) }));
  }
  for (const i of initiators) i.start();
  return {
    sessions,
    acceptors,
    initiators,
    stop: async () => {
      for (const i of initiators) await i.stop(500);
      for (const a of acceptors) await a.close();
      for (const f of fileStores) f.close();
    },
  };
}
