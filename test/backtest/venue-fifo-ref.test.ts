// Differential test of the exact FIFO model (design principle 10): the port's arrival numbers, per-book
// filtering and slot reuse against a plain reference that keeps every level as an explicit list with our
// orders IN it, over seeded random L3 streams on two instruments (adds, partial cancels, deletes,
// executions, ITCH replaces, modifies; our orders placed and cancelled at random).
import { describe, expect, it } from 'vitest';
import { BacktestVenuePort } from '../../src/backtest/venue/index.js';
import { Rng } from '../../src/core/rng.js';
import { TimeInForce } from '../../src/venue/types.js';
import { RecordingSink } from './venue-helpers.js';

interface Entry { id: number; qty: number; ours: boolean }
interface Ours { cl: number; inst: number; side: number; px: number; leaves: number }

class RefFifo {
  readonly levels = new Map<string, Entry[]>();
  readonly real = new Map<number, { inst: number; side: number; px: number }>();
  readonly ours: Ours[] = [];
  readonly fills: Array<[number, number, number]> = [];
  private lvl(inst: number, side: number, px: number): Entry[] {
    const k = `${inst}/${side}/${px}`;
    let l = this.levels.get(k);
    if (l === undefined) this.levels.set(k, (l = []));
    return l;
  }
  add(inst: number, id: number, side: number, px: number, qty: number): void {
    this.real.set(id, { inst, side, px });
    this.lvl(inst, side, px).push({ id, qty, ours: false });
  }
  private entry(id: number): { l: Entry[]; i: number } {
    const o = this.real.get(id)!;
    const l = this.lvl(o.inst, o.side, o.px);
    return { l, i: l.findIndex((e) => !e.ours && e.id === id) };
  }
  reduce(id: number, q: number): void {
    const { l, i } = this.entry(id);
    l[i].qty -= q;
    if (l[i].qty <= 0) {
      l.splice(i, 1);
      this.real.delete(id);
    }
  }
  remove(id: number): { inst: number; side: number } {
    const o = this.real.get(id)!;
    const { l, i } = this.entry(id);
    l.splice(i, 1);
    this.real.delete(id);
    return o;
  }
  execute(id: number, q: number): void {
    const o = this.real.get(id)!;
    let rem = q;
    for (const x of this.ours) { // priced through the print
      if (x.inst !== o.inst || x.side !== o.side || !(o.side === 0 ? x.px > o.px : x.px < o.px)) continue;
      const f = Math.min(rem, x.leaves);
      if (f > 0) { x.leaves -= f; rem -= f; this.fills.push([x.cl, f, x.px]); }
    }
    const { l, i } = this.entry(id);
    for (let j = 0; j < i; j++) { // ours ahead of the executed order in its queue
      const e = l[j];
      if (!e.ours) continue;
      const x = this.ours.find((y) => y.cl === e.id)!;
      const f = Math.min(rem, x.leaves);
      if (f > 0) { x.leaves -= f; rem -= f; this.fills.push([x.cl, f, x.px]); }
    }
    this.sweep();
    this.reduce(id, q);
  }
  submit(cl: number, inst: number, side: number, px: number, qty: number): void {
    this.ours.push({ cl, inst, side, px, leaves: qty });
    this.lvl(inst, side, px).push({ id: cl, qty, ours: true });
  }
  cancelOurs(cl: number): void {
    const k = this.ours.findIndex((x) => x.cl === cl);
    const x = this.ours[k];
    this.ours.splice(k, 1);
    const l = this.lvl(x.inst, x.side, x.px);
    l.splice(l.findIndex((e) => e.ours && e.id === cl), 1);
  }
  private sweep(): void {
    for (const x of [...this.ours]) if (x.leaves === 0) this.cancelOurs(x.cl);
  }
}

function runStream(seed: number, steps: number): { port: Array<[number, number, number]>; ref: Array<[number, number, number]> } {
  const rng = new Rng(seed);
  const port = new BacktestVenuePort({ book: { initialOrders: 16 } }); // small pool: slots are reused and grown
  const sink = new RecordingSink();
  port.attach(sink);
  const m = port.market;
  const ref = new RefFifo();
  const live: number[] = [];
  let nextId = 1;
  let nextCl = 1;
  const pxFor = (side: number): number => (side === 0 ? 97 + rng.int(4) : 101 + rng.int(4)); // never crossing
  for (let t = 1; t <= steps; t++) {
    const r = rng.next();
    if (live.length < 5 || r < 0.3) {
      const inst = rng.int(2), side = rng.int(2), px = pxFor(side), q = 1 + rng.int(100), id = nextId++;
      m.add(inst, id, side as 0 | 1, px, q, t);
      ref.add(inst, id, side, px, q);
      live.push(id);
    } else if (r < 0.75) {
      const k = rng.int(live.length);
      const id = live[k];
      const left = port.view.orderQty(id);
      const what = rng.int(5);
      if (what === 0) {
        const q = 1 + rng.int(left);
        m.execute(id, q, t);
        ref.execute(id, q);
      } else if (what === 1) {
        const q = 1 + rng.int(left);
        m.cancel(id, q, t);
        ref.reduce(id, q);
      } else if (what === 2) {
        m.delete(id, t);
        ref.remove(id);
      } else if (what === 3) { // ITCH replace: new id, back of the queue, maybe a new price
        const o = ref.remove(id);
        const nid = nextId++, px = pxFor(o.side), q = 1 + rng.int(100);
        m.replace(id, nid, px, q, t);
        ref.add(o.inst, nid, o.side, px, q);
        live[k] = nid;
      } else { // modify: shrink in place (priority kept) or grow (back of the queue)
        const grow = rng.chance(0.5);
        const q = grow ? left + 1 + rng.int(50) : Math.max(1, left - 1 - rng.int(Math.max(1, left - 1)));
        const o = ref.real.get(id)!;
        m.modify(id, o.px, q, t);
        if (grow) { ref.remove(id); ref.add(o.inst, id, o.side, o.px, q); } else if (q < left) ref.reduce(id, left - q);
      }
      if (!port.view.hasOrder(live[k])) live.splice(k, 1);
    } else if (r < 0.9 || ref.ours.length === 0) {
      const inst = rng.int(2), side = rng.int(2), px = side === 0 ? 99 + rng.int(2) : 101 + rng.int(2), q = 1 + rng.int(150), cl = nextCl++;
      port.submit(cl, inst, side as 0 | 1, q, px, TimeInForce.Day, t);
      port.advance(t);
      ref.submit(cl, inst, side, px, q);
    } else {
      const x = ref.ours[rng.int(ref.ours.length)];
      port.cancel(nextCl++, x.cl, x.inst, x.side as 0 | 1, t);
      port.advance(t);
      ref.cancelOurs(x.cl);
    }
  }
  port.advance(Number.MAX_SAFE_INTEGER);
  return { port: sink.fills().map((f) => [f.clOrdId, f.lastQty, f.lastPx]), ref: ref.fills };
}

describe('backtest venue: exact FIFO against a plain reference', () => {
  it('gives the same fills on seeded random L3 streams', () => {
    let total = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { port, ref } = runStream(seed, 3000);
      expect(port).toEqual(ref);
      total += ref.length;
    }
    expect(total).toBeGreaterThan(200); // the streams do fill our orders
  });
});
