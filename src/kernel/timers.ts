// Timers through the clock (design principle 2): strategies ask for a callback at a kernel time; the
// kernel fires every timer due at or before `now` when it polls, in (due, insertion) order, so a backtest
// and a live run fire the same timers in the same order for the same inputs.
// A binary heap over preallocated typed arrays (no allocation per timer). Capacity is fixed; running out
// is a strategy bug (a timer set on every event without bound) and throws.

// +Infinity as a module constant: with a bare `Infinity` (a global load V8 keeps tagged), an inlined
// `n === 0 ? Infinity : due[0]` boxes due[0], one HeapNumber per call (measured on Node 20).
const INF = Infinity;

export class TimerQueue {
  private readonly due: Float64Array;
  private readonly seq: Float64Array;
  private readonly owner: Int32Array;
  private readonly tag: Float64Array;
  private n = 0;
  private nextSeq = 0;

  constructor(readonly capacity = 4096) {
    this.due = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.owner = new Int32Array(capacity);
    this.tag = new Float64Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Due time of the earliest timer, or +Infinity. */
  nextDue(): number {
    return this.n === 0 ? INF : this.due[0];
  }

  add(due: number, owner: number, tag: number): void {
    if (this.n === this.capacity) throw new Error(`timer queue full (${this.capacity})`);
    let i = this.n++;
    const s = this.nextSeq++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(p, due, s)) break;
      this.copy(i, p);
      i = p;
    }
    this.due[i] = due;
    this.seq[i] = s;
    this.owner[i] = owner;
    this.tag[i] = tag;
  }

  /** Owner of the earliest timer (call only when size > 0). */
  topOwner(): number {
    return this.owner[0];
  }

  topTag(): number {
    return this.tag[0];
  }

  pop(): void {
    const last = --this.n;
    if (last === 0) return;
    const d = this.due[last], s = this.seq[last], o = this.owner[last], t = this.tag[last];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      const c = r < last && this.lessIdx(r, l) ? r : l;
      if (!(this.due[c] < d || (this.due[c] === d && this.seq[c] < s))) break;
      this.copy(i, c);
      i = c;
    }
    this.due[i] = d;
    this.seq[i] = s;
    this.owner[i] = o;
    this.tag[i] = t;
  }

  /** Is the entry at index a before (due, seq)? */
  private less(a: number, due: number, seq: number): boolean {
    return this.due[a] < due || (this.due[a] === due && this.seq[a] < seq);
  }

  private lessIdx(a: number, b: number): boolean {
    return this.due[a] < this.due[b] || (this.due[a] === this.due[b] && this.seq[a] < this.seq[b]);
  }

  private copy(to: number, from: number): void {
    this.due[to] = this.due[from];
    this.seq[to] = this.seq[from];
    this.owner[to] = this.owner[from];
    this.tag[to] = this.tag[from];
  }
}
