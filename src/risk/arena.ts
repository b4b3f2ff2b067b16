// Allocators for the risk engine's typed arrays. The engine's WebAssembly fast path (asm/risk-fast.ts) reads
// and writes the components' arrays in place, so the engine builds them in ONE WebAssembly.Memory: an Arena,
// a bump allocator over a memory sized at construction and never grown (growing a Memory detaches every view
// of it). Every other user keeps the default, plain typed arrays (heapAlloc).

export interface Alloc {
  f64(n: number): Float64Array;
  i32(n: number): Int32Array;
  u16(n: number): Uint16Array;
  u8(n: number): Uint8Array;
}

export const heapAlloc: Alloc = {
  f64: (n) => new Float64Array(n),
  i32: (n) => new Int32Array(n),
  u16: (n) => new Uint16Array(n),
  u8: (n) => new Uint8Array(n),
};

/** Every allocation starts on a cache line. */
const ALIGN = 64;
/** The arena starts here: the first 64 KiB stay the wasm module's (it has no static data now). */
export const ARENA_BASE = 65536;
const PAGE = 65536;
/** Largest wasm32 memory, pages. */
const MAX_PAGES = 65536;

/** Bytes an allocation of n elements of `size` bytes takes in an Arena (for sizing one). */
export function arenaBytes(n: number, size: number): number {
  return Math.ceil((n * size) / ALIGN) * ALIGN;
}

export class Arena implements Alloc {
  declare readonly memory: WebAssembly.Memory;
  declare readonly buffer: ArrayBuffer;
  declare readonly end: number;
  /** Next free byte. */
  top = ARENA_BASE;
  /** Bytes at and above this were never handed out: still zero (a new Memory is zeroed). */
  private fresh = ARENA_BASE;

  /** An arena of at least `bytes` bytes (after ARENA_BASE); throws when that exceeds 4 GiB. */
  constructor(bytes: number) {
    const pages = Math.ceil((ARENA_BASE + bytes) / PAGE);
    if (!(pages <= MAX_PAGES)) throw new RangeError('risk: arena larger than 4 GiB');
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.buffer = this.memory.buffer;
    this.end = pages * PAGE;
  }

  /**
   * Writes one byte (its own value) of every 4 KiB page allocated so far, so those pages are mapped now and
   * not at their first use on the hot path (src/core/prefault.ts explains the cost). A new Memory is a
   * fresh mapping: where plain typed arrays often reuse pages malloc already mapped (glibc serves a large
   * array freed by an earlier engine again), every page here faults once. Measured in `hftbot bench kernel`
   * (a new kernel per pass, no prefault): tick-to-order p99 without features ~2.3 us with the arena
   * prefaulted, ~3.8 us without (main: ~2.2). Costs ~4-8 ms for the default engine (its 8 MB audit ring).
   */
  prefault(): void {
    const b = new Uint8Array(this.buffer, 0, this.top);
    for (let i = ARENA_BASE; i < this.top; i += 4096) b[i] |= 0; // a real write (a read would map the zero page)
  }

  /** Byte offset of the next allocation, for reset(). */
  mark(): number {
    return this.top;
  }

  /** Frees everything allocated since mark `m` (the caller drops those views). */
  reset(m: number): void {
    this.top = m;
  }

  /** True when n elements of `size` bytes fit. */
  fits(n: number, size: number): boolean {
    return this.top + arenaBytes(n, size) <= this.end;
  }

  private take(n: number, size: number): number {
    if (!(Number.isInteger(n) && n >= 0) || !this.fits(n, size)) throw new RangeError('risk: arena exhausted');
    const at = this.top;
    this.top += arenaBytes(n, size);
    // zero what a reset handed back (touching fresh pages would commit them: ~4 ms for the default 8 MB audit ring)
    if (at < this.fresh) new Uint8Array(this.buffer, at, Math.min(this.top, this.fresh) - at).fill(0);
    if (this.top > this.fresh) this.fresh = this.top;
    return at;
  }

  f64(n: number): Float64Array {
    return new Float64Array(this.buffer, this.take(n, 8), n);
  }

  i32(n: number): Int32Array {
    return new Int32Array(this.buffer, this.take(n, 4), n);
  }

  u16(n: number): Uint16Array {
    return new Uint16Array(this.buffer, this.take(n, 2), n);
  }

  u8(n: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(n, 1), n);
  }
}
