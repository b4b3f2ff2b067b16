// IdTable (shared by the L3 book, the matching engine and the OMS): order id -> pool slot, an open-addressing hash table in typed arrays (linear probing,
// Fibonacci hashing, backward-shift deletion so there are no tombstones).
//
// Why not Map<number, number>: measured on the bench stream (src/book/bench.ts: ~20k live orders,
// ids always increasing) a Map cost 86-150 ns per op and allocated ~20 bytes per op, because deleted
// entries pile up and force a rehash into a freshly allocated table again and again. This table
// allocates only when it doubles, and a lookup is one multiply and usually one probe. RefBooks keeps a
// plain Map, so the differential test checks this table too.
//
// Keys are order ids: safe integers (negative allowed); callers validate before set(). Values are
// non-negative int32 slots; -1 in `vals` marks an empty cell. Load factor <= 1/2. Single-threaded.

const TWO32 = 4294967296;

export class IdTable {
  size = 0;
  private cap: number;
  private mask: number;
  private shift: number;
  private keys: Float64Array;
  private vals: Int32Array;

  constructor(initialCapacity = 1 << 16) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.cap = cap;
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.keys = new Float64Array(cap);
    this.vals = new Int32Array(cap).fill(-1);
  }

  /** Home cell: both 32-bit halves of the id mixed, then the top bits of a Fibonacci multiply. */
  private home(id: number): number {
    const lo = id >>> 0;
    const hi = (id - lo) / TWO32;
    return Math.imul(lo ^ Math.imul(hi | 0, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  /** The slot stored for id, or -1. */
  get(id: number): number {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(id);
    for (;;) {
      const v = vals[i];
      if (v < 0 || keys[i] === id) return v;
      i = (i + 1) & mask;
    }
  }

  has(id: number): boolean {
    return this.get(id) >= 0;
  }

  /** Stores id -> slot; the id must not be present (callers check with get/has first). */
  set(id: number, slot: number): void {
    if ((this.size + 1) * 2 > this.cap) this.grow();
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(id);
    while (vals[i] >= 0) i = (i + 1) & mask;
    keys[i] = id;
    vals[i] = slot;
    this.size++;
  }

  /** Stores id -> slot unless id is present (then returns false and changes nothing): one probe. */
  insert(id: number, slot: number): boolean {
    if ((this.size + 1) * 2 > this.cap) this.grow();
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(id);
    for (;;) {
      const v = vals[i];
      if (v < 0) break;
      if (keys[i] === id) return false;
      i = (i + 1) & mask;
    }
    keys[i] = id;
    vals[i] = slot;
    this.size++;
    return true;
  }

  /** Stores id -> slot, replacing the slot of an id already present (an upsert). */
  put(id: number, slot: number): void {
    if ((this.size + 1) * 2 > this.cap) this.grow();
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(id);
    for (;;) {
      const v = vals[i];
      if (v < 0) break;
      if (keys[i] === id) {
        vals[i] = slot;
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = id;
    vals[i] = slot;
    this.size++;
  }

  /** The cell holding id, or -1: for a lookup followed by removeCell() without probing twice. */
  cellOf(id: number): number {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.home(id);
    for (;;) {
      const v = vals[i];
      if (v < 0) return -1;
      if (keys[i] === id) return i;
      i = (i + 1) & mask;
    }
  }

  /** The slot stored in a cell returned by cellOf(). */
  slotAt(cell: number): number {
    return this.vals[cell];
  }

  /** Removes id; returns its slot or -1 when absent. */
  delete(id: number): number {
    const i = this.cellOf(id);
    if (i < 0) return -1;
    const found = this.vals[i];
    this.removeCell(i);
    return found;
  }

  /** Empties a cell returned by cellOf() (no other change to the table in between). */
  removeCell(cell: number): void {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = cell;
    // Backward shift: pull later entries of the probe run into the hole unless their home cell lies
    // cyclically in (hole, j], where moving them would put them before their home.
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      if (vals[j] < 0) break;
      const h = this.home(keys[j]);
      const stays = i <= j ? i < h && h <= j : i < h || h <= j;
      if (stays) continue;
      keys[i] = keys[j];
      vals[i] = vals[j];
      i = j;
    }
    vals[i] = -1;
    this.size--;
  }

  /** Removes everything (keeps the capacity). */
  clearAll(): void {
    this.vals.fill(-1);
    this.size = 0;
  }

  private grow(): void {
    const oldKeys = this.keys, oldVals = this.vals;
    this.cap *= 2;
    this.mask = this.cap - 1;
    this.shift--;
    this.keys = new Float64Array(this.cap);
    this.vals = new Int32Array(this.cap).fill(-1);
    this.size = 0;
    for (let i = 0; i < oldVals.length; i++) if (oldVals[i] >= 0) this.set(oldKeys[i], oldVals[i]);
  }
}
