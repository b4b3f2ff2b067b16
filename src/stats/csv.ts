// Numeric CSV columns for the stats commands (cold path). Contract: the first line is a header of column
// names; every later non-blank line has exactly as many comma-separated cells, each a finite decimal number.
// Errors name the place: `file:line:column` (1-based; column = character position of the cell) and the
// header name, so a user can jump straight to the bad cell. Fields may be wrapped in double quotes
// (no embedded commas or quotes).

import { readFileSync } from 'node:fs';

export interface NumericTable {
  readonly file: string;
  readonly header: readonly string[];
  /** One Float64Array per header column, in header order. */
  readonly columns: readonly Float64Array[];
  readonly rows: number;
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/** Parse CSV text; `file` is only used in messages. */
export function parseNumericCsv(text: string, file: string): NumericTable {
  const lines = text.split('\n');
  if (lines.length === 0 || lines[0].trim() === '') throw new Error(`${file}:1:1: empty file (expected a header line)`);
  const header = lines[0].replace(/\r$/, '').split(',').map(unquote);
  header.forEach((h, j) => {
    if (h === '') throw new Error(`${file}:1: header column ${j + 1} has no name`);
  });
  const values: number[][] = header.map(() => []);
  for (let li = 1; li < lines.length; li++) {
    const line = lines[li].replace(/\r$/, '');
    if (line.trim() === '') continue;
    const cells = line.split(',');
    if (cells.length !== header.length) {
      throw new Error(`${file}:${li + 1}:1: expected ${header.length} cells, found ${cells.length}`);
    }
    let pos = 1;
    for (let j = 0; j < cells.length; j++) {
      const raw = unquote(cells[j]);
      const v = raw === '' ? NaN : Number(raw);
      if (!Number.isFinite(v)) {
        throw new Error(`${file}:${li + 1}:${pos}: column "${header[j]}": ${raw === '' ? 'empty cell' : `"${raw}" is not a number`}`);
      }
      values[j].push(v);
      pos += cells[j].length + 1;
    }
  }
  return { file, header, columns: values.map((v) => Float64Array.from(v)), rows: values[0].length };
}

export function readNumericCsv(file: string): NumericTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${file}: cannot read: ${(err as Error).message}`);
  }
  return parseNumericCsv(text, file);
}

/** The named columns, in the order asked; a missing name is an error listing what exists. */
export function pickColumns(t: NumericTable, names: readonly string[]): Float64Array[] {
  return names.map((name) => {
    const j = t.header.indexOf(name);
    if (j < 0) throw new Error(`${t.file}:1:1: no column "${name}" (columns: ${t.header.join(', ')})`);
    return t.columns[j];
  });
}
