// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320): the checksum of zip, gzip and PNG, so any tool
// can check a journal record. Table-driven, one byte per step. node:zlib's crc32 exists only from
// Node 20.15 / 22.2 and our floor is 20.10; test/journal/crc32.test.ts checks this one against it where
// it exists, and against the published check value crc32("123456789") = 0xCBF43926.

const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 of buf[start, end), continuing from `crc` (0 to start); an unsigned 32-bit result. */
export function crc32(buf: Uint8Array, start = 0, end = buf.length, crc = 0): number {
  let c = ~crc;
  for (let i = start; i < end; i++) c = TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
