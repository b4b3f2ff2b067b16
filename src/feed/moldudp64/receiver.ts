// MoldUDP64 receiver: listens on a UDP port (unicast, or a joined multicast group), hands every message
// to `onMessage` exactly once and in sequence order, and repairs gaps through the re-request server.
//
// - A packet starting beyond the next expected sequence is queued (up to maxQueuedPackets) and the
//   missing range is requested; a heartbeat or end-of-session announcing a later sequence opens a gap too.
// - One request is in flight at a time, for the gap at the head (up to maxRequestCount messages); if the
//   head has not moved after requestTimeoutMs the request is sent again, up to maxRetries times. Then the
//   range is declared lost (onLoss, stats.lost) and delivery resumes after it, so a dead request server
//   can never stall the feed. Without a request server a gap is declared lost after one timeout.
// - Duplicates (already delivered) are dropped; overlapping packets deliver only their new messages.
// - Malformed packets and packets of another session are counted and logged (first 20), never thrown.
// Threading: everything runs on the event loop that owns the socket; onMessage is called synchronously
// from the socket's message event, with the datagram's buffer (valid only during the call).
// Session: the configured one, else the first one seen.

import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { clearLiveTimer, setLiveTimeout } from '../../clock/live.js';
import {
  MOLD_END_OF_SESSION, MOLD_HEADER_LENGTH, MOLD_HEARTBEAT, MoldHeader, MoldStatus, encodeMoldRequest, moldSession,
  moldSessionName, parseMoldPacket, sameSession,
} from './packet.js';
import type { UdpAddress } from './publisher.js';

export type MoldMessageHandler = (buf: Buffer, off: number, len: number, sequence: number) => void;

export interface MoldReceiverOptions {
  /** Local port (0 = any; read `port` after open). */
  port: number;
  /** Local address to bind (default '0.0.0.0'; multicast receivers bind the wildcard). */
  bindAddress?: string;
  multicastGroup?: string;
  multicastInterface?: string;
  requestServer?: UdpAddress;
  session?: string;
  /** First sequence number expected (default 1). */
  firstSequence?: number;
  requestTimeoutMs?: number;
  maxRetries?: number;
  maxRequestCount?: number;
  maxQueuedPackets?: number;
  /**
   * A packet whose sequence is more than this beyond the next expected one is refused as malformed
   * (default 10,000,000): one corrupt header must not open a gap that swallows the session.
   */
  maxSequenceJump?: number;
  onMessage: MoldMessageHandler;
  onEndOfSession?: (nextSequence: number) => void;
  onLoss?: (fromSequence: number, count: number) => void;
  log?: (line: string) => void;
}

export interface MoldReceiverStats {
  packets: number;
  messages: number;
  heartbeats: number;
  duplicates: number;
  queued: number;
  gaps: number;
  requests: number;
  retries: number;
  lost: number;
  malformed: number;
  wrongSession: number;
  overflow: number;
}

export class MoldReceiver {
  readonly stats: MoldReceiverStats = {
    packets: 0, messages: 0, heartbeats: 0, duplicates: 0, queued: 0, gaps: 0, requests: 0, retries: 0, lost: 0,
    malformed: 0, wrongSession: 0, overflow: 0,
  };
  private session: Buffer | undefined;
  private expected: number;
  /** Highest sequence known to exist + 1 (from data, heartbeats, end of session). */
  private highWater: number;
  private endSeq = -1;
  private ended = false;
  private readonly queue = new Map<number, Buffer>();
  private readonly hdr = new MoldHeader();
  private timer: NodeJS.Timeout | undefined;
  private requestedFrom = -1;
  private requestedEnd = -1;
  private inGap = false;
  private attempts = 0;
  private logged = 0;
  private closed = false;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRequest: number;
  private readonly maxQueued: number;
  private readonly maxJump: number;

  private constructor(
    private readonly socket: Socket,
    private readonly opts: MoldReceiverOptions,
  ) {
    this.session = opts.session !== undefined ? moldSession(opts.session) : undefined;
    this.expected = opts.firstSequence ?? 1;
    this.highWater = this.expected;
    this.timeoutMs = opts.requestTimeoutMs ?? 100;
    this.maxRetries = opts.maxRetries ?? 10;
    this.maxRequest = Math.min(opts.maxRequestCount ?? 1000, 0xfffe);
    this.maxQueued = opts.maxQueuedPackets ?? 65536;
    this.maxJump = opts.maxSequenceJump ?? 10_000_000;
    socket.on('message', (msg, rinfo) => this.handlePacket(msg, rinfo));
    socket.on('error', (e) => this.note(`socket error: ${e.message}`));
  }

