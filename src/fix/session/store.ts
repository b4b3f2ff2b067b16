// Message stores: the session's next sender/target sequence numbers and every message it sent
// (for ResendRequest). The in-memory store serves tests, backtests and the acceptance server; a
// durable store implements the same interface (issue 3: append-only file, written before send).
// MemoryStore keeps every message in one growing arena (a length-prefixed record per message; the
// record offsets in a typed array indexed by seq, a Map only for outlandish seqs): storing a
// message is one byte copy, no per-message heap object survives a scavenge, so the round trip's
// GC work does not grow with the history.

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
const INDEX_MIN = 1024;
/** Sequence numbers above this go to a Map (a gap-filled jump must not size a huge array). */
const DENSE_MAX = 1 << 22;

export class MemoryStore implements MessageStore {
  private sender = 1;
  private target = 1;
  /** seq -> offset of its record in `arena` (u32 length, then the bytes), -1 = none; index seq. */
  private dense = new Float64Array(INDEX_MIN).fill(-1);
  private readonly sparse = new Map<number, number>();
  private count = 0;
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
    const n = msg.length;
    const p = this.pos;
    const need = p + 4 + n;
    if (need > this.arena.length) {
      // a new arena, never a resize in place: views handed out by get() keep the old one alive
      const next = Buffer.allocUnsafe(Math.max(this.arena.length * 2, need));
      this.arena.copy(next, 0, 0, p);
      this.arena = next;
    }
    const a = this.arena;
    a[p] = n & 0xff;
    a[p + 1] = (n >>> 8) & 0xff;
    a[p + 2] = (n >>> 16) & 0xff;
    a[p + 3] = n >>> 24;
    a.set(msg, p + 4); // TypedArray.set: Buffer.copy's argument handling costs more than the copy here
    this.pos = need;
    if (Number.isInteger(seq) && seq >= 0 && seq <= DENSE_MAX) {
      if (seq >= this.dense.length) {
        const d = new Float64Array(Math.min(DENSE_MAX + 1, Math.max(this.dense.length * 2, seq + 1))).fill(-1);
        d.set(this.dense);
        this.dense = d;
      }
      if (this.dense[seq] < 0) this.count++;
      this.dense[seq] = p;
    } else {
      if (!this.sparse.has(seq)) this.count++;
      this.sparse.set(seq, p);
    }
  }
  private at(off: number): Buffer {
    return this.arena.subarray(off + 4, off + 4 + this.arena.readUInt32LE(off));
  }
  get(begin: number, end: number): Array<[number, Buffer]> {
    const out: Array<[number, Buffer]> = [];
    const d = this.dense;
    const lo = Math.max(0, Math.ceil(begin));
    const hi = Math.min(d.length - 1, Math.floor(end));
    if (hi - lo < this.count) {
      for (let s = lo; s <= hi; s++) if (d[s] >= 0) out.push([s, this.at(d[s])]);
    } else {
      for (let s = 0; s < d.length; s++) if (d[s] >= 0 && s >= begin && s <= end) out.push([s, this.at(d[s])]);
    }
    if (this.sparse.size > 0) {
      for (const [s, off] of this.sparse) if (s >= begin && s <= end) out.push([s, this.at(off)]);
      out.sort((x, y) => x[0] - y[0]);
    }
    return out;
  }
  reset(): void {
    this.sender = 1;
    this.target = 1;
    this.dense = new Float64Array(INDEX_MIN).fill(-1);
    this.sparse.clear();
    this.count = 0;
    // fresh arena: earlier get() views must not see their bytes overwritten
    this.arena = Buffer.allocUnsafe(ARENA_MIN);
    this.pos = 0;
  }
}
