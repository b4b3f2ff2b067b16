// `hftbot fix test-server`: a TCP acceptor configured as QuickFIX's acceptance-test server
// (test/setup.sh in QuickFIX): SenderCompID ISLD; FIX.4.2 with TargetCompID TW42 and FIX.4.4 with
// TW44; ResetOnLogon=Y; always in session; validation against the FIX42.xml / FIX44.xml
// dictionaries; the echo application. Connections are bound to a session by their first message
// (BeginString and reversed CompIDs); an unknown session, a garbled first message, or a session
// that already has a connection drops the connection (src/fix/transport/acceptor.ts).

import { join } from 'node:path';
import type { Clock } from '../../clock/clock.js';
import { LiveClock, wallMs } from '../../clock/live.js';
import { FixDictionary } from '../dictionary/dictionary.js';
import { FixSession } from '../session/session.js';
import { MemoryStore, type MessageStore } from '../session/store.js';
import { FileStore } from '../session/file-store.js';
import { defaultSessionConfig, type SessionConfig } from '../session/types.js';
import { startAcceptor, type FixAcceptor } from '../transport/acceptor.js';
import { EchoApplication } from './echo-app.js';

export interface TestServerOptions {
  port: number; // 0: any free port
  host?: string;
  /** Folder holding FIX42.xml and FIX44.xml (QuickFIX dictionaries). */
  specDir: string;
  /** Durable stores in this folder (fsync batch); absent: in-memory stores. */
  storeDir?: string;
  /** Injected time (tests); defaults to the live clock. */
  clock?: Clock;
  epochMs?: number;
  tickMs?: number;
}

export type TestServer = FixAcceptor;

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
  const stores: FileStore[] = [];
  const mk = (beginString: string, target: string, file: string): FixSession => {
    const cfg: SessionConfig = {
      ...defaultSessionConfig,
      beginString,
      senderCompId: 'ISLD',
      targetCompId: target,
      resetOnLogon: true,
      dictionary: loadDictionary(join(opts.specDir, file)),
    };
    let store: MessageStore = new MemoryStore();
    if (opts.storeDir !== undefined) {
      const fs = new FileStore({ dir: opts.storeDir, name: `${beginString}-ISLD-${target}`, fsync: 'batch' });
      stores.push(fs);
      store = fs;
    }
    return new FixSession(cfg, store, app, time);
  };
  const sessions = [mk('FIX.4.2', 'TW42', 'FIX42.xml'), mk('FIX.4.4', 'TW44', 'FIX44.xml')];
  const acc = await startAcceptor({
    port: opts.port,
    host: opts.host,
    sessions,
    tickMs: opts.tickMs,
    onTick: () => {
      for (const s of stores) s.sync();
    },
  });
  return {
    ...acc,
    port: acc.port,
    sessions,
    idle: acc.idle,
    close: async () => {
      await acc.close();
      for (const s of stores) s.close();
    },
  };
}
