// ASCII fields without per-message allocation.
// - CHARS: the 256 one-character strings (latin1), built once; a char field decodes to CHARS[byte].
// - AlphaCache: a direct-mapped cache from the raw bytes of a short (<= 8 byte) alpha field to its
//   trimmed string. A trading day names ~10k symbols over ~10^8 messages, so after warm-up a stock
//   field decodes to an existing string (no allocation); a miss (first sight or a collision) decodes
//   and replaces the slot. Keys compare the raw bytes exactly, so a collision can never return the
//   wrong string.

export const CHARS: readonly string[] = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i));

const SPACE = 0x20;

export class AlphaCache {
  private readonly mask: number;
  private readonly w0: Uint32Array;
  private readonly w1: Uint32Array;
  private readonly lens: Uint8Array;
  private readonly strs: string[];

  /** `bits`: log2 of the number of slots (default 2^14 = 16384). */
  constructor(bits = 14) {
    const n = 1 << bits;
    this.mask = n - 1;
    this.w0 = new Uint32Array(n);
    this.w1 = new Uint32Array(n);
    this.lens = new Uint8Array(n); // 0 = empty slot
    this.strs = new Array<string>(n).fill('');
  }

  /** The field at buf[off, off+len) with trailing spaces removed (in bounds; longer than 8: not cached). */
  read(buf: Uint8Array, off: number, len: number): string {
    if (len > 8) return decodeAlpha(buf, off, len); // the key holds 8 bytes at most
    let a = 0;
    let b = 0;
    for (let i = 0; i < len; i++) {
      if (i < 4) a = ((a << 8) | buf[off + i]) >>> 0;
      else b = ((b << 8) | buf[off + i]) >>> 0;
    }
    const h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + len, 0x85ebca6b)) & this.mask;
    if (this.lens[h] === len && this.w0[h] === a && this.w1[h] === b) return this.strs[h];
    const s = decodeAlpha(buf, off, len);
    this.lens[h] = len;
    this.w0[h] = a;
    this.w1[h] = b;
    this.strs[h] = s;
    return s;
  }
}

/** Decodes an alpha field (latin1), removing the trailing space padding. Allocates: cold path. */
export function decodeAlpha(buf: Uint8Array, off: number, len: number): string {
  let end = off + len;
  while (end > off && buf[end - 1] === SPACE) end--;
  let s = '';
  for (let i = off; i < end; i++) s += CHARS[buf[i]];
  return s;
}

/**
 * Writes `s` left-justified and space-padded into buf[off, off+len). Characters beyond `len` are cut
 * (callers validate lengths first when that matters); code units above 0xFF are written as '?'.
 */
export function writeAlpha(s: string, buf: Uint8Array, off: number, len: number): void {
  const n = s.length < len ? s.length : len;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    buf[off + i] = c > 0xff ? 0x3f : c;
  }
  for (let i = n; i < len; i++) buf[off + i] = SPACE;
}
