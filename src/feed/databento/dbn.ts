// Generic DBN decoding entry (tools, tests, non-book consumers): every record of a DBN / DBN.zst / DBZ /
// fragment file decoded into reused record objects (dbn-records.ts). See dbn-replay.ts for the book path.

import type { DbnMetadata } from './dbn-meta.js';
import { DbnRecordDecoder, type DbnRecord } from './dbn-records.js';
import { readDbnFile, type DbnStreamOptions, type DbnStreamResult } from './dbn-stream.js';

export interface DecodeDbnResult extends DbnStreamResult {
  metadata: DbnMetadata | null;
  records: number;
  /** Records shorter than their rtype's layout (skipped). */
  malformed: number;
}

/** Calls `onRecord` with a reused object per record kind (copy what you keep). */
export async function decodeDbnFile(
  path: string,
  onRecord: (rec: DbnRecord) => void,
  opts: DbnStreamOptions = {},
): Promise<DecodeDbnResult> {
  const dec = new DbnRecordDecoder();
  let metadata: DbnMetadata | null = null;
  let records = 0;
  let malformed = 0;
  const res = await readDbnFile(
    path,
    {
      onMetadata: (m) => { metadata = m; },
      onRecord: (b, o, _len, version) => {
        records++;
        const r = dec.decode(b, o, version);
        if (r === null) malformed++;
        else onRecord(r);
      },
    },
    opts,
  );
  return { ...res, metadata, records, malformed };
}
