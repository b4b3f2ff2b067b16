// One FIX session (FIX 4.2/4.4 session protocol, FIX 4.4 Vol. 2), acceptor or initiator, with
// QuickFIX's behaviour where the specification leaves room, so that QuickFIX's acceptance scripts
// pass byte for byte. Single-threaded and I/O-free: the transport feeds framed bytes (onFrame),
// ticks (onTimer) and closes (onTransportClosed); the session answers through SessionTransport.
// Time comes from the injected Clock (design principle 2).
//
// State machine: the session state is the tuple of QuickFIX's flags (receivedLogon, sentLogon,
// sentLogout, sentReset, receivedReset). Which message types are acceptable in which state is the
// table in `validLogonState`; dispatch per MsgType is the `handlers` table; the per-type rules for
// sequence checks (too high -> queue + ResendRequest, too low -> Logout unless PossDup) are the
// (checkTooHigh, checkTooLow) arguments each handler passes to `verify`.

import { type FixMessageView, DecodeStatus } from '../codec/decoder.js';
import { Tag, MsgType, isAdminMsgType } from '../codec/tags.js';
import { parseUtcTimestamp } from '../codec/time.js';
import { MessageStructure, validateMessage, SessionRejectReason, type ValidationResult } from '../dictionary/validate.js';
import type { MessageStore } from './store.js';
import { inSchedule, schedulePeriod, type FixApplication, type SessionConfig, type SessionTime, type SessionTransport } from './types.js';
import { SessionCore } from './session-core.js';
import { Reject } from '../../core/rejects.js';
import type { Fields } from './outbound.js';

export class FixSession extends SessionCore {
  private readonly structure = new MessageStructure();
  private readonly vres: ValidationResult = { reason: -1, tag: 0 };
  private readonly handlers: Record<string, (v: FixMessageView) => void>;

  constructor(config: SessionConfig, store: MessageStore, app: FixApplication, time: SessionTime) {
    super(config, store, app, time);
    this.handlers = {
      [MsgType.Logon]: (v) => this.nextLogon(v),
      [MsgType.Heartbeat]: (v) => this.nextHeartbeat(v),
      [MsgType.TestRequest]: (v) => this.nextTestRequest(v),
      [MsgType.SequenceReset]: (v) => this.nextSequenceReset(v),
      [MsgType.Logout]: (v) => this.nextLogout(v),
      [MsgType.ResendRequest]: (v) => this.nextResendRequest(v),
      [MsgType.Reject]: (v) => this.nextReject(v),
    };
  }

  /** A transport is up: an acceptor waits for Logon, an initiator sends it. */
  attach(io: SessionTransport): void {
    this.checkSessionTime(); // before binding: a new period resets the store, not this connection
    this.io = io;
    this.lastReceivedMs = this.nowMs();
    if (this.config.initiator && this.inSessionTime()) this.generateLogon();
  }

  /** True inside the configured window (always without a schedule). */
  inSessionTime(): boolean {
    const s = this.config.schedule;
    return s === null || inSchedule(s, this.nowMs());
  }

  /**
   * A new session window resets the sequence numbers (QuickFIX checkSessionTime): the store
   * remembers when its period began, so a restart in a later window resets too.
   */
  private checkSessionTime(): void {
    const s = this.config.schedule;
    const now = this.nowMs();
    const created = this.store.creationMs();
    if (Number.isNaN(created)) {
      this.store.setCreationMs(now);
      return;
    }
    if (s !== null && schedulePeriod(s, created) !== schedulePeriod(s, now)) {
      this.event(0, 'New session period: resetting sequence numbers');
      if (this.io !== null) this.disconnect();
      this.resetState();
    }
  }

  /** One framed message from the transport (buf[start, end) is only valid during the call). */
  onFrame(buf: Buffer, start: number, end: number): void {
    const outer = this.frameMs; // a synchronous transport can nest another session's reply in here
    this.frameMs = Number.NaN;
    this.frameMs = this.nowMs();
    try {
      this.handleFrame(buf, start, end);
    } finally {
      this.frameMs = outer;
    }
  }

  private handleFrame(buf: Buffer, start: number, end: number): void {
    const st = this.view.decode(buf, start, end);
    if (st !== DecodeStatus.Ok) {
      this.counters.garbled++;
      this.event(Reject.FixGarbledMessage, `garbled message ignored (${st})`);
      // QuickFIX: a garbled Logon, or anything garbled before logon, ends the connection
      const mt = this.view.count >= 3 && this.view.tags[2] === Tag.MsgType ? this.view.stringAt(2) : '';
      if (mt === MsgType.Logon || !this.loggedOn) this.disconnect();
      return;
    }
    this.counters.received++;
    this.process(this.view, false);
  }

