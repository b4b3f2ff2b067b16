// MoldUDP64 publisher: packs messages (e.g. ITCH) into downstream packets no larger than the MTU, sends
// them to a unicast or multicast destination, keeps the last messages in a bounded retransmission buffer
// and answers re-requests arriving on its request port (one UDP socket does both: downstream packets
// leave from the request port, so receivers can also learn the request address from the source).
// Heartbeats (count 0, next sequence) go out every `heartbeatMs` when nothing else was sent.
//
// Threading: one owner calls publish/flush; socket callbacks run on the same event loop.
// Contract: publish() copies the message, so the caller may reuse its buffer at once. Packets are sent
// when full or on flush(); callers that need low latency flush after each burst.
// Fault injection for tests: `drop(sequence, count)` returning true skips sending that packet (its
// messages stay in the retransmission buffer, exactly like a packet lost on the wire).

import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { clearLiveTimer, setLiveInterval } from '../../clock/live.js';
import { encodeItch } from '../itch/codec.js';
import type { ItchMessage } from '../itch/message.js';
import {
  IP_UDP_OVERHEAD, MOLD_END_OF_SESSION, MOLD_HEADER_LENGTH, MOLD_HEARTBEAT, MoldHeader, MoldStatus,
  encodeMoldControl, moldSession, parseMoldRequest, sameSession, writeMoldHeader,
} from './packet.js';
import { RetransmitStore, copyBytes } from './retransmit.js';

export interface UdpAddress {
  address: string;
  port: number;
}

export interface MoldPublisherOptions {
  session: string;
  destination: UdpAddress;
  /** Local port for re-requests (and the source of downstream packets); 0 = any (default). */
  requestPort?: number;
  /** Local address to bind (default '0.0.0.0'). */
  bindAddress?: string;
  /** IP MTU (default 1500): a packet's UDP payload is at most mtu - 28 bytes. */
  mtu?: number;
  firstSequence?: number;
  /** Messages kept for retransmission (default 65536) and their byte budget (default 8 MiB). */
  retransmitMessages?: number;
  retransmitBytes?: number;
  /** Most messages sent in answer to one request (default 2000). */
  maxResponseMessages?: number;
  /** Heartbeat period in ms when idle (default 1000; 0 = none). */
  heartbeatMs?: number;
  multicastTtl?: number;
  multicastInterface?: string;
  multicastLoopback?: boolean;
  drop?: (sequence: number, count: number) => boolean;
  log?: (line: string) => void;
}

export interface MoldPublisherStats {
  packets: number;
  messages: number;
  heartbeats: number;
  dropped: number;
  requests: number;
  retransmittedMessages: number;
  /** Requested messages no longer (or not yet) held. */
  unavailableMessages: number;
  malformedRequests: number;
}

export class MoldPublisher {
  readonly stats: MoldPublisherStats = {
    packets: 0, messages: 0, heartbeats: 0, dropped: 0, requests: 0, retransmittedMessages: 0, unavailableMessages: 0, malformedRequests: 0,
  };
  private readonly session: Buffer;
  private readonly maxPayload: number;
  private readonly store: RetransmitStore;
  private readonly maxResponse: number;
  private readonly req = new MoldHeader();
  private readonly scratch = Buffer.alloc(64);
  private packet: Buffer;
  private used = MOLD_HEADER_LENGTH;
  private count = 0;
  private packetSeq: number;
  private nextSeq: number;
  private sentSinceBeat = false;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private logged = 0;
  private closed = false;

  private constructor(
    private readonly socket: Socket,
    private readonly opts: MoldPublisherOptions,
  ) {
    this.session = moldSession(opts.session);
    this.maxPayload = (opts.mtu ?? 1500) - IP_UDP_OVERHEAD;
    if (this.maxPayload < MOLD_HEADER_LENGTH + 3) throw new Error(`MTU ${opts.mtu} too small for MoldUDP64`);
    this.store = new RetransmitStore(opts.retransmitMessages ?? 1 << 16, opts.retransmitBytes ?? 8 << 20);
    this.maxResponse = opts.maxResponseMessages ?? 2000;
    this.nextSeq = opts.firstSequence ?? 1;
    this.packetSeq = this.nextSeq;
    this.packet = Buffer.allocUnsafe(this.maxPayload);
    socket.on('message', (msg, rinfo) => this.onRequest(msg, rinfo));
    socket.on('error', (e) => this.note(`socket error: ${e.message}`));
    const hb = opts.heartbeatMs ?? 1000;
    if (hb > 0) {
      this.heartbeatTimer = setLiveInterval(() => {
        if (!this.sentSinceBeat) this.heartbeat();
        this.sentSinceBeat = false;
      }, hb);
      this.heartbeatTimer.unref();
    }
  }

