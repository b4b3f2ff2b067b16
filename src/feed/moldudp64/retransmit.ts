// The publisher's bounded retransmission buffer: the last `maxMessages` messages by sequence number,
// their bytes in one fixed ring arena (no allocation per message). A message is available while its
// slot has not been reused and its bytes have not been overwritten; older ones are gone for good (a
// request for them is answered with whatever newer messages are still held).
// Positions are absolute byte counts (numbers: exact far beyond any session's volume); a message never
// wraps: when it would cross the arena end the writer skips to the next lap.

/** Copies src[srcOff, +len) to dst[dstOff...] without creating a view (messages are short). */
export function copyBytes(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number, len: number): void {
  for (let i = 0; i < len; i++) dst[dstOff + i] = src[srcOff + i];
}

export class RetransmitStore {
  private readonly arena: Buffer;
  private readonly starts: Float64Array;
  private readonly lens: Int32Array;
  private readonly slots: number;
  private first = -1;
  private next = -1;
  /** Absolute position of the next write. */
  private pos = 0;

  constructor(maxMessages = 1 << 16, arenaBytes = 8 << 20) {
    this.slots = maxMessages;
    this.arena = Buffer.allocUnsafe(arenaBytes);
    this.starts = new Float64Array(maxMessages);
    this.lens = new Int32Array(maxMessages);
  }

  /** Stores message `seq` (must follow the previous one; the first call fixes the start). */
  put(seq: number, src: Uint8Array, off: number, len: number): void {
    if (this.next < 0) {
      this.first = seq;
      this.next = seq;
    }
    if (seq !== this.next) throw new Error(`RetransmitStore: put ${seq}, expected ${this.next}`);
    if (len > this.arena.length) throw new Error(`RetransmitStore: message of ${len} bytes exceeds the arena`);
    const size = this.arena.length;
    let at = this.pos;
    const inLap = at % size;
    if (inLap + len > size) at += size - inLap; // do not wrap inside a message
    copyBytes(src, off, this.arena, at % size, len);
    const slot = seq % this.slots;
    this.starts[slot] = at;
    this.lens[slot] = len;
    this.pos = at + len;
    this.next = seq + 1;
  }

  /** Length of message `seq` when still held, else -1. */
  lengthOf(seq: number): number {
    if (this.next < 0 || seq >= this.next || seq < this.first || seq < this.next - this.slots) return -1;
    const slot = seq % this.slots;
    // Overwritten once the writer has moved a full arena past the message's start.
    if (this.pos - this.starts[slot] > this.arena.length) return -1;
    return this.lens[slot];
  }

  /** Copies message `seq` to dst[dstOff...]; returns its length or -1 when no longer held. */
  copyTo(seq: number, dst: Buffer, dstOff: number): number {
    const len = this.lengthOf(seq);
    if (len < 0) return -1;
    const start = this.starts[seq % this.slots] % this.arena.length;
    this.arena.copy(dst, dstOff, start, start + len);
    return len;
  }

  /** Oldest sequence number still held (approximate lower bound; check lengthOf), or -1 when empty. */
  get oldest(): number {
    return this.next < 0 ? -1 : Math.max(this.first, this.next - this.slots);
  }
}
