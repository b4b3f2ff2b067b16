// FeedLog: the backtester's market data in memory, one ITCH 5.0 message (type byte first, no length prefix)
// per event with the time the kernel sees it (ns since the session epoch). Every source format (ITCH
// BinaryFILE, LOBSTER, Databento MBO CSV / DBN, recorded kernel sessions) becomes one FeedLog
// (./load.ts), several are merged in time order (mergeLogs), and the runner walks the merged log
// (./run.ts). Keeping the whole day in memory is a choice: the kernel loop then touches only typed arrays
// and one byte buffer (the benchmark's events/s is the kernel's, not the file system's).
// Event time: for ITCH/LOBSTER/Databento it is the message's own timestamp (ns since midnight of the
// data's day); for a recording it is the kernel clock at which the live kernel handled the message.
// Recordings (./recording.ts) also carry, per message, the time the live kernel handled it (`feedTs`; the
// event time `ts` is then the exchange timestamp inside the ITCH message, which is what the backtest venue
// goes by) and flags: FLAG_SYNC - the live kernel had sent commands at or after this message's exchange
// time before the venue published it (so the backtest kernel must catch up to that time before the venue
// sees it); FLAG_VENUE_SKIP - the message is about one of our own orders (the recorded twin of an order the
// backtest sends again): the backtest venue does not see it; FLAG_VENUE_PRINT - an execution of such an
// order: the venue sees it as a print (aux = price x 2 + resting side), which fills the backtest's own order
// in the twin's place.

export const FLAG_SYNC = 1;
export const FLAG_VENUE_SKIP = 2;
export const FLAG_VENUE_PRINT = 4;

export class FeedLog {
  bytes: Buffer;
  used = 0;
  off: Float64Array;
  len: Uint8Array;
  ts: Float64Array;
  flags: Uint8Array;
  /** Per-event value for FLAG_VENUE_PRINT (null until one is set). */
  aux: Float64Array | null = null;
  /** Per-event time the kernel gets the message (recordings; null: the event time, plus the venue's feed latency). */
  feedTs: Float64Array | null = null;
  n = 0;

  constructor(capacity = 1024, bytesCapacity = capacity * 40) {
    this.bytes = Buffer.allocUnsafe(Math.max(bytesCapacity, 256));
    this.off = new Float64Array(Math.max(capacity, 16));
    this.len = new Uint8Array(Math.max(capacity, 16));
    this.ts = new Float64Array(Math.max(capacity, 16));
    this.flags = new Uint8Array(Math.max(capacity, 16));
  }

  /** Appends src[off, off + len) with event time ts. */
  push(src: Uint8Array, off: number, len: number, ts: number, flags = 0, aux = 0): void {
    if (len < 1 || len > 255) throw new Error(`feed log: message length ${len} out of range`);
    if (this.n === this.ts.length) this.growIndex();
    if (this.used + len > this.bytes.length) this.growBytes(len);
    const b = this.bytes;
    const u = this.used;
    for (let i = 0; i < len; i++) b[u + i] = src[off + i];
    const k = this.n++;
    this.off[k] = u;
    this.len[k] = len;
    this.ts[k] = ts;
    this.flags[k] = flags;
    if (aux !== 0) this.setAux(k, aux);
    this.used = u + len;
  }

  /** Sets the kernel delivery time of event k (allocates feedTs on first use, earlier events = their ts). */
  setFeedTs(k: number, v: number): void {
    if (this.feedTs === null || this.feedTs.length < this.ts.length) {
      const a = new Float64Array(this.ts.length);
      if (this.feedTs !== null) a.set(this.feedTs);
      else a.set(this.ts.subarray(0, this.n));
      this.feedTs = a;
    }
    this.feedTs[k] = v;
  }

  setAux(k: number, v: number): void {
    if (this.aux === null || this.aux.length < this.ts.length) {
      const a = new Float64Array(this.ts.length);
      if (this.aux !== null) a.set(this.aux);
      this.aux = a;
    }
    this.aux[k] = v;
  }

