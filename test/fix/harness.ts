// In-memory pair of sessions for tests: an initiator and an acceptor joined by queues (no
// re-entrancy: bytes are delivered when the test pumps), driven by one SimClock.
import { SimClock } from '../../src/clock/clock.js';
import { FixFramer } from '../../src/fix/codec/framer.js';
import { FixDictionary } from '../../src/fix/dictionary/dictionary.js';
import { FixSession, MemoryStore, defaultSessionConfig, type FixApplication, type MessageStore, type SessionConfig } from '../../src/fix/session/index.js';
import type { FixMessageView } from '../../src/fix/codec/decoder.js';

export const specDir = new URL('../../../shared/data/quickfix/spec/', import.meta.url);
export const dict44 = FixDictionary.fromFile(new URL('FIX44.xml', specDir).pathname);
export const dict42 = FixDictionary.fromFile(new URL('FIX42.xml', specDir).pathname);

export class Recorder implements FixApplication {
  readonly got: string[] = [];
  onLogonRequest?: (v: FixMessageView) => string | null;
  logons = 0;
  logouts = 0;
  onLogon(): void {
    this.logons++;
  }
  onLogout(): void {
    this.logouts++;
  }
  fromApp(v: FixMessageView): number {
    this.got.push(v.get(11) ?? v.get(35) ?? '?');
    return -1;
  }
}

export const bar = (b: Buffer | string) => (typeof b === 'string' ? b : b.toString('latin1')).split('\x01').join('|');

export class Pair {
  readonly clock = new SimClock(0);
  readonly time = { clock: this.clock, epochMs: Date.UTC(2026, 0, 5) };
  readonly ini: FixSession;
  readonly acc: FixSession;
  readonly iniApp = new Recorder();
  readonly accApp = new Recorder();
  /** Wire logs, as text with '|' for SOH. */
  readonly toAcc: string[] = [];
  readonly toIni: string[] = [];
  private readonly qAcc: Buffer[] = [];
  private readonly qIni: Buffer[] = [];
  /** Return true to drop a message on its way to the acceptor. */
  dropToAcc: (msg: string) => boolean = () => false;
  private readonly fAcc = new FixFramer();
  private readonly fIni = new FixFramer();
  iniUp = false;
  accUp = false;

  constructor(over: Partial<SessionConfig> = {}, dictionary: FixDictionary | null = dict44, accStore: MessageStore = new MemoryStore()) {
    const base = { ...defaultSessionConfig, beginString: dictionary?.beginString ?? 'FIX.4.4', dictionary, ...over };
    this.ini = new FixSession({ ...base, senderCompId: 'BANZAI', targetCompId: 'EXEC', initiator: true }, new MemoryStore(), this.iniApp, this.time);
    this.acc = new FixSession({ ...base, senderCompId: 'EXEC', targetCompId: 'BANZAI', initiator: false }, accStore, this.accApp, this.time);
  }

  connect(): void {
    this.iniUp = true;
    this.accUp = true;
    this.acc.attach({ send: (b) => this.qAcc.push(Buffer.from(b)), disconnect: () => this.cut() });
    this.ini.attach({ send: (b) => this.qIni.push(Buffer.from(b)), disconnect: () => this.cut() });
    this.pump();
  }

  private cut(): void {
    if (this.iniUp) {
      this.iniUp = false;
      this.ini.onTransportClosed();
    }
    if (this.accUp) {
      this.accUp = false;
      this.acc.onTransportClosed();
    }
  }

  /** Delivers queued bytes both ways until quiet. */
  pump(): void {
    for (let guard = 0; guard < 10_000; guard++) {
      const a = this.qIni.shift(); // sent by the initiator -> acceptor
      if (a) {
        const s = bar(a);
        this.toAcc.push(s);
        if (!this.dropToAcc(s) && this.accUp) this.deliver(this.fAcc, a, this.acc);
        continue;
      }
      const b = this.qAcc.shift();
      if (b) {
        this.toIni.push(bar(b));
        if (this.iniUp) this.deliver(this.fIni, b, this.ini);
        continue;
      }
      return;
    }
    throw new Error('pump: no quiescence');
  }

  private deliver(f: FixFramer, b: Buffer, s: FixSession): void {
    f.push(b);
    while (f.next() === 1) s.onFrame(f.buf, f.frameStart, f.frameEnd);
  }

  /** Advances time in steps, ticking both sessions. */
  advance(ms: number, step = 250): void {
    for (let t = 0; t < ms; t += step) {
      this.clock.advance(step * 1e6);
      this.ini.onTimer();
      this.acc.onTimer();
      this.pump();
    }
  }

  /** Sends a NewOrderSingle from the initiator. */
  order(id: string): void {
    const body = Buffer.from(`11=${id}\x0121=1\x0138=100\x0140=1\x0154=1\x0155=INTC\x0160=20260105-00:00:00\x01`, 'latin1');
    this.ini.sendApp('D', [], body);
    this.pump();
  }
}