  static async open(opts: MoldReceiverOptions): Promise<MoldReceiver> {
    const v6 = (opts.multicastGroup ?? opts.bindAddress ?? '').includes(':');
    const socket = createSocket({ type: v6 ? 'udp6' : 'udp4', reuseAddr: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(opts.port, opts.bindAddress, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    if (opts.multicastGroup !== undefined) socket.addMembership(opts.multicastGroup, opts.multicastInterface);
    return new MoldReceiver(socket, opts);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Sequence number of the next message to deliver. */
  get nextSequence(): number {
    return this.expected;
  }

  /** True once the end of session was announced and every message before it delivered. */
  get sessionEnded(): boolean {
    return this.ended;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.disarm();
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  /** Processes one datagram (the socket calls it; tests may inject packets directly). */
  handlePacket(buf: Buffer, rinfo?: RemoteInfo): void {
    const h = this.hdr;
    this.stats.packets++;
    if (parseMoldPacket(buf, buf.length, h) !== MoldStatus.Ok) {
      this.stats.malformed++;
      this.note(`malformed packet from ${from(rinfo)} (${buf.length} bytes): ${h.problem}`);
      return;
    }
    if (this.session === undefined) {
      this.session = Buffer.from(buf.subarray(0, 10));
    } else if (!sameSession(buf, this.session)) {
      this.stats.wrongSession++;
      this.note(`packet of session "${moldSessionName(buf)}" from ${from(rinfo)} ignored`);
      return;
    }
    const seq = h.sequence;
    const count = h.count;
    if (seq > this.expected + this.maxJump) {
      this.stats.malformed++;
      this.note(`packet from ${from(rinfo)} with sequence ${seq} far beyond the expected ${this.expected}: ignored`);
      return;
    }
    if (count === MOLD_HEARTBEAT || count === MOLD_END_OF_SESSION) {
      if (count === MOLD_HEARTBEAT) this.stats.heartbeats++;
      else this.endSeq = seq;
      if (seq > this.highWater) this.highWater = seq;
    } else if (seq + count <= this.expected) {
      this.stats.duplicates++;
    } else if (seq <= this.expected) {
      this.deliver(buf, seq, count);
      this.drain();
    } else {
      if (seq + count > this.highWater) this.highWater = seq + count;
      if (this.queue.size >= this.maxQueued) {
        this.stats.overflow++; // the retransmission will bring it back
      } else if (!this.queue.has(seq)) {
        this.queue.set(seq, buf);
        this.stats.queued++;
      }
    }
    this.afterProgress();
  }

  /** Delivers the messages of a packet from sequence `expected` on (skipping those already delivered). */
  private deliver(buf: Buffer, seq: number, count: number): void {
    let p = MOLD_HEADER_LENGTH;
    for (let i = 0; i < count; i++) {
      const len = buf.readUInt16BE(p);
      const s = seq + i;
      if (s === this.expected) {
        this.expected++;
        this.stats.messages++;
        this.opts.onMessage(buf, p + 2, len, s);
      }
      p += 2 + len;
    }
    if (this.expected > this.highWater) this.highWater = this.expected;
  }

  /** Delivers queued packets that have become contiguous. */
  private drain(): void {
    let progressed = true;
    while (progressed && this.queue.size > 0) {
      progressed = false;
      for (const [s, pkt] of this.queue) {
        const n = pkt.readUInt16BE(18);
        if (s + n <= this.expected) {
          this.queue.delete(s);
        } else if (s <= this.expected) {
          this.queue.delete(s);
          this.deliver(pkt, s, n);
          progressed = true;
        }
      }
    }
  }

  /** End of the first gap: the lowest queued sequence, else the high-water mark. */
  private gapEnd(): number {
    let end = this.highWater;
    for (const s of this.queue.keys()) if (s < end) end = s;
    return end;
  }

  private afterProgress(): void {
    if (this.expected >= this.highWater) {
      this.disarm();
      this.inGap = false;
      if (this.endSeq >= 0 && this.expected >= this.endSeq && !this.ended) {
        this.ended = true;
        this.opts.onEndOfSession?.(this.expected);
      }
      return;
    }
    if (!this.inGap) {
      this.inGap = true;
      this.stats.gaps++;
      this.attempts = 0;
    }
    // A request covering the head is in flight: its answer is still arriving.
    if (this.timer !== undefined && this.expected < this.requestedEnd) return;
    this.request();
  }

  private request(): void {
    this.disarm();
    this.requestedFrom = this.expected;
    const count = Math.max(1, Math.min(this.gapEnd() - this.expected, this.maxRequest));
    this.requestedEnd = this.expected + count;
    const server = this.opts.requestServer;
    if (server !== undefined && this.session !== undefined) {
      this.socket.send(encodeMoldRequest(this.session, this.expected, count), server.port, server.address, (err) => {
        if (err) this.note(`request to ${server.address}:${server.port} failed: ${err.message}`);
      });
      this.stats.requests++;
    }
    this.timer = setLiveTimeout(() => this.onTimeout(), this.timeoutMs);
  }

  private onTimeout(): void {
    this.timer = undefined;
    if (this.closed || this.expected >= this.highWater) return;
    if (this.expected > this.requestedFrom) {
      // Part of the answer arrived: not a failure, ask for the rest.
      this.attempts = 0;
      this.request();
      return;
    }
    this.attempts++;
    if (this.opts.requestServer === undefined || this.attempts > this.maxRetries) {
      const end = this.gapEnd();
      const lost = end - this.expected;
      this.note(`gap of ${lost} messages from ${this.expected} not recovered: skipped`);
      this.stats.lost += lost;
      this.opts.onLoss?.(this.expected, lost);
      this.expected = end;
      this.attempts = 0;
      this.drain();
      this.afterProgress();
      return;
    }
    this.stats.retries++;
    this.request();
  }

  private disarm(): void {
    if (this.timer !== undefined) {
      clearLiveTimer(this.timer);
      this.timer = undefined;
    }
  }

  private note(line: string): void {
    if (this.logged++ < 20) this.opts.log?.(line);
  }
}

function from(rinfo: RemoteInfo | undefined): string {
  return rinfo === undefined ? 'local' : `${rinfo.address}:${rinfo.port}`;
}
