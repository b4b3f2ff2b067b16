// A small, fast, deterministic state hasher (two independent 32-bit FNV-1a style lanes -> 64 bits as
// 16 hex chars). Used for book, matching-engine and journal state hashes: the fast implementation and
// its reference twin feed the same canonical sequence of integers and must produce the same digest.

export class StateHasher {
  private a = 0x811c9dc5 | 0;
  private b = 0x01000193 ^ 0x5bd1e995;

  reset(): void {
    this.a = 0x811c9dc5 | 0;
    this.b = 0x01000193 ^ 0x5bd1e995;
  }

  /** Adds an integer (any safe integer, negative too) to the digest. */
  int(v: number): void {
    const lo = v | 0;
    const hi = Math.floor(v / 4294967296) | 0;
    this.word(lo);
    this.word(hi);
  }

  /** Adds a string (e.g. a symbol). */
  str(s: string): void {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  private word(w: number): void {
    this.a = Math.imul(this.a ^ w, 0x01000193);
    this.a ^= this.a >>> 15;
    this.b = Math.imul(this.b ^ (w + 0x9e3779b9), 0x85ebca6b);
    this.b ^= this.b >>> 13;
  }

  digest(): string {
    const a = Math.imul(this.a ^ (this.a >>> 16), 0x45d9f3b) >>> 0;
    const b = Math.imul(this.b ^ (this.b >>> 16), 0x45d9f3b) >>> 0;
    return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
  }
}
