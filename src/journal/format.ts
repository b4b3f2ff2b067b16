// Journal record format and the verifying scanner used by recovery and replay.
//
// Record (little-endian), 20 + len bytes:
//   0  u16  magic 0x4A48 ("HJ")
//   2  u16  type  (0 reserved; 1-255 journal; 0x0600-0x06FF OMS: 0x0600 + OrderEvent code; others
//               to be allocated per subsystem like the reject ranges)
//   4  u32  len   payload bytes
//   8  u32  seq low word, 12 u32 seq high word (seq: 1, 2, 3, ... contiguous within a file)
//   16 len  payload
//   16+len u32 CRC-32 of bytes [0, 16 + len)
// The CRC is last, so a record is valid only once every byte of it reached the file.
//
// Verification (scanJournal): records are read from offset 0 while they are whole, their CRC matches and
// their seq follows the previous one. At the first record that fails:
//   - if no valid record starts anywhere after it, the bytes from there on are a torn tail (a crash
//     mid-write, or zeros left by the file system): status 'torn', the caller cuts them off;
//   - otherwise a record in the middle is damaged: status 'corrupt' with its offset; recovery stops
//     (nothing is fed to a handler: verification runs to the end before any replay).
// A seq that does not follow its predecessor is 'corrupt' too (a spliced or duplicated segment).

import { crc32 } from './crc32.js';

export const MAGIC = 0x4a48;
export const HEADER_BYTES = 16;
export const TRAILER_BYTES = 4;
export const OVERHEAD = HEADER_BYTES + TRAILER_BYTES;
/** A larger len is treated as damage (keeps a corrupt length from making the scanner read far). */
export const MAX_PAYLOAD = 64 * 1024 * 1024;

/** Called for each record: the payload is buf[off, off + len). Do not keep buf. */
export type RecordHandler = (type: number, seq: number, buf: Uint8Array, off: number, len: number) => void;

export interface ScanResult {
  /** ok: every byte is a valid record; torn: a damaged tail from validBytes on; corrupt: see errorOffset. */
  status: 'ok' | 'torn' | 'corrupt';
  records: number;
  /** seq of the last valid record (0 when none). */
  lastSeq: number;
  /** Bytes of whole valid records from the start (where appending resumes after a cut). */
  validBytes: number;
  totalBytes: number;
  /** corrupt: offset of the first damaged record; else -1. */
  errorOffset: number;
  reason: string;
}

const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

/** Length of the valid record at `p` (OVERHEAD + len), or 0 when there is none. */
export function recordAt(b: Uint8Array, p: number, end: number): number {
  if (p + OVERHEAD > end) return 0;
  if ((b[p] | (b[p + 1] << 8)) !== MAGIC) return 0;
  const len = u32(b, p + 4);
  if (len > MAX_PAYLOAD || p + OVERHEAD + len > end) return 0;
  if (crc32(b, p, p + HEADER_BYTES + len) !== u32(b, p + HEADER_BYTES + len)) return 0;
  return OVERHEAD + len;
}

export const recordType = (b: Uint8Array, p: number): number => b[p + 2] | (b[p + 3] << 8);
export const recordSeq = (b: Uint8Array, p: number): number => u32(b, p + 8) + u32(b, p + 12) * 4294967296;
export const recordLen = (b: Uint8Array, p: number): number => u32(b, p + 4);

/**
 * Verifies buf[0, end) and, only when it is 'ok' or 'torn', feeds the valid records with seq >= fromSeq
 * to `handler` (if given). A 'corrupt' journal feeds nothing.
 */
export function scanJournal(b: Uint8Array, end: number = b.length, handler: RecordHandler | null = null, fromSeq = 0): ScanResult {
  let p = 0;
  let records = 0;
  let lastSeq = 0;
  let reason = '';
  let status: ScanResult['status'] = 'ok';
  let errorOffset = -1;
  while (p < end) {
    const n = recordAt(b, p, end);
    if (n === 0) {
      reason = 'bad or incomplete record';
      break;
    }
    const seq = recordSeq(b, p);
    if (records > 0 && seq !== lastSeq + 1) {
      status = 'corrupt';
      errorOffset = p;
      reason = `seq ${seq} after ${lastSeq}`;
      break;
    }
    lastSeq = seq;
    records++;
    p += n;
  }
  if (status === 'ok' && p < end) {
    status = 'torn';
    for (let q = p + 1; q + OVERHEAD <= end; q++) {
      if (b[q] === (MAGIC & 0xff) && b[q + 1] === MAGIC >>> 8 && recordAt(b, q, end) !== 0) {
        status = 'corrupt';
        errorOffset = p;
        reason = `${reason} at ${p}, valid record at ${q} after it`;
        break;
      }
    }
  }
  const res: ScanResult = { status, records, lastSeq, validBytes: p, totalBytes: end, errorOffset, reason };
  if (handler !== null && status !== 'corrupt') {
    for (let q = 0; q < p; ) {
      const len = recordLen(b, q);
      const seq = recordSeq(b, q);
      if (seq >= fromSeq) handler(recordType(b, q), seq, b, q + HEADER_BYTES, len);
      q += OVERHEAD + len;
    }
  }
  return res;
}
