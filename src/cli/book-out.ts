// `--book-out` CSV: one row after every input record of the selected symbol(s). Header:
// event,ts_ns,symbol,bid_px_1,bid_sz_1,bid_ct_1,ask_px_1,ask_sz_1,ask_ct_1,... up to level N.
// Prices are decimals in currency units; ct is empty for aggregated sources (LOBSTER); an empty level has
// empty fields. Cold path relative to the book (I/O bound): rows are joined in memory and written in
// large chunks with synchronous writes (bounded memory, no backpressure to manage).

import { closeSync, openSync, writeSync } from 'node:fs';
import type { BookView } from '../book/types.js';
import type { InstrumentRegistry } from '../core/instruments.js';
import { formatUnits, SIDE_ASK, SIDE_BID } from '../core/units.js';

export function bookOutHeader(levels: number): string {
  let h = 'event,ts_ns,symbol';
  for (let k = 1; k <= levels; k++) h += `,bid_px_${k},bid_sz_${k},bid_ct_${k},ask_px_${k},ask_sz_${k},ask_ct_${k}`;
  return h;
}

/** Formats the top `levels` of one instrument's book as CSV fields (no leading comma). */
export function formatLevels(view: BookView, inst: number, levels: number, scale: number, withCounts: boolean): string {
  let out = '';
  const nb = view.depth(inst, SIDE_BID);
  const na = view.depth(inst, SIDE_ASK);
  for (let k = 0; k < levels; k++) {
    if (k > 0) out += ',';
    if (k < nb) {
      out += formatUnits(view.levelPrice(inst, SIDE_BID, k), scale) + ',' + view.levelQty(inst, SIDE_BID, k) + ',';
      if (withCounts) out += view.levelCount(inst, SIDE_BID, k);
    } else out += ',,';
    out += ',';
    if (k < na) {
      out += formatUnits(view.levelPrice(inst, SIDE_ASK, k), scale) + ',' + view.levelQty(inst, SIDE_ASK, k) + ',';
      if (withCounts) out += view.levelCount(inst, SIDE_ASK, k);
    } else out += ',,';
  }
  return out;
}

export class BookOutWriter {
  private readonly fd: number;
  private buf: string[] = [];
  private bytes = 0;
  private readonly selected = new Map<number, boolean>();

  constructor(
    path: string,
    private readonly view: BookView,
    private readonly registry: InstrumentRegistry,
    private readonly levels: number,
    private readonly symbol: string | undefined,
    private readonly withCounts: boolean,
  ) {
    this.fd = openSync(path, 'w');
    this.push(bookOutHeader(levels) + '\n');
  }

  private isSelected(inst: number): boolean {
    let s = this.selected.get(inst);
    if (s === undefined) {
      const sym = this.registry.get(inst)?.symbol;
      s = sym !== undefined && (this.symbol === undefined || sym === this.symbol);
      // a symbol can be announced after its first record only if the source has no directory: re-check later
      if (sym !== undefined) this.selected.set(inst, s);
    }
    return s;
  }

  onRecord(event: number, inst: number, ts: number): void {
    if (inst < 0 || !this.isSelected(inst)) return;
    const ins = this.registry.get(inst)!;
    this.push(event + ',' + ts + ',' + ins.symbol + ',' + formatLevels(this.view, inst, this.levels, ins.priceScale, this.withCounts) + '\n');
  }

  private push(s: string): void {
    this.buf.push(s);
    this.bytes += s.length;
    if (this.bytes > 1 << 20) this.flushChunk();
  }

  private flushChunk(): void {
    if (this.buf.length === 0) return;
    writeSync(this.fd, this.buf.join(''));
    this.buf = [];
    this.bytes = 0;
  }

  close(): void {
    this.flushChunk();
    closeSync(this.fd);
  }
}
