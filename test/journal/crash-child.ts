// Child process of the crash test (test/journal/crash.test.ts), run as transpiled JavaScript:
//   node crash-child.js <journal> <seed> <maxOps> <fsync>
// Opens (recovers) the journal, replays it into a fresh OMS, prints "ready <records> <stateHash>", then
// continues the seeded operation stream where the journal ends, through JournaledOms. After each
// append has returned it prints the record's seq on its own line (a synchronous write to the pipe), so
// the parent knows which records were written before it sends SIGKILL.
import { writeSync } from 'node:fs';
import { FileJournal } from '../../src/journal/index.js';
import type { FsyncPolicy } from '../../src/journal/index.js';
import { ExecReport, JournaledOms, Oms, replayOms } from '../../src/oms/index.js';
import { OmsOp, OmsOpGenerator, applyOp } from '../../src/oms/generator.js';

const [path, seedArg, maxArg, policy] = process.argv.slice(2);
const journal = new FileJournal(path, { fsync: policy as FsyncPolicy });
const oms = new Oms();
const rec = replayOms(journal, oms);
const gen = new OmsOpGenerator(Number(seedArg));
const op = new OmsOp();
const report = new ExecReport();
for (let i = 0; i < rec.records; i++) gen.next(op);
writeSync(1, `ready ${rec.records} ${oms.stateHash()}\n`);
const front = new JournaledOms(oms, journal);
for (let i = rec.records; i < Number(maxArg); i++) {
  applyOp(front, gen.next(op), report);
  writeSync(1, `${journal.nextSeq - 1}\n`);
}
journal.close();
writeSync(1, 'done\n');
