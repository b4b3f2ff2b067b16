// Streaming line reader for the text feeds (LOBSTER CSV, Databento MBO CSV).
//
// Contract: reads `path` in fixed 1 MiB chunks (never the whole file), and calls `onLine(buf, start, end)`
// for every line, with `buf[start..end)` the line's bytes without its '\n' (a trailing '\r' is stripped
// too). The buffer is reused: a callback must copy anything it keeps. A line longer than the chunk
// grows the carry buffer once (cold path). A final line without '\n' is delivered. Returns the number
// of lines delivered (empty lines included). Allocation per line: none.
// Shared by src/feed/lobster and src/feed/databento; could move to src/feed/ if a third text feed appears.

import { open } from 'node:fs/promises';

export type LineHandler = (buf: Buffer, start: number, end: number) => void;

const CHUNK = 1 << 20;

/** `chunkSize` exists for tests (lines straddling reads); the default suits real files. */
export async function readLines(path: string, onLine: LineHandler, chunkSize: number = CHUNK): Promise<number> {
  const fh = await open(path, 'r');
  const chunk = Math.max(1, chunkSize | 0);
  let buf = Buffer.allocUnsafe(chunk * 2);
  let have = 0; // bytes in buf (carry + new)
  let lines = 0;
  try {
    for (;;) {
      if (buf.length - have < chunk) {
        // a line longer than a chunk: grow once, keep the carry
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      const { bytesRead } = await fh.read(buf, have, chunk, null);
      const end = have + bytesRead;
      let start = 0;
      let nl = buf.indexOf(10, start);
      while (nl !== -1 && nl < end) {
        let e = nl;
        if (e > start && buf[e - 1] === 13) e--;
        onLine(buf, start, e);
        lines++;
        start = nl + 1;
        nl = start < end ? buf.indexOf(10, start) : -1;
      }
      if (bytesRead === 0) {
        if (start < end) {
          let e = end;
          if (buf[e - 1] === 13) e--;
          onLine(buf, start, e);
          lines++;
        }
        return lines;
      }
      // carry the partial last line to the front
      if (start > 0) buf.copy(buf, 0, start, end);
      have = end - start;
    }
  } finally {
    await fh.close();
  }
}
