// Session configuration, transport and application contracts.

import type { Clock } from '../../clock/clock.js';
import type { FixDictionary } from '../dictionary/dictionary.js';
import type { FixMessageView } from '../codec/decoder.js';
import type { MessageStructure } from '../dictionary/validate.js';
import type { MessageStore } from './store.js';

export interface SessionConfig {
  beginString: string; // 'FIX.4.2' | 'FIX.4.4'
  senderCompId: string;
  targetCompId: string;
  initiator: boolean;
  /** HeartBtInt (s) an initiator proposes; an acceptor takes the counterparty's. */
  heartBtInt: number;
  resetOnLogon: boolean;
  resetOnLogout: boolean;
  resetOnDisconnect: boolean;
  /** Validate incoming messages against this dictionary (null: structure checks only). */
  dictionary: FixDictionary | null;
  /** SendingTime accuracy window, seconds (QuickFIX MaxLatency); 0 disables the check. */
  maxLatencySec: number;
  logonTimeoutSec: number;
  logoutTimeoutSec: number;
  /** SendingTime with milliseconds (FIX 4.2+). */
  millis: boolean;
  /**
   * Daily session window in UTC seconds of the day (QuickFIX StartTime/EndTime); null = always.
   * start == end is a 24-hour session. Each new window resets the sequence numbers.
   */
  schedule: SessionSchedule | null;
  /** Username (553) and Password (554) an initiator puts on its Logon (FIX 4.3+); null: none. */
  username: string | null;
  password: string | null;
}

export interface SessionSchedule {
  startSec: number;
  endSec: number;
}

const DAY_MS = 86_400_000;

/** Whether `ms` (Unix ms) falls inside the window. */
export function inSchedule(s: SessionSchedule, ms: number): boolean {
  if (s.startSec === s.endSec) return true;
  const sod = ((ms % DAY_MS) + DAY_MS) % DAY_MS / 1000;
  return s.startSec < s.endSec ? sod >= s.startSec && sod < s.endSec : sod >= s.startSec || sod < s.endSec;
}

/** Index of the window containing or preceding `ms`: it changes exactly when a new window opens. */
export function schedulePeriod(s: SessionSchedule, ms: number): number {
  return Math.floor((ms - s.startSec * 1000) / DAY_MS);
}

export const defaultSessionConfig: Omit<SessionConfig, 'beginString' | 'senderCompId' | 'targetCompId'> = {
  initiator: false,
  heartBtInt: 30,
  resetOnLogon: false,
  resetOnLogout: false,
  resetOnDisconnect: false,
  dictionary: null,
  maxLatencySec: 120,
  logonTimeoutSec: 10,
  logoutTimeoutSec: 2,
  millis: true,
  schedule: null,
  username: null,
  password: null,
};

/** What a session writes to: a TCP socket in production, an array in tests. */
export interface SessionTransport {
  /**
   * Sends `bytes`, a view of the session encoder's buffer valid only during the call. Returns `true`
   * (exactly) when the transport kept a reference to those bytes past the call (a socket write left
   * pending): the session then gives its encoder a fresh buffer instead of overwriting them. Any other
   * result (nothing, or whatever a test's queue push returns) means the bytes were used or copied.
   */
  send(bytes: Buffer): unknown;
  disconnect(): void;
}

/** Wall-clock time for SendingTime: the Clock's epoch in Unix ms plus the Clock. */
export interface SessionTime {
  clock: Clock;
  /** Unix epoch milliseconds of the clock's zero (LiveClock: the UTC midnight it started in). */
  epochMs: number;
}

/**
 * The application above the session. fromApp returns -1 to accept, or a BusinessRejectReason
 * (380) to make the session answer with a BusinessMessageReject (3 = unsupported message type).
 */
export interface FixApplication {
  /** Acceptors: checks an incoming Logon (Username 553 / Password 554...); a text refuses it (Logout, disconnect). */
  onLogonRequest?(logon: FixMessageView, session: SessionHandle): string | null;
  onLogon?(session: SessionHandle): void;
  onLogout?(session: SessionHandle): void;
  fromApp(msg: FixMessageView, structure: MessageStructure | null, session: SessionHandle): number;
}

export interface SessionHandle {
  readonly config: SessionConfig;
  readonly loggedOn: boolean;
  /** Sends an application message: header fields besides 8/9/35/34/49/52/56 and a pre-encoded body. */
  sendApp(msgType: string, headerExtra: Array<[number, string]>, body: Uint8Array): boolean;
  readonly store: MessageStore;
}