  onTransportClosed(): void {
    this.io = null;
    this.disconnect();
  }

  // ---- inbound -------------------------------------------------------------------------------

  private process(v: FixMessageView, queued: boolean): void {
    const msgType = v.tokenAt(2); // a decoded message has 8, 9, 35 first
    const cfg = this.config;
    const missing = !v.has(Tag.SenderCompID) ? Tag.SenderCompID : !v.has(Tag.TargetCompID) ? Tag.TargetCompID : 0;
    if (missing !== 0) {
      if (cfg.beginString >= 'FIX.4.2' && !isAdminMsgType(msgType)) this.generateBusinessReject(v, 5, missing);
      else {
        this.generateReject(v, SessionRejectReason.RequiredTagMissing, missing);
        if (msgType === MsgType.Logon) this.disconnect();
      }
    } else if (!v.equalsAt(0, this.beginBytes)) {
      if (msgType === MsgType.Logout) this.nextLogout(v);
      else {
        this.event(Reject.FixWrongBeginString, 'Incorrect BeginString');
        this.generateLogout('Incorrect BeginString');
        this.incrTarget();
      }
    } else if (cfg.dictionary !== null && validateMessage(v, this.structure.build(v, cfg.dictionary), cfg.dictionary, this.vres).reason >= 0) {
      this.counters.rejected++;
      this.generateReject(v, this.vres.reason, this.vres.tag);
    } else {
      const h = this.handlers[msgType];
      if (h !== undefined) h(v);
      else this.nextApp(v);
    }
    if (!queued) this.nextQueued();
    if (this.loggedOn) this.onTimer();
  }

  private nextLogon(v: FixMessageView): void {
    if (!this.inSessionTime()) {
      this.event(Reject.FixLogonRefused, 'Received logon outside of valid logon time');
      this.disconnect();
      return;
    }
    const resetFlag = v.char(Tag.ResetSeqNumFlag) === 0x59;
    this.receivedReset = resetFlag;
    if (resetFlag && !this.sentReset) this.resetState();
    if (this.config.initiator && !this.sentLogon && !resetFlag) {
      this.event(Reject.FixLogonRefused, 'Received logon response before sending request');
      this.disconnect();
      return;
    }
    if (!this.config.initiator && this.config.resetOnLogon) this.resetState();
    if (!this.verify(v, false, true)) return;
    const refused = this.config.initiator ? null : (this.app.onLogonRequest?.(v, this) ?? null);
    if (refused !== null) {
      this.event(Reject.FixLogonRefused, `Logon refused: ${refused}`);
      this.generateLogout(refused);
      this.disconnect();
      return;
    }
    this.receivedLogon = true;
    if (!this.config.initiator || (this.receivedReset && !this.sentReset)) {
      const hb = v.int(Tag.HeartBtInt, 0);
      this.heartBtIntMs = hb * 1000;
      const body: Fields = [[Tag.EncryptMethod, '0'], [Tag.HeartBtInt, v.get(Tag.HeartBtInt) ?? '0']];
      if (this.receivedReset) body.push([Tag.ResetSeqNumFlag, 'Y']);
      this.sendRaw(MsgType.Logon, [], body, 0);
      this.sentLogon = true;
    }
    this.sentReset = false;
    this.receivedReset = false;
    const seq = v.int(Tag.MsgSeqNum, 0);
    if (seq > this.expectedTargetNum && !resetFlag) this.doTargetTooHigh(v);
    else {
      this.incrTarget();
      this.nextQueued();
    }
    if (this.loggedOn) {
      this.counters.logons++;
      this.app.onLogon?.(this);
    }
  }

  private nextHeartbeat(v: FixMessageView): void {
    if (!this.verify(v, true, true)) return;
    this.incrTarget();
    this.nextQueued();
  }

  private nextTestRequest(v: FixMessageView): void {
    if (!this.verify(v, true, true)) return;
    const id = v.get(Tag.TestReqID);
    this.sendRaw(MsgType.Heartbeat, [], id !== undefined ? [[Tag.TestReqID, id]] : [], 0);
    this.incrTarget();
    this.nextQueued();
  }

