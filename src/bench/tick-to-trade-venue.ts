// Worker-thread entry of the tick-to-trade benchmark's venue (./tick-to-trade.ts, layout 'venue-thread'):
// the exchange gateway's FIX acceptor (./tick-to-trade-rig.ts startStampedVenue) on its own thread, with its
// own event loop and its own V8 heap, as the exchange is another machine in a real deployment: its parsing,
// matching and execution reports (and their garbage) no longer run on the engine's thread.
// Contract: workerData is a VenueWorkerData. The worker posts {ready, port, offsetNs} once listening, where
// offsetNs = hrtime ns - performance.now() ns on this thread (both read the same CLOCK_MONOTONIC, uv_hrtime);
// the engine converts the stamps with its own offset. For every chunk read holding a NewOrderSingle it writes
// the read time (this thread's monoMs) to stamps[0] and then increments reads[0] (Atomics: the stamp is
// visible once the count is). On {close} it closes the venue and posts {closed, orders, rejects}.
// Runs only from compiled JS (dist/bench/tick-to-trade-venue.js).

import { parentPort, workerData } from 'node:worker_threads';
import { LiveClock, monoMs } from '../clock/live.js';
import { FixDictionary } from '../fix/dictionary/dictionary.js';
import { clockOffsetNs, holdsNewOrder, startStampedVenue } from './tick-to-trade-rig.js';

export interface VenueWorkerData {
  dictionary: string;
  epochMs: number;
  compId: string;
  symbol: string;
  referencePx: number;
  /** 16 bytes: Float64 read stamp at 0, Int32 read count at 8. */
  shared: SharedArrayBuffer;
}

const port = parentPort;
if (port === null) throw new Error('bench/tick-to-trade-venue.js must run in a worker thread');
const d = workerData as VenueWorkerData;
const stamps = new Float64Array(d.shared, 0, 1);
const reads = new Int32Array(d.shared, 8, 1);

const venue = await startStampedVenue({
  dictionary: FixDictionary.fromFile(d.dictionary), clock: new LiveClock(), epochMs: d.epochMs, compId: d.compId,
  symbol: d.symbol, referencePx: d.referencePx,
  onRead: (buf, n) => {
    const t3 = monoMs();
    if (!holdsNewOrder(buf, n)) return;
    stamps[0] = t3;
    Atomics.add(reads, 0, 1);
  },
});
port.on('message', (m: { close?: boolean }) => {
  if (m.close !== true) return;
  void venue.close().then(() => {
    port.postMessage({ closed: true, orders: venue.gateway.counters.orders, rejects: venue.gateway.counters.rejects });
    port.close();
  });
});
port.postMessage({ ready: true, port: venue.port, offsetNs: clockOffsetNs() });
