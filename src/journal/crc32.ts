// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320): the checksum of zip, gzip and PNG, so any tool
// can check a journal record. Two implementations (design principle 10):
//   crc32           slicing-by-8 (eight 256-entry tables, 8 bytes per step): ~66 ns for a 88-byte record
//                   on our machine, against ~240 ns byte-at-a-time and ~120 ns for node:zlib's crc32
//                   (native, but the call costs more than the work at this size)
//   crc32Reference  the plain one-table loop
// node:zlib's crc32 exists only from Node 20.15 / 22.2 and our floor is 20.10; test/journal checks both
// against it where it exists and against the published check value crc32("123456789") = 0xCBF43926.

const T = (() => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) t[k * 256 + n] = (t[(k - 1) * 256 + n] >>> 8) ^ t[t[(k - 1) * 256 + n] & 0xff];
  }
  return t;
})();

/** CRC-32 of buf[start, end), continuing from `crc` (0 to start); an unsigned 32-bit result. */
export function crc32(b: Uint8Array, start = 0, end = b.length, crc = 0): number {
  let c = ~crc;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    c ^= b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
    const h = b[i + 4] | (b[i + 5] << 8) | (b[i + 6] << 16) | (b[i + 7] << 24);
    c =
      T[1792 + (c & 0xff)] ^ T[1536 + ((c >>> 8) & 0xff)] ^ T[1280 + ((c >>> 16) & 0xff)] ^ T[1024 + (c >>> 24)] ^
      T[768 + (h & 0xff)] ^ T[512 + ((h >>> 8) & 0xff)] ^ T[256 + ((h >>> 16) & 0xff)] ^ T[h >>> 24];
  }
  for (; i < end; i++) c = T[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** The reference twin: one table, one byte per step. */
export function crc32Reference(b: Uint8Array, start = 0, end = b.length, crc = 0): number {
  let c = ~crc;
  for (let i = start; i < end; i++) c = T[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