  private nextLogout(v: FixMessageView): void {
    if (!this.verify(v, false, false)) return;
    if (!this.sentLogout) this.generateLogout('');
    this.incrTarget();
    if (this.config.resetOnLogout) this.resetState();
    this.disconnect();
  }

  private nextReject(v: FixMessageView): void {
    if (!this.verify(v, false, true)) return;
    this.incrTarget();
    this.nextQueued();
  }

  private nextSequenceReset(v: FixMessageView): void {
    const gapFill = v.char(Tag.GapFillFlag) === 0x59;
    if (!this.verify(v, gapFill, gapFill)) return;
    const i = v.indexOf(Tag.NewSeqNo);
    if (i < 0) return;
    const newSeq = v.intAt(i);
    if (newSeq > this.expectedTargetNum) {
      this.store.setNextTargetSeq(newSeq);
      if (gapFill) {
        for (const k of [...this.queue.keys()]) if (k < newSeq) this.queue.delete(k);
        this.nextQueued();
      }
    } else if (newSeq < this.expectedTargetNum) {
      this.generateReject(v, SessionRejectReason.ValueIncorrect, 0);
    }
  }

  private nextResendRequest(v: FixMessageView): void {
    if (!this.verify(v, false, false)) return;
    const begin = v.int(Tag.BeginSeqNo, 0);
    let end = v.int(Tag.EndSeqNo, 0);
    const bs = this.config.beginString;
    const nextSender = this.expectedSenderNum;
    if ((bs >= 'FIX.4.2' && end === 0) || (bs <= 'FIX.4.2' && end === 999999) || end >= nextSender) end = nextSender - 1;
    this.generateRetransmits(begin, end);
    const seq = v.int(Tag.MsgSeqNum, 0);
    if (seq === this.expectedTargetNum) this.incrTarget();
  }

  private nextApp(v: FixMessageView): void {
    if (!this.verify(v, true, true)) return;
    const r = this.app.fromApp(v, this.config.dictionary !== null ? this.structure : null, this);
    if (r >= 0) this.generateBusinessReject(v, r, 0);
    else this.incrTarget();
  }

  /** Common checks of every inbound message (QuickFIX Session::verify). */
  private verify(v: FixMessageView, checkTooHigh: boolean, checkTooLow: boolean): boolean {
    const msgType = v.tokenAt(2);
    if (!this.validLogonState(msgType)) {
      this.event(Reject.FixLogonRefused, 'Logon state is not valid for message');
      this.disconnect();
      return false;
    }
    const si = v.indexOf(Tag.SendingTime);
    const sendingMs = si < 0 ? Number.NaN : parseUtcTimestamp(v.buf, v.valueStart[si], v.valueEnd[si]);
    const now = this.nowMs(); // the frame's one clock read (frameMs)
    if (!this.isGoodTime(sendingMs, now)) {
      if (!this.generateReject(v, SessionRejectReason.SendingTimeAccuracyProblem, 0)) this.disconnect();
      else this.generateLogout('');
      return false;
    }
    if (!v.equalsAt(v.indexOf(Tag.SenderCompID), this.targetBytes) || !v.equalsAt(v.indexOf(Tag.TargetCompID), this.senderBytes)) {
      if (!this.generateReject(v, SessionRejectReason.CompIdProblem, 0)) this.disconnect();
      else this.generateLogout('');
      return false;
    }
    const seq = v.int(Tag.MsgSeqNum, 0);
    if (checkTooHigh && seq > this.expectedTargetNum) {
      this.doTargetTooHigh(v);
      return false;
    } else if (checkTooLow && seq < this.expectedTargetNum) {
      this.doTargetTooLow(v, seq, sendingMs);
      return false;
    }
    if ((checkTooHigh || checkTooLow) && this.resendEnd !== 0 && seq >= this.resendEnd) {
      this.resendBegin = 0;
      this.resendEnd = 0;
    }
    this.lastReceivedMs = now;
    this.testRequests = 0;
    return true;
  }

  /** Which message types the current logon state admits (QuickFIX Session::validLogonState). */
  private validLogonState(msgType: string): boolean {
    const logon = msgType === MsgType.Logon;
    if ((logon && this.sentReset) || this.receivedReset) return true;
    if ((logon && !this.receivedLogon) || (!logon && this.receivedLogon)) return true;
    if (msgType === MsgType.Logout && this.sentLogon) return true;
    if (msgType !== MsgType.Logout && this.sentLogout) return true;
    return msgType === MsgType.SequenceReset || msgType === MsgType.Reject;
  }

