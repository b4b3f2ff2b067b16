import { describe, expect, it } from 'vitest';
import { Pair, bar } from './harness.js';
import { referenceEncode } from '../../src/fix/codec/reference.js';
import { formatUtcTimestamp } from '../../src/fix/codec/time.js';
import { Reject } from '../../src/core/rejects.js';

const field = (msg: string, tag: number) => msg.split('|').find((f) => f.startsWith(`${tag}=`))?.slice(String(tag).length + 1);
const types = (log: string[]) => log.map((m) => field(m, 35));

describe('FixSession initiator <-> acceptor', () => {
  it('logs on, exchanges orders, heartbeats when idle and logs out with a handshake', () => {
    const p = new Pair({ heartBtInt: 5 });
    p.connect();
    expect(p.ini.loggedOn && p.acc.loggedOn).toBe(true);
    expect(types(p.toAcc)).toEqual(['A']);
    expect(types(p.toIni)).toEqual(['A']);
    p.order('O1');
    p.order('O2');
    expect(p.accApp.got).toEqual(['O1', 'O2']);
    p.advance(6_000);
    expect(types(p.toAcc)).toContain('0');
    expect(p.ini.loggedOn).toBe(true);
    p.ini.logout('bye');
    p.pump();
    expect(types(p.toAcc).at(-1)).toBe('5');
    expect(types(p.toIni).at(-1)).toBe('5');
    expect(p.ini.connected || p.acc.connected).toBe(false);
    expect(p.iniApp.logouts).toBe(1);
  });

  it('sends a TestRequest to a silent peer and drops it after 2.4 heartbeat intervals', () => {
    const p = new Pair({ heartBtInt: 10 });
    p.connect();
    p.dropToAcc = () => true; // the initiator goes silent as far as the acceptor can tell
    p.advance(12_500);
    const tr = p.toIni.find((m) => field(m, 35) === '1');
    expect(tr && field(tr, 112)).toBe('TEST');
    p.advance(12_500);
    expect(p.acc.connected).toBe(false);
    expect(p.acc.lastEvent).toBe('Timed out waiting for heartbeat');
    expect(p.acc.lastCode).toBe(Reject.FixTimeout);
  });

  it('recovers a gap: ResendRequest, PossDup resend of application messages, GapFill over admin', () => {
    const p = new Pair({ heartBtInt: 30 });
    p.connect();
    p.order('A1'); // seq 2
    p.dropToAcc = () => true;
    p.order('A2'); // seq 3: lost
    p.advance(31_000, 1_000); // the initiator's heartbeat, seq 4: lost too
    expect(p.toAcc.map((m) => field(m, 35))).toContain('0');
    p.dropToAcc = () => false;
    p.order('A3'); // seq 5 arrives early: the acceptor queues it and asks for 3..infinity
    const rr = p.toIni.find((m) => field(m, 35) === '2');
    expect(rr && [field(rr, 7), field(rr, 16)]).toEqual(['3', '0']);
    expect(p.accApp.got).toEqual(['A1', 'A2', 'A3']);
    const resent = p.toAcc.find((m) => field(m, 11) === 'A2' && field(m, 43) === 'Y');
    expect(resent && field(resent, 34)).toBe('3');
    expect(field(resent!, 122)).toMatch(/^\d{8}-\d{2}:\d{2}:\d{2}\.\d{3}$/);
    const gf = p.toAcc.find((m) => field(m, 35) === '4');
    expect(gf && [field(gf, 34), field(gf, 36), field(gf, 123), field(gf, 43)]).toEqual(['4', '5', 'Y', 'Y']);
    expect(p.acc.expectedTargetNum).toBe(6);
  });

  it('answers a too-low MsgSeqNum without PossDup with Logout and disconnect', () => {
    const p = new Pair();
    p.connect();
    p.order('B1');
    // hand-craft a heartbeat with an old sequence number
    const hb = referenceEncode('FIX.4.4', [
      { tag: 35, value: '0' }, { tag: 34, value: '1' }, { tag: 49, value: 'BANZAI' },
      { tag: 52, value: formatUtcTimestamp(p.time.epochMs) }, { tag: 56, value: 'EXEC' },
    ]);
    const b = Buffer.from(hb, 'latin1');
    p.acc.onFrame(b, 0, b.length);
    p.pump();
    const lo = p.toIni.at(-1)!;
    expect(field(lo, 35)).toBe('5');
    expect(field(lo, 58)).toBe('MsgSeqNum too low, expecting 3 but received 1');
    expect(p.acc.lastCode).toBe(Reject.FixSeqNumTooLow);
    expect(p.acc.connected).toBe(false);
  });

  it('rejects an invalid message with the SessionRejectReason of the dictionary', () => {
    const p = new Pair();
    p.connect();
    const body = Buffer.from('11=C1\x0121=9\x0140=1\x0154=1\x0155=INTC\x0160=20260105-00:00:00\x01', 'latin1');
    p.ini.sendApp('D', [], body);
    p.pump();
    const rj = p.toIni.at(-1)!;
    expect(bar(rj)).toContain('35=3');
    expect([field(rj, 45), field(rj, 58), field(rj, 371), field(rj, 372), field(rj, 373)])
      .toEqual(['2', 'Value is incorrect (out of range) for this tag', '21', 'D', '5']);
    expect(p.accApp.got).toEqual([]);
    expect(p.acc.expectedTargetNum).toBe(3);
    expect(p.acc.codeCounts.get(Reject.FixInvalidMessage)).toBe(1);
  });

  it('ignores garbled messages once logged on', () => {
    const p = new Pair();
    p.connect();
    const bad = Buffer.from('8=FIX.4.4\x019=5\x0135=0\x0110=000\x01', 'latin1');
    p.acc.onFrame(bad, 0, bad.length);
    expect(p.acc.counters.garbled).toBe(1);
    expect(p.acc.loggedOn).toBe(true);
    p.order('G1');
    expect(p.accApp.got).toEqual(['G1']);
  });
});

