// The state and the outbound half of a FIX session: sequence numbers through the store, QuickFIX's
// SessionState flags, and every message the session generates (Logon, Logout, Reject,
// BusinessMessageReject, ResendRequest answers with PossDup resends and GapFill). FixSession
// (session.ts) adds the inbound state machine and the timers on top. Split for size only: the two
// files are one class hierarchy with one owner thread.

import { FixMessageView, DecodeStatus } from '../codec/decoder.js';
import { Tag, MsgType, isAdminMsgType } from '../codec/tags.js';
import { formatUtcTimestamp } from '../codec/time.js';
import { rejectText, SessionRejectReason } from '../dictionary/validate.js';
import { OutboundBuilder, reverseRoute, type Fields } from './outbound.js';
import type { MessageStore } from './store.js';
import type { FixApplication, SessionConfig, SessionHandle, SessionTime, SessionTransport } from './types.js';
import { businessRejectText, SessionCounters } from './texts.js';
import { Reject } from '../../core/rejects.js';

const NS_PER_MS = 1_000_000;
/** Header fields the session writes itself; everything else in a header is carried as `extras`. */
export const OWN_HEADER = new Set([8, 9, 35, 34, 49, 52, 56, 43, 122, 10]);

export abstract class SessionCore implements SessionHandle {
  readonly config: SessionConfig;
  readonly store: MessageStore;
  readonly counters = new SessionCounters();
  protected readonly app: FixApplication;
  protected readonly time: SessionTime;
  protected io: SessionTransport | null = null;
  protected readonly view: FixMessageView;
  protected readonly resendView: FixMessageView;
  protected readonly out: OutboundBuilder;
  // QuickFIX SessionState flags
  protected receivedLogon = false;
  protected sentLogon = false;
  protected sentLogout = false;
  protected sentReset = false;
  protected receivedReset = false;
  protected heartBtIntMs: number;
  protected lastSentMs = 0;
  protected lastReceivedMs = 0;
  protected testRequests = 0;
  protected resendBegin = 0;
  protected resendEnd = 0;
  protected readonly queue = new Map<number, Buffer>();
  /** Last event, for logs and tests ("MsgSeqNum too high, expecting 2 but received 5"). */
  lastEvent = '';
  /** Its code in the reject catalog (src/core/rejects.ts, FIX range), 0 for none. */
  lastCode = 0;
  /** Events per catalog code since construction (metrics read it off the hot path). */
  readonly codeCounts = new Map<number, number>();

  /** Records an event: catalog code, text, count. */
  protected event(code: number, text: string): void {
    this.lastCode = code;
    this.lastEvent = text;
    if (code !== 0) this.codeCounts.set(code, (this.codeCounts.get(code) ?? 0) + 1);
  }
  // identity bytes, compared in place against incoming headers
  protected readonly beginBytes: Buffer;
  protected readonly senderBytes: Buffer;
  protected readonly targetBytes: Buffer;

  constructor(config: SessionConfig, store: MessageStore, app: FixApplication, time: SessionTime) {
    this.config = config;
    this.store = store;
    this.app = app;
    this.time = time;
    const dataTags = config.dictionary ? config.dictionary.dataTags() : undefined;
    this.view = new FixMessageView(1024, dataTags);
    this.resendView = new FixMessageView(1024, dataTags);
    this.out = new OutboundBuilder(config.beginString);
    this.heartBtIntMs = config.heartBtInt * 1000;
    this.beginBytes = Buffer.from(config.beginString, 'latin1');
    this.senderBytes = Buffer.from(config.senderCompId, 'latin1');
    this.targetBytes = Buffer.from(config.targetCompId, 'latin1');
  }

  get loggedOn(): boolean {
    return this.receivedLogon && this.sentLogon;
  }
  get connected(): boolean {
    return this.io !== null;
  }
  get expectedSenderNum(): number {
    return this.store.nextSenderSeq();
  }
  get expectedTargetNum(): number {
    return this.store.nextTargetSeq();
  }

  /**
   * The time of the inbound message being handled (Unix ms), NaN outside onFrame: everything one
   * message triggers (verify, the timer duties, the replies' SendingTime) shares one clock read.
   */
  protected frameMs = Number.NaN;

  protected nowMs(): number {
    const f = this.frameMs;
    return f === f ? f : Math.round(this.time.epochMs + this.time.clock.now() / NS_PER_MS);
  }
  protected incrTarget(): void {
    this.store.setNextTargetSeq(this.store.nextTargetSeq() + 1);
  }

  protected resetState(): void {
    this.store.reset();
    this.store.setCreationMs(this.nowMs());
  }
  // ---- outbound ------------------------------------------------------------------------------