  private isGoodTime(sendingMs: number, now: number): boolean {
    if (this.config.maxLatencySec <= 0) return true;
    if (Number.isNaN(sendingMs)) return false;
    return Math.abs(now - sendingMs) <= this.config.maxLatencySec * 1000;
  }

  private doTargetTooLow(v: FixMessageView, seq: number, sendingMs: number): void {
    if (v.char(Tag.PossDupFlag) !== 0x59) {
      const text = `MsgSeqNum too low, expecting ${this.expectedTargetNum} but received ${seq}`;
      this.event(Reject.FixSeqNumTooLow, text);
      this.generateLogout(text);
      this.disconnect();
      return;
    }
    // PossDup of something already received: ignored after the OrigSendingTime checks
    if (v.get(Tag.MsgType) === MsgType.SequenceReset) return;
    const oi = v.indexOf(Tag.OrigSendingTime);
    if (oi < 0) {
      this.generateReject(v, SessionRejectReason.RequiredTagMissing, Tag.OrigSendingTime);
      return;
    }
    const orig = parseUtcTimestamp(v.buf, v.valueStart[oi], v.valueEnd[oi]);
    if (orig > sendingMs) {
      this.generateReject(v, SessionRejectReason.SendingTimeAccuracyProblem, 0);
      this.generateLogout('');
    }
  }

  private doTargetTooHigh(v: FixMessageView): void {
    const seq = v.int(Tag.MsgSeqNum, 0);
    this.event(Reject.FixSeqNumGap, `MsgSeqNum too high, expecting ${this.expectedTargetNum} but received ${seq}`);
    this.queue.set(seq, Buffer.from(v.buf.subarray(v.start, v.end)));
    if (this.resendEnd !== 0 && seq >= this.resendBegin) return; // already asked; QuickFIX sends no redundant request
    const begin = this.expectedTargetNum;
    this.sendRaw(MsgType.ResendRequest, [], [[Tag.BeginSeqNo, String(begin)], [Tag.EndSeqNo, this.config.beginString >= 'FIX.4.2' ? '0' : '999999']], 0);
    this.resendBegin = begin;
    this.resendEnd = seq - 1;
    this.counters.resendRequests++;
  }

  private nextQueued(): void {
    for (;;) {
      const num = this.expectedTargetNum;
      const raw = this.queue.get(num);
      if (raw === undefined) return;
      this.queue.delete(num);
      const v = this.view;
      if (v.decode(raw, 0, raw.length) !== DecodeStatus.Ok) return;
      const mt = v.get(Tag.MsgType);
      if (mt === MsgType.Logon || mt === MsgType.ResendRequest) this.incrTarget();
      else this.process(v, true);
    }
  }
  // ---- timers and teardown -------------------------------------------------------------------

  /** Heartbeat / TestRequest / timeout duties (QuickFIX Session::next()); call about once a second. */
  onTimer(): void {
    if (this.config.schedule !== null) this.checkSessionTime();
    if (this.io === null) return;
    const now = this.nowMs();
    if (!this.inSessionTime()) {
      if (this.loggedOn && !this.sentLogout) this.generateLogout('');
      else if (!this.loggedOn) this.disconnect();
    }
    if (!this.receivedLogon) {
      if (this.sentLogon && now - this.lastReceivedMs >= this.config.logonTimeoutSec * 1000) {
        this.event(Reject.FixTimeout, 'Timed out waiting for logon response');
        this.disconnect();
      }
      return;
    }
    const hb = this.heartBtIntMs;
    if (hb === 0) return;
    if (this.sentLogout && now - this.lastSentMs >= this.config.logoutTimeoutSec * 1000) {
      this.event(Reject.FixTimeout, 'Timed out waiting for logout response');
      this.disconnect();
      return;
    }
    if (now - this.lastSentMs < hb && now - this.lastReceivedMs < hb) return;
    if (now - this.lastReceivedMs >= 2.4 * hb) {
      this.event(Reject.FixTimeout, 'Timed out waiting for heartbeat');
      this.disconnect();
    } else if (now - this.lastReceivedMs >= 1.2 * (this.testRequests + 1) * hb) {
      this.sendRaw(MsgType.TestRequest, [], [[Tag.TestReqID, 'TEST']], 0);
      this.testRequests++;
    } else if (now - this.lastSentMs >= hb && this.testRequests === 0) {
      this.sendRaw(MsgType.Heartbeat, [], [], 0);
    }
  }
}
