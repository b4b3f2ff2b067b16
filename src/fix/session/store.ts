// Message stores: the session's next sender/target sequence numbers and every message it sent
// (for ResendRequest). The in-memory store serves tests, backtests and the acceptance server; a
// durable store implements the same interface (issue 3: append-only file, written before send).
// MemoryStore keeps every message in one growing arena (a length-prefixed record per message, seq ->
// record offset in a Map of small integers): storing a message is one byte copy, no per-message
// heap object survives a scavenge, so the round trip's GC work does not grow with the history.

export interface MessageStore {
  nextSenderSeq(): number;
  nextTargetSeq(): number;
  setNextSenderSeq(n: number): void;
  setNextTargetSeq(n: number): void;
  /** Records the bytes of sent message `seq`; `msg` is only valid during the call (copy what is kept). */
  set(seq: number, msg: Buffer): void;
  /** Sent messages with begin <= seq <= end, ascending (views valid until the next reset()). */
  get(begin: number, end: number): Array<[number, Buffer]>;
  /** Sequence numbers back to 1, messages dropped (ResetSeqNumFlag, ResetOnLogon). */
  reset(): void;
  /** When the store's current session period began (Unix ms), NaN when never set. */
  creationMs(): number;
  setCreationMs(ms: number): void;
}

const ARENA_MIN = 64 * 1024;

export class MemoryStore implements MessageStore {
  private sender = 1;
  private target = 1;
  /** seq -> offset of its record in `arena` (u32 length, then the bytes). */
  private readonly msgs = new Map<number, number>();
  private arena = Buffer.allocUnsafe(ARENA_MIN);
  private pos = 0;
  private created = Number.NaN;

  creationMs(): number {
    return this.created;
  }
  setCreationMs(ms: number): void {
    this.created = ms;
  }
  nextSenderSeq(): number {
    return this.sender;
  }
  nextTargetSeq(): number {
    return this.target;
  }
  setNextSenderSeq(n: number): void {
    this.sender = n;
  }
  setNextTargetSeq(n: number): void {
    this.target = n;
  }
  set(seq: number, msg: Buffer): void {
    const need = this.pos + 4 + msg.length;
    if (need > this.arena.length) {
      // a new arena, never a resize in place: views handed out by get() keep the old one alive
      const next = Buffer.allocUnsafe(Math.max(this.arena.length * 2, need));
      this.arena.copy(next, 0, 0, this.pos);
      this.arena = next;
    }
    const a = this.arena;
    const n = msg.length;
    const p = this.pos;
    a[p] = n & 0xff;
    a[p + 1] = (n >>> 8) & 0xff;
    a[p + 2] = (n >>> 16) & 0xff;
    a[p + 3] = n >>> 24;
    // typical messages are a few hundred bytes: a JS loop beats the native copy's call cost
    if (n <= 512) for (let i = 0, d = p + 4; i < n; i++) a[d + i] = msg[i];
    else msg.copy(a, p + 4);
    this.msgs.set(seq, p);
    this.pos = need;
  }
  private at(off: number): Buffer {
    return this.arena.subarray(off + 4, off + 4 + this.arena.readUInt32LE(off));
  }
  get(begin: number, end: number): Array<[number, Buffer]> {
    const out: Array<[number, Buffer]> = [];
    if (end - begin < this.msgs.size) {
      for (let s = begin; s <= end; s++) {
        const off = this.msgs.get(s);
        if (off !== undefined) out.push([s, this.at(off)]);
      }
    } else {
      for (const [s, off] of this.msgs) if (s >= begin && s <= end) out.push([s, this.at(off)]);
      out.sort((a, b) => a[0] - b[0]);
    }
    return out;
  }
  reset(): void {
    this.sender = 1;
    this.target = 1;
    this.msgs.clear();
    // fresh arena: earlier get() views must not see their bytes overwritten
    this.arena = Buffer.allocUnsafe(ARENA_MIN);
    this.pos = 0;
  }
}
