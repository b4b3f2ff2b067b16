// The live stage's venue on this machine: the simulator's FIX 4.4 gateway (src/exchange) in front of the
// SAME in-process Venue the paper stage trades on, on a loopback port, and a FIX initiator session whose
// application is the kernel's FixVenuePort. Orders of live strategies therefore leave the kernel as FIX
// bytes on a TCP socket and come back as ExecutionReports, exactly as with an outside venue; only the
// venue at the other end is ours. Startup cost: parsing FIX44.xml (~0.1-0.3 s) and one loopback logon.
// With `Venue: { Kind: fix, Settings: fix.yaml }` the live stage goes to that venue instead
// (startConfiguredVenue: the settings' first initiator session, SocketConnectHost/Port, no TLS), while
// paper orders still trade on the in-process simulator.
// Without a FIX44.xml (src/exchange findDictionary: ../shared/data/quickfix/spec) there is no live venue:
// startLiveVenue returns null with the reason, and promotions to live are refused.

import { readFileSync } from 'node:fs';
import type { LiveClock } from '../clock/live.js';
import { parseFixSettings, toSessionConfig } from '../fix/config.js';
import { startGatewayAcceptor, type GatewayAcceptor } from '../exchange/acceptor.js';
import { Gateway } from '../exchange/gateway.js';
import { findDictionary } from '../exchange/runner.js';
import { FixDictionary } from '../fix/dictionary/dictionary.js';
import { FixSession } from '../fix/session/session.js';
import { MemoryStore } from '../fix/session/store.js';
import { defaultSessionConfig } from '../fix/session/types.js';
import { FixInitiator } from '../fix/transport/initiator.js';
import type { Nanos } from '../core/units.js';
import type { Venue } from '../sim/venue.js';
import { FixVenuePort, sessionOutput } from '../venue/fix.js';

export interface LiveVenue {
  readonly port: FixVenuePort;
  readonly session: FixSession;
  readonly sessionName: string;
  /** The in-process gateway and its acceptor (null for a configured outside venue). */
  readonly acceptor: GatewayAcceptor | null;
  readonly gateway: Gateway | null;
  stop(): Promise<void>;
}

export interface LiveVenueOptions {
  venue: Venue;
  clock: LiveClock;
  epochMs: number;
  /** Kernel symbols, in kernel order. */
  symbols: readonly string[];
  /** Runs before each gateway command (the synthetic market catches up to `now`). */
  beforeCommand?: (now: Nanos) => void;
  dictionaryPath?: string | null;
}

export async function startLiveVenue(o: LiveVenueOptions): Promise<LiveVenue | { error: string }> {
  let dictionary: FixDictionary;
  try {
    dictionary = FixDictionary.fromFile(findDictionary(o.dictionaryPath ?? null));
  } catch (err) {
    return { error: (err as Error).message };
  }
  const time = { clock: o.clock, epochMs: o.epochMs };
  const gateway = new Gateway({ venue: o.venue, clock: o.clock, epochMs: o.epochMs, beforeCommand: o.beforeCommand });
  const acceptor = await startGatewayAcceptor({ host: '127.0.0.1', port: 0, compId: 'EXCH', allowed: null, dictionary, app: gateway, time });
  let port: FixVenuePort | null = null;
  const session = new FixSession(
    { ...defaultSessionConfig, beginString: 'FIX.4.4', senderCompId: 'HFTBOT', targetCompId: 'EXCH', initiator: true, dictionary, resetOnLogon: true, heartBtInt: 5 },
    new MemoryStore(), { fromApp: (m) => port!.fromApp(m), onLogon: () => port!.onLogon() }, time,
  );
  port = new FixVenuePort(sessionOutput(session), { symbols: o.symbols, epochMs: o.epochMs });
  const initiator = new FixInitiator(session, { host: '127.0.0.1', port: acceptor.port, reconnectMinMs: 100, reconnectMaxMs: 2000 });
  initiator.start();
  return {
    port, session, sessionName: 'HFTBOT-EXCH', acceptor, gateway,
    async stop() {
      await initiator.stop(500);
      await acceptor.close();
    },
  };
}

/** The live venue named by a FIX settings file (its first initiator session). */
export async function startConfiguredVenue(settingsPath: string, clock: LiveClock, epochMs: number, symbols: readonly string[]): Promise<LiveVenue | { error: string }> {
  let s;
  try {
    s = parseFixSettings(readFileSync(settingsPath, 'utf8'), settingsPath).find((x) => x.ConnectionType === 'initiator');
  } catch (err) {
    return { error: (err as Error).message };
  }
  if (s === undefined) return { error: `${settingsPath}: no initiator session (ConnectionType: initiator)` };
  if (s.SocketUseSSL) return { error: `${settingsPath}: TLS sessions are not wired into hftbot run yet` };
  const time = { clock, epochMs };
  const dicts = new Map<string, FixDictionary>();
  let port: FixVenuePort | null = null;
  let session: FixSession;
  try {
    const cfg = toSessionConfig(s, (p) => dicts.get(p) ?? dicts.set(p, FixDictionary.fromFile(p)).get(p)!);
    session = new FixSession(cfg, new MemoryStore(), { fromApp: (m) => port!.fromApp(m), onLogon: () => port!.onLogon() }, time);
  } catch (err) {
    return { error: (err as Error).message };
  }
  port = new FixVenuePort(sessionOutput(session), { symbols, epochMs });
  const initiator = new FixInitiator(session, { host: s.SocketConnectHost!, port: s.SocketConnectPort!, reconnectMinMs: 500, reconnectMaxMs: s.ReconnectInterval * 1000 });
  initiator.start();
  return {
    port, session, sessionName: `${s.SenderCompID}-${s.TargetCompID}`, acceptor: null, gateway: null,
    async stop() {
      await initiator.stop(500);
    },
  };
}
