// Journal retention for `hftbot run`: every start writes a new kernel journal (kernel-<UTC stamp>.journal,
// ~100-200 KB/s with the demo market), so a folder that is never cleaned grows without bound. At start,
// before the new journal is created, the oldest journals are deleted so that `keep` remain including the
// new one (keep 0: nothing is deleted). Only files named by the kernel-journal pattern are touched: the
// stage log, audit files and anything a user put there stay. Names sort by their stamp (fixed width), so
// name order is age order. Cold path (once per start).

import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const KERNEL_JOURNAL = /^kernel-\d{8}T\d{6}Z?(-\d+)?\.journal$/;

/** Deletes the oldest kernel journals in `dir` so that `keep - 1` remain (room for the new one); returns the names deleted. */
export function pruneJournals(dir: string, keep: number): string[] {
  if (keep <= 0) return [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => KERNEL_JOURNAL.test(n)).sort();
  } catch {
    return [];
  }
  const drop = names.slice(0, Math.max(0, names.length - (keep - 1)));
  for (const n of drop) rmSync(join(dir, n), { force: true });
  return drop;
}
