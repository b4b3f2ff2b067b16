// Framing across read boundaries: tiny reads must give the same lines / records as whole-file reads.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../src/feed/lobster/lines.js';
import { readDbnFile } from '../../src/feed/databento/index.js';

const data = new URL('../../../shared/data/', import.meta.url);
const MBO = fileURLToPath(new URL('databento/mbo.csv', data));
const dbnDir = fileURLToPath(new URL('databento/dbn/', data));

async function lines(path: string, chunk?: number): Promise<string[]> {
  const out: string[] = [];
  await readLines(path, (b, s, e) => out.push(b.toString('latin1', s, e)), chunk);
  return out;
}

async function records(path: string, chunkSize?: number, fragmentVersion?: number): Promise<string[]> {
  const out: string[] = [];
  const res = await readDbnFile(path, { onMetadata: (m) => out.push(`meta ${m.version} ${m.dataset}`), onRecord: (b, o, len) => out.push(b.toString('hex', o, o + len)) }, { chunkSize, fragmentVersion });
  expect(res.error).toBeNull();
  expect(res.trailingBytes).toBe(0);
  return out;
}

describe('streaming readers', () => {
  it('readLines gives the same lines for any read size (CRLF and a missing final newline too)', async () => {
    const whole = readFileSync(MBO, 'latin1').split(/\r?\n/);
    if (whole[whole.length - 1] === '') whole.pop();
    expect(await lines(MBO)).toEqual(whole);
    // a small file with CRLF endings, an empty line and no final newline, read in tiny pieces
    const small = join(mkdtempSync(join(tmpdir(), 'lines-')), 'small.csv');
    const head = whole.slice(0, 200).concat(['', 'last line without newline']);
    writeFileSync(small, head.join('\r\n'));
    for (const chunk of [1, 7, 64, 1000, 1 << 20]) expect(await lines(small, chunk), `chunk ${chunk}`).toEqual(head);
  });
  it('readDbnFile frames the same records for any read size, plain and zstd', async () => {
    const files = readdirSync(dbnDir).filter((f) => /^test_data\.(mbo|mbp-10|definition)\..*(dbn|dbz|zst)$/.test(f) && !f.includes('frag'));
    expect(files.length).toBeGreaterThan(8);
    for (const f of files) {
      const ref = await records(dbnDir + f);
      expect(ref.length, f).toBeGreaterThan(1);
      for (const chunk of [1, 13, 100]) expect(await records(dbnDir + f, chunk), `${f} @${chunk}`).toEqual(ref);
    }
    const frag = await records(dbnDir + 'multi-frame.definition.v1.dbn.frag.zst', 17, 1);
    expect(frag).toHaveLength(8);
  });
});
