// Message stores: the session's next sender/target sequence numbers and every message it sent
// (for ResendRequest). The in-memory store serves tests, backtests and the acceptance server; a
// durable store implements the same interface (issue 3: append-only file, written before send).

export interface MessageStore {
  nextSenderSeq(): number;
  nextTargetSeq(): number;
  setNextSenderSeq(n: number): void;
  setNextTargetSeq(n: number): void;
  /** Records the bytes of sent message `seq` (the store may keep a reference: pass a copy). */
  set(seq: number, msg: Buffer): void;
  /** Sent messages with begin <= seq <= end, ascending. */
  get(begin: number, end: number): Array<[number, Buffer]>;
  /** Sequence numbers back to 1, messages dropped (ResetSeqNumFlag, ResetOnLogon). */
  reset(): void;
  /** When the store's current session period began (Unix ms), NaN when never set. */
  creationMs(): number;
  setCreationMs(ms: number): void;
}

export class MemoryStore implements MessageStore {
  private sender = 1;
  private target = 1;
  private readonly msgs = new Map<number, Buffer>();
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
    this.msgs.set(seq, msg);
  }
  get(begin: number, end: number): Array<[number, Buffer]> {
    const out: Array<[number, Buffer]> = [];
    if (end - begin < this.msgs.size) {
      for (let s = begin; s <= end; s++) {
        const m = this.msgs.get(s);
        if (m) out.push([s, m]);
      }
    } else {
      for (const [s, m] of this.msgs) if (s >= begin && s <= end) out.push([s, m]);
      out.sort((a, b) => a[0] - b[0]);
    }
    return out;
  }
  reset(): void {
    this.sender = 1;
    this.target = 1;
    this.msgs.clear();
  }
}
