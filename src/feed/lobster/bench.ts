// Benchmark of the LOBSTER book path over in-memory message lines (parseLobsterMessage +
// LobsterApplier -> BookSink): records per second of the best of `rounds` passes, a fresh book per pass.
// The lead wires it into `npm run bench`; tests only run it on tiny inputs.

import type { BookSink } from '../../book/types.js';
import { monoNs } from '../../clock/live.js';
import { newLobsterMessage, parseLobsterMessage } from './parse.js';
import { LobsterApplier } from './replay.js';

/** Deterministic LOBSTER message lines (adds, partial cancels, deletes, executions) around $100 (LCG). */
export function syntheticLobsterMessages(n: number, seed = 1): Buffer {
  let s = seed >>> 0 || 1;
  const rnd = (k: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % k;
  };
  const live: { id: number; dir: number; price: number; size: number }[] = [];
  const lines: string[] = [];
  let nextId = 1;
  let ns = 34_200_000_000_000;
  for (let i = 0; i < n; i++) {
    ns += 1 + rnd(50_000);
    const t = `${Math.floor(ns / 1e9)}.${String(ns % 1e9).padStart(9, '0')}`;
    const r = rnd(100);
    if (live.length < 20 || r < 45) {
      const dir = rnd(2) === 0 ? 1 : -1;
      const o = { id: nextId++, dir, price: (dir === 1 ? 10_000 - 1 - rnd(30) : 10_000 + 1 + rnd(30)) * 100, size: 1 + rnd(500) };
      live.push(o);
      lines.push(`${t},1,${o.id},${o.size},${o.price},${o.dir}`);
    } else {
      const k = rnd(live.length);
      const o = live[k];
      const type = r < 70 ? 2 : r < 90 ? 3 : 4;
      const q = type === 3 ? o.size : 1 + rnd(o.size);
      lines.push(`${t},${type},${o.id},${q},${o.price},${o.dir}`);
      o.size -= q;
      if (o.size === 0) live.splice(k, 1);
    }
  }
  return Buffer.from(lines.join('\n') + '\n', 'latin1');
}

export interface LobsterBenchResult {
  messages: number;
  messagesPerSecond: number;
  checksum: number;
}

export function benchLobster(buf: Buffer, makeBooks: () => BookSink, rounds = 3): LobsterBenchResult {
  const msg = newLobsterMessage();
  let bestNs = Infinity;
  let messages = 0;
  let checksum = 0;
  for (let r = 0; r < Math.max(1, rounds); r++) {
    const applier = new LobsterApplier(makeBooks(), 0);
    const t0 = monoNs();
    let n = 0;
    let sum = 0;
    let s = 0;
    for (let nl = buf.indexOf(10, 0); nl !== -1; nl = buf.indexOf(10, s)) {
      if (parseLobsterMessage(buf, s, nl, msg) === 0 && applier.apply(msg)) sum = (sum + msg.size) % 1_000_000_007;
      n++;
      s = nl + 1;
    }
    const dt = monoNs() - t0;
    if (dt < bestNs) bestNs = dt;
    messages = n;
    checksum = sum;
  }
  return { messages, messagesPerSecond: bestNs > 0 ? (messages * 1e9) / bestNs : 0, checksum };
}