  /** Application send (QuickFIX Session::send): drops PossDup/OrigSendingTime, stamps the header. */
  sendApp(msgType: string, headerExtra: Array<[number, string]>, body: Uint8Array): boolean {
    const extras = headerExtra.length === 0 ? headerExtra : headerExtra.filter(([t]) => !OWN_HEADER.has(t));
    return this.sendRaw(msgType, extras, body, 0);
  }

  protected sendRaw(msgType: string, extras: Fields, body: Fields | Uint8Array, num: number): boolean {
    const now = this.nowMs();
    this.lastSentMs = now;
    let seq = num !== 0 ? num : this.expectedSenderNum;
    const admin = isAdminMsgType(msgType);
    if (admin) {
      if (msgType === MsgType.Logon && !this.receivedReset) {
        const reset = !(body instanceof Uint8Array) && body.some(([t, val]) => t === Tag.ResetSeqNumFlag && val === 'Y');
        if (reset) {
          this.resetState();
          seq = this.expectedSenderNum;
        }
        this.sentReset = reset;
      }
    } else if (!this.loggedOn && this.shouldSendReset()) return false;
    const bytes = this.out.build(msgType, seq, this.config.senderCompId, this.config.targetCompId, now, this.config.millis, extras, body);
    if (num === 0) {
      this.store.set(seq, bytes); // stores copy what they keep (no per-message Buffer here)
      this.store.setNextSenderSeq(seq + 1);
    }
    const always = msgType === MsgType.Logon || msgType === MsgType.Logout || msgType === MsgType.ResendRequest || msgType === MsgType.SequenceReset;
    if ((admin && always) || this.loggedOn) this.transmit(bytes);
    return true;
  }

  protected transmit(bytes: Buffer): void {
    if (this.io === null) return;
    this.counters.sent++;
    if (this.io.send(bytes) === true) {
      this.out.enc.release();
      this.counters.bufferSwaps++;
    }
  }

  protected shouldSendReset(): boolean {
    const c = this.config;
    return c.beginString >= 'FIX.4.1' && (c.resetOnLogon || c.resetOnLogout || c.resetOnDisconnect) && this.expectedSenderNum === 1 && this.expectedTargetNum === 1;
  }

  protected generateLogon(): void {
    const body: Fields = [[Tag.EncryptMethod, '0'], [Tag.HeartBtInt, String(this.config.heartBtInt)]];
    if (this.config.resetOnLogon) this.resetState();
    if (this.shouldSendReset()) body.push([Tag.ResetSeqNumFlag, 'Y']);
    if (this.config.username !== null) body.push([553, this.config.username]);
    if (this.config.password !== null) body.push([554, this.config.password]);
    this.lastReceivedMs = this.nowMs();
    this.testRequests = 0;
    this.sentLogon = true;
    this.sendRaw(MsgType.Logon, [], body, 0);
  }

  /** Starts a Logout handshake (an application asking to end the session). */
  logout(text = ''): void {
    if (this.loggedOn && !this.sentLogout) this.generateLogout(text);
  }

  protected generateLogout(text: string): void {
    this.sendRaw(MsgType.Logout, [], text.length > 0 ? [[Tag.Text, text]] : [], 0);
    this.sentLogout = true;
  }

  /** Session-level Reject (35=3). False when not logged on (nothing sent, as QuickFIX). */
  protected generateReject(v: FixMessageView, reason: number, tag: number): boolean {
    const bs = this.config.beginString;
    const msgType = v.get(Tag.MsgType) ?? '';
    const seqStr = v.get(Tag.MsgSeqNum);
    const seq = seqStr !== undefined ? v.int(Tag.MsgSeqNum, 0) : 0;
    const body: Fields = [];
    if (seqStr !== undefined && seqStr !== '') body.push([Tag.RefSeqNum, seqStr]);
    const text = rejectText[reason];
    if (text !== undefined) body.push([Tag.Text, bs >= 'FIX.4.2' || !(tag !== 0 || reason === 0) ? text : `${text} (${tag})`]);
    if (bs >= 'FIX.4.2') {
      if (text !== undefined && (tag !== 0 || reason === SessionRejectReason.InvalidTagNumber)) body.push([Tag.RefTagID, String(tag)]);
      if (msgType !== '') body.push([Tag.RefMsgType, msgType]);
      if ((bs === 'FIX.4.2' && reason <= SessionRejectReason.InvalidMsgType) || bs > 'FIX.4.2') body.push([Tag.SessionRejectReason, String(reason)]);
    }
    if (msgType !== MsgType.Logon && msgType !== MsgType.SequenceReset && seq === this.expectedTargetNum) this.incrTarget();
    const code = reason === SessionRejectReason.CompIdProblem ? Reject.FixCompIdProblem
      : reason === SessionRejectReason.SendingTimeAccuracyProblem ? Reject.FixSendingTimeProblem : Reject.FixInvalidMessage;
    this.event(code, `Message ${seqStr ?? ''} Rejected: ${text ?? reason}${tag ? `:${tag}` : ''}`);
    if (!this.receivedLogon) return false;
    this.sendRaw(MsgType.Reject, reverseRoute(v, bs), body, 0);
    return true;
  }

