// Crash test: a child process appends a seeded stream of OMS commands and venue reports through
// JournaledOms to a file journal and is killed with SIGKILL at random points, 12 times. After each kill
// the parent recovers the journal and checks that
//   - every record the child reported as written (its seq printed after the append returned) is there;
//   - the journal is whole up to a possibly torn tail, which recovery cuts (file size checked);
//   - replaying it into a fresh OMS gives the state hash of a model that applies exactly the recovered
//     operations (regenerated from the seed) to an OMS directly, with no journal;
//   - the next child, recovering the same file, reports the same hash.
// A SIGKILL lands between write(2) calls, so a kill alone almost never tears a record; to exercise the
// cut, every other round the parent appends a partial record (a prefix of the next valid record, or
// garbage), as a crash inside a write or a power loss would leave. The child runs as JavaScript
// transpiled from the TypeScript sources into a temporary folder (Node 20 cannot run .ts files).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { Rng } from '../../src/core/rng.js';
import { FileJournal, MemoryJournal, verifyJournalFile } from '../../src/journal/index.js';
import { ExecReport, Oms, replayOms } from '../../src/oms/index.js';
import { OmsOp, OmsOpGenerator, applyOp } from '../../src/oms/generator.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = 20261122;
const KILLS = 12;
let work = '';

function transpileTree(dir: string): void {
  for (const f of readdirSync(join(repo, dir))) {
    if (!f.endsWith('.ts')) continue;
    const src = readFileSync(join(repo, dir, f), 'utf8');
    const out = ts.transpileModule(src, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    }).outputText;
    mkdirSync(join(work, dir), { recursive: true });
    writeFileSync(join(work, dir, f.replace(/\.ts$/, '.js')), out);
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'journal-crash-'));
  writeFileSync(join(work, 'package.json'), '{"type":"module"}');
  for (const d of ['src/core', 'src/clock', 'src/journal', 'src/oms']) transpileTree(d);
  const child = ts.transpileModule(readFileSync(join(repo, 'test/journal/crash-child.ts'), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  mkdirSync(join(work, 'test/journal'), { recursive: true });
  writeFileSync(join(work, 'test/journal/crash-child.js'), child);
});

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

/** The model: the first n operations of the seeded stream applied to an OMS directly. */
function modelHash(n: number): string {
  const oms = new Oms();
  const g = new OmsOpGenerator(SEED);
  const op = new OmsOp();
  const r = new ExecReport();
  for (let i = 0; i < n; i++) applyOp(oms, g.next(op), r);
  return oms.stateHash();
}

interface Round {
  ready: { records: number; hash: string } | null;
  reported: number;
  lines: number;
}

/** Runs the child until it has appended `afterRecords` records, then SIGKILLs it. */
function runChild(journal: string, afterRecords: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(work, 'test/journal/crash-child.js'), journal, String(SEED), '10000000', 'batch'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const round: Round = { ready: null, reported: 0, lines: 0 };
    let pending = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        if (line.startsWith('ready ')) {
          const [, n, h] = line.split(' ');
          round.ready = { records: Number(n), hash: h };
        } else if (line !== '' && line !== 'done') {
          const seq = Number(line);
          const want = round.lines === 0 ? (round.ready?.records ?? -1) + 1 : round.reported + 1;
          if (seq !== want) reject(new Error(`child reported seq ${seq}, expected ${want}`));
          round.reported = seq;
          round.lines++;
        }
      }
      if (!killed && round.ready !== null && round.lines >= afterRecords) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed (code ${code}, signal ${signal})`));
      else resolve(round);
    });
  });
}

describe('journal crash test (SIGKILL)', () => {
  it(`recovers and replays to the model's state hash after ${KILLS} kills`, async () => {
    const path = join(work, 'oms.journal');
    const rng = new Rng(SEED);
    let expectedReady = { records: 0, hash: new Oms().stateHash() };
    let cuts = 0;
    for (let k = 0; k < KILLS; k++) {
      const round = await runChild(path, rng.range(50, 2500));
      // the child rebuilt the state the previous round recovered
      expect(round.ready).toEqual(expectedReady);
      const before = verifyJournalFile(path);
      expect(before.status).not.toBe('corrupt');
      // every record reported as written is in the journal, contiguously from seq 1
      expect(before.lastSeq).toBeGreaterThanOrEqual(round.reported);
      expect(before.records).toBe(before.lastSeq);
      let injected = 0;
      if (k % 2 === 1) {
        // a torn tail: a prefix of the next record, or garbage
        let tail: Buffer;
        if (rng.chance(0.5)) {
          const m = new MemoryJournal();
          m.nextSeq = before.lastSeq + 1;
          m.append(0x0601, Buffer.alloc(64, 7));
          const full = m.bytes();
          tail = full.subarray(0, rng.range(1, full.length - 1));
        } else {
          tail = Buffer.alloc(rng.range(1, 200));
          for (let i = 0; i < tail.length; i++) tail[i] = rng.int(256);
        }
        injected = tail.length;
        appendFileSync(path, tail);
      }
      const j = new FileJournal(path, { fsync: 'none' });
      expect(j.recovery.status).toBe(injected > 0 || before.status === 'torn' ? 'torn' : 'ok');
      expect(j.truncatedBytes).toBe(injected + (before.totalBytes - before.validBytes));
      if (j.truncatedBytes > 0) cuts++;
      expect(statSync(path).size).toBe(before.validBytes);
      expect(j.recovery.records).toBe(before.records);
      const oms = new Oms();
      const res = replayOms(j, oms);
      j.close();
      expect(res.records).toBe(before.records);
      const hash = oms.stateHash();
      expect(hash).toBe(modelHash(res.records));
      expectedReady = { records: res.records, hash };
    }
    expect(cuts).toBeGreaterThanOrEqual(KILLS / 2);
    expect(expectedReady.records).toBeGreaterThan(KILLS * 50);
  });
});