describe('FixSession schedule and logon checks', () => {
  const H = 3_600_000_000_000; // ns per hour
  it('logs on only inside the window, logs out at its end and resets at the next window', () => {
    const p = new Pair({ heartBtInt: 30, schedule: { startSec: 9 * 3600, endSec: 17 * 3600 } });
    p.clock.set(8 * H);
    p.connect();
    expect(p.toAcc).toEqual([]); // 08:00: the initiator stays quiet
    p.clock.set(10 * H);
    p.ini.disconnect();
    p.connect();
    expect(p.ini.loggedOn).toBe(true);
    p.order('S1');
    expect(p.ini.expectedSenderNum).toBe(3);
    p.clock.set(17 * H + 1e9);
    p.ini.onTimer();
    p.acc.onTimer();
    p.pump();
    expect(types(p.toAcc).at(-1)).toBe('5');
    expect(p.ini.connected || p.acc.connected).toBe(false);
    p.clock.set(24 * H + 10 * H); // next day 10:00
    p.ini.onTimer();
    p.acc.onTimer();
    p.connect();
    expect(p.ini.loggedOn).toBe(true);
    expect(field(p.toAcc.filter((m) => field(m, 35) === 'A').at(-1)!, 34)).toBe('1');
  });

  it('refuses a Logon the application rejects (e.g. a wrong password) with Logout and disconnect', () => {
    const p = new Pair();
    p.accApp.onLogonRequest = (v) => (v.get(554) === 'secret' ? null : 'Invalid password');
    p.connect();
    expect(p.acc.loggedOn).toBe(false);
    const lo = p.toIni.at(-1)!;
    expect([field(lo, 35), field(lo, 58)]).toEqual(['5', 'Invalid password']);
    expect(p.acc.connected).toBe(false);
  });
});