  /** Binds the request socket and returns a ready publisher. */
  static async open(opts: MoldPublisherOptions): Promise<MoldPublisher> {
    const socket = createSocket({ type: opts.destination.address.includes(':') ? 'udp6' : 'udp4', reuseAddr: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(opts.requestPort ?? 0, opts.bindAddress, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    if (opts.multicastTtl !== undefined) socket.setMulticastTTL(opts.multicastTtl);
    if (opts.multicastInterface !== undefined) socket.setMulticastInterface(opts.multicastInterface);
    if (opts.multicastLoopback !== undefined) socket.setMulticastLoopback(opts.multicastLoopback);
    return new MoldPublisher(socket, opts);
  }

  /** The local port re-requests are served on. */
  get requestPort(): number {
    return this.socket.address().port;
  }

  /** Sequence number the next published message gets. */
  get nextSequence(): number {
    return this.nextSeq;
  }

  /** Appends message src[off, off+len) to the current packet (sending the packet first when full). */
  publish(src: Uint8Array, off: number, len: number): void {
    if (this.closed) throw new Error('MoldPublisher is closed');
    if (MOLD_HEADER_LENGTH + 2 + len > this.maxPayload) throw new Error(`message of ${len} bytes does not fit one packet (MTU)`);
    if (this.used + 2 + len > this.maxPayload || this.count === 0xfffe) this.flush();
    const p = this.packet;
    p.writeUInt16BE(len, this.used);
    copyBytes(src, off, p, this.used + 2, len);
    this.used += 2 + len;
    this.count++;
    this.store.put(this.nextSeq, src, off, len);
    this.nextSeq++;
    this.stats.messages++;
  }

  /** Encodes and publishes one ITCH message; returns its length or a negative ItchStatus. */
  publishItch(msg: ItchMessage): number {
    const n = encodeItch(msg, this.scratch, 0);
    if (n > 0) this.publish(this.scratch, 0, n);
    return n;
  }

  /** Sends the current packet, if it holds any message. */
  flush(): void {
    if (this.count === 0) return;
    const p = this.packet;
    writeMoldHeader(p, this.session, this.packetSeq, this.count);
    const size = this.used;
    if (this.opts.drop?.(this.packetSeq, this.count)) {
      this.stats.dropped++;
    } else {
      this.send(p, size, this.opts.destination.port, this.opts.destination.address);
      this.stats.packets++;
    }
    // The socket may still hold the old buffer until the send completes: take a fresh one.
    this.packet = Buffer.allocUnsafe(this.maxPayload);
    this.used = MOLD_HEADER_LENGTH;
    this.count = 0;
    this.packetSeq = this.nextSeq;
    this.sentSinceBeat = true;
  }

  /** Flushes, then sends a heartbeat carrying the next sequence number. */
  heartbeat(): void {
    if (this.closed) return;
    this.flush();
    this.send(encodeMoldControl(this.session, this.nextSeq, MOLD_HEARTBEAT), MOLD_HEADER_LENGTH, this.opts.destination.port, this.opts.destination.address);
    this.stats.heartbeats++;
  }

  /** Flushes and announces the end of the session (count 0xFFFF). Re-requests are still served. */
  endSession(): void {
    this.flush();
    this.send(encodeMoldControl(this.session, this.nextSeq, MOLD_END_OF_SESSION), MOLD_HEADER_LENGTH, this.opts.destination.port, this.opts.destination.address);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeatTimer !== undefined) clearLiveTimer(this.heartbeatTimer);
    // sends are asynchronous: wait for the ones in flight (the end-of-session packet above all)
    if (this.pendingSends > 0) await new Promise<void>((resolve) => (this.onDrained = resolve));
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  private pendingSends = 0;
  private onDrained: (() => void) | undefined = undefined;

  private send(buf: Buffer, len: number, port: number, address: string): void {
    this.pendingSends++;
    this.socket.send(buf, 0, len, port, address, (err) => {
      if (err) this.note(`send to ${address}:${port} failed: ${err.message}`);
      if (--this.pendingSends === 0 && this.onDrained) {
        const done = this.onDrained;
        this.onDrained = undefined;
        done();
      }
    });
  }

  /** Answers a re-request with downstream packets sent to the requester. */
  private onRequest(msg: Buffer, rinfo: RemoteInfo): void {
    const r = this.req;
    if (parseMoldRequest(msg, msg.length, r) !== MoldStatus.Ok || !sameSession(msg, this.session)) {
      this.stats.malformedRequests++;
      this.note(`bad request from ${rinfo.address}:${rinfo.port} (${msg.length} bytes): ${r.problem || 'wrong session'}`);
      return;
    }
    this.stats.requests++;
    const want = Math.min(r.count, this.maxResponse);
    let seq = r.sequence;
    const last = r.sequence + want; // exclusive
    // Skip what is no longer held (counted); stop at what has not been published yet.
    while (seq < last && seq < this.nextSeq && this.store.lengthOf(seq) < 0) seq++;
    this.stats.unavailableMessages += seq - r.sequence + Math.max(0, last - Math.max(seq, this.nextSeq));
    let pkt = Buffer.allocUnsafe(this.maxPayload);
    let used = MOLD_HEADER_LENGTH;
    let first = seq;
    let n = 0;
    for (; seq < last && seq < this.nextSeq; seq++) {
      const len = this.store.lengthOf(seq);
      if (len < 0) break;
      if (used + 2 + len > this.maxPayload) {
        writeMoldHeader(pkt, this.session, first, n);
        this.send(pkt, used, rinfo.port, rinfo.address);
        pkt = Buffer.allocUnsafe(this.maxPayload);
        used = MOLD_HEADER_LENGTH;
        first = seq;
        n = 0;
      }
      pkt.writeUInt16BE(len, used);
      this.store.copyTo(seq, pkt, used + 2);
      used += 2 + len;
      n++;
      this.stats.retransmittedMessages++;
    }
    if (n > 0) {
      writeMoldHeader(pkt, this.session, first, n);
      this.send(pkt, used, rinfo.port, rinfo.address);
    }
  }

  private note(line: string): void {
    if (this.logged++ < 20) this.opts.log?.(line);
  }
}