  /** Room for a message of up to `len` bytes written in place at bytes[used] (then commit). */
  reserve(len: number): number {
    if (this.n === this.ts.length) this.growIndex();
    if (this.used + len > this.bytes.length) this.growBytes(len);
    return this.used;
  }

  commit(len: number, ts: number): void {
    const k = this.n++;
    this.off[k] = this.used;
    this.len[k] = len;
    this.ts[k] = ts;
    this.flags[k] = 0;
    this.used += len;
  }

  private growIndex(): void {
    const cap = this.ts.length * 2;
    const off = new Float64Array(cap);
    off.set(this.off);
    this.off = off;
    const len = new Uint8Array(cap);
    len.set(this.len);
    this.len = len;
    const ts = new Float64Array(cap);
    ts.set(this.ts);
    this.ts = ts;
    const flags = new Uint8Array(cap);
    flags.set(this.flags);
    this.flags = flags;
    if (this.aux !== null) {
      const aux = new Float64Array(cap);
      aux.set(this.aux);
      this.aux = aux;
    }
    if (this.feedTs !== null) {
      const f = new Float64Array(cap);
      f.set(this.feedTs);
      this.feedTs = f;
    }
  }

  /** Copies event i of `src` (with its flags, aux and delivery time). */
  pushFrom(src: FeedLog, i: number): void {
    this.push(src.bytes, src.off[i], src.len[i], src.ts[i], src.flags[i], src.aux?.[i] ?? 0);
    if (src.feedTs !== null) this.setFeedTs(this.n - 1, src.feedTs[i]);
    else if (this.feedTs !== null) this.feedTs[this.n - 1] = src.ts[i];
  }

  private growBytes(need: number): void {
    const b = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + need + 256));
    this.bytes.copy(b, 0, 0, this.used);
    this.bytes = b;
  }

  /** True when event times never decrease. */
  sorted(): boolean {
    const t = this.ts;
    for (let i = 1; i < this.n; i++) if (t[i] < t[i - 1]) return false;
    return true;
  }

  /** The same events in time order (stable: equal times keep their order). Cold. */
  sortedCopy(): FeedLog {
    const t = this.ts;
    let descents = 0;
    for (let i = 1; i < this.n; i++) if (t[i] < t[i - 1]) descents++;
    if (descents === 0) return this;
    let idx: Uint32Array;
    if (descents < 1024) {
      // nearly sorted (a generator's or a feed's few stragglers): a stable insertion sort is linear here
      idx = new Uint32Array(this.n);
      for (let i = 0; i < this.n; i++) {
        let p = i;
        while (p > 0 && t[idx[p - 1]] > t[i]) {
          idx[p] = idx[p - 1];
          p--;
        }
        idx[p] = i;
      }
    } else {
      const a = Array.from({ length: this.n }, (_, i) => i);
      a.sort((x, y) => t[x] - t[y] || x - y);
      idx = Uint32Array.from(a);
    }
    const out = new FeedLog(this.n, this.used);
    for (let i = 0; i < this.n; i++) out.pushFrom(this, idx[i]);
    return out;
  }
}

/**
 * Merges time-ordered logs into one, by event time; ties go to the earlier log in the list, then keep
 * each log's own order (so the result does not depend on anything but the inputs and their order).
 */
export function mergeLogs(logs: FeedLog[]): FeedLog {
  const ins = logs.map((l) => l.sortedCopy());
  if (ins.length === 1) return ins[0];
  let total = 0;
  let bytes = 0;
  for (const l of ins) {
    total += l.n;
    bytes += l.used;
  }
  const out = new FeedLog(total, bytes);
  const pos = new Int32Array(ins.length);
  for (;;) {
    let best = -1;
    let bestTs = Infinity;
    for (let s = 0; s < ins.length; s++) {
      const p = pos[s];
      if (p < ins[s].n && ins[s].ts[p] < bestTs) {
        bestTs = ins[s].ts[p];
        best = s;
      }
    }
    if (best < 0) break;
    const l = ins[best];
    const p = pos[best]++;
    out.pushFrom(l, p);
  }
  return out;
}
