// Test fixtures: a Venue with a Gateway and its acceptor on a free port, and FIX 4.4 test clients (our
// initiator from src/fix) that record every frame they receive, admin messages included.
import { fileURLToPath } from 'node:url';
import { LiveClock, setLiveTimeout, wallMs } from '../../src/clock/live.js';
import { FixDictionary } from '../../src/fix/dictionary/dictionary.js';
import { FixSession } from '../../src/fix/session/session.js';
import { MemoryStore } from '../../src/fix/session/store.js';
import { defaultSessionConfig, type FixApplication } from '../../src/fix/session/types.js';
import { FixInitiator } from '../../src/fix/transport/initiator.js';
import { startGatewayAcceptor, type GatewayAcceptor } from '../../src/exchange/acceptor.js';
import { Gateway } from '../../src/exchange/gateway.js';
import { defaultSessionPolicy, type SessionPolicy } from '../../src/exchange/orders.js';
import { Venue, type VenueInstrumentConfig } from '../../src/sim/venue.js';

export const FIX44 = fileURLToPath(new URL('../../../shared/data/quickfix/spec/FIX44.xml', import.meta.url));
export const SPEC_DIR = fileURLToPath(new URL('../../../shared/data/quickfix/spec/', import.meta.url));
export const dict = FixDictionary.fromFile(FIX44);

export const sleep = (ms: number) => new Promise<void>((r) => setLiveTimeout(r, ms));

export async function until(cond: () => boolean, ms = 5000): Promise<boolean> {
  const end = wallMs() + ms;
  while (!cond() && wallMs() < end) await sleep(2);
  return cond();
}

export type Msg = Map<number, string>;

function parse(text: string): Msg {
  const m: Msg = new Map();
  for (const f of text.split('\x01')) {
    const eq = f.indexOf('=');
    if (eq > 0 && !m.has(Number(f.slice(0, eq)))) m.set(Number(f.slice(0, eq)), f.slice(eq + 1));
  }
  return m;
}

/** A session that keeps every frame it receives (parsed), admin messages included. */
class TapSession extends FixSession {
  readonly frames: Msg[] = [];
  override onFrame(buf: Buffer, start: number, end: number): void {
    this.frames.push(parse(buf.toString('latin1', start, end)));
    super.onFrame(buf, start, end);
  }
}

const noApp: FixApplication = { fromApp: () => -1 };

export class Client {
  readonly session: TapSession;
  readonly initiator: FixInitiator;
  constructor(readonly compId: string, port: number, time: { clock: LiveClock; epochMs: number }, target = 'EXCH') {
    this.session = new TapSession(
      { ...defaultSessionConfig, beginString: 'FIX.4.4', senderCompId: compId, targetCompId: target, initiator: true, dictionary: dict, resetOnLogon: true },
      new MemoryStore(), noApp, time,
    );
    this.initiator = new FixInitiator(this.session, { host: '127.0.0.1', port, reconnectMinMs: 50, reconnectMaxMs: 200 });
  }

  async logon(waitMs = 5000): Promise<void> {
    this.initiator.start();
    if (!(await until(() => this.session.loggedOn, waitMs))) throw new Error(`${this.compId}: no logon`);
  }

  /** Application messages received (ExecutionReports, cancel rejects, business rejects...). */
  get app(): Msg[] {
    return this.session.frames.filter((m) => !['0', '1', '2', '3', '4', '5', 'A'].includes(m.get(35) ?? ''));
  }

  of(type: string): Msg[] {
    return this.session.frames.filter((m) => m.get(35) === type);
  }

  send(msgType: string, fields: Array<[number, string | number]>): void {
    const body = Buffer.from(fields.map(([t, v]) => `${t}=${v}\x01`).join(''), 'latin1');
    this.session.sendApp(msgType, [], body);
  }

  /** Waits until `n` more messages of `type` arrived than `from`; returns the new ones. */
  async next(type: string, n: number, from: number): Promise<Msg[]> {
    await until(() => this.of(type).length >= from + n);
    return this.of(type).slice(from);
  }

  async stop(): Promise<void> {
    await this.initiator.stop(300);
  }
}

export interface Fixture {
  venue: Venue;
  gateway: Gateway;
  acceptor: GatewayAcceptor;
  time: { clock: LiveClock; epochMs: number };
  client(compId: string, waitMs?: number): Promise<Client>;
  close(): Promise<void>;
}

export const AAPL: VenueInstrumentConfig = { symbol: 'AAPL', referencePx: 1_900_000, bandBps: 1000 };

export async function fixture(policy: (compId: string) => SessionPolicy = () => defaultSessionPolicy, instruments: VenueInstrumentConfig[] = [AAPL], allowed: Set<string> | null = null): Promise<Fixture> {
  const venue = new Venue({ instruments });
  const clock = new LiveClock();
  const epochMs = Math.round((wallMs() - clock.now() / 1e6) / 86_400_000) * 86_400_000;
  const time = { clock, epochMs };
  const gateway = new Gateway({ venue, clock, epochMs, policy });
  const acceptor = await startGatewayAcceptor({ host: '127.0.0.1', port: 0, compId: 'EXCH', allowed, dictionary: dict, app: gateway, time });
  const clients: Client[] = [];
  return {
    venue, gateway, acceptor, time,
    async client(compId, waitMs) {
      const c = new Client(compId, acceptor.port, time);
      clients.push(c);
      await c.logon(waitMs);
      return c;
    },
    async close() {
      for (const c of clients) await c.stop();
      await acceptor.close();
    },
  };
}

let seq = 0;
/** A fresh ClOrdID. */
export const id = (p = 'C') => `${p}${++seq}`;

export const TT: [number, string] = [60, '20260105-10:00:00.000'];

/** NewOrderSingle fields. */
export function nos(clOrdId: string, side: '1' | '2', qty: number | string, px: string | null, extra: Array<[number, string | number]> = [], symbol = 'AAPL'): Array<[number, string | number]> {
  const f: Array<[number, string | number]> = [[11, clOrdId], [55, symbol], [54, side], TT, [38, qty], [40, px === null ? '1' : '2']];
  if (px !== null) f.push([44, px]);
  return [...f, ...extra];
}
