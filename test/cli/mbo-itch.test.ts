// Acceptance (issue 2): the Databento MBO events of mbo.csv, encoded as ITCH 5.0 with the project's own
// encoder and replayed with --format itch, give book rows identical to the MBO replay.
// Mapping, one ITCH record per MBO record so every MBO row has an ITCH row:
//   R (initial clear, only at the start; the book is empty) -> H trading action 'T' (no book change)
//   A -> A add order; C -> X cancel when part of the order remains, D delete when none does;
//   T, F (trades and fills do not touch the book: the following C removes the size) -> P non-cross trade.
// The file starts with S 'O' (no instrument, no row) and R (stock directory for ARL, which has a row:
// it names the instrument), so ITCH record k+2 is MBO record k.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ItchMessage } from '../../src/feed/itch/message.js';
import { ItchFileWriter } from '../../src/feed/itch/replay.js';
import { parseDecimalToUnits } from '../../src/core/units.js';
import { hftbot, lastJson, sharedData } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'hftbot-mbo-itch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function nsSinceMidnight(iso: string): number {
  // 2025-07-17T08:05:03.360677248Z
  const t = iso.slice(11, iso.length - 1);
  const [hh, mm, rest] = t.split(':');
  const [ss, frac = ''] = rest.split('.');
  return ((Number(hh) * 60 + Number(mm)) * 60 + Number(ss)) * 1e9 + Number(frac.padEnd(9, '0'));
}

function buildItch(mboPath: string, out: string): number {
  const lines = readFileSync(mboPath, 'utf8').trim().split('\n');
  const head = lines[0].split(',');
  const col = (n: string) => head.indexOf(n);
  const [cTs, cAct, cSide, cPx, cSz, cId] = ['ts_event', 'action', 'side', 'price', 'size', 'order_id'].map(col);
  const w = new ItchFileWriter(out);
  const m = new ItchMessage();
  const put = (type: string, ts: number, locate: number) => {
    m.type = type;
    m.timestamp = ts;
    m.stockLocate = locate;
    m.trackingNumber = 0;
    return m;
  };
  const write = () => {
    const n = w.write(m);
    if (n < 0) throw new Error(`encode ${m.type} failed: ${n}`);
  };
  put('S', 0, 0).eventCode = 'O';
  write();
  const r = put('R', 0, 1);
  Object.assign(r, { stock: 'ARL', marketCategory: 'N', financialStatusIndicator: ' ', roundLotSize: 100, roundLotsOnly: 'N', issueClassification: 'C', issueSubType: 'Z', authenticity: 'P', shortSaleThresholdIndicator: 'N', ipoFlag: 'N', luldReferencePriceTier: '2', etpFlag: 'N', etpLeverageFactor: 0, inverseIndicator: 'N' });
  write();
  const remaining = new Map<number, number>();
  let match = 1;
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split(',');
    const ts = nsSinceMidnight(f[cTs]);
    const act = f[cAct];
    const id = Number(f[cId]);
    const size = Number(f[cSz]);
    const px = f[cPx] === '' ? 0 : parseDecimalToUnits(f[cPx], 10_000);
    if (Number.isNaN(px)) throw new Error(`price ${f[cPx]} is not exact in 1/10000`);
    if (act === 'R') {
      if (i !== 1) throw new Error('R after the start: this mapping does not cover it');
      Object.assign(put('H', ts, 1), { stock: 'ARL', tradingState: 'T', reserved: ' ', reason: '' });
    } else if (act === 'A') {
      remaining.set(id, size);
      Object.assign(put('A', ts, 1), { orderRef: id, side: f[cSide] === 'B' ? 'B' : 'S', shares: size, stock: 'ARL', price: px });
    } else if (act === 'C') {
      const left = (remaining.get(id) ?? 0) - size;
      if (left > 0) {
        remaining.set(id, left);
        Object.assign(put('X', ts, 1), { orderRef: id, cancelledShares: size });
      } else {
        remaining.delete(id);
        Object.assign(put('D', ts, 1), { orderRef: id });
      }
    } else if (act === 'T' || act === 'F') {
      Object.assign(put('P', ts, 1), { orderRef: 0, side: f[cSide] === 'A' ? 'S' : 'B', shares: size, stock: 'ARL', price: px, matchNumber: match++ });
    } else {
      throw new Error(`unexpected action ${act} at line ${i + 1}`);
    }
    write();
  }
  w.close();
  return lines.length - 1;
}

describe('MBO replayed as ITCH', () => {
  it('gives identical book rows', async () => {
    const mbo = join(sharedData, 'databento/mbo.csv');
    const itch = join(dir, 'arl.itch');
    const n = buildItch(mbo, itch);
    const outMbo = join(dir, 'mbo-book.csv');
    const outItch = join(dir, 'itch-book.csv');
    const a = await hftbot(['replay', mbo, '--format', 'mbo', '--symbol', 'ARL', '--levels', '10', '--book-out', outMbo, '--json']);
    expect(a.code, a.stderr).toBe(0);
    const b = await hftbot(['replay', itch, '--format', 'itch', '--symbol', 'ARL', '--levels', '10', '--book-out', outItch, '--json']);
    expect(b.code, b.stderr).toBe(0);
    expect(lastJson(b.stdout).messages).toBe(n + 2);

    const rowsA = readFileSync(outMbo, 'utf8').trim().split('\n');
    const rowsB = readFileSync(outItch, 'utf8').trim().split('\n');
    expect(rowsA[0]).toBe(rowsB[0]);
    const byEventB = new Map(rowsB.slice(1).map((l) => [Number(l.slice(0, l.indexOf(','))), l]));
    expect(rowsA.length - 1).toBe(n); // one row per MBO record (all are ARL)
    let compared = 0;
    let nonEmpty = 0;
    for (const l of rowsA.slice(1)) {
      const ev = Number(l.slice(0, l.indexOf(',')));
      const other = byEventB.get(ev + 2);
      expect(other, `no ITCH row for MBO event ${ev}`).toBeDefined();
      const restA = l.slice(l.indexOf(',') + 1);
      const restB = other!.slice(other!.indexOf(',') + 1);
      expect(restB, `MBO event ${ev}`).toBe(restA);
      compared++;
      if (restA.split(',')[2] !== '') nonEmpty++;
    }
    expect(compared).toBe(n);
    expect(nonEmpty).toBeGreaterThan(n / 2);
  });
});