  protected generateBusinessReject(v: FixMessageView, reason: number, tag: number): void {
    const text = businessRejectText[reason];
    this.event(Reject.FixUnsupportedMessage, `Message ${v.get(Tag.MsgSeqNum) ?? ''} Rejected: ${text ?? reason}`);
    const body: Fields = [[Tag.RefSeqNum, v.get(Tag.MsgSeqNum) ?? '0']];
    if (text !== undefined) body.push([Tag.Text, tag !== 0 ? `${text} (${tag})` : text]);
    body.push([Tag.RefMsgType, v.get(Tag.MsgType) ?? ''], [Tag.BusinessRejectReason, String(reason)]);
    this.incrTarget();
    this.sendRaw(MsgType.BusinessMessageReject, [], body, 0);
  }

  protected generateSequenceReset(begin: number, newSeq: number): void {
    const ts = formatUtcTimestamp(this.nowMs(), this.config.millis);
    this.sendRaw(MsgType.SequenceReset, [[Tag.PossDupFlag, 'Y'], [Tag.OrigSendingTime, ts]], [[Tag.NewSeqNo, String(newSeq)], [Tag.GapFillFlag, 'Y']], begin);
  }

  /** Answers a ResendRequest: application messages again (PossDup), admin runs as GapFill. */
  protected generateRetransmits(beginSeqNo: number, endSeqNo: number): void {
    const msgs = this.store.get(beginSeqNo, endSeqNo);
    const v = this.resendView;
    let begin = 0;
    let current = beginSeqNo;
    let msgSeqNum = 0;
    let appJustSent = false;
    for (const [, raw] of msgs) {
      appJustSent = false;
      if (v.decode(raw, 0, raw.length) !== DecodeStatus.Ok) continue;
      msgSeqNum = v.int(Tag.MsgSeqNum, 0);
      const msgType = v.get(Tag.MsgType) ?? '';
      if (current !== msgSeqNum && begin === 0) begin = current;
      if (isAdminMsgType(msgType)) {
        if (begin === 0) begin = msgSeqNum;
      } else {
        if (begin !== 0) this.generateSequenceReset(begin, msgSeqNum);
        this.resend(v, msgType, msgSeqNum);
        begin = 0;
        appJustSent = true;
      }
      current = msgSeqNum + 1;
    }
    if (begin !== 0) this.generateSequenceReset(begin, msgSeqNum + 1);
    if (endSeqNo > msgSeqNum) {
      let end = endSeqNo + 1;
      const next = this.expectedSenderNum;
      if (end > next) end = next;
      if (appJustSent) beginSeqNo = msgSeqNum + 1;
      this.generateSequenceReset(beginSeqNo, end);
    }
  }

  protected resend(v: FixMessageView, msgType: string, seq: number): void {
    const dd = this.config.dictionary;
    const extras: Fields = [[Tag.PossDupFlag, 'Y'], [Tag.OrigSendingTime, v.get(Tag.SendingTime) ?? '']];
    let bodyStart = -1;
    let bodyEnd = v.end;
    for (let i = 3; i < v.count; i++) {
      const t = v.tags[i];
      if (t === Tag.CheckSum) {
        bodyEnd = v.fieldStart[i];
        break;
      }
      const header = dd !== null ? dd.isHeaderField(t) : OWN_HEADER.has(t);
      if (header && bodyStart < 0) {
        if (!OWN_HEADER.has(t)) extras.push([t, v.stringAt(i)]);
      } else if (bodyStart < 0) bodyStart = v.fieldStart[i];
    }
    const body = bodyStart < 0 ? new Uint8Array(0) : v.buf.subarray(bodyStart, bodyEnd);
    const bytes = this.out.build(msgType, seq, this.config.senderCompId, this.config.targetCompId, this.nowMs(), this.config.millis, extras, body);
    this.counters.resent++;
    this.transmit(bytes);
  }
  /** Closes the connection and clears the logon state (QuickFIX Session::disconnect). */
  disconnect(): void {
    const io = this.io;
    this.io = null;
    if (io !== null) io.disconnect();
    if (this.receivedLogon || this.sentLogon) {
      this.receivedLogon = false;
      this.sentLogon = false;
      this.app.onLogout?.(this);
    }
    this.sentLogout = false;
    this.receivedReset = false;
    this.sentReset = false;
    this.queue.clear();
    if (this.config.resetOnDisconnect) this.resetState();
    this.resendBegin = 0;
    this.resendEnd = 0;
  }
}
